"""The not-PII filter and the recognizers look spans up, they do not walk every span once per candidate.

The red-team's hostile texts (one sentence repeated: many capitalised names, many company words, many "Inc."
tokens, many brands) made ``drop_not_pii`` and ``find_names`` quadratic: each candidate walked all of spaCy's
entities, every listed brand, every person span and every dropped contact. Here the work is counted, not timed:
how often each entity and brand span is visited, at n and at 4n repetitions. Linear work grows 4x, quadratic 16x.
The figures (CPU seconds, 10k to 100k characters) are in ``benchmarks/pii_scaling.py``'s output under
``benchmarks/data``.
"""

from __future__ import annotations

from typing import Iterator

import pytest

from ml_backend.pii import get_pii_engine, not_pii
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate

UNITS = {
    "names": "Jane Smith met John Brown. ",
    "inc": "Acme Inc. hired Mary Jones. ",
    "brands": "Calvin Klein and Maria Lopez. ",
    "contacts_people": "Jane Smith: call 555-0100. ",
    "companies": "Call Acme support at 555-0100. ",
}


class CountingList(list):
    """A list that counts the items its iterators hand out."""

    visits = 0

    def __iter__(self) -> Iterator:
        for item in super().__iter__():
            self.visits += 1
            yield item


@pytest.fixture(scope="module")
def engine():
    return get_pii_engine()


def _ents(engine, text: str) -> list[tuple[int, int, str]]:
    from ml_backend.pii.prefilter import ner_windows

    out = []
    for s, e in ner_windows(text, engine._common):
        out.extend((s + x.start_char, s + x.end_char, x.label_) for x in engine._nlp(text[s:e]).ents)
    return out


def _visits(engine, monkeypatch, unit: str, reps: int) -> tuple[int, int, int, int]:
    """(entity visits, entities, brand visits, brands) of the engine's candidates on ``unit * reps``."""
    text = unit * reps
    ents = CountingList(_ents(engine, text))
    brands: list[CountingList] = []
    real_brand_spans = not_pii.brand_spans

    def counted_brand_spans(t: str) -> CountingList:
        brands.append(CountingList(real_brand_spans(t)))
        return brands[-1]

    monkeypatch.setattr(not_pii, "brand_spans", counted_brand_spans)
    engine.candidates(text, engine._nlp.make_doc(text), ents)
    monkeypatch.undo()
    return ents.visits, len(ents), sum(b.visits for b in brands), sum(len(b) for b in brands)


@pytest.mark.parametrize("family", sorted(UNITS))
def test_entities_and_brands_are_visited_a_bounded_number_of_times_each(engine, monkeypatch, family):
    small = _visits(engine, monkeypatch, UNITS[family], 40)
    large = _visits(engine, monkeypatch, UNITS[family], 160)
    ent_visits, n_ents, brand_visits, n_brands = large
    assert n_ents >= 4 * small[1] * 0.9  # the text has 4x the entities
    # a handful of passes over the entities (one per recognizer that indexes them), not one per candidate
    assert ent_visits <= 12 * n_ents + 50, (family, small, large)
    assert brand_visits <= 4 * n_brands + 10, (family, small, large)


def test_first_last_sequences_look_places_up(engine):
    """Unlabelled "First Last" sequences (spaCy tagged only the places) each asked whether a place overlaps them:
    every place was walked per sequence."""
    def visits(reps: int) -> tuple[int, int]:
        unit = "Jane Smith flew to Paris. "
        text = unit * reps
        at = unit.index("Paris")
        ents = CountingList((k * len(unit) + at, k * len(unit) + at + 5, "GPE") for k in range(reps))
        found = engine.candidates(text, engine._nlp.make_doc(text), ents)
        assert sum(text[c.start:c.end] == "Jane Smith" for c in found) == reps
        return ents.visits, len(ents)

    small, large = visits(40), visits(160)
    assert large[0] <= 12 * large[1] + 50, (small, large)


