"""The guideline's PII rules that Presidio lacks or gets wrong, as cheap functions over a text and its spaCy Doc.

``ml_backend.pii`` runs Presidio (pattern recognizers) and spaCy once per text, then hands the text, the Doc and
Presidio's results to :func:`find_candidates`, which returns :class:`Candidate` spans labelled with the guideline's
five labels (``taxonomy.PII_LABELS``). Nothing here loads a model or runs spaCy again; everything is compiled
regexes, word lists from ``ml_backend/data/`` and lookups on the Doc already produced.

What the rules decide (the guideline, "Instruction (prompt) labels"; the reasons are in each function):

- Names: a full name is PII (certain), famous or historical people too; a lone first name is *weak* (it counts only
  when the prompt holds other PII: "combinable"); a lone surname or unknown single name is PII, not certain;
  characters of Greek/Roman mythology are not PII; biblical full names are PII, not certain; bands/groups are PII,
  not certain (entity ``GROUP``); organisations are never PII.
- Locations: street addresses and units below a street (Apt., Suite, PO Box, military addresses, street corners)
  are PII; a city, region or country alone is not (spaCy GPE/LOC are ignored); an address stated as a business's
  or public place's ("the restaurant is at ...", "our office is at ...") is company contact data, not PII.
- Dates: only when tied to a person: a cue (born, birth, DOB, died, death, admitted, discharged ...) or a
  day-precise date in the same record as a person's full name. "On Monday", "in 1999 the economy" are not PII.
- Contact: personal phones and e-mails; a toll-free number, a role mailbox (support@, info@ ...) or a contact given
  in a business context without a personal marker ("call Acme support at ...") is company contact data, not PII.
- Identifiers: structured ids (Presidio), ids after a cue word ("account number", "licence plate", "MRN" ...),
  partially masked ids ("***-**-1234", "XXXX XXXX XXXX 4321"), personal websites / profile URLs, usernames and
  @handles (an @handle alone is ambiguous: not certain). Identifiers are labelled ``Identifier``; usernames and
  handles identify a person by name-like means and are labelled ``Name`` (entity ``USERNAME``).

Example::

    >>> Candidate(0, 12, "Name", "PERSON", 0.85, True).label
    'Name'
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Iterable, Sequence

from label_config.taxonomy import PII_LABELS

NAME, LOCATION, DATE, CONTACT, IDENTIFIER = PII_LABELS

RULES_VERSION = "rules-1"


@dataclass
class Candidate:
    """A PII span proposed by Presidio or a rule, before overlaps are resolved.

    ``weak`` marks evidence that is not PII on its own (a lone first name): it is kept only when the prompt holds
    other PII. ``public`` is True for a name on the list of well-known public figures.

    >>> c = Candidate(11, 17, "Name", "PERSON", 0.3, False, weak=True)
    >>> (c.start, c.end, c.weak)
    (11, 17, True)
    """

    start: int
    end: int
    label: str
    entity: str
    score: float
    certain: bool
    weak: bool = False
    public: bool = False


# --------------------------------------------------------------------------------------------------------------
# Word lists (ml_backend/data/*.txt, one entry a line, '#' comments)
# --------------------------------------------------------------------------------------------------------------


def _read_list(name: str) -> tuple[str, ...]:
    text = resources.files("ml_backend").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def first_names() -> frozenset[str]:
    """Given names (Title case), e.g. ``"Jennifer" in first_names()``."""
    return frozenset(_read_list("first_names.txt"))


@cache
def mythology_names() -> frozenset[str]:
    """Characters of Greek (and Roman) mythology: not PII."""
    return frozenset(_read_list("greek_mythology.txt"))


@cache
def public_figures() -> frozenset[str]:
    """Well-known public figures, casefolded, for ``pii_public_only``."""
    return frozenset(n.casefold() for n in _read_list("public_figures.txt"))


@cache
def biblical_names() -> frozenset[str]:
    """Biblical figures written like full names (PII, not certain), casefolded."""
    return frozenset(n.casefold() for n in _read_list("biblical_names.txt"))


@cache
def _band_regex() -> re.Pattern[str]:
    names = sorted(_read_list("bands.txt"), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


def common_words_from_nlp(nlp: Any) -> frozenset[str]:
    """Lowercase common English words from the spaCy pipeline's own lemmatizer index (WordNet nouns, verbs,
    adjectives, adverbs), or an empty set when the pipeline has none. Used to reject "Discipline" or
    "Salesperson" tagged PERSON by the small model; costs nothing at run time (a set lookup)."""
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except Exception:  # a pipeline without a rule lemmatizer
        return frozenset()
    words: set[str] = set()
    for _, entries in table.items():
        words.update(w for w in entries if w.isalpha())
    return frozenset(words)


def load_word_lists() -> None:
    """Load every word list now (the engine calls this at start-up so the first request is not slower)."""
    first_names(), mythology_names(), public_figures(), biblical_names(), _band_regex(), _biblical_regex()


# --------------------------------------------------------------------------------------------------------------
# Shared vocabulary
# --------------------------------------------------------------------------------------------------------------

_TITLES = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Madam|Mme|Mlle|Herr|Frau|Sr|Sra|Srta)"
_TITLE_RE = re.compile(r"(?<![\w])" + _TITLES + r"\.?$", re.IGNORECASE)

# Words that, capitalized, end or spoil a "First Last" name guess: organisations, places, generic title words.
_NOT_NAME_WORDS = frozenset(
    """
    Street St Avenue Ave Road Rd Boulevard Blvd Lane Drive Court Way Place Square Highway Park Parkway Bridge River
    Lake Mountain Mount Mountains Island Islands Valley Hill Hills Beach Bay City County State Republic Kingdom
    University College School Institute Academy Hospital Clinic Center Centre Bank Group Inc Ltd Llc Corp Company
    Co Foundation Fund Trust Society Association Club Team Union Party Church Cathedral Museum Library Airport
    Station Hotel Restaurant Cafe Store Shop Mall Market Tower Hall House Palace Castle Studios Records Press Post
    Times News Journal Magazine Review Daily Weekly Tech Technologies Systems Software Solutions Services Labs
    Industries International Global Capital Partners Holdings Ventures Media Network Networks Airlines Motors
    Pharmaceuticals Energy Health Care Insurance Financial Consulting Agency Department Ministry Council Committee
    Court Police Army Navy Force Forces Orchestra Choir Band Ensemble Quartet Corporation Incorporated Limited
    Company Enterprises Manager Director President Officer Chief Executive Secretary Chairman Chairwoman
    Senator Governor Mayor Minister Chancellor Founder Cofounder Editor Producer Script Video Channel App Electric Electronics Dynamics Mills Foods Airways Brands Petroleum Oil Gas Steel
    Chemicals Automotive Instruments Semiconductor Semiconductors Communications Telecom Pharma Princess Royal Duchess Emperor Empress Pope Countess Majesty Highness Street Day Week Month Year Monday Tuesday Wednesday Thursday Friday Saturday
    Sunday January February March April June July August September October November December Christmas Easter
    Award Awards Prize Cup League Championship Series Festival Show Film Movie Album Song Book Edition Version
    Pro Max Plus Mini Ultra Air Edition Tips Guide Review Sale Summer Winter Spring Autumn Fall North South East
    West Northern Southern Eastern Western Central Upper Lower New Old Great Little Big Saint San Santa Los Las
    English French German Spanish Italian Chinese Japanese American British European African Asian Russian
    Christian Muslim Jewish Catholic Protestant Google Apple Microsoft Amazon Facebook Twitter Instagram Python
    Java Excel Word Windows Linux Android Please Thanks Thank Hello Dear Hi Yes No Note Subject Re Fwd The And Of
    """.split()
)

_PERSONAL_MARKER = re.compile(
    r"\b(?:my|me|mine|i|i'm|im|myself|his|her|him|hers|personal|home|cell|private)\b", re.IGNORECASE
)
_BUSINESS_NOUNS = re.compile(
    r"\b(?:support|customer (?:service|care|support|success)|help ?desk|help ?line|hotline|call[- ]cent(?:er|re)|"
    r"switchboard|reception|front desk|headquarters|hq|head office|offices?|store|shop|restaurant|caf[eé]|hotel|"
    r"bank|branch|company|corporation|firm|agency|department|dept|sales|billing|clinic|hospital|pharmacy|"
    r"library|museum|school|university|station|airport|embassy|consulate|council|city hall|town hall|police|gym|"
    r"salon|bakery|pub|theat(?:er|re)|cinema|mall|factory|warehouse|dealership|studio|inc|ltd|llc|gmbh|"
    r"our team|business|organi[sz]ation|charity|venue|shelter|post office|brand)\b",
    re.IGNORECASE,
)
_ROLE_MAILBOX = frozenset(
    """support info help contact contacts sales billing admin administrator office enquiries enquiry inquiries
    inquiry service services customerservice customercare care hello team press media pr news newsletter marketing
    careers jobs hr recruiting noreply no-reply donotreply do-not-reply webmaster postmaster hostmaster abuse security
    privacy legal compliance orders order returns accounts accounting finance feedback reservations booking bookings
    helpdesk it ops operations partners partnerships investors ir events general mail""".split()
)
_TOLL_FREE = re.compile(r"^\s*(?:\+?1[\s.\-]?)?\(?8(?:00|33|44|55|66|77|88)\)?[\s.\-]?\d|^\s*\+?(?:44\s?|0)80[08]\b")

_SENT_BREAK = re.compile(r"[.!?](?=\s+[A-Z\"“(])|[.!?]$|\n")


class _Ctx:
    """Per-text lookups shared by the rules: sentence breaks, spaCy entities by label, token offsets."""

    __slots__ = ("text", "doc", "breaks", "ents", "tok_starts", "common")

    def __init__(self, text: str, doc: Any, common: frozenset[str] = frozenset()) -> None:
        self.text = text
        self.doc = doc
        self.common = common  # lowercase common English words (nouns, verbs, adjectives, adverbs)
        self.breaks = [m.end() for m in _SENT_BREAK.finditer(text)]
        # spaCy's own labels (PERSON, ORG, GPE, DATE ...); Presidio relabels only its copies of the spans.
        self.ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents] if doc is not None else []
        self.tok_starts = [t.idx for t in doc] if doc is not None else []

    def sentence_start(self, pos: int) -> int:
        i = bisect.bisect_right(self.breaks, pos) - 1
        return self.breaks[i] if i >= 0 else 0

    def sentence_end(self, pos: int) -> int:
        i = bisect.bisect_left(self.breaks, pos + 1)
        return self.breaks[i] if i < len(self.breaks) else len(self.text)

    def before(self, pos: int, width: int = 80) -> str:
        """Text of the same sentence before ``pos``, at most ``width`` characters."""
        return self.text[max(self.sentence_start(pos), pos - width):pos]

    def ents_overlapping(self, start: int, end: int, labels: Iterable[str]) -> list[tuple[int, int, str]]:
        wanted = set(labels)
        return [e for e in self.ents if e[2] in wanted and e[0] < end and start < e[1]]


# --------------------------------------------------------------------------------------------------------------
# Company / public-place context
# --------------------------------------------------------------------------------------------------------------


def is_company_context(ctx: _Ctx, start: int, end: int, *, person_spans: Sequence[tuple[int, int]] = ()) -> bool:
    """True when the contact detail or address at ``start:end`` is stated as a business's or public place's.

    Evidence, in the same sentence before the span: a business noun ("support", "office", "restaurant",
    "station" ...) or an organisation recognised by spaCy, and no personal marker ("my", "me", "his", "home" ...)
    between that evidence and the span, and no person's name in the sentence (a person's work phone on a business
    card is still their contact detail). Example: "call Acme support at 555-0100" -> True; "call me at 555-0100"
    -> False.
    """
    s0 = ctx.sentence_start(start)
    window_start = max(s0, start - 100)
    window = ctx.text[window_start:start]
    sent_end = ctx.sentence_end(end)
    if any(s0 <= ps < sent_end and not (ps < end and start < pe) for ps, pe in person_spans):
        return False
    anchor = -1
    for m in _BUSINESS_NOUNS.finditer(window):
        anchor = max(anchor, m.start())
    for es, ee, lab in ctx.ents:
        if lab == "ORG" and window_start <= es and ee <= start:
            anchor = max(anchor, es - window_start)
    if anchor < 0:
        return False
    return _PERSONAL_MARKER.search(window, anchor) is None


def is_company_contact_value(value: str, entity: str) -> bool:
    """A toll-free number or a role mailbox is a company's whatever the sentence says.

    >>> is_company_contact_value("1-800-555-0199", "PHONE_NUMBER"), is_company_contact_value("support@acme.com", "EMAIL_ADDRESS")
    (True, True)
    >>> is_company_contact_value("jane.doe@gmail.com", "EMAIL_ADDRESS")
    False
    """
    if entity == "PHONE_NUMBER":
        return bool(_TOLL_FREE.search(value))
    if entity == "EMAIL_ADDRESS" and "@" in value:
        local = value.split("@", 1)[0].casefold()
        return local in _ROLE_MAILBOX or local.split(".")[0] in _ROLE_MAILBOX or local.split("+")[0] in _ROLE_MAILBOX
    return False


# --------------------------------------------------------------------------------------------------------------
# Street addresses and sub-city locations
# --------------------------------------------------------------------------------------------------------------

_STREET_TYPES = (
    r"Street|St|Str|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|"
    r"Square|Sq|Highway|Hwy|Parkway|Pkwy|Circle|Cir|Crescent|Cres|Trail|Trl|Close|Alley|Route|Expressway|Pike|"
    r"Plaza|Mews|Wharf|Quay"
)
_STREET_PREFIX = (
    r"Via|Viale|Vicolo|Piazza|Corso|Largo|Rue|Avenue|Boulevard|Calle|Avenida|Av\.|Rua|Travessa|Praça|Paseo|"
    r"Camino|Carrer|Carretera|Plaza|Strada|Ulica|ul\.|Aleja|al\.|Utca|Πλατεία|Οδός|Odos|Rúa|Cesta|Trg|Ulitsa"
)
_STREET_SUFFIX = (
    r"strasse|straße|str\.|gasse|weg|vej|vejen|vænget|vænge|vägen|väg|gatan|gata|gade|tie|katu|kuja|polku|kaari|"
    r"veien|vegen|vegur|braut|stræti|straat|laan|plein|gracht|dreef|steeg|kade|singel|ulica|utca|út|tér|cesta|"
    r"iela|gatve|allee|platz|damm|ufer|gärde"
)
_W = r"[^\W\d_][\w'’.\-]*"  # a word starting with a letter (any script)
_CAPW = r"(?:[A-ZÀ-ÞĀ-ſΑ-ΩА-Я][\w'’.\-]*)"  # a capitalized word (Latin, Greek, Cyrillic)
_NUM = r"\d{1,6}[A-Za-z]?(?:[/\-]\d{1,4}[A-Za-z]?)?"

_ADDRESS_SEEDS = re.compile(
    "|".join(
        (
            # 24 Clarke Avenue, 1659 Hoog St, 17 N Main St.
            rf"\b{_NUM},?\s+(?:[NSEW]\.?\s+)?(?:{_CAPW}\s+){{0,4}}(?:{_STREET_TYPES})\b\.?",
            # 76 Boulevard de Normandie, Via Tasso 129, Rue Dielhère 130, ul. Zamkowa 33
            rf"(?:\b{_NUM}\s+)?(?<![\w])(?:{_STREET_PREFIX})\s+(?:(?:{_CAPW}|de|di|del|da|do|dos|das|la|le|des|du)\s+){{0,4}}?{_CAPW}(?:\s+{_NUM}\b\.?)?",
            # Puruntie 82, Augsburger Strasse 36, Hegedûs Gyula utca 76., hegyalja út 98.
            rf"(?:{_CAPW}\s+){{0,2}}{_W}(?:{_STREET_SUFFIX})\s+{_NUM}\b\.?",
            rf"(?:{_CAPW}\s+){{0,2}}(?:{_STREET_SUFFIX.replace('|str.', '')})\s+{_NUM}\b\.?",
            # Apt. 595, Suite 501, Unit 7349 Box 6067, PO Box 12, PSC 3294, Box 9168, APO AA 61487
            r"(?i:\b(?:apt|apartment|suite|ste|unit|flat|room|floor|fl)\b)\.?\s*#?\s*\d{1,5}[A-Za-z]?\b",
            r"\b(?i:p\.?\s?o\.?\s?box|post office box|box)\s+\d{1,6}\b",
            r"\b(?:PSC|CMR|USNS|USS|USCGC)\s+[\w]+(?:,\s*Box\s+\d+)?",
            r"\b(?i:APO|FPO|DPO)\s+(?i:AA|AE|AP)\s+\d{5}\b",
            # the corner of X and Y
            r"(?i:\bthe corner of\b)\s+[^\n,.;!?]{3,60}?\s+(?i:and|&)\s+(?:\d+\s+)?(?:[\w'’\-]+\s?){1,4}",
        )
    )
)

_ADDRESS_CUE = re.compile(
    r"(?i:\b(?:address(?:es)?(?: is| are|:)?(?: here they are:)?|addr\.?:|lives? (?:on|at|in)|living (?:on|at)|"
    r"resides? at|residing at|moved to|deliver(?:ed)?(?: it| this| them)? to|ship(?:ped)?(?: it| this| them)? to|"
    r"sen[dt](?: it| this| them)? to|mail(?:ed)?(?: it| this| them)? to|return(?:ed)? to|meet (?:me|us) at|"
    r"pick (?:me|us) up (?:at|from)|taxi to|drops? (?:you|me|us) off at|arrived at|stop at|enter on|"
    r"(?:is|are) (?:located )?(?:at|on|in)|i'?m at|i am at|come to|user:))\s*"
)

_ADDR_CONNECTORS = frozenset(
    "de di del da do dos das la le les des du van von der den den y e i na nad pod and of the corner u. út utca "
    "tér trg ulica apt apt. suite unit box st. ul. no. nr. &".split()
)
_ADDR_STOP = frozenset(
    "phone tel telephone fax mobile cell desk email e-mail website web office name date when where i i'm".split()
)


def _addr_token_ok(tok: str) -> bool:
    core = tok.strip(",;()")
    if not core:
        return True
    low = core.casefold().rstrip(".:")
    if low in _ADDR_STOP or core.endswith(":"):
        return False
    if core[0].isdigit():
        return True
    if core.casefold() in _ADDR_CONNECTORS or low in _ADDR_CONNECTORS:
        return True
    return core[0].isupper()


_TOKEN = re.compile(r"\S+")


def _extend_address(text: str, start: int, end: int, limit: int = 140) -> tuple[int, int]:
    """Grow an address seed forward over address-like tokens (numbers, capitalized words, Apt./Suite, commas,
    line breaks) and back over the house-number part of its own line; stop at a sentence, a field label, a
    lowercase word or ``limit`` characters."""
    new_end = end
    if not text[start:end].rstrip().endswith((".", "?", "!")) or re.search(r"\d\.$|\b(?i:apt|st|ul|u)\.$", text[start:end]):
        pos = end
        for m in _TOKEN.finditer(text, end):
            gap = text[pos:m.start()]
            if gap.count("\n") > 2 or m.end() - start > limit:
                break
            tok = m.group()
            if not _addr_token_ok(tok):
                break
            new_end = m.end()
            pos = m.end()
            core = tok.rstrip(",;")
            if core.endswith(("?", "!")) or (core.endswith(".") and not re.search(r"(?:\d|\b(?i:apt|st|ul|u|no|nr))\.$", core)):
                break
            if tok.endswith(".") and re.search(r"\d\.$", tok):
                nxt = text[m.end():m.end() + 3]
                if not nxt.strip() or (nxt[:1] == " " and nxt[1:2].islower()):
                    break
    # backward over the same line: house numbers and capitalized words before the seed
    line_start = text.rfind("\n", 0, start) + 1
    new_start = start
    prefix = text[line_start:start]
    toks = list(_TOKEN.finditer(prefix))
    for m in reversed(toks):
        tok = m.group().strip(",")
        if tok and (tok[0].isdigit() or (tok[0].isupper() and tok.casefold() not in _ADDR_STOP and not tok.endswith(":"))):
            new_start = line_start + m.start()
        else:
            break
    # a seed that starts a line may continue the previous line (house number + street) in multi-line addresses
    if new_start == line_start and line_start > 0:
        prev_start = text.rfind("\n", 0, line_start - 1) + 1
        prev = text[prev_start:line_start - 1]
        if prev.strip() and re.match(r"\s*[>\-*]?\s*\d", prev) and all(_addr_token_ok(t) for t in prev.split()):
            new_start = prev_start + (len(prev) - len(prev.lstrip()))
    # trim trailing punctuation / connectors
    trimmed = re.sub(r"(?:[\s,;]+|\s+(?i:and|of|the|in|at|on))+$", "", text[new_start:new_end])
    if trimmed.endswith("."):
        # a final full stop ends the sentence, unless it belongs to an abbreviation or house number ("Apt.",
        # "u. 15.") and the text goes on on the same line
        closes_abbrev = re.search(r"(?:\d|\b(?i:apt|st|ul|u))\.$", trimmed) is not None
        line_goes_on = text[new_start + len(trimmed):new_start + len(trimmed) + 1] not in ("", "\n")
        if not (closes_abbrev and line_goes_on):
            trimmed = trimmed[:-1]
    return new_start, new_start + len(trimmed)


def find_addresses(ctx: _Ctx) -> list[Candidate]:
    """Street addresses and units below a street, found by street words / unit words / cues, then grown.

    >>> ctx = _Ctx("Meet me at 24 Clarke Avenue, Apt. 3 tonight", None)
    >>> [(ctx.text[c.start:c.end], c.label) for c in find_addresses(ctx)]
    [('24 Clarke Avenue, Apt. 3', 'Location')]
    """
    text = ctx.text
    seeds: list[tuple[int, int]] = []
    for m in _ADDRESS_SEEDS.finditer(text):
        value = m.group()
        if not (any(ch.isdigit() for ch in value) or value.casefold().startswith("the corner")):
            continue
        words = [w.strip(",.").casefold() for w in value.split() if not any(ch.isdigit() for ch in w)]
        if words and all(w in ctx.common for w in words) and not re.search(
            rf"(?i)\b(?:{_STREET_TYPES}|apt|apartment|suite|unit|box|corner)\b", value
        ):
            continue  # "Brigade 7", "Arcade 3": a common word that only ends like a street
        seeds.append((m.start(), m.end()))
    for m in _ADDRESS_CUE.finditer(text):
        # after a cue, an address-like run holding a digit and a word
        s, e = _extend_address(text, m.end(), m.end())
        # "Billing address: Sara Schwarz\n 28245 Puruntie 82": lines before the first line with a digit are not
        # part of the address (a name line)
        while "\n" in text[s:e]:
            first_line_end = text.index("\n", s)
            if first_line_end >= e or re.search(r"\d", text[s:first_line_end]):
                break
            s = first_line_end + 1
            while s < e and text[s] in " \t\n>":
                s += 1
        chunk = text[s:e]
        if s >= m.end() and re.search(r"\d", chunk) and re.search(r"[^\W\d_]{3,}", chunk) and not re.fullmatch(r"[\d\s,./:\-]+", chunk):
            if re.match(r"\s*\d", chunk) and len(chunk.split()) < 2:
                continue
            seeds.append((s, e))
    if not seeds:
        return []
    spans = sorted(_extend_address(text, s, e) for s, e in seeds)
    merged: list[list[int]] = []
    for s, e in spans:
        if e <= s:
            continue
        if merged and s <= merged[-1][1] + 3 and not text[merged[-1][1]:s].strip(" ,\n"):
            merged[-1][1] = max(merged[-1][1], e)
        elif merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out = []
    for s, e in merged:
        value = text[s:e]
        if not re.search(r"\d", value) and not value.casefold().startswith("the corner"):
            continue
        if re.fullmatch(r"[\d\s.,:/\-]+", value):
            continue
        out.append(Candidate(s, e, LOCATION, "STREET_ADDRESS", 0.75, True))
    return out


# --------------------------------------------------------------------------------------------------------------
# Identifiers: masked, cued; phones with a cue; handles and usernames; personal URLs
# --------------------------------------------------------------------------------------------------------------

_MASK = r"[Xx*•●#]"
_MASKED_ID = re.compile(
    rf"(?<![\w*•●#])(?:[A-Z]{{2}}\d{{2}}[\s\-]?)?(?:(?:{_MASK}{{2,}}|\d{{2,}})[\s.\-]?){{1,7}}(?:{_MASK}{{2,}}|\d{{2,}})(?![\w*•●#])"
    rf"|(?<![\w*•●#]){_MASK}{{3,}}\d{{2,6}}(?![\w])"
    rf"|(?<![\w])\d{{2,6}}{_MASK}{{3,}}(?![\w*•●#])"
)
_ENDING_IN = re.compile(
    r"(?i:\b(?:card|account|acct|ssn|social security(?: number)?|number|iban|phone)\b[^.\n]{0,30}?"
    r"\b(?:ending|ends|ending in|ends in|ending with|last (?:4|four) digits?(?: are| is|:)?)\b\s*(?:in|with|:)?\s*)"
    r"(\d{4})\b"
)

_ID_CUE = re.compile(
    r"(?i:\b(?:account|acct|a/c|member(?:ship)?|customer|client|policy|passport|driver'?s? licen[cs]e|licen[cs]e|"
    r"dl|id|identification|identity card|national id|patient|mrn|medical record|health(?:care)? (?:card|number)|"
    r"insurance|claim|(?:licen[cs]e |number |registration )?plate|vehicle registration|registration|reg|vin|"
    r"serial|device(?: id)?|imei|mac address|routing|sort code|employee|staff|student|tax|tin|ein|ssn|"
    r"social security|social insurance|sin|nhs|national insurance|ni|voter|badge|library card|"
    r"(?:credit |debit |bank |payment )?card|cc)"
    r"(?:\s+(?:number|no\.?|num|nr|#|id|code))?(?:\s+(?:is|was|:|=|of))?\s*[:#]?\s*)"
    r"([A-Z0-9][A-Z0-9\-]{3,24}[A-Z0-9]|\d{4,})\b"
)
# "Number is 4152488713445952355": 12-19 digits after "number" are a card or account number, not a phone
_LONG_NUMBER = re.compile(r"(?i:\bnumber\s*(?:is|:|=)?\s*)(\d{12,19})\b")
_PHONE_CUE = re.compile(
    r"(?i:\b(?:phone|tel|telephone|mobile|cell|cellphone|fax|call|calling|text|sms|whatsapp|number|reach|"
    r"contact|answering at|messages? to|registered|ring|dial|desk|office|home|landline)\b[^\n\d+(]{0,25}?)"
    r"(\+?\(?\d{1,4}\)?(?:[ \t.\-]{1,2}\(?\d{1,5}\)?){1,6}(?:[ \t]?(?:x|ext\.?)[ \t]?\d{1,5})?)"
)
_PHONE_AFTER = re.compile(
    r"(?<![\d\-])(\+?\(?\d{1,4}\)?(?:[ \t.\-]{1,2}\(?\d{1,5}\)?){1,6})(?:[ \t]?(?:x|ext\.?)[ \t]?\d{1,5})?[ \t\-]+(?i:office|fax|mobile|cell|home|work)\b"
)
_DATE_LIKE = re.compile(r"^\d{1,4}[\-/.]\d{1,2}[\-/.]\d{1,4}$")

_HANDLE = re.compile(r"(?<![\w@.+\-/])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)(?![\w@(])")
_USERNAME_CUE = re.compile(
    r"(?i:\b(my|his|her|their|your)?\s*(?:user ?name|user-name|user id|userid|handle|screen ?name|gamertag|"
    r"login|nick(?:name)?|ig|insta(?:gram)?|twitter|tiktok|reddit|discord|github|telegram|snapchat|skype)"
    r"(?: (?:handle|account|name|id))?\s*(?:is|:|=)\s*)@?([A-Za-z0-9_][A-Za-z0-9_.\-]{2,31})"
)
_NOT_USERNAME = frozenset("the a an my same not your this that it is and or but".split())
_CODE_DECORATOR = frozenset(
    "property staticmethod classmethod dataclass override abstractmethod cache lru_cache wraps app router pytest "
    "mock patch param media import tailwind apply layer keyframes font-face mixin include extend".split()
)

_PROFILE_URL = re.compile(
    r"(?i)(?:twitter\.com|x\.com|instagram\.com|facebook\.com|fb\.com|tiktok\.com|github\.com|gitlab\.com|"
    r"medium\.com/@|reddit\.com/u(?:ser)?/|youtube\.com/(?:@|user/|c/)|linkedin\.com/in/|threads\.net/@|"
    r"pinterest\.com|soundcloud\.com|behance\.net|dribbble\.com)/?@?[A-Za-z0-9_.\-]{2,}|/~[A-Za-z0-9_.\-]+"
)
_WEBSITE_CUE = re.compile(r"(?i)\b(?:website|web site|site|blog|homepage|home page|portfolio|web page|webpage|page)\b")


def find_identifiers(ctx: _Ctx) -> list[Candidate]:
    """Masked identifiers, ids after a cue word, and "card ending in 1234".

    >>> ctx = _Ctx("SSN ***-**-1234 and account number 99881234", None)
    >>> [(ctx.text[c.start:c.end], c.entity) for c in find_identifiers(ctx)]
    [('***-**-1234', 'MASKED_ID'), ('99881234', 'ACCOUNT_ID')]
    """
    text = ctx.text
    out: list[Candidate] = []
    for m in _MASKED_ID.finditer(text):
        v = m.group()
        masks = sum(v.count(c) for c in "Xx*•●#")
        digits = sum(c.isdigit() for c in v)
        if masks >= 3 and digits >= 2 and len(v) >= 6 and re.search(_MASK + "{2,}", v):
            if re.fullmatch(r"[Xx]+\d+", v) and len(v) < 7:
                continue
            out.append(Candidate(m.start(), m.end(), IDENTIFIER, "MASKED_ID", 0.8, True))
    for m in _ENDING_IN.finditer(text):
        out.append(Candidate(m.start(1), m.end(1), IDENTIFIER, "PARTIAL_ID", 0.6, True))
    for m in _LONG_NUMBER.finditer(text):
        out.append(Candidate(m.start(1), m.end(1), IDENTIFIER, "ACCOUNT_ID", 0.6, True))
    for m in _ID_CUE.finditer(text):
        v = m.group(1)
        if sum(c.isdigit() for c in v) < 3 or _DATE_LIKE.match(v):
            continue
        out.append(Candidate(m.start(1), m.end(1), IDENTIFIER, "ACCOUNT_ID", 0.7, True))
    return out


def find_cued_phones(ctx: _Ctx) -> list[Candidate]:
    """Phone numbers in any national format when a cue word says so ("call me at 0494 92 82 32", "Fax: ...",
    "416 60 039 office"). Presidio's phone recognizer covers the well-formed international ones.

    >>> ctx = _Ctx("They're not answering at 78 651 450", None)
    >>> [ctx.text[c.start:c.end] for c in find_cued_phones(ctx)]
    ['78 651 450']
    """
    text = ctx.text
    out = []
    for rx in (_PHONE_CUE, _PHONE_AFTER):
        for m in rx.finditer(text):
            v = m.group(1).rstrip(" .-")
            digits = sum(c.isdigit() for c in v)
            if not 6 <= digits <= 15 or _DATE_LIKE.match(v.replace(" ", "")):
                continue
            if re.fullmatch(r"\d{4}", v) or re.fullmatch(r"(?:19|20)\d\d", v.strip()):
                continue
            s = m.start(1)
            out.append(Candidate(s, s + len(v), CONTACT, "PHONE_NUMBER", 0.6, True))
    return out


def find_handles(ctx: _Ctx) -> list[Candidate]:
    """@handles (ambiguous: not certain) and usernames given with a cue ("my username is jdoe92": certain).

    >>> ctx = _Ctx("ask @jane_doe92 or my username: coolcat77", None)
    >>> [(ctx.text[c.start:c.end], c.certain) for c in find_handles(ctx)]
    [('@jane_doe92', False), ('coolcat77', True)]
    """
    text = ctx.text
    out = []
    for m in _HANDLE.finditer(text):
        name = m.group(1)
        low = name.casefold()
        if low in _CODE_DECORATOR or low.split(".")[0] in _CODE_DECORATOR or name.isdigit():
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        if not text[line_start:m.start()].strip() and re.match(r"\s*\n\s*(?:def|class|async|@)\b", text[m.end():m.end() + 20]):
            continue  # a Python decorator line
        if any(k in low for k in ("support", "help", "official", "team", "news", "store", "shop", "service")):
            continue  # company accounts
        out.append(Candidate(m.start(), m.end(), NAME, "USERNAME", 0.55, False))
    for m in _USERNAME_CUE.finditer(text):
        v = m.group(2).rstrip(".")
        if v.casefold() in _NOT_USERNAME or len(v) < 3:
            continue
        s = m.start(2)
        if s > 0 and text[s - 1] == "@":
            s -= 1
        out.append(Candidate(s, m.start(2) + len(v), NAME, "USERNAME", 0.7, True))
    return out


def personal_url(ctx: _Ctx, start: int, end: int, *, has_person: bool) -> Candidate | None:
    """A URL is an identifier only when it is a person's: a social-profile URL (twitter.com/jdoe,
    linkedin.com/in/jdoe, /~jdoe), or a site introduced as someone's ("my blog", "Website:" in a record that names a
    person). Other URLs (wikipedia, a company site) are not PII."""
    value = ctx.text[start:end]
    if _PROFILE_URL.search(value):
        return Candidate(start, end, IDENTIFIER, "PERSONAL_URL", 0.6, False)
    before = ctx.text[max(0, start - 40):start]
    cue = _WEBSITE_CUE.search(before)
    if cue:
        if re.search(r"(?i)\b(?:my|his|her|personal)\b", before):
            return Candidate(start, end, IDENTIFIER, "PERSONAL_URL", 0.7, True)
        if has_person and not is_company_context(ctx, start, end):
            return Candidate(start, end, IDENTIFIER, "PERSONAL_URL", 0.5, False)
    return None


# --------------------------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------------------------

_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÞĀ-ſ][a-zß-ÿĀ-ſ'’\-]+$|^[A-ZÀ-ÞĀ-ſ][a-zß-ÿĀ-ſ]*[A-ZÀ-ÞĀ-ſ][a-zß-ÿĀ-ſ'’\-]+$")
_INITIAL = re.compile(r"^[A-ZÀ-ÞĀ-ſ]\.?$")
_NAME_CUE = re.compile(
    r"(?i:\b(?:(?:my|his|her|their|your|partner'?s|wife'?s|husband'?s|mother'?s|father'?s|son'?s|daughter'?s)\s+)?"
    r"(full |first |last |maiden |family |sur|given |middle )?name\??\s*(?:is|was|:|\?)[ \t]*|\b(?:called|named)[ \t]+)"
    r"((?:[A-ZÀ-ÞĀ-ſ][\w'’\-]*\.?)(?:[ \t]+(?:[A-ZÀ-ÞĀ-ſ][\w'’\-]*\.?)){0,3})"
)
_TITLE_NAME = re.compile(
    r"(?<![\w])(?i:" + _TITLES + r")\.?[ \t]+((?:[A-ZÀ-ÞĀ-ſ][\w'’\-]*\.?)(?:[ \t]+(?:[A-ZÀ-ÞĀ-ſ][\w'’\-]*\.?)){0,2})"
)
_GROUP_CUE = re.compile(
    r"(?i:\b(?:the (?:rock |pop |punk |metal |indie |boy |girl |jazz )?(?:band|group|duo|trio|quartet|quintet)|"
    r"boy band|girl group)\s+)((?:The\s+)?[A-Z0-9][\w'’&\-]*(?:\s+[A-Z0-9][\w'’&\-]*){0,3})"
)
_SELF_INTRO = re.compile(r"(?i:\b(?:my name is|my name's|i'm|i am|call me|this is|it's|name:)\s*)$")
_SURNAME_CUE = re.compile(r"(?i:\b(?:last name|surname|family name|maiden name)\b[^.\n]{0,12})$")
# "<X> is a design agency", "<X>, an investment bank": X is an organisation (or a group), not a person.
_ORG_PREDICATE = re.compile(
    r"^(?:'s)?\s*(?:,\s*|\s+(?:is|was|are|were|has been)\s+)(?:a|an|the|one of the)\s+(?:[\w\-]+\s+){0,5}?"
    r"(?i:company|agency|bank|firm|corporation|startup|start-up|business|brand|manufacturer|retailer|publisher|"
    r"label|studio|university|college|school|charity|foundation|orchestra|institute|nonprofit|non-profit|"
    r"conglomerate|enterprise|provider|group|organi[sz]ation|club|team|consultancy|producer|chain|store|"
    r"restaurant|hotel|airline|platform|app|website|service|fund|holding)s?\b"
)
_SPLIT_NAME = re.compile(r"[\s]+")
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.\-]*$")
_INTERJECTION = re.compile(r"(?i)^(?:(?:b?w?a?h+a+)+h*|h+m+|u+h+m*|o+h+|a+h+|wanna|gonna|gotta|lol|omg|wow|yay|ugh|"
                           r"haha\w*|hehe\w*|okay|ok|yeah|yep|nope|dude|bro)$|(\w)\1\1")
# function words that never appear inside a person's name ("van", "de", "bin" ... do, and are not listed)
_STOP_WORDS = frozenset(
    """a an the my your our their his her its this that these those per for of to in on at by with from and or but
    not no is are was were be been am do does did will would can could should may might must shall i me we us you
    he she it they them what which who whom whose when where why how all any some every each""".split()
)


def _is_propn(ctx: "_Ctx", start: int, end: int) -> bool:
    """True when spaCy tagged the span's tokens as proper nouns (or there is no Doc to ask)."""
    if ctx.doc is None:
        return True
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return span is None or any(t.pos_ == "PROPN" for t in span)
_LOCATIVE = re.compile(
    r"(?i:\b(?:in|near|around|across|throughout|visit|visiting|trip to|travel(?:l?ing)? to|moved to|flew to|"
    r"fly to|drive to|based in|born in|live in|lives in|living in)\s+)$"
)


