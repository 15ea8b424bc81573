"""Hypothesis fuzz of each guideline recognizer, the not-PII rules and the toxicity recognizers, on text built from
the words each one's patterns repeat on, mixed with what breaks naive patterns (zero-width and RTL marks,
combining accents, other scripts, runs of blanks, line breaks and sentence ends), up to 6,000 characters:
no exception, spans inside the text, under a second of CPU per call (``tests/test_pii_bounds.py`` fuzzes the
whole registry on arbitrary unicode up to 2,000 characters; ``tests/test_hostile_scaling.py`` holds the
reproducers of the quadratic cases this round found).
"""

from __future__ import annotations

import time

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from label_config.taxonomy import PII_LABELS
from ml_backend.pii import not_pii
from ml_backend.pii.context import TextContext
from ml_backend.pii.recognizers.bare_handles import BareHandleRecognizer
from ml_backend.pii.recognizers.chat_speakers import ChatSpeakerRecognizer
from ml_backend.pii.recognizers.deity_cues import DeityCueRecognizer
from ml_backend.pii.recognizers.families import FamilyRecognizer
from ml_backend.pii.recognizers.famous_names import FamousNameRecognizer
from ml_backend.pii.recognizers.fictional_characters import FictionalCharacterRecognizer
from ml_backend.pii.recognizers.foreign_name_cues import ForeignNameCueRecognizer
from ml_backend.pii.recognizers.groups import BandRecognizer, GroupCueRecognizer
from ml_backend.pii.recognizers.handles import HandleRecognizer
from ml_backend.pii.recognizers.korean_names import KoreanNameRecognizer
from ml_backend.pii.recognizers.lone_surnames import LoneSurnameRecognizer
from ml_backend.pii.recognizers.lowercase_titles import LowercaseTitleRecognizer
from ml_backend.pii.recognizers.nicknamed_names import NicknamedNameRecognizer
from ml_backend.pii.recognizers.religious_figures import ReligiousFigureRecognizer
from ml_backend.pii.recognizers.script_names import ScriptNameRecognizer
from ml_backend.pii.recognizers.stage_names import StageNameRecognizer
from ml_backend.pii.recognizers.table_columns import TableColumnRecognizer
from ml_backend.pii.recognizers.vietnamese_names import VietnameseNameRecognizer
from ml_backend.pii.registry import default_registry

HOSTILE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202e", "\u202c", "\u200f", "\u0301", "\u0308",
           "  ", "\t", "\n", "\n\n", ". ", "! ", "? ", ", ", "'", "’", "-", "\u00a0", "Ω", "ß", "é", "🙂", "東", "ñ"]

VOCAB = {
    ScriptNameRecognizer: ["王", "伟", "李", "娜", "给", "和", "写", "的", "박", "지훈", "님", "씨", "أحمد", " ",
                           "الخطيب", "بن", "نور", "अमित", "कुमार", "অর্পিতা", "চৌধুরী", "。", "ـ", "ِ"],
    FamousNameRecognizer: ["Barack ", "Obama", "Van ", "Gogh", "Taylor ", "Swift", "Elvis ", "Presley", "'s", ".",
                           "Jr.", "Museum ", "the "],
    VietnameseNameRecognizer: ["nguyen ", "van ", "thi ", "an ", "minh ", "NGUYEN ", "VAN ", "le ", "do ",
                               "rentals "],
    LoneSurnameRecognizer: ["Henderson ", "did ", "said ", "Mc", "Kowalski ", "will ", "resign ", "Washington ",
                            "\t", "O'", "Brien "],
    ForeignNameCueRecognizer: ["me llamo ", "je m'appelle ", "ich heiße ", "mi amigo ", "meine Kollegin ",
                               "Juan ", "Anna ", "de ", "van der ", "Müller ", "меня зовут ", "Ольге ", "Смирновой ",
                               "田中", "さん", "我叫", "王伟", "。", "제 이름은 ", "김철수", " 씨", "입니다"],
    StageNameRecognizer: ["DJ ", "Lil ", "Big ", "Abc ", "Adele", "Seal", "Pink ", "sang ", "album ", "rapper ",
                          "the ", "a ", "'s", "Floyd ", "Prince"],
    ReligiousFigureRecognizer: ["Noah ", "Moses ", "Jesus ", "bible ", "my son ", "ark ", "flood ", "named "],
    DeityCueRecognizer: ["Amaterasu", ", ", "the ", "sun ", "goddess ", "god ", "Anubis ", "worship ", "of ",
                         "was ", "worshipped ", "oh my god ", "Egyptian "],
    FamilyRecognizer: ["the ", "Hendersons", "Joneses", "Okafor ", "family ", "The ", "Beatles", "twins "],
    LowercaseTitleRecognizer: ["mr ", "mrs ", "dr ", "smith ", "jones ", "prof "],
    BandRecognizer: ["The ", "Beatles ", "Rolling ", "Stones ", "band "],
    GroupCueRecognizer: ["the band ", "Abc ", "group ", "members of "],
    HandleRecognizer: ["@abc ", "@Abc", "u/abc ", "my username is ", "handle ", "python ", "@property\n", "def ",
                       "gamertag: ", "#1234"],
    BareHandleRecognizer: ["abc_12 ", "on slack ", "me on snapchat, i'm ", "user ", "a_b "],
    # rounds 14 to 16
    KoreanNameRecognizer: ["Kim ", "Min", "-jun", "-", "min", "PARK ", "JI-YEON", "Choi ", "Hyun-woo", "yeo"],
    NicknamedNameRecognizer: ["Margaret ", "'Peggy' ", "\"Bob\" ", "Olsen", "“Buzz” ", "'", "\"", "Aldrin "],
    FictionalCharacterRecognizer: ["Harry ", "Potter", "Sherlock ", "Holmes ", "Hermione ", "Granger", "Smith "],
    TableColumnRecognizer: ["id,full_name\n", "1,Ana Ruiz\n", ",", "|", ";", "\t", "| Patient ID |", "---",
                            "staff_id", "Ruiz", "\n"],
    ChatSpeakerRecognizer: ["[10:02] ", "dana.k", ": ", "mike_r", "tom_88", "hi ", "0.1", "[", "]", ":"],
}


