"""Hostile text against the newer recognizers, the overlap resolution and interactive pre-annotation: no work that
grows with the square of the text (or of the number of candidates, or of marked regions).

Each reproducer below was quadratic before its fix (CPU seconds measured on the shared 2-core machine):

- ``@abc @abc ...`` (HandleRecognizer asked "is this text about code?" once per handle, scanning the whole text):
  1.8 s at 10,000 characters, 6.5 s at 20,000, 38 s at 50,000 (MAX_TEXT_CHARS), over TASK_TIME_BUDGET;
- ``Adele, Adele, ...`` in one sentence (StageNameRecognizer looked for a career word in the whole sentence once
  per stage name): 1.5 s at 10,000, 5.9 s at 20,000;
- 20,000 disjoint candidates (``resolve`` compared each with every span already chosen): ~3 s;
- 1,000 copies of one marked region in an interactive request (each scanned the whole text, in the HTTP process):
  7 s on a 50,000-character prompt.

Bounds are loose (CPU seconds of this process, so a loaded machine does not fail them; a return of the quadratic
work does).
"""

from __future__ import annotations

import time

import pytest

from label_config import taxonomy as T
from label_config.render import render_config
from ml_backend.config_reader import TaskDataError, read_config
from ml_backend.interactive import interactive_result
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.handles import HandleRecognizer
from ml_backend.pii.recognizers.stage_names import StageNameRecognizer
from ml_backend.pii.resolve import resolve


def _rep(piece: str, n: int) -> str:
    return (piece * (n // len(piece) + 1))[:n]


def _cpu(fn, *args):
    t0 = time.process_time()
    out = fn(*args)
    return time.process_time() - t0, out


@pytest.mark.parametrize("recognizer,piece", [(HandleRecognizer(), "@abc "), (StageNameRecognizer(), "Adele, ")])
def test_recognizer_linear_on_repeated_candidates(recognizer, piece: str) -> None:
    text = _rep(piece, 20_000)
    seconds, found = _cpu(recognizer.find, TextContext(text, None))
    assert seconds < 1.0, (type(recognizer).__name__, seconds)


def test_handles_still_found_and_code_still_skipped_after_the_fix() -> None:
    ctx = TextContext("Python question: what does @property do? ask @jane_doe92", None)
    assert [ctx.text[c.start:c.end] for c in HandleRecognizer().find(ctx)] == ["@jane_doe92"]


def test_stage_names_still_need_a_career_word_in_their_sentence() -> None:
    text = "Adele sang it. Adele, my aunt, cooks."
    found = [(c.start, c.end) for c in StageNameRecognizer().find(TextContext(text, None))]
    assert found == [(0, 5)]


def test_resolve_linear_in_candidates() -> None:
    text = _rep("ab ", 60_000)
    cands = [Candidate(i, i + 2, "Name", "PERSON", 0.7, True) for i in range(0, 60_000, 3)]
    cands += [Candidate(i, i + 4, "Date", "DATE_OF_PERSON", 0.6, True) for i in range(1, 60_000, 30)]
    seconds, finding = _cpu(resolve, text, cands)
    assert seconds < 1.0, seconds
    assert len(finding.spans) == 20_000  # every name kept; each date overlaps one and loses (lower priority)


def test_resolve_same_choice_as_before_on_overlaps() -> None:
    text = "Jane Doe lives at 12 Main Street, call 555-0100"
    cands = [Candidate(0, 8, "Name", "PERSON", 0.8, True), Candidate(5, 8, "Name", "PERSON", 0.5, False),
             Candidate(18, 47, "Location", "STREET_ADDRESS", 0.7, True),
             Candidate(39, 47, "Contact", "PHONE_NUMBER", 0.9, True)]
    spans = [(s.start, s.end, s.label) for s in resolve(text, cands).spans]
    assert spans == [(0, 8, "Name"), (18, 38, "Location"), (39, 47, "Contact")]  # clipped before the phone


CONTROLS = read_config(render_config(T.INSTRUCTION))


def _region(start: int, end: int) -> dict:
    return {"from_name": T.PII_SPANS, "to_name": T.PROMPT, "type": "labels",
            "value": {"start": start, "end": end, "labels": ["Name"]}}


def test_interactive_many_copies_of_one_region_cost_one() -> None:
    text = _rep("a ", 50_000)
    seconds, result = _cpu(interactive_result, CONTROLS, {"data": {T.PROMPT: text}},
                           {"result": [_region(0, 1)] * 1000})
    assert seconds < 1.0, seconds
    assert 1 < len(result) <= 201


def test_interactive_many_distinct_regions_bounded() -> None:
    text = _rep("ab cd ", 50_000)
    regions = [_region(i, i + 2) for i in range(0, 30_000, 3)]  # 10,000 regions, all different
    seconds, result = _cpu(interactive_result, CONTROLS, {"data": {T.PROMPT: text}}, {"result": regions})
    assert seconds < 1.0, seconds
    assert result is not None and len(result) <= 201


def test_interactive_text_over_the_limit_is_a_task_error_naming_the_knob() -> None:
    task = {"data": {T.PROMPT: "Zebediah Quackenbush " * 5000}}
    with pytest.raises(TaskDataError, match="MAX_TEXT_CHARS") as info:
        interactive_result(CONTROLS, task, {"result": [_region(0, 8)]}, max_text_chars=50_000)
    assert "Zebediah" not in str(info.value)


def test_interactive_surname_inside_many_never_terms_bounded() -> None:
    from ml_backend.pii.terms import Terms

    text = "Jane Polo. " + "Marco Polo " * 4500
    terms = Terms(never={"marco polo"})
    seconds, result = _cpu(interactive_result, CONTROLS, {"data": {T.PROMPT: text}}, {"result": [_region(0, 9)]},
                           terms)
    assert seconds < 1.0, seconds
    assert [r["value"]["text"] for r in result[1:]] == []  # "Polo" only ever inside a never term
