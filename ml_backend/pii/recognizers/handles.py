"""Usernames and handles: "@jdoe92", "u/whatever" (ambiguous alone: PII, not certain; on a named platform,
certain: "a user on Instagram, @lena.bakes"), and usernames given with a
cue ("my username is jdoe92", "my gamertag: ShadowFalcon77", "I go by the handle n1ghtowl": certain).

The guideline: usernames, stage names and pseudonyms count when they identify a person. Not handles: code
("@property", "@media (...)", "@Override" in a text about Java), e-mail addresses, "meet @ 5pm", subreddits
("r/python"). Company accounts ("@acme_support", "@Delta") are left out (:mod:`ml_backend.pii.company_handles`).

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("ask @jane_doe92 or u/BlueHeron77, or my username: coolcat77", None)
    >>> [(ctx.text[c.start:c.end], c.certain) for c in HandleRecognizer().find(ctx)]
    [('@jane_doe92', False), ('u/BlueHeron77', False), ('coolcat77', True)]
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.company_handles import is_company_handle
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer

NAME = PII_LABELS[0]

# (round 18: not after "}" or ":" either: "mysql://app:${DB_PW}@db.local" holds credentials, no handle)
# (round 20: a hyphen inside, as GitHub handles have: "@lena-vogt-dev")
_HANDLE = re.compile(r"(?<![\w@.+\-/}:])@([A-Za-z0-9_](?:[A-Za-z0-9_.\-]{0,38}[A-Za-z0-9_])?)(?![\w@(\-])")
_REDDIT_USER = re.compile(r"(?<![\w/.])/?u/([A-Za-z0-9_\-]{3,20})(?![\w/])")
_PLATFORMS = (r"ig|insta(?:gram)?|twitter|tiktok|reddit|discord|github|telegram|snapchat|skype|steam|xbox|psn|"
              r"twitch|youtube|mastodon|bluesky|threads|roblox|minecraft|fortnite")
_USERNAME_CUE = re.compile(
    r"(?i:\b(my|his|her|their|your)?\s*(?:(?:" + _PLATFORMS + r")\s+)?(?:user ?name|user-name|user id|userid|"
    r"handle|screen ?name|gamertag|gamer tag|login|nick(?:name)?|" + _PLATFORMS + r")"
    r"(?: (?:handle|account|name|id|tag))?\s*(?:is|:|=)\s*)@?([A-Za-z0-9_][A-Za-z0-9_.\-]{2,31}(?:#\d{4})?)"
)
# "I go by the handle n1ghtowl", "under the username blue_fox": no verb, so the name must look like a username
_USERNAME_BARE = re.compile(
    r"(?i:\b(?:the|(my|his|her|their))\s+(?:user ?name|handle|screen ?name|gamertag|nick(?:name)?)\s+)"
    r"@?((?=[A-Za-z0-9_.\-]*[\d_])[A-Za-z0-9_][A-Za-z0-9_.\-]{2,31})"
)
# round 15: a handle said to be an account on a named platform identifies that account: certain ("a user on
# Instagram, @lena.bakes", "the Reddit user u/copperfox_88", "the TikTok video by @dancewithmia", "@mia on Twitch")
_PLATFORM_BEFORE = re.compile(r"(?i:\b(?:" + _PLATFORMS + r"|x[ \t]+\(formerly[ \t]+twitter\))\b)[^.!?\n]{0,40}$")
_PLATFORM_AFTER = re.compile(r"(?i:[ \t]+(?:on|from|via)[ \t]+(?:" + _PLATFORMS + r")\b)")
_NOT_USERNAME = frozenset("the a an my same not your this that it is and or but".split())
_CODE_DECORATOR = frozenset(
    "property staticmethod classmethod dataclass override abstractmethod cache lru_cache wraps app router pytest "
    "mock patch param media import tailwind apply layer keyframes font-face mixin include extend autowired "
    "component service entity table column id test before after bean inject input output injectable "
    "suppresswarnings deprecated functionalinterface transactional controller restcontroller".split()
)
# a text about code: an @word is an annotation or a CSS rule, not a person
_CODE_TALK = re.compile(
    r"(?i)\b(?:decorators?|annotations?|python|java|kotlin|typescript|javascript|css|scss|sass|spring boot|"
    r"angular|django|flask|fastapi|pytest|lombok|junit|php|laravel|directive"
    r")\b"
)


def _is_code(text: str, start: int, end: int, name: str, code_talk: list[bool]) -> bool:
    """``code_talk``: ``[_CODE_TALK found in text]``, filled on first need (one scan per text, not per handle)."""
    low = name.casefold()
    parts = low.split(".")
    if low in _CODE_DECORATOR or parts[0] in _CODE_DECORATOR or parts[-1] in _CODE_DECORATOR:
        return True
    if re.match(r"\s*\n\s*(?:def|class|async|@)\b", text[end:end + 20]) and not text[
            text.rfind("\n", 0, start) + 1:start].strip():
        return True  # a Python decorator line
    if not (len(parts) > 1 or name[:1].isupper()):
        return False
    if not code_talk:
        code_talk.append(_CODE_TALK.search(text) is not None)
    return code_talk[0]


_OWNER_BEFORE = re.compile(r"(?i:\b(?:go|goes|going|went)[ \t]+by|\bunder)[ \t]+$")


def _owned(text: str, m: re.Match[str], start: int, end: int) -> bool:
    """Round 16: a bare "the handle X" is certain when it is the writer's or a named person's ("my handle", "I go
    by the handle", "under the username") or on a named platform; "someone with the handle grey_owl21" is not."""
    return (m.group(1) is not None or _OWNER_BEFORE.search(text, max(0, m.start() - 12), m.start()) is not None
            or _on_platform(text, start, end))


def _on_platform(text: str, start: int, end: int) -> bool:
    """Round 15: a platform is named in the sentence just before the handle ("on Instagram, @lena.bakes") or
    right after it ("@mia on Twitch")."""
    return (_PLATFORM_BEFORE.search(text, max(0, start - 60), start) is not None
            or _PLATFORM_AFTER.match(text, end, min(len(text), end + 30)) is not None)


class HandleRecognizer(GuidelineRecognizer):
    """``USERNAME`` spans, labelled ``Name``: @handles and u/names not certain, cued usernames certain."""

    ENTITIES = ["USERNAME"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        text = ctx.text
        out = []
        code_talk: list[bool] = []
        for m in _HANDLE.finditer(text):
            name = m.group(1)
            if name.isdigit() or _is_code(text, m.start(), m.end(), name, code_talk) or is_company_handle(name):
                continue
            out.append(Candidate(m.start(), m.end(), NAME, "USERNAME", 0.55, _on_platform(text, m.start(), m.end())))
        for m in _REDDIT_USER.finditer(text):
            s = m.start() + (1 if text[m.start()] == "/" else 0)
            out.append(Candidate(s, m.end(), NAME, "USERNAME", 0.55, _on_platform(text, s, m.end())))
        for rx in (_USERNAME_CUE, _USERNAME_BARE):
            for m in rx.finditer(text):
                group = m.lastindex or 1
                v = m.group(group).rstrip(".")
                if v.casefold() in _NOT_USERNAME or len(v) < 3:
                    continue
                s = m.start(group)
                if s > 0 and text[s - 1] == "@":
                    s -= 1
                e = m.start(group) + len(v)
                out.append(Candidate(s, e, NAME, "USERNAME", 0.7, rx is _USERNAME_CUE or _owned(text, m, s, e)))
        return out