def _name_words(value: str) -> list[str]:
    return [w for w in _SPLIT_NAME.split(value.strip()) if w and w not in {"-", "&"}]


def _trim_name(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip whitespace, a possessive 's, trailing punctuation and leading titles off a name span."""
    value = text[start:end]
    lead = len(value) - len(value.lstrip())
    start += lead
    value = value.strip()
    end = start + len(value)
    for suffix in ("'s", "’s", "'", "’"):
        if value.endswith(suffix):
            end -= len(suffix)
            value = value[: -len(suffix)]
            break
    while value and value[-1] in ",.;:!?)\"”":
        if value[-1] == "." and re.search(r"\b[A-Z]\.$", value):
            break
        end -= 1
        value = value[:-1]
    m = re.match(r"(?i:" + _TITLES + r")\.?\s+", value)
    if m:
        start += m.end()
    return start, end


def classify_name(ctx: _Ctx, start: int, end: int, *, source: str, score: float = 0.85) -> Candidate | None:
    """Turn a name-shaped span into a Name candidate per the guideline, or None when it is not PII.

    Full name (two or more name words) -> certain; Greek/Roman mythology -> None; biblical full name -> not
    certain; one word after a title or a surname cue -> lone surname, not certain; one word on the first-name list
    (or after "my name is") -> weak (PII only when combinable); any other single word -> not certain.
    """
    text = ctx.text
    start, end = _trim_name(text, start, end)
    if end <= start:
        return None
    value = text[start:end]
    words = _name_words(value)
    if not words or not all(_NAME_WORD.match(w) for w in words):
        return None  # digits, brackets, code
    if not any(ch.isupper() for ch in value) or value.isupper() and len(value) > 4 and len(words) == 1:
        return None
    folded = value.casefold()
    myth = mythology_names()
    core_words = [w.strip(".,'’") for w in words if not _INITIAL.match(w)]
    if core_words and all(w in myth for w in core_words):
        return None
    if folded in biblical_names():
        return Candidate(start, end, NAME, "PERSON", 0.6, False)
    public = folded in public_figures()
    if not public and any(w.strip(".,") in _NOT_NAME_WORDS for w in core_words[1:]):
        return None  # "Crown St", "Williamson Orchestra", "Globex Corporation", "Princess Royal"
    if not public and _ORG_PREDICATE.match(text[end:end + 90]):
        return None  # "Berkshire Hathaway is a design agency"
    if len(core_words) >= 2 and not public:
        fn = first_names()
        if any(w.casefold() in _STOP_WORDS for w in core_words[1:]) or (
            core_words[0] not in fn and core_words[0].casefold() in _STOP_WORDS
        ):
            return None  # "My Track", "Per My Disorder"
        if source == "spacy" and core_words[0] not in fn and all(w.casefold() in ctx.common for w in core_words[1:]):
            return None  # "Youtube Script": no known given name and only common words after it
    if len(core_words) >= 2:
        return Candidate(start, end, NAME, "PERSON", score, True, public=public)
    if not core_words:
        return None
    word = core_words[0]
    before = text[max(0, start - 30):start]
    if public:
        return Candidate(start, end, NAME, "PERSON", 0.7, False, public=True)
    if _TITLE_RE.search(before.rstrip()) or _SURNAME_CUE.search(before):
        return Candidate(start, end, NAME, "PERSON", 0.6, False)
    if word in first_names() or _SELF_INTRO.search(before):
        return Candidate(start, end, NAME, "PERSON", 0.3, False, weak=True)
    if word in _NOT_NAME_WORDS or (source == "spacy" and word.casefold() in ctx.common):
        return None  # a capitalized common word ("Discipline", "Salesperson") the small model took for a name
    if source == "spacy" and _LOCATIVE.search(before):
        return None  # "a weekend in Kraków": a place the small model took for a name
    if source == "spacy" and (_INTERJECTION.match(word) or not _is_propn(ctx, start, end)):
        return None  # "Bwahahaha", "Wanna", "Covid" (tagged NOUN/ADJ) ...
    if source == "spacy" or source == "cue":
        return Candidate(start, end, NAME, "PERSON", 0.5, False)
    return None


def _looks_like_person_name(words: Sequence[str]) -> bool:
    """"First [M.] Last": a known given name, then capitalized name words, none of them an org/place word."""
    if not 2 <= len(words) <= 4:
        return False
    if words[0] not in first_names() or words[0] in _NOT_NAME_WORDS:
        return False
    rest = [w for w in words[1:] if not _INITIAL.match(w)]
    if not rest:
        return False
    return all(_NAME_TOKEN.match(w) and w not in _NOT_NAME_WORDS for w in rest)


def _first_last_sequences(ctx: _Ctx) -> list[tuple[int, int]]:
    """Character spans of "First [M.] Last" token sequences on one line: a Title-case token on the given-name
    list, then up to three name words or initials, ending on a name word ("Jana Vítková", "Shane M Culp")."""
    if ctx.doc is None:
        return []
    tokens = list(ctx.doc)
    fn = first_names()
    out = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if not (t.text in fn and t.is_title and t.text not in _NOT_NAME_WORDS):
            i += 1
            continue
        words, last = [t.text], i  # ``last``: index of the last token of the last full name word
        j = i + 1
        while j < len(tokens) and len(words) < 4 and "\n" not in tokens[j - 1].whitespace_ and not tokens[j].is_space:
            w = tokens[j].text
            if w == "." and _INITIAL.match(words[-1]) and tokens[j - 1].whitespace_ == "":
                words[-1] += "."
            elif _INITIAL.match(w):
                words.append(w)
            elif _NAME_TOKEN.match(w) and w not in _NOT_NAME_WORDS:
                words.append(w)
                last = j
            else:
                break
            j += 1
        while len(words) > 1 and _INITIAL.match(words[-1]):
            words.pop()  # never end on an initial
        if len(words) >= 2 and last > i and _looks_like_person_name(words):
            out.append((t.idx, tokens[last].idx + len(tokens[last].text)))
            i = last + 1
        else:
            i += 1
    return out


def find_names(ctx: _Ctx) -> list[Candidate]:
    """Name candidates from spaCy's PERSON entities, name-shaped ORG/GPE/NORP entities (the small model often
    tags "Sophie Lang" as ORG), unlabelled "First Last" sequences, titles ("Dr. Justin Beet") and cues
    ("my name is ...", "Name: ..."), each classified by :func:`classify_name`.
    """
    text = ctx.text
    out: list[Candidate] = []
    seen: set[tuple[int, int]] = set()

    def add(c: Candidate | None) -> None:
        if c is not None and (c.start, c.end) not in seen:
            seen.add((c.start, c.end))
            out.append(c)

    covered: list[tuple[int, int]] = []
    for es, ee, lab in ctx.ents:
        if lab == "PERSON":
            # split "Kevin had given Alma" style merges on newlines; keep the part before a newline
            for part in re.finditer(r"[^\n]+", text[es:ee]):
                ps, pe = es + part.start(), es + part.end()
                add(classify_name(ctx, ps, pe, source="spacy"))
            covered.append((es, ee))
        elif lab in ("ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LOC"):
            for part in re.finditer(r"[^\n]+", text[es:ee]):
                s, e = _trim_name(text, es + part.start(), es + part.end())
                if _looks_like_person_name(_name_words(text[s:e])):
                    add(classify_name(ctx, s, e, source="shape"))
                    covered.append((s, e))
    for s, e in _first_last_sequences(ctx):
        if not any(cs < e and s < ce for cs, ce in covered) and not ctx.ents_overlapping(s, e, ("GPE", "LOC", "FAC", "ORG")):
            add(classify_name(ctx, s, e, source="shape"))
    for m in _TITLE_NAME.finditer(text):
        s = m.start(1)
        e = s
        for w in re.finditer(r"\S+", m.group(1)):  # "Dr. Justin Beet": the name words up to an org/place word
            if w.group().rstrip(".,") in _NOT_NAME_WORDS:
                break
            e = s + w.end()
        if e > s:
            add(classify_name(ctx, s, e, source="cue"))
    for m in _NAME_CUE.finditer(text):
        kind = (m.group(1) or "").strip().casefold()
        s, e = m.start(2), m.end(2)
        value = m.group(2)
        words = _name_words(value)
        # stop at the first word that is not name-like ("Ján M. Novák but everyone" is already cut by the regex)
        keep = []
        for w in words:
            if _NAME_TOKEN.match(w.rstrip(".")) or _INITIAL.match(w):
                keep.append(w)
                if w.endswith(".") and not _INITIAL.match(w):
                    keep[-1] = w.rstrip(".")
                    break  # "My name is Reba. What's yours?"
            else:
                break
        if not keep:
            continue
        e = s + text[s:e].find(keep[-1]) + len(keep[-1])
        if kind in ("last", "family", "sur", "maiden") and len(keep) == 1:
            add(Candidate(s, e, NAME, "PERSON", 0.6, False))
        elif kind in ("first", "given", "middle") and len(keep) == 1:
            add(Candidate(s, e, NAME, "PERSON", 0.3, False, weak=True))
        else:
            add(classify_name(ctx, s, e, source="cue"))
    return out


@cache
def _biblical_regex() -> re.Pattern[str]:
    names = sorted(_read_list("biblical_names.txt"), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])", re.IGNORECASE)


