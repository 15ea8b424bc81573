"""Street addresses and units below a street (Apt., Suite, PO Box, military addresses, street corners).

The guideline: geographic units smaller than street + city are PII; a city, region or country alone is not
(spaCy's GPE/LOC entities are never reported). Seeds are found by street words, unit words and cues
("lives at", "ship it to", "Address:"), then grown over address-like tokens (numbers, capitalised words, commas,
line breaks). A business's address ("our office is at ...") is dropped by :mod:`ml_backend.pii.not_pii`.

Every seed pattern runs in linear time: word-starts are anchored by a look-behind and words are matched
possessively (``[\\w'’.\\-]*+``), so a long run of letters is scanned once, not once per start position (the old
patterns took 85-150 s on 50,000 ``a``).

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("Meet me at 24 Clarke Avenue, Apt. 3 tonight", None)
    >>> [(ctx.text[c.start:c.end], c.label) for c in StreetAddressRecognizer().find(ctx)]
    [('24 Clarke Avenue, Apt. 3', 'Location')]
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.prechecks import DIGIT_OR_CORNER
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.spans import SpanIndex

LOCATION = PII_LABELS[1]

STREET_TYPES = (
    r"Street|St|Str|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|"
    r"Square|Sq|Highway|Hwy|Parkway|Pkwy|Circle|Cir|Crescent|Cres|Trail|Trl|Close|Alley|Route|Expressway|Pike|"
    r"Plaza|Mews|Wharf|Quay|Gardens|Gdns|Grove|Parade|Rise|Row"  # round 14: British street types
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
_WORD_START = r"(?<![^\W\d_])(?<!['’.\-])"  # not inside a word: no letter, apostrophe, dot or hyphen before
_CAPW = r"(?:[A-ZÀ-ÞĀ-ſΑ-ΩА-Я][\w'’.\-]*+)"  # a capitalized word (Latin, Greek, Cyrillic), matched possessively
_NUM = r"\d{1,6}[A-Za-z]?(?:[/\-]\d{1,4}[A-Za-z]?)?"


_ADDRESS_SEEDS = re.compile(
    "|".join(
        (
            # 24 Clarke Avenue, 1659 Hoog St, 17 N Main St.
            rf"\b{_NUM},?\s+(?:[NSEW]\.?\s+)?(?:{_CAPW}\s+){{0,4}}(?:{STREET_TYPES})\b\.?",
            # 76 Boulevard de Normandie, Via Tasso 129, Rue Dielhère 130, ul. Zamkowa 33
            rf"(?:\b{_NUM}\s+)?(?<![\w])(?:{_STREET_PREFIX})\s+(?:(?:{_CAPW}|de|di|del|da|do|dos|das|la|le|des|du)\s+){{0,4}}?{_CAPW}(?:\s+{_NUM}\b\.?)?",
            # Puruntie 82, Augsburger Strasse 36, Hegedûs Gyula utca 76., hegyalja út 98.
            rf"{_WORD_START}(?:{_CAPW}\s+){{0,2}}[^\W\d_][\w'’.\-]*?(?:{_STREET_SUFFIX})\s+{_NUM}\b\.?",
            rf"{_WORD_START}(?:{_CAPW}\s+){{0,2}}(?:{_STREET_SUFFIX.replace('|str.', '')})\s+{_NUM}\b\.?",
            # round 19: a number, then a lower-case street word of French, Spanish, Italian or Portuguese: 14 rue des
            # Acacias, 8 calle del Carmen
            rf"\b{_NUM},?\s+(?:rue|avenue|boulevard|calle|avenida|via|viale|piazza|rua|travessa|plaza)\s+"
            rf"(?:(?:de|di|del|da|do|dos|das|la|le|les|des|du|della|degli|los)\s+){{0,2}}{_CAPW}",
            # round 16: a Japanese address, block numbers first: 2-5-1 Ebisu, Shibuya-ku, Tokyo
            rf"\b\d{{1,4}}(?:-\d{{1,4}}){{1,3}},?\s+{_CAPW}(?:,\s*{_CAPW}){{0,2}}?,\s*[A-Z][a-z]+-(?:ku|shi|cho|machi|gun)\b"
            rf"(?:,\s*[A-Z][a-z]+\b)?",
            # Apt. 595, Suite 501, Unit 7349 Box 6067, PO Box 12, PSC 3294, Box 9168, APO AA 61487
            r"(?i:\b(?:apt|apartment|suite|ste|unit|flat|room|floor|fl)\b)\.?\s*#?\s*\d{1,5}[A-Za-z]?\b",
            r"\b(?i:p\.?\s?o\.?\s?box|post office box|box)\s+\d{1,6}\b",
            r"\b(?:PSC|CMR|USNS|USS|USCGC)\s+[\w]+(?:,\s*Box\s+\d+)?",
            r"\b(?i:APO|FPO|DPO)\s+(?i:AA|AE|AP)\s+\d{5}\b",
            # the corner of X and Y
            r"(?i:\bthe corner of\b)\s+[^\n,.;!?]{3,60}?\s+(?i:and|&)\s+(?:\d+\s+)?(?:[\w'’\-]++\s?){1,4}",
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
    line_start = text.rfind("\n", max(0, start - limit), start) + 1
    if line_start == 0 and start > limit:
        line_start = start - limit  # a very long line: look back at most ``limit`` characters
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
        window = max(0, line_start - 1 - limit)
        nl = text.rfind("\n", window, line_start - 1)
        prev_start = nl + 1 if nl >= 0 else window
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


def find_addresses(ctx: TextContext) -> list[Candidate]:
    """Street addresses and units below a street, found by street words / unit words / cues, then grown.

    """
    text = ctx.text
    seeds: list[tuple[int, int]] = []
    for m in _ADDRESS_SEEDS.finditer(text):
        value = m.group()
        if not (any(ch.isdigit() for ch in value) or value.casefold().startswith("the corner")):
            continue
        words = [w.strip(",.").casefold() for w in value.split() if not any(ch.isdigit() for ch in w)]
        if words and all(w in ctx.common for w in words) and not re.search(
            rf"(?i)\b(?:{STREET_TYPES}|apt|apartment|suite|unit|box|corner)\b", value
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
        return [Candidate(s, e, LOCATION, "STREET_ADDRESS", 0.75, True) for s, e in _caps_addresses(text)]
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
    caps = _caps_addresses(text)
    if caps:  # in capitals every word is capitalised: the grown spans above are not to be trusted there
        taken = SpanIndex(caps)
        out = [c for c in out if not taken.overlaps(c.start, c.end)]
        out.extend(Candidate(s, e, LOCATION, "STREET_ADDRESS", 0.75, True) for s, e in caps)
    return out


# round 18: an address written in capitals ("42 QUEEN STREET, LEEDS"): a number, one to three capitalised words, a
# street type, then a town after a comma (two words after NEW, SAN, ST ...); no growing over the words around
_CAPS_TOWN_HEAD = r"(?:NEW|SAN|SANTA|LOS|LAS|ST\.?|SAINT|EL|LA|FORT|PORT|NORTH|SOUTH|EAST|WEST|UPPER|LOWER|GREAT)"
_CAPS_ADDRESS = re.compile(
    rf"(?<![\w\-]){_NUM},?[ \t]+((?:[A-Z][A-Z'’\-]+[ \t]+){{1,3}})(?:{STREET_TYPES.upper()})\b\.?"
    rf"(?:,[ \t]*(?:{_CAPS_TOWN_HEAD}[ \t]+)?[A-Z][A-Z'’\-]+\b)?"
)
_CAPS_STOP = frozenset("A AN THE AND OR OF ON IN AT TO FOR BY WITH FROM MY OUR YOUR HIS HER THEIR".split())


def _caps_addresses(text: str) -> list[tuple[int, int]]:
    """Spans of addresses in capitals (see above): "I HAVE 3 DOGS AND 2 CATS ON THE ROAD" holds none."""
    return [m.span() for m in _CAPS_ADDRESS.finditer(text)
            if not any(w in _CAPS_STOP for w in m.group(1).split())]




class StreetAddressRecognizer(GuidelineRecognizer):
    """``STREET_ADDRESS`` spans, labelled ``Location``, certain."""

    ENTITIES = ["STREET_ADDRESS"]
    NEEDS = DIGIT_OR_CORNER  # every address kept holds a digit or starts with "the corner"

    def find(self, ctx: TextContext) -> list[Candidate]:
        return find_addresses(ctx)
