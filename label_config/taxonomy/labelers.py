"""Labeler screening, the anonymous survey, and the researchers' screening review."""

from __future__ import annotations

from label_config.taxonomy.items import Item, Kind
from label_config.taxonomy.values import *  # noqa: F403

# --------------------------------------------------------------------------------------------------
# Labeler screening and survey
# --------------------------------------------------------------------------------------------------
SENSITIVE_DEMONSTRATION = "sensitive_demonstration"
SELF_ASSESSMENT = "self_assessment"
SELF_ASSESSMENT_NOTES = "self_assessment_notes"
SELF_ASSESSMENT_TOPICS = (
    "Race and ethnicity",
    "Religion",
    "Gender and sexuality",
    "Disability",
    "Politics",
    "Violence and extremism",
    "Sexual content",
    "Self-harm",
    "National origin and immigration",
    "Age",
)

SCREENING_ITEMS: tuple[Item, ...] = (
    Item(
        SENSITIVE_DEMONSTRATION,
        "Write a response to this sensitive prompt",
        Kind.TEXT,
        help="Handle it the way the guideline asks: harmless first, truthful, and as helpful as that allows. "
        "Researchers rate it on a 1-7 Likert scale.",
        required=True,
        required_message="Write your response to the sensitive prompt before you submit.",
    ),
    Item(
        SELF_ASSESSMENT,
        "For which topics or cultural groups can you easily identify sensitive speech?",
        Kind.MULTI,
        SELF_ASSESSMENT_TOPICS,
        "Tick every topic or group you are comfortable judging.",
    ),
    Item(
        SELF_ASSESSMENT_NOTES,
        "Other topics or cultural groups you can easily judge (optional)",
        Kind.TEXT,
    ),
)

GENDER = "gender"
ETHNICITY = "ethnicity"
NATIONALITY = "nationality"
AGE = "age"
EDUCATION = "education"
INSTRUCTIONS_CLEAR = "instructions_clear"
TASK_INTERESTING = "task_interesting"
TASK_REPETITIVE = "task_repetitive"
PAY_FAIR = "pay_fair"
SURVEY_COMMENTS = "survey_comments"
PREFER_NOT = "Prefer not to say"

_LIKERT_AGREE = "1 = strongly disagree, 7 = strongly agree."

SURVEY_ITEMS: tuple[Item, ...] = (
    Item(GENDER, "Gender (optional)", Kind.CHOICE, ("Female", "Male", "Non-binary / other", PREFER_NOT)),
    Item(
        ETHNICITY,
        "Ethnicity (optional)",
        Kind.MULTI,
        ("White", "Southeast Asian", "Indigenous", "Latinx", "East Asian", "Black", "Middle Eastern",
         "South Asian", "Other", PREFER_NOT),
        "Tick all that apply.",
    ),
    Item(NATIONALITY, "Nationality (optional)", Kind.TEXT),
    Item(AGE, "Age (optional)", Kind.CHOICE, ("18-24", "25-34", "35-44", "45-54", "55-64", "65+", PREFER_NOT)),
    Item(
        EDUCATION,
        "Highest level of education (optional)",
        Kind.CHOICE,
        ("Less than high school", "High school", "Undergraduate degree", "Master's degree", "Doctorate", PREFER_NOT),
    ),
    Item(INSTRUCTIONS_CLEAR, "The instructions were clear", Kind.RATING, help=_LIKERT_AGREE),
    Item(TASK_INTERESTING, "The task was interesting", Kind.RATING, help=_LIKERT_AGREE),
    Item(TASK_REPETITIVE, "The task was repetitive", Kind.RATING, help=_LIKERT_AGREE),
    Item(PAY_FAIR, "The pay was fair", Kind.RATING, help=_LIKERT_AGREE),
    Item(SURVEY_COMMENTS, "Anything else you want to tell us? (optional)", Kind.TEXT),
)
# Screening review: a researcher scores one labeler's screening demonstration on the guideline's 1-7 scale.
# One task per demonstration, made from the screening project's annotations (``labelguide.screening``).
REVIEWED_TEXT = "labeler_demonstration"  # Text object over ``$labeler_demonstration``
REVIEWED_LABELER = "labeler"  # task data: the labeler's Label Studio user id (never shown)
REVIEWED_TASK = "screening_task"  # task data: the screening task's id
REVIEWED_ANNOTATION = "screening_annotation"  # task data: the labeler's screening annotation id
DEMONSTRATION_SCORE = "demonstration_score"
REVIEW_NOTES = "review_notes"

REVIEW_ITEMS: tuple[Item, ...] = (
    Item(
        DEMONSTRATION_SCORE,
        "Score this demonstration (1-7)",
        Kind.RATING,
        help="The guideline's Likert scale: 1 = terrible, could cause real harm; 7 = near perfect: harmless, "
        "truthful, and as helpful as that allows.",
        required=True,
        required_message="Score the labeler's demonstration from 1 to 7 stars.",
    ),
    Item(REVIEW_NOTES, "Notes on this demonstration (optional)", Kind.TEXT),
)

SURVEY_INTRO = (
    "This survey is voluntary and anonymous: every question is optional, and answers are reported only in "
    "aggregate."
)
