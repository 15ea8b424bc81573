"""Personal websites and profile URLs (PII, ``Identifier``); other URLs (wikipedia, a company site) are not PII.

URLs are found by :class:`SafeUrlRecognizer`, which replaces Presidio's ``UrlRecognizer``: Presidio's pattern
(``[a-z0-9.\\-]{1,253}[.](?:com|edu|...)``) retries 253 characters and 600 top-level domains at every position,
about 1 ms per character on a run of dots (50 s for 50,000 characters). Here a host is matched once, label by
label, possessively, and its last label is looked up in Presidio's own list of top-level domains.

A URL is PII when it is a person's: a social-profile URL (twitter.com/jdoe, linkedin.com/in/jdoe, /~jdoe: not
certain; since round 16 certain when said to be someone's or its name holds a listed name, as
"linkedin.com/in/camila-restrepo-pm"), a site introduced as someone's ("my blog", "her portfolio": certain), or a site after a website cue in a
record that names a person ("Website: ..." beside a name: not certain, ``requires="person"``).

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("Read https://en.wikipedia.org/wiki/Cat, then review my blog at https://janedoe-writes.net", None)
    >>> [(ctx.text[c.start:c.end], c.certain) for c in PersonalUrlRecognizer().find(ctx)]
    [('https://janedoe-writes.net', True)]
"""

from __future__ import annotations

import re
from functools import cache

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import UrlRecognizer

from label_config.taxonomy import PII_LABELS
import ml_backend.pii.company_contacts as company_contacts
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.wordlists import first_names_folded, surnames_folded

IDENTIFIER = PII_LABELS[4]

_HOST = re.compile(
    r"(?i)(?<![\w.\-@/])(?:https?://)?[a-z0-9\-]++(?:\.[a-z0-9\-]++)++(?:/[^\s()<>\"']*+)?"
)
# a site's own pages after the host, no one's profile ("instagram.com/explore", "twitch.tv/directory")
_SITE_PAGES = (r"(?:explore|directory|about|help|legal|privacy|terms|settings|login|signup|search|watch|results|"
               r"feed|trending|home|accounts|p|reel|reels|stories|hashtag|tags?|videos?|shorts|channel|playlist|"
               r"downloads?|jobs|careers|press|blog|developers?|business|ads|policies|safety|creators|"
               r"premium|music|gaming|live|store|shop)(?![A-Za-z0-9_.\-])")
_PROFILE_URL = re.compile(
    r"(?i)(?<![\w\-])(?:twitter\.com|x\.com|instagram\.com|facebook\.com|fb\.com|tiktok\.com|github\.com|gitlab\.com|"
    r"medium\.com/@|reddit\.com/u(?:ser)?/|youtube\.com/(?:@|user/|c/)|linkedin\.com/in/|threads\.net/@|"
    r"pinterest\.com|soundcloud\.com|behance\.net|dribbble\.com|twitch\.tv|kick\.com|youtube\.com|"
    r"patreon\.com|ko-fi\.com|substack\.com/@|onlyfans\.com|vimeo\.com|snapchat\.com/add)/?@?"
    r"(?!" + _SITE_PAGES + r")[A-Za-z0-9_.\-]{2,}+|/~[A-Za-z0-9_.\-]++"
)
_WEBSITE_CUE = re.compile(r"(?i)\b(?:website|web site|site|blog|homepage|home page|portfolio|web page|webpage|page)\b")


@cache
def top_level_domains() -> frozenset[str]:
    """The top-level domains of Presidio's ``UrlRecognizer`` pattern."""
    return frozenset(re.findall(r"\(\?:([a-z]+)\)", UrlRecognizer.BASE_URL_REGEX))


def find_urls(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every URL: optional scheme, host labels ending on a known top-level domain, path.

    >>> find_urls("see www.un.org/en or file.txtx, mail jo@x.com")
    [(4, 17)]
    """
    tlds = top_level_domains()
    out = []
    for m in _HOST.finditer(text):
        url = m.group()
        host = url.split("://", 1)[-1].split("/", 1)[0]
        if host.rsplit(".", 1)[-1].casefold() in tlds:
            # round 16: the sentence's full stop or comma after a path is no part of it ("is github.com/jo.")
            end = m.start() + len(url.rstrip(".,;:!?]")) if "/" in url.split("://", 1)[-1] else m.end()
            out.append((m.start(), end))
    return out


class SafeUrlRecognizer(EntityRecognizer):
    """``URL``, in linear time (a drop-in for Presidio's ``UrlRecognizer`` in a registry)."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["URL"], name="UrlRecognizer", supported_language="en",
                         context=list(UrlRecognizer.CONTEXT))

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: object = None) -> list[RecognizerResult]:
        return [RecognizerResult("URL", s, e, 0.6 if "://" in text[s:e] else 0.5,
                                 recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                                       RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id})
                for s, e in find_urls(text)]


def _named_profile(text: str, start: int, end: int) -> bool:
    """Round 16: a profile URL is certain when it is said to be someone's ("my stream at twitch.tv/luna", "her
    profile is ...") or its name holds a listed given or family name ("linkedin.com/in/camila-restrepo-pm",
    "github.com/sara-lindqvist"); a bare channel or organisation ("youtube.com/@chefmarcoskitchen",
    "github.com/LAION-AI/Open-Assistant") is not."""
    if company_contacts.is_personal_cue(text[max(0, start - 40):start]):
        return True
    path = text[start:end].split("://", 1)[-1].split("/", 1)[-1]
    given, family = first_names_folded(), surnames_folded()
    return any(len(p) > 3 and (p in given or p in family) for p in re.split(r"[^a-z]+", path.casefold()))


class PersonalUrlRecognizer(GuidelineRecognizer):
    """``PERSONAL_URL`` spans, labelled ``Identifier``."""

    ENTITIES = ["PERSONAL_URL"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        out = []
        for start, end in find_urls(ctx.text):
            value = ctx.text[start:end]
            if _PROFILE_URL.search(value):
                out.append(Candidate(start, end, IDENTIFIER, "PERSONAL_URL", 0.6, _named_profile(ctx.text, start, end)))
                continue
            before = ctx.text[max(0, start - 40):start]
            if _WEBSITE_CUE.search(before):
                if company_contacts.is_personal_cue(before):
                    out.append(Candidate(start, end, IDENTIFIER, "PERSONAL_URL", 0.7, True))
                elif not company_contacts.is_company_context(ctx, start, end):
                    out.append(Candidate(start, end, IDENTIFIER, "PERSONAL_URL", 0.5, False, requires="person"))
        return out
