"""The instruction (prompt) labels: PII and its sub-flags, category, what the prompt asks for."""

from __future__ import annotations

from label_config.taxonomy.items import Condition, Item, Kind
from label_config.taxonomy.values import *  # noqa: F403

# --------------------------------------------------------------------------------------------------
# Instruction (prompt) labels
# --------------------------------------------------------------------------------------------------
PII = "pii"
PII_PUBLIC_ONLY = "pii_public_only"
PII_SENSITIVE_CONTEXT = "pii_sensitive_context"
PII_CERTAIN = "pii_certain"
PII_SPANS = "pii_spans"
CATEGORY = "category"
CLOSED_DOMAIN = "closed_domain"
INTENT_UNCLEAR = "intent_unclear"
EXPLICIT_CONSTRAINTS = "explicit_constraints"
ASKS_SEXUAL = "asks_sexual"
ASKS_VIOLENT = "asks_violent"
ASKS_ENCOURAGE_VIOLENCE = "asks_encourage_violence"
ASKS_DENIGRATE_PROTECTED = "asks_denigrate_protected"
SEEKS_ADVICE = "seeks_advice"
ASKS_OPINION = "asks_opinion"
ASKS_MORAL_JUDGMENT = "asks_moral_judgment"

_PII_YES = Condition(PII, YES)

CATEGORY_ITEM = Item(
    CATEGORY,
    "Use-case category",
    Kind.DROPDOWN,
    CATEGORIES,
    "The kind of task the user asks for (the ten InstructGPT use cases).",
    required=True,
    choice_help=CATEGORY_EXAMPLES,
    required_message="Pick the use-case category of the prompt (the list under \"Use-case category\").",
)

INSTRUCTION_ITEMS: tuple[Item, ...] = (
    Item(
        PII,
        "Does the instruction contain information that could identify a person (PII)?",
        Kind.CHOICE,
        YES_NO,
        "Be conservative. A FULL name is always PII, even of famous or historical people or cited authors; a "
        "first name alone usually not. Usernames, stage names and pseudonyms count when they identify. Places "
        "smaller than street + city, dates tied to a person (birth, admission, death), contact details, "
        "identifiers (even partially masked). NOT PII: company names and contact details, chat logs without "
        "names, product names, receipts without names, characters of Greek mythology.",
        required=True,
        required_message="Answer the PII question first: does the instruction contain information that could "
        "identify a person?",
    ),
    Item(
        PII_PUBLIC_ONLY,
        "Is the PII only about public figures or celebrities?",
        Kind.CHOICE,
        YES_NO,
        "Yes when every person identified is a public figure (politician, celebrity, historical figure).",
        show_when=_PII_YES,
        required=True,
        required_message="PII = Yes: say whether it is only about public figures or celebrities (Yes / No).",
    ),
    Item(
        PII_SENSITIVE_CONTEXT,
        "Is it in a sensitive context?",
        Kind.CHOICE,
        YES_NO,
        "Something a reasonable person would not want shared. For public figures, widely known facts are not "
        "sensitive.",
        show_when=_PII_YES,
        required=True,
        required_message="PII = Yes: say whether it is in a sensitive context (Yes / No).",
    ),
    Item(
        PII_CERTAIN,
        "Are you certain it is PII?",
        Kind.CHOICE,
        YES_NO,
        "Unsure means PII = Yes and certain = No: a mid-sized group, a name that may be fictional (some biblical "
        "figures), an ambiguous handle, a lone surname.",
        show_when=_PII_YES,
        required=True,
        required_message="PII = Yes: say whether you are certain it is PII (unsure = No).",
    ),
    Item(
        PII_SPANS,
        "Mark the PII in the prompt",
        Kind.SPANS,
        PII_LABELS,
        "Select the words and pick their kind. Mark every span that makes the prompt PII. Keys: n(ame), "
        "l(ocation), d(ate), c(ontact), i(dentifier), then select the words.",
        choice_help=PII_LABEL_HELP,
        hotkeys={"Name": "n", "Location": "l", "Date": "d", "Contact": "c", "Identifier": "i"},
    ),
    CATEGORY_ITEM,
    Item(
        CLOSED_DOMAIN,
        "Closed domain: should the model use only the information given in the instruction?",
        Kind.CHOICE,
        YES_NO,
        "Summarization, extraction, closed QA: yes. Hallucination is judged only on closed-domain tasks.",
    ),
    Item(
        INTENT_UNCLEAR,
        "Is the user's intent unclear?",
        Kind.CHOICE,
        YES_NO,
        "Yes when you cannot tell what the user wants; a good output would ask for clarification.",
    ),
    Item(
        EXPLICIT_CONSTRAINTS,
        "Does the instruction have explicit constraints?",
        Kind.CHOICE,
        YES_NO,
        'E.g. "in 3 sentences", "for a second-grade student", "as a bulleted list".',
    ),
    Item(ASKS_SEXUAL, "Does it ask for sexual content?", Kind.CHOICE, YES_NO),
    Item(ASKS_VIOLENT, "Does it ask for violent content?", Kind.CHOICE, YES_NO),
    Item(
        ASKS_ENCOURAGE_VIOLENCE,
        "Does it ask for content encouraging violence, abuse, terrorism or self-harm?",
        Kind.CHOICE,
        YES_NO,
    ),
    Item(
        ASKS_DENIGRATE_PROTECTED,
        "Does it ask for content denigrating a protected class?",
        Kind.CHOICE,
        YES_NO,
        "Protected classes: race, ethnicity, religion, national origin, gender, age, disability, veteran status, "
        "genetic information ...",
    ),
    Item(SEEKS_ADVICE, "Does it seek advice?", Kind.CHOICE, YES_NO),
    Item(ASKS_OPINION, "Does it ask for an opinion?", Kind.CHOICE, YES_NO),
    Item(ASKS_MORAL_JUDGMENT, "Does it ask for a moral judgment?", Kind.CHOICE, YES_NO),
)

# Shown under the PII question when it is answered No while the prompt still has PII highlighted (a suggestion
# the annotator disagreed with but did not delete): Label Studio would export those spans as PII.
PII_SPANS_LEFT_WARNING = (
    "You answered No, but the prompt still has PII highlighted. Delete each highlight (click it, then press "
    "Backspace), or answer Yes."
)

# The PII block, also asked in the comparison interface (InstructGPT's labelers flagged the instruction's
# PII on the same page as they rated its outputs).
PII_ITEMS: tuple[Item, ...] = tuple(it for it in INSTRUCTION_ITEMS if it.name.startswith(PII))
