"""Person names: spaCy's PERSON entities, name-shaped ORG/GPE/NORP entities (the small model often tags "Sophie
Lang" as ORG), unlabelled "First Last" sequences ("Jana Vítková"), titles ("Dr. Justin Beet") and cues ("my name
is ...", "Name: ..."), each decided by :func:`ml_backend.pii.recognizers.names.classify_name`.

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("Please ask Dr. Nakamura. My name is Reba Quill.", None)
    >>> [(ctx.text[c.start:c.end], c.certain) for c in PersonNameRecognizer().find(ctx)]
    [('Nakamura', False), ('Reba Quill', True)]
"""

from __future__ import annotations

import re

from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.recognizers.korean_names import korean_name_end
from ml_backend.pii.wordlists import surnames_folded
from ml_backend.pii.spans import SpanIndex
from ml_backend.pii.recognizers.names import (
    _INITIAL,
    _NAME_CUE,
    _NAME_TOKEN,
    _TITLE_NAME,
    NAME,
    NOT_NAME_WORDS,
    _first_last_sequences,
    _looks_like_person_name,
    _name_words,
    classify_name,
    trim_name,
    trim_opener,
)


# ranks the given-name list holds ("Captain MacArthur", "Colonel Weber": a rank and a surname, no full name)
_RANKS = frozenset("Captain Colonel General Major Admiral Sergeant Lieutenant Commander Marshal Private Corporal "
                   "Bishop Pastor Father Brother Sister Judge Justice Senator Governor President Chief".split())
# lower-case words, and a French elision before a capital ("d'Aminata")
_LOWER_LEAD = re.compile(r"(?:[a-zß-ÿ\-]++(?:['’][a-zß-ÿ\-]++)*+(?:[ \t]++|['’](?=[A-ZÀ-Þ])))+")


def _lowercase_lead_trimmed(text: str, start: int, end: int) -> int:
    """The start of a PERSON span without the lower-case words the small model ran into it in a sentence of
    another language ("écris de la part de Mamadou Diallo", "de Kwame Mensah", "d'Aminata Traoré"), when what is
    left is a given name and a listed family name; ``start`` otherwise ("de Gaulle", "van Gogh" keep their
    particle; "la economía de América Latina" has no family name).

    >>> text = "écris de la part de Mamadou Diallo; de Gaulle; d'Aminata Traoré"
    >>> text[_lowercase_lead_trimmed(text, 0, 34):34], text[_lowercase_lead_trimmed(text, 36, 45):45]
    ('Mamadou Diallo', 'de Gaulle')
    >>> text[_lowercase_lead_trimmed(text, 47, 63):63]
    'Aminata Traoré'
    """
    m = _LOWER_LEAD.match(text, start, end)
    if m is None:
        return start
    words = _name_words(text[m.end():end])
    if not _looks_like_person_name(words) or words[-1].strip(".,'’").casefold() not in surnames_folded():
        return start  # "la economía de América Latina": no family name
    return m.end()


def find_names(ctx: TextContext) -> list[Candidate]:
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
                pe = korean_name_end(text, ps, pe)  # round 14: "Choi Hyun" + "-woo"
                ps = _lowercase_lead_trimmed(text, ps, pe)  # round 16: "de la part de Mamadou Diallo"
                add(classify_name(ctx, ps, pe, source="spacy"))
            covered.append((es, ee))
        elif lab in ("ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LOC"):
            for part in re.finditer(r"[^\n]+", text[es:ee]):
                s, e = trim_name(text, es + part.start(), es + part.end())
                s = trim_opener(ctx, s, e)  # "Text Aisha Bello" tagged ORG: the verb is no part of it
                s = _lowercase_lead_trimmed(text, s, e)  # round 16: "d'Aminata Traoré" tagged ORG
                if _looks_like_person_name(_name_words(text[s:e])):
                    add(classify_name(ctx, s, e, source="shape"))
                    covered.append((s, e))
    # an unlabelled "First Last" counts unless an entity above or a place/organisation covers part of it (looked up
    # by bisection: a walk over every entity per sequence was quadratic on a text of many names)
    taken = SpanIndex(covered)
    places = ctx.ent_spans(("GPE", "LOC", "FAC", "ORG"))
    # round 17: a one-word PERSON entity that is the sequence's family name ("Władysław Kowalczyk", the model
    # tagging only "Kowalczyk") no longer hides the full name
    surname_ends = {ee: es for es, ee, lab in ctx.ents if lab == "PERSON" and " " not in text[es:ee]}
    for s, e in _first_last_sequences(ctx):
        if places.overlaps(s, e):
            continue
        if not taken.overlaps(s, e) or (surname_ends.get(e, s) > s and text[s:e].split()[0] not in _RANKS):
            add(classify_name(ctx, s, e, source="shape"))
    for m in _TITLE_NAME.finditer(text):
        s = m.start(1)
        e = s
        for w in re.finditer(r"\S+", m.group(1)):  # "Dr. Justin Beet": the name words up to an org/place word
            if w.group().rstrip(".,") in NOT_NAME_WORDS:
                break
            e = s + w.end()
            if w.group().endswith(".") and not _INITIAL.match(w.group()):
                break  # "Dr. Nakamura. My ...": the sentence ends with the name
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


class PersonNameRecognizer(GuidelineRecognizer):
    """``PERSON`` spans, labelled ``Name``: full names certain, lone surnames not, lone first names weak."""

    ENTITIES = ["PERSON"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        return find_names(ctx)