def _text(vocab: list[str]):
    return st.lists(st.sampled_from(vocab + HOSTILE), min_size=1, max_size=1500).map(lambda p: "".join(p)[:6000])


def _check_spans(text: str, cands) -> None:
    for c in cands:
        assert 0 <= c.start < c.end <= len(text), (c.start, c.end, len(text))
        assert c.label in PII_LABELS


@pytest.mark.parametrize("recognizer", sorted(VOCAB, key=lambda r: r.__name__), ids=lambda r: r.__name__)
def test_each_recognizer_on_its_own_words_and_hostile_characters(recognizer) -> None:
    rec = recognizer()

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(text=_text(VOCAB[recognizer]))
    def run(text: str) -> None:
        ctx = TextContext(text, None)
        t0 = time.process_time()
        if hasattr(rec, "find"):
            cands = rec.find(ctx)
            _check_spans(text, cands)
        else:  # a Presidio deny list
            for r in rec.analyze(text, rec.supported_entities):
                assert 0 <= r.start < r.end <= len(text)
        assert time.process_time() - t0 < 1.0

    run()


ALL_WORDS = sorted({w for words in VOCAB.values() for w in words} | {
    "support ", "at ", "555-0100 ", "info@acme.io ", "a@b.co ", "call me ", "my dog ", "Biscuit ", "Calvin Klein ",
    "handbag ", "Memorial ", "Prize ", "the painting ", "Mona Lisa ", "Zeus ", "Athena ", "12 Main Street ",
    "QuietComfort 45 "})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_text(ALL_WORDS))
def test_not_pii_rules_on_every_candidate_of_hostile_text(text: str) -> None:
    """Every recognizer's candidates through :func:`not_pii.drop_not_pii`: a subset of them, in the text, fast."""
    from ml_backend.pii.context import GuidelineArtifacts
    from ml_backend.pii.recognizers.base import CANDIDATE_KEY

    ctx = TextContext(text, None)
    artifacts = GuidelineArtifacts(ctx)
    cands = []
    for rec in default_registry().recognizers:
        for r in rec.analyze(text, rec.supported_entities, artifacts):
            c = (r.recognition_metadata or {}).get(CANDIDATE_KEY)
            if c is not None:
                cands.append(c)
    t0 = time.process_time()
    kept = not_pii.drop_not_pii(ctx, list(cands))
    assert time.process_time() - t0 < 1.0
    assert all(any(k is c for c in cands) for k in kept)
    _check_spans(text, kept)


TOX_WORDS = ["saying ", "that ", "are ", "not ", "racist ", "is ", "wrong", "stop calling ", "people ", "who ",
             "i don't ", "think ", "they ", "human", "no offense ", "but ", "i'll ", "kill ", "you",
             "i know where you live", "in the movie ", "if someone says ", "how should i ", "why do people ",
             "believe ", "there's no evidence ", "no more ", "lazy ", "than ", "called me ", "i called ",
             "nobody is saying ", "not all ", "just most"]


def _fake_scorer(strings):
    n = len(strings)
    return np.full(n, 0.9), np.full(n, 0.8), np.full(n, 0.1)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(_text(TOX_WORDS), min_size=1, max_size=4))
def test_toxicity_recognizers_on_hostile_text(texts: list[str]) -> None:
    """Each toxicity recognizer only lowers (or, for threats, only raises) and stays fast on any text."""
    from ml_backend.toxicity.recognizers import RECOGNIZERS
    from ml_backend.toxicity.recognizers.hedges import is_hedged
    from ml_backend.toxicity.recognizers.units import sentences

    toxic, severe = np.full(len(texts), 0.9), np.full(len(texts), 0.8)
    t0 = time.process_time()
    for rec in RECOGNIZERS:
        new_toxic, new_severe = rec.adjust(texts, toxic, severe, _fake_scorer)
        assert new_toxic.shape == toxic.shape and np.all((0 <= new_toxic) & (new_toxic <= 1))
        if rec.raises:
            assert np.all(new_toxic >= toxic) and np.all(new_severe >= severe)
        else:
            assert np.all(new_toxic <= toxic) and np.all(new_severe <= severe)
    for text in texts:
        is_hedged(text)
        assert all(s and s == s.strip() for s in sentences(text))
    assert time.process_time() - t0 < 2.0
