"""URLs: SafeUrlRecognizer (linear time) and PersonalUrlRecognizer (only a person's site is PII)."""

from __future__ import annotations

import time

import pytest

from ml_backend.pii.recognizers.urls import PersonalUrlRecognizer, SafeUrlRecognizer, find_urls
from pii_helpers import found


@pytest.mark.parametrize(
    "text,urls",
    [("see https://www.un.org/en and github.com/kmiller", ["https://www.un.org/en", "github.com/kmiller"]),
     ("mail jo@x.com", []), ("version 1.2.3", []), ("the file notes.txt", []),
     # round 16: the sentence's full stop or comma after a path is no part of the URL
     ("See github.com/sara-lindqvist. Or x.com/jo, then www.un.org.", ["github.com/sara-lindqvist", "x.com/jo",
                                                                      "www.un.org"])],
)
def test_find_urls(text: str, urls: list[str]) -> None:
    assert [text[s:e] for s, e in find_urls(text)] == urls


@pytest.mark.parametrize(
    "text,value,certain",
    [("Review my personal blog at https://janedoe-writes.net", "https://janedoe-writes.net", True),
     # round 16: a profile is certain when said to be someone's ("my CV") or named after a person
     ("Summarize https://github.com/kmiller-dev for my CV.", "https://github.com/kmiller-dev", False),
     ("Summarize my page https://github.com/kmiller-dev for a CV.", "https://github.com/kmiller-dev", True),
     ("What is https://github.com/LAION-AI/Open-Assistant?", "https://github.com/LAION-AI/Open-Assistant", False),
     ("Endorse her; her profile is linkedin.com/in/ana-ruiz-pm.", "linkedin.com/in/ana-ruiz-pm", True)],
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


def test_a_news_site_ending_in_x_is_no_profile() -> None:
    # "news4jax.com/news/...": the "x.com" inside the host is no X (Twitter) profile
    assert found(PersonalUrlRecognizer(), "Read http://www.news4jax.com/news/25976955/detail.html today") == []
