"""BareHandleRecognizer: usernames without "@", from a cue around them (certain); English words and code are not."""

from __future__ import annotations

import pytest

from ml_backend.pii.context import TextContext
from ml_backend.pii.recognizers.bare_handles import BareHandleRecognizer
from pii_helpers import found

REC = BareHandleRecognizer()


@pytest.mark.parametrize(
    "text,value",
    [("reset the password of user jkowalczyk92", "jkowalczyk92"),
     ("log in as user mrk_devops and check the cron jobs", "mrk_devops"),
     ("ask kevin_dev on Slack for the logs", "kevin_dev"),
     ("ping jsalinas on Slack and ask for the release notes", "jsalinas"),
     ("add me on snapchat, i'm blue.otter22", "blue.otter22"), ("she goes by lil_pixie online", "lil_pixie")],
)
def test_bare_handles(common: frozenset[str], text: str, value: str) -> None:
    assert found(REC, text, common=common) == [value]
    (c,) = REC.find(TextContext(text, None, common))
    assert c.certain and c.label == "Name"


@pytest.mark.parametrize(
    "text",
    ["ping the team on Slack", "post your comments on Discord", "the user interface is slow", "push main.py on GitHub",
     "release v1.2 on GitHub", "ask Kevin on Slack", "chat on Slack or by email", "bitches on twitter",
     "she goes by Kate", "known as the 3rd best"],
)
def test_not_bare_handles(common: frozenset[str], text: str) -> None:
    assert found(REC, text, common=common) == []


# new guideline cases, written before the rule change (issue 13 item 3): (text, has_pii)
GUIDELINE_CASES = [
    ("the shared login is named qa_tester7, please write a note for its owner", True),
    ("his reddit account is called throwaway_dad42, summarise his post", True),
    ("her psn name is GlitterBomb, write a birthday shoutout", True),
    ("my twitch username is PixelPanda, write a channel description", True),
    ("the account is called a savings account, explain it", False),
    ("the user is called back automatically after the timeout", False),
]


@pytest.mark.parametrize("text,has_pii", GUIDELINE_CASES)
def test_guideline_cases(text: str, has_pii: bool) -> None:
    from pii_helpers import engine_verdict

    assert engine_verdict(text)[0] is has_pii


# new guideline cases, written before the "goes by the name" change (issue 13 item 3)
GOES_BY_CASES = [
    ("he goes by the name shadowfox online, write a roast", True),
    ("in the forum she goes by the handle quillmaven", True),
    ("he goes by the name of the rose", False),
]


@pytest.mark.parametrize("text,has_pii", GOES_BY_CASES)
def test_goes_by_cases(text: str, has_pii: bool) -> None:
    from pii_helpers import engine_verdict

    assert engine_verdict(text)[0] is has_pii