def find_biblical(ctx: _Ctx) -> list[Candidate]:
    """Biblical figures written like full names ("Pontius Pilate"): PII, not certain (real or fictional?)."""
    return [Candidate(m.start(), m.end(), NAME, "PERSON", 0.6, False) for m in _biblical_regex().finditer(ctx.text)]


def find_groups(ctx: _Ctx) -> list[Candidate]:
    """Bands and small groups: PII, not certain (the guideline: "The Beatles" can be PII)."""
    out = [Candidate(m.start(), m.end(), NAME, "GROUP", 0.5, False) for m in _band_regex().finditer(ctx.text)]
    for m in _GROUP_CUE.finditer(ctx.text):
        out.append(Candidate(m.start(1), m.end(1), NAME, "GROUP", 0.5, False))
    return out


# --------------------------------------------------------------------------------------------------------------
# Dates tied to a person
# --------------------------------------------------------------------------------------------------------------

_DATE_CUE = re.compile(
    r"(?i:\b(?:born|birth|birthday|bday|b\.|dob|d\.o\.b\.?|date of birth|birthdate|died|death|dod|d\.|"
    r"passed away|deceased|admitted|admission|admit date|discharged|discharge|hospitali[sz]ed|"
    r"date of service|dos)\b)"
)
_DAY_PRECISION = re.compile(
    r"\d{1,4}[\-/.]\d{1,2}[\-/.]\d{1,4}|"
    r"(?i:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b|"
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b)"
)
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
_MONTH = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b")
_NUMERIC_DATE = re.compile(r"(?<![\d\-/.])\d{1,4}[\-/.]\d{1,2}[\-/.]\d{1,4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?![\d\-/.])")