def test_candidates_are_the_same_sentence_after_sentence(engine):
    """Behaviour pin: the hostile families give every repetition of the sentence the candidates of the first (the
    lookups see only the sentence's own spans)."""
    for unit in UNITS.values():
        one = [(c.start, c.end, c.label, c.entity, c.certain, c.weak)
               for c in engine.candidates(unit, engine._nlp.make_doc(unit), _ents(engine, unit))]
        text = unit * 60
        many = sorted((c.start, c.end, c.label, c.entity, c.certain, c.weak)
                      for c in engine.candidates(text, engine._nlp.make_doc(text), _ents(engine, text)))
        expected = sorted((s + k * len(unit), e + k * len(unit), *rest) for k in range(60) for s, e, *rest in one)
        assert many == expected, unit


def test_company_context_with_a_person_in_another_sentence():
    """A phone after a business noun is the company's; a person's name in the same sentence, before or after the
    phone and not overlapping it, makes it personal; one in another sentence does not."""
    text = ("Jane Smith smiled. Call Acme support at 555-0100. Call Acme support at 555-0101, asked Bob Stone. "
            "Bob Stone: call Acme support at 555-0102.")
    ctx = TextContext(text, None)
    people = [(text.index("Jane Smith"), text.index("Jane Smith") + 10)]
    people += [(i, i + 9) for i in (text.index("Bob Stone"), text.rindex("Bob Stone"))]
    phones = [text.index(f"555-010{k}") for k in range(3)]
    got = [not_pii.is_company_context(ctx, p, p + 8, person_spans=people) for p in phones]
    assert got == [True, False, False]


def test_drop_not_pii_drops_a_name_inside_a_dropped_contact_only():
    text = "The station is on Vesterskovvej 79. Jane Smith lives on Elm Street 5."
    ctx = TextContext(text, None)
    a = text.index("Vesterskovvej")
    b = text.index("Elm Street")
    j = text.index("Jane Smith")
    cands = [Candidate(a, a + 16, "Location", "ADDRESS", 0.8, True),
             Candidate(a, a + 13, "Name", "PERSON", 0.6, False),
             Candidate(j, j + 10, "Name", "PERSON", 0.85, True),
             Candidate(b, b + 12, "Location", "ADDRESS", 0.8, True)]
    kept = [(c.start, c.entity) for c in not_pii.drop_not_pii(ctx, cands)]
    assert kept == [(j, "PERSON"), (b, "ADDRESS")]


@pytest.mark.parametrize("spans", [[], [(0, 5)], [(3, 9), (0, 2), (4, 6), (10, 20), (10, 12), (15, 15)]])
def test_span_index_answers_as_the_loops_did(spans):
    from ml_backend.pii.spans import SpanIndex

    idx = SpanIndex(spans)
    for s in range(-1, 22):
        for e in range(s, 23):
            assert idx.contains(s, e) == any(a <= s and e <= b for a, b in spans)
            assert idx.overlaps(s, e) == any(a < e and s < b for a, b in spans)
            ending = [a for a, b in spans if b <= e and a >= s]
            assert idx.last_start_within(s, e) == (max(ending) if ending else None)
            assert idx.any_start_in(s, e) == any(s <= a < e for a, _ in spans)
            for lo, hi in ((0, 23), (s - 2, e + 3), (min(s, 4), max(e, 12))):
                if s < hi:
                    assert idx.has_disjoint_in(lo, hi, s, e) == any(
                        lo <= a < hi and not (a < e and s < b) for a, b in spans), (lo, hi, s, e)


def test_the_receipt_and_organisation_reads_happen_once_per_text(engine, monkeypatch):
    """A chat log of 2,000 handle-named speakers gave 2,000 contact candidates, and each searched the whole text for a
    receipt's total (quadratic: 7.6 s of 17 on 192,000 characters). The text is read once, when a contact first
    needs it; the organisation index is built once too."""
    import ml_backend.pii.company_contacts as company_contacts

    calls = {"receipt": 0, "orgs": 0}

    def counted(name, real):
        def wrapper(*args):
            calls[name] += 1
            return real(*args)
        return wrapper

    monkeypatch.setattr(not_pii, "is_receipt", counted("receipt", company_contacts.is_receipt))
    monkeypatch.setattr(not_pii, "organisations", counted("orgs", company_contacts.organisations))
    text = "[10:00] a_b: hi\n" * 2000
    found = engine.analyze(text)
    assert len(found.spans) == 2000
    assert calls == {"receipt": 1, "orgs": 1}
