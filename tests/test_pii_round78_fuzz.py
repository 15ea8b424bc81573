"""The round-7 and round-8 recognizers and not-PII rules fuzzed, as test_pii_round6_fuzz.py does for round 6: text
glued from their own cues, arbitrary unicode, and 10,000-character hostile strings repeating those cues finish
(no catastrophic backtracking, no work that grows with the square of the text) and give spans inside the text.

Bounds are loose CPU-second limits (a blow-up fails them, a busy machine does not), as in test_pii_bounds.py.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ml_backend.pii.named_things as named_things
import ml_backend.pii.not_pii as not_pii
from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.recognizers.camel_handles import CamelCaseHandleRecognizer
from ml_backend.pii.recognizers.combinable_first_names import CombinableFirstNameRecognizer
from ml_backend.pii.recognizers.decorated_gamertags import DecoratedGamertagRecognizer
from ml_backend.pii.recognizers.initial_names import InitialNameRecognizer
from ml_backend.pii.recognizers.midsentence_names import MidSentenceNameRecognizer
from ml_backend.pii.recognizers.name_lists import NameListRecognizer
from ml_backend.pii.recognizers.person_slots import RelationNameRecognizer
from ml_backend.pii.recognizers.sign_offs import SignOffRecognizer
from ml_backend.pii.recognizers.titled_names import TitledNameRecognizer
from ml_backend.pii.recognizers.vocatives import VocativeSurnameRecognizer

RECOGNIZERS = [RelationNameRecognizer(), VocativeSurnameRecognizer(), SignOffRecognizer(),
               CamelCaseHandleRecognizer(), CombinableFirstNameRecognizer(), TitledNameRecognizer(),
               MidSentenceNameRecognizer(), NameListRecognizer(), InitialNameRecognizer(),
               DecoratedGamertagRecognizer()]
COMMON = frozenset({"research", "critic", "ran", "fantastic", "carpenter", "report", "stream", "party"})

_PIECES = st.sampled_from(
    ["my sister-in-law ", "my coworker ", "our ", "Priyanka ", "Deshmukh ", "ramesh ", "kumar ", "KOWALCZYK, ",
     "'", "Sincerely, ", "Best regards,\n", "Wen-Hao ", "Lin", "DrDisrespect", "'s ", "latest stream ", "channel ",
     "jens-ole ", "at ", "Maersk ", "and ", "Tomás ", "Ingrid ", "University of Tartu ", "in ", "2015 ", "Nurse ",
     "Uncle ", "Coach ", "Fatoumata ", "Diallo ", "saying ", "Takahashi-Reyes ", "Ana, ", "Beto, ", "Chuy ",
     "Lincoln ", "Elementary ", "by ", "priya ", "s. ", "xX_", "NightRaven", "_Xx ", "twitch.tv/", "abc_gg ",
     "the ", "Roman ", "Empire ", "Tate ", "Modern ", "Dow ", "Jones ", "Average ", "-", ",", ".", "\n", " ",
     "\u200b", "É", "東", "’", "🙂"]
)


def _hostile(n: int = 10_000) -> dict[str, str]:
    def rep(piece: str) -> str:
        return (piece * (n // len(piece) + 1))[:n]

    return {
        "relation cues": rep("my sister-in-law Priyanka "), "lower relation": rep("my coworker ramesh kumar "),
        "vocatives": rep("'KOWALCZYK, "), "sign-offs": rep("Sincerely, Wen-Hao "), "camel": rep("DrDisrespect's "),
        "employer": rep("my coworker jens-ole at Maersk "), "pairs": rep("Tomás and Ingrid and "),
        "titles": rep("Uncle Nurse Coach Abc "), "title case": rep("Abc Def Ghi "), "lists": rep("Ana, Beto, and "),
        "initials": rep("by priya s. by "), "gamertags": rep("xX_Ab_Xx_"), "urls": rep("twitch.tv/twitch.tv/"),
        "polities": rep("the Roman Empire Roman "), "named things": rep("Tate Modern Dow Jones "),
        "a": "a" * n, "A": "A" * n, "spaces": " " * n, "hyphens": "-" * n, "É": "É" * n,
    }


def _check(text: str, cands) -> None:
    for c in cands:
        assert 0 <= c.start < c.end <= len(text), (c.start, c.end, len(text))
        assert c.label in PII_LABELS and text[c.start:c.end].strip()


@pytest.mark.parametrize("rec", RECOGNIZERS, ids=lambda r: type(r).__name__)
@pytest.mark.parametrize("family", sorted(_hostile(10)))
def test_hostile_10000_chars_fast(rec, family: str) -> None:
    text = _hostile()[family]
    t0 = time.process_time()
    _check(text, rec.find(TextContext(text, None, COMMON)))
    assert time.process_time() - t0 < 1.0, (type(rec).__name__, family)


@pytest.mark.parametrize("family", sorted(_hostile(10)))
def test_not_pii_rules_hostile_fast(family: str) -> None:
    text = _hostile()[family]
    ctx = TextContext(text, None)
    t0 = time.process_time()
    for pos in range(0, len(text) - 5, 250):
        not_pii.is_polity_or_era(ctx, pos, pos + 5)
        named_things.is_named_after_person(ctx, pos, pos + 5)
    assert time.process_time() - t0 < 1.0, family


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, min_size=1, max_size=300).map("".join))
def test_fuzz_cue_pieces(text: str) -> None:
    ctx = TextContext(text, None, COMMON)
    t0 = time.process_time()
    for rec in RECOGNIZERS:
        _check(text, rec.find(ctx))
    assert time.process_time() - t0 < 1.0


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=2000))
def test_fuzz_any_unicode(text: str) -> None:
    ctx = TextContext(text, None, COMMON)
    for rec in RECOGNIZERS:
        _check(text, rec.find(ctx))
    if len(text) > 1:
        not_pii.is_polity_or_era(ctx, 0, len(text) // 2)
        named_things.is_named_after_person(ctx, 0, len(text) // 2)
