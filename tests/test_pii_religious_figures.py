"""Religious and (non-Greek) mythical figures: PII, not certain; a shared given name needs a religious cue."""

from __future__ import annotations

import pytest

from ml_backend.pii import get_pii_engine
from ml_backend.pii.recognizers.religious_figures import BiblicalNameRecognizer, ReligiousFigureRecognizer
from pii_helpers import found

REC = ReligiousFigureRecognizer()


@pytest.mark.parametrize(
    "text,names",
    [("Why did Moses lead the Israelites out of Egypt?", ["Moses"]),
     ("Compare the roles of Odin and Loki in Norse myths.", ["Odin", "Loki"]),
     ("Retell the story of Noah and the ark.", ["Noah"]),
     ("Can you suggest a gift for Noah, who is turning seven?", []),  # no religious cue: a child's name
     ("Write a prayer for my son David.", []),  # a person who shares the name
     ("Zeus and Athena argue.", [])],
)
def test_single_names(text: str, names: list[str]) -> None:
    assert found(REC, text) == names


def test_biblical_full_names_are_a_deny_list() -> None:
    results = BiblicalNameRecognizer().analyze("What did pontius pilate say?", ["RELIGIOUS_FIGURE"])
    assert [(r.start, r.end) for r in results] == [(9, 23)]


def test_pii_not_certain() -> None:
    f = get_pii_engine().analyze("Write a poem about Krishna playing the flute.")
    assert f.has_pii and not f.certain


# new guideline cases, written before the story-motif rule (issue 13 item 3): (text, has_pii)
GUIDELINE_CASES = [
    ("Why did Samson lose his strength when his hair was cut?", True),
    ("Explain how David defeated Goliath with a sling.", True),
    ("Tell the story of Jonah being swallowed by a big fish.", True),
    ("Write a poem about Joseph and his coat of many colours.", True),
    ("How many animals did Noah take onto the ark?", True),
    ("My neighbour Daniel lent me a ladder; write a thank-you note.", False),
    ("Joseph is coming over for dinner, suggest a menu.", False),
]


@pytest.mark.parametrize("text,has_pii", GUIDELINE_CASES)
def test_guideline_cases(text: str, has_pii: bool) -> None:
    from pii_helpers import engine_verdict

    assert engine_verdict(text)[0] is has_pii


def test_a_story_motif_is_a_cue_only_for_its_own_figure() -> None:
    from pii_helpers import found

    rec = ReligiousFigureRecognizer()
    assert found(rec, "Draw Jonah inside the whale") == ["Jonah"]
    assert found(rec, "Draw Daniel inside the whale") == []  # the whale is Jonah's story, not Daniel's


# round 5, written before the faith-name cues and the Quran's names: a single name whose cue is the religion or
# scripture named in the sentence: PII, not certain; Greek myth and people who share the name stay not PII
FAITH_CASES = [
    ("How is Abraham regarded in Judaism, Christianity and Islam?", True),
    ("Summarise what the Quran says about Maryam.", True),
    ("Explain the role of Isaac in the Torah.", True),
    ("Why is the Prophet Muhammad central to Islam?", True),
    ("Compare how Jesus is described in the Gospel of Mark and in the Koran.", True),
    ("What did the patriarch Jacob do after wrestling the angel?", True),
    ("Explain why Ibrahim is honoured in Islam.", True),
    ("Write a myth about Zeus and Athena.", False),
    ("My colleague Isaac studies Judaism at university.", False),
    ("Explain the main beliefs of Buddhism and Hinduism.", False),
]


@pytest.mark.parametrize("text,has_pii", FAITH_CASES)
def test_faith_cases(text: str, has_pii: bool) -> None:
    from pii_helpers import engine_verdict

    found_pii, certain, _ = engine_verdict(text)
    assert found_pii is has_pii and not certain
