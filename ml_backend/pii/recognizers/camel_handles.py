"""CamelCase online pseudonyms of streamers and creators: "a diss track about PixelQueenTV's latest stream",
"NightOwlGaming's last Twitch stream", "unsubscribe from TechWithTravis's channel". The guideline: usernames, stage
names and pseudonyms count when they identify; a creator's handle names one person (PII, not certain: nothing
says it is not a brand).

The token: letters and digits with an inner capital after a lower-case letter ("PixelQueenTV", "xQcOW",
"MrBeast"), five characters or more, not a name with a particle's capital ("McDonald", "DeAndre", "LaToya",
"O'Brien"), not a listed brand (``brands.txt``) nor a platform, company or product written in CamelCase
(:data:`PRODUCTS`: "YouTube", "PlayStation", "OpenAI", "iPhone", "LinkedIn"). It needs a possessive ("'s") or to
sit right before a creator word ("PixelQueenTV stream"), and the sentence must speak of streaming or online content
(:data:`_CREATOR_CUE`: stream, streamer, Twitch, channel, subscribers, chat, VOD, clip, video, gamertag ...).

Cheap pre-checks (``NEEDS``): a lower-case letter followed by a capital; then a creator word among the text's
words (one set test).

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("Write a diss track about PixelQueenTV's latest stream, not YouTube's policy.", None)
    >>> [(ctx.text[c.start:c.end], c.certain) for c in CamelCaseHandleRecognizer().find(ctx)]
    [('PixelQueenTV', False)]
"""

from __future__ import annotations

import re
from functools import cache

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.wordlists import brands

NAME = PII_LABELS[0]
SCORE = 0.55

# platforms, companies, products and languages written in CamelCase: no person
PRODUCTS = frozenset(
    """YouTube YouTuber YouTubers TikTok TikToker TikTokers PlayStation OpenAI ChatGPT LinkedIn GitHub GitLab iPhone
    iPhones iPad iPads iPod iMac iCloud iOS macOS MacBook AirPods AirPod PayPal WhatsApp DoorDash FedEx JavaScript
    TypeScript CoffeeScript PowerPoint PowerShell SharePoint OneDrive OneNote DreamWorks SpaceX WordPress QuickBooks
    HubSpot SoundCloud DeepMind DeepSeek eBay AirBnB StarCraft WarCraft WoW PlayStations XBox SmartThings FaceTime
    GarageBand PyTorch TensorFlow NumPy SciPy GeForce MasterCard BlackBerry McAfee SkyDrive DropBox MySpace
    TripAdvisor OnlyFans SnapChat PlayStore AppStore GoPro LaTeX MongoDB PostgreSQL MySQL NoSQL GraphQL DevOps
    BitTorrent CrowdStrike SolarWinds WeChat KakaoTalk AliExpress AliBaba JetBlue SkyTeam PlayTV HotStar BookTok
    BookTube NaNoWriMo AutoCAD SolidWorks ArcGIS ProtonMail PlayDate RuneScape FortNite MineCraft LoL PubG
    EverQuest NieR DualShock DualSense JoyCon PlayStationVR AirTag AirTags MagSafe FireWire BlueTooth WiFi HDMI
    CompTIA StackOverflow HackerRank LeetCode DuoLingo ClassDojo GoFundMe IndieGoGo KickStarter SubStack""".split()
)
_PRODUCT_FOLDED = frozenset(p.casefold() for p in PRODUCTS)
_TOKEN = re.compile(r"(?<![\w@#/.\-])([A-Za-z][A-Za-z0-9]*?[a-z][A-Z][A-Za-z0-9]*+)(?![\w@/\-])")
_PARTICLE_CAPS = re.compile(r"^(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz|O)[A-Z][a-z]+$")
_AFTER = re.compile(r"['’]s?\b|[ \t]++(?i:stream|streams|channel|vod|vods|chat|clip|clips|video|videos|content|"
                    r"fans|subs|subscribers|followers|community|discord|server|merch)\b")
_CREATOR_WORDS = frozenset(
    """stream streams streamed streaming streamer streamers twitch kick youtube channel channels subscribers subscribe
    unsubscribe unsubscribed subs vod vods chat clip clips video videos content creator creators influencer
    gamertag gamer gaming podcast podcaster tiktok tiktoker fans fanbase followers raid raided emote emotes
    donation donations sub subbed collab diss rage quit livestream livestreams""".split()
)
NEEDS = re.compile(r"[a-z][A-Z]")


@cache
def _brand_words() -> frozenset[str]:
    return frozenset(w.casefold() for b in brands() for w in re.findall(r"[\w']+", b))


def is_camel_handle(token: str) -> bool:
    """``token`` has a pseudonym's shape and is no known product or name with a particle (see the module docstring).

    >>> [is_camel_handle(t) for t in ("PixelQueenTV", "xQcOW", "YouTube", "McDonald", "DeAndre", "iPhone")]
    [True, True, False, False, False, False]
    """
    if len(token) < 5 or token.casefold() in _PRODUCT_FOLDED or token.casefold() in _brand_words():
        return False
    return _PARTICLE_CAPS.match(token) is None


class CamelCaseHandleRecognizer(GuidelineRecognizer):
    """``USERNAME`` CamelCase creator pseudonyms with a possessive in a sentence about streams: ``Name``, not certain."""

    ENTITIES = ["USERNAME"]
    NEEDS = NEEDS

    def find(self, ctx: TextContext) -> list[Candidate]:
        if _CREATOR_WORDS.isdisjoint(ctx.words):
            return []
        text = ctx.text
        out: list[Candidate] = []
        for m in _TOKEN.finditer(text):
            token = m.group(1)
            if not is_camel_handle(token) or not _AFTER.match(text, m.end()):
                continue
            s0, s1 = ctx.sentence_start(m.start()), ctx.sentence_end(m.end())
            sentence = {w.casefold() for w in re.findall(r"[A-Za-z]+", text[s0:s1])}
            if _CREATOR_WORDS.isdisjoint(sentence):
                continue
            out.append(Candidate(m.start(1), m.end(1), NAME, "USERNAME", SCORE, False))
        return out
