"""URLs: SafeUrlRecognizer (linear time) and PersonalUrlRecognizer (only a person's site is PII)."""

from __future__ import annotations

import time

import pytest

from ml_backend.pii.recognizers.urls import PersonalUrlRecognizer, SafeUrlRecognizer, find_urls
from pii_helpers import found


@pytest.mark.parametrize(
    "text,urls",
    [("see https://www.un.org/en and github.com/kmiller", ["https://www.un.org/en", "github.com/kmiller"]),
     ("mail jo@x.com", []), ("version 1.2.3", []), ("the file notes.txt", [])],
)
def test_find_urls(text: str, urls: list[str]) -> None:
    assert [text[s:e] for s, e in find_urls(text)] == urls


@pytest.mark.parametrize(
    "text,value,certain",
    [("Review my personal blog at https://janedoe-writes.net", "https://janedoe-writes.net", True),
     ("Summarize https://github.com/kmiller-dev for my CV.", "https://github.com/kmiller-dev", False)],
)
def test_personal_urls(text: str, value: str, certain: bool) -> None:
    from ml_backend.pii.context import TextContext

    assert [(text[c.start:c.end], c.certain) for c in PersonalUrlRecognizer().find(TextContext(text, None))] == [(value, certain)]


@pytest.mark.parametrize("text", ["Summarize https://en.wikipedia.org/wiki/Photosynthesis.",
                                  "Is https://www.python.org/downloads/ the official place?"])
def test_public_urls(text: str) -> None:
    assert found(PersonalUrlRecognizer(), text) == []


def test_runs_of_dots_are_linear() -> None:
    t0 = time.perf_counter()
    SafeUrlRecognizer().analyze("." * 50_000 + "a." * 25_000, ["URL"])
    assert time.perf_counter() - t0 < 1.0  # Presidio's UrlRecognizer: about 50 s