def date_spans(ctx: _Ctx, presidio_dates: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every date-like span: spaCy DATE entities, Presidio DATE_TIME results, numeric dates."""
    spans = {(s, e) for s, e, lab in ctx.ents if lab == "DATE"}
    spans.update(presidio_dates)
    spans.update((m.start(), m.end()) for m in _NUMERIC_DATE.finditer(ctx.text))
    return sorted(spans)


def classify_dates(ctx: _Ctx, dates: Sequence[tuple[int, int]], full_names: Sequence[tuple[int, int]]) -> list[Candidate]:
    """Dates tied to a person (the guideline: birth, admission, death ...).

    A cue in the same sentence within 40 characters before (or 25 after) -> Date; certain when the date has day
    precision ("8/12/1991", "March 3"), not certain for a year or month alone ("born in 1985"). A day-precise date
    in the same record (no blank line between, within 120 characters) as a person's full name -> Date, not
    certain. Anything else ("on Monday", "in 1999 the economy") is not PII.

    >>> ctx = _Ctx("Please tell me your date of birth. It's 8/12/1991", None)
    >>> [(ctx.text[c.start:c.end], c.certain) for c in classify_dates(ctx, [(40, 49)], [])]
    [('8/12/1991', True)]
    """
    text = ctx.text
    out = []
    for s, e in dates:
        value = text[s:e]
        if not (_DAY_PRECISION.search(value) or _YEAR.search(value) or _MONTH.search(value)):
            continue  # "the weekend", "21", "8+ years"
        day = bool(_DAY_PRECISION.search(value))
        before = text[max(0, s - 45):s]
        after = text[e:e + 25]
        # a cue in the previous sentence counts too ("date of birth. It's 8/12/1991")
        if _DATE_CUE.search(before) or _DATE_CUE.search(after.split("\n")[0].split(". ")[0]):
            out.append(Candidate(s, e, DATE, "DATE_OF_PERSON", 0.8 if day else 0.55, day))
            continue
        if day and full_names:
            for ns, ne in full_names:
                lo, hi = (ne, s) if ne <= s else (e, ns)
                if 0 <= hi - lo <= 120 and "\n\n" not in text[lo:hi]:
                    out.append(Candidate(s, e, DATE, "DATE_OF_PERSON", 0.5, False))
                    break
    return out


__all__ = [
    "Candidate",
    "RULES_VERSION",
    "classify_dates",
    "classify_name",
    "date_spans",
    "find_addresses",
    "find_biblical",
    "find_cued_phones",
    "find_groups",
    "find_handles",
    "find_identifiers",
    "find_names",
    "is_company_contact_value",
    "is_company_context",
    "load_word_lists",
    "personal_url",
]
