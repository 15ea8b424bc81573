"""HandleRecognizer: @handles and u/names (not certain), cued usernames (certain); code and e-mail are not."""

from __future__ import annotations

import pytest

from ml_backend.pii.context import TextContext
from ml_backend.pii.recognizers.handles import HandleRecognizer
from pii_helpers import found

REC = HandleRecognizer()


@pytest.mark.parametrize(
    "text,value,certain",
    [("ping @sunny_dev42 please", "@sunny_dev42", False), ("what does u/throwaway_8812 mean?", "u/throwaway_8812", False),
     ("my username is jdoe_1987", "jdoe_1987", True), ("My Instagram handle is @lily.paints", "@lily.paints", True),
     ("My Discord is pixelqueen#4521, add it", "pixelqueen#4521", True),
     ("I go by the handle n1ghtowl on forums", "n1ghtowl", True), ("my xbox gamertag is ToastyMcToast", "ToastyMcToast", True)],
)
def test_handles(text: str, value: str, certain: bool) -> None:
    assert (value, certain) in {(text[c.start:c.end], c.certain) for c in REC.find(TextContext(text, None))}


@pytest.mark.parametrize(
    "text",
    ["@property\ndef x(self): ...", "mail me: bob@example.com", "meet @ 5pm", "Explain the @Override annotation in Java.",
     "In CSS, what does @media (max-width: 600px) do?", "Why does @functools.wraps break the signature?",
     "What does @Autowired do in Spring Boot?", "follow @acme_support for updates", "see r/python"],
)
def test_not_handles(text: str) -> None:
    assert found(REC, text) == []


# round 15 (tests/test_pii_round15_cases.py, written first): a handle on a named platform is certain
@pytest.mark.parametrize(
    "text,value,certain",
    [("A user on Instagram, @lena.bakes, shared it", "@lena.bakes", True),
     ("The Reddit user u/copperfox_88 claims this", "u/copperfox_88", True),
     ("the TikTok video by @dancewithmia", "@dancewithmia", True), ("ask @mia_plays on Twitch", "@mia_plays", True),
     ("Reply to @sam_k with a polite no.", "@sam_k", False),
     ("I left Instagram. Later, @sam_k wrote to me.", "@sam_k", False)],  # the platform is in another sentence
)
def test_handles_on_a_named_platform(text: str, value: str, certain: bool) -> None:
    assert (value, certain) in {(text[c.start:c.end], c.certain) for c in REC.find(TextContext(text, None))}


# round 16 (tests/test_pii_round16_cases.py, written first): "the handle X" is someone else's unless owned or on a
# named platform
@pytest.mark.parametrize(
    "text,value,certain",
    [("Someone with the handle grey_owl21 keeps messaging me", "grey_owl21", False),
     ("A player with the gamertag FrostByte_9 keeps griefing me", "FrostByte_9", False),
     ("I go by the handle n1ghtowl", "n1ghtowl", True), ("my handle blue_fox9 is taken", "blue_fox9", True),
     ("She posts under the username cedar_88", "cedar_88", True),
     ("Someone on Reddit with the handle grey_owl21 wrote it", "grey_owl21", True)],
)
def test_bare_handles_and_their_owner(text: str, value: str, certain: bool) -> None:
    assert (value, certain) in {(text[c.start:c.end], c.certain) for c in REC.find(TextContext(text, None))}


def test_credentials_in_a_url_are_no_handle() -> None:
    assert found(REC, "url: mysql://app:${DB_PW}@db.local:3306/main and pw:@root") == []


# round 20 (tests/test_pii_round20_cases.py, written first): a hyphen inside a handle (GitHub)
@pytest.mark.parametrize("text,value", [("On GitHub, @lena-vogt-dev opened it", "@lena-vogt-dev"),
                                        ("thanks @tom-okafor!", "@tom-okafor"), ("ping @ana - now", "@ana")])
def test_hyphenated_handles(text: str, value: str) -> None:
    assert value in found(REC, text)
