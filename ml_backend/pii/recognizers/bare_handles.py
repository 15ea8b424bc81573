"""Usernames written without "@", recognised by what is said around them: "log in as user mrk_devops", "ping
jsalinas on Slack", "add me on snapchat, i'm blue.otter22", "kevin_dev on Discord".

The guideline: usernames count when they identify a person. Without the "@" only the words around say that a
token is a username, so each form needs a cue, and the token must not be an English word (``ctx.common``) or a
function word ("ping the team on Slack", "post it on Discord" hold none):

- ``user`` / ``account`` / ``log(ged) in as`` before the token: "user jkowalczyk92", "logged in as mrk_devops",
  "the account is called sysop_marla";
  the token needs a digit, "_" or "." inside unless the cue is "log in as user";
- a chat platform after it: "ping jsalinas on Slack", "kevin_dev on Discord"; the token is in lower case or
  holds a digit, "_" or "." (a capitalised "Kevin on Slack" is a first name, for the name recognizers);
- "me on <platform>, i'm / I am / as <token>" and "<platform>: <token>" after "add / follow / find me";
- "goes by" / "known as" / "aka" before a token with a digit, "_" or "." ("she goes by lil_pixie"); after "goes by
  the name / handle / nickname" a lower-case token that is no English word will do ("goes by the name shadowfox").

A username given like this is PII, certain (the cued forms of :mod:`~ml_backend.pii.recognizers.handles`).

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("log in as user mrk_devops, then ping jsalinas on Slack", None, frozenset({"ping"}))
    >>> [ctx.text[c.start:c.end] for c in BareHandleRecognizer().find(ctx)]
    ['mrk_devops', 'jsalinas']
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.recognizers.lowercase_names import is_english_form
from ml_backend.pii.recognizers.names import _STOP_WORDS

NAME = PII_LABELS[0]
SCORE = 0.65

_TOKEN = r"([A-Za-z0-9_][A-Za-z0-9_.\-]{1,30}[A-Za-z0-9_])"
_CHAT = (r"slack|discord|teams|github|gitlab|twitter|irc|telegram|reddit|snapchat|instagram|insta|tiktok|"
         r"twitch|steam|xbox|psn|mastodon|bluesky|zulip|keybase|skype|roblox|fortnite|linkedin|wechat|kik")
# "user X", "account X", "logged in as (user) X"
_USER_BEFORE = re.compile(
    r"(?i:\b(?:(log(?:ged)?[ -]?in|sign(?:ed)?[ -]?in) as(?: (?:the )?user)?|(?:the )?user|account|"
    r"(?:the )?(?:" + _CHAT + r") user)(?:[ \t]++(?:is|was))?(?:[ \t]++(?:called|named))?[ \t]++)@?" + _TOKEN
    + r"(?![\w@])"
)
# "she goes by lil_pixie", "known as xX_sniper_Xx online": the token needs a digit, "_" or "."
_GOES_BY = re.compile(
    r"(?i:\b(?:go(?:es)?|went|going)[ \t]++by|known[ \t]++as|aka)(?i:[ \t]++(the[ \t]++(?:user)?name|the[ \t]++handle|"
    r"the[ \t]++nick(?:name)?|the[ \t]++alias))?[ \t]++@?" + _TOKEN + r"(?![\w@])"
)
# "ping X on Slack", "X on Discord"
_CHAT_AFTER = re.compile(r"(?<![\w@.\-/])" + _TOKEN + r"(?i:[ \t]++(?:on|via)[ \t]++(?:" + _CHAT + r"))\b")
# "add me on snapchat, i'm X", "follow me on twitch: X", "find me on discord as X"
_ME_ON = re.compile(
    r"(?i:\bme[ \t]++on[ \t]++(?:" + _CHAT + r")[ \t]*+(?:[,:;\-][ \t]*+)?(?:(?:i'm|i’m|im|i am|as|at|it's|its)[ \t]++)?)"
    r"@?" + _TOKEN + r"(?![\w@])"
)
# cheap pre-checks: the token-first patterns run only when their cue is somewhere in the text
_CHAT_CUE = re.compile(r"(?i)\b(?:on|via)[ \t]++(?:" + _CHAT + r")\b")
_SYMBOL = re.compile(r"[\d_.]")
_FILE_OR_VERSION = re.compile(r"\.[A-Za-z]{1,4}$|^v?[\d.]+$|^[\d.\-]+[a-z]{0,2}$")


def _plausible(token: str, ctx: TextContext, needs_symbol: bool) -> bool:
    low = token.casefold()
    if low in _STOP_WORDS or token.isdigit() or "@" in token:
        return False
    if _SYMBOL.search(token):  # "mrk_devops", "blue.otter22"; not "main.py", "v1.2", "3rd"
        return not _FILE_OR_VERSION.search(token) and sum(ch.isalpha() for ch in token) >= 3
    if needs_symbol or not token.islower():
        return False
    return bool(ctx.common) and not is_english_form(low, ctx.common) and len(low) >= 4


class BareHandleRecognizer(GuidelineRecognizer):
    """``USERNAME`` spans without "@", from the words around them: ``Name``, certain."""

    ENTITIES = ["USERNAME"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        text = ctx.text
        out: list[Candidate] = []
        seen: set[int] = set()

        def add(m: re.Match[str], group: int, needs_symbol: bool) -> None:
            token = m.group(group).rstrip(".")
            if m.start(group) in seen or not _plausible(token, ctx, needs_symbol):
                return
            seen.add(m.start(group))
            out.append(Candidate(m.start(group), m.start(group) + len(token), NAME, "USERNAME", SCORE, True))

        for m in _USER_BEFORE.finditer(text):
            add(m, 2, needs_symbol=m.group(1) is None)
        for m in _GOES_BY.finditer(text):
            # "goes by the name shadowfox": after "the name" a lower-case non-word will do
            add(m, 2, needs_symbol=m.group(1) is None)
        if _CHAT_CUE.search(text) is None:
            return out
        for m in _CHAT_AFTER.finditer(text):
            add(m, 1, needs_symbol=False)
        for m in _ME_ON.finditer(text):
            add(m, 1, needs_symbol=False)
        return out
