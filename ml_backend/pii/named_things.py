"""Things named after people are no person: places, institutions, prizes, indices and works of art whose name holds
a person's ("the Lincoln Memorial", "Nobel Prize", "Tate Modern", "the Dow Jones Industrial Average", "the Mona
Lisa", "the painting Whistler's Mother", "the Hilton"). One of the rules of :mod:`ml_backend.pii.not_pii`, which
re-exports :func:`is_named_after_person`.
"""

from __future__ import annotations

import re

from ml_backend.pii.context import TextContext


class HeadWords:
    """A rule on a name: it ends with, or is followed (within ``window`` characters) by, one of ``words`` (a regex
    alternation of head words, "Memorial|Prize" or "Empire|Dynasty").

    >>> rule = HeadWords("Memorial|Prize", window=30)
    >>> text = "the Lincoln Memorial, a Nobel Prize, Ann Lee"
    >>> rule(text, 4, 20), rule(text, 24, 29), rule(text, 37, 44)
    (True, True, False)
    """

    def __init__(self, words: str, window: int) -> None:
        self._end = re.compile(r"(?:^|[ \t])(?:" + words + r")$")
        self._after = re.compile(r"[ \t]++(?:" + words + r")\b")
        self._window = window

    def __call__(self, text: str, start: int, end: int) -> bool:
        return (self._end.search(text, start, end) is not None
                or self._after.match(text, end, min(len(text), end + self._window)) is not None)


NAMING = r"(?:named|called|nicknamed|dubbed|christened|known[ \t]+as)"  # a naming verb
# round 13: a business, product or publication given a name ("a bakery called Golden Crumb", "a podcast called
# Quiet Hours", "an app named Budget Buddy", "our startup's name is Blue Lantern"): a company's or a product's name.
# Only with a naming verb ("the company John founded" names no company). Bands and teams are groups, not here.
_BUSINESS = (r"shops?|stores?|bakery|bakeries|caf[eé]s?|coffee[ \t]+shops?|coffee[ \t]+houses?|tea[ \t]+rooms?|"
             r"restaurants?|bars?|pubs?|bistros?|diners?|hotels?|inns?|companies|company|start-?ups?|business(?:es)?|"
             r"brands?|firms?|agenc(?:y|ies)|studios?|salons?|gyms?|boutiques?|breweries|brewery|winery|food[ \t]+"
             r"trucks?|podcasts?|apps?|websites?|sites?|blogs?|newsletters?|magazines?|zines?|channels?|shows?|"
             r"series|games?|products?|labels?|charit(?:y|ies)|non-?profits?|organi[sz]ations?|platforms?|tools?|"
             r"services?|clinics?|practices?|nurser(?:y|ies)|daycares?|schools?|academ(?:y|ies)|venues?|clubs?[ \t]+"
             r"night|nightclubs?|markets?|shop[ \t]+fronts?|line|range|collection|ventures?|projects?")
_BUSINESS_BEFORE = re.compile(
    r"(?i:\b(?:" + _BUSINESS + r")(?:['’]s[ \t]+name[ \t]+(?:is|was)|[ \t]+(?:is|was)[ \t]+(?:called|named)|,?[ \t]+"
    + NAMING + r"))[ \t,:\"“']*+$"
)


def is_named_business(text: str, start: int) -> bool:
    """True when the name at ``start`` is given to a business, product or publication by a naming verb (round 13):
    "a bakery called Golden Crumb", "a podcast called Quiet Hours", "our startup's name is Blue Lantern".

    >>> text = "Write a slogan for a bakery called Golden Crumb."
    >>> is_named_business(text, 35), is_named_business("a nurse called Ann Lee", 15)
    (True, False)
    """
    return _BUSINESS_BEFORE.search(text, max(0, start - 60), start) is not None


# A place, institution, prize or work of art whose name holds a person's: "the Lincoln Memorial", "Nobel Prize".
_NAMED_THING = (r"Memorial|Monument|Statue|Bridge|Airport|Cent(?:er|re)|Park|Square|Hall|Library|Museum|University|"
                r"Elementary|Primary|Academy|Kindergarten|College|Institute|Foundation|Prize|Award|Medal|Stadium|Arena|Tower|Building|Tunnel|Highway|"
                r"Boulevard|Station|Hotel|Hospital|School|Cathedral|Chapel|Theat(?:re|er)|Dam|Trophy|Cup|Lecture|"
                r"Fellowship|Scholarship|Observatory|Telescope|Space Center|Day|"
                # round 8: a museum, gallery or market index named after people ("Tate Modern", "the Dow Jones
                # Industrial Average", "the Nasdaq Composite Index")
                r"Modern|Gallery|Galleries|Index|Average|Composite|Exchange|Collection|"
                # round 16: a city named after a person ("Ho Chi Minh City", "Quezon City")
                r"City")
_NAMED_THING_WORDS = HeadWords(_NAMED_THING, window=30)
# "the Mona Lisa", "the Hilton on ...", "the Ritz": a bare name after "the" is a thing when what follows is no
# noun it qualifies (punctuation, a verb, a preposition, an adjective: "the Mona Lisa famous?"); not "the
# Johnson family", "the Obama administration"
_THE_BEFORE = re.compile(r"(?<![\w])(?i:the)[ \t]++$")
_THING_FOLLOWS = re.compile(
    r"\s*+(?:$|[^\w\s]|(?:is|was|are|were|has|had|have|does|did|do|can|will|would|in|on|at|of|and|or|to|for|from|"
    r"with|by|near|a|an|\w{2,20}(?:ing|ed|ous|ful|ive|able|ible|less))\b)"
)
# "Whistler's Mother", "the painting Guernica": a work of art named by a cue
_ARTWORK_BEFORE = re.compile(r"(?i:\b(?:painting|portrait|statue|sculpture|fresco|mural|novel|poem|opera|song|"
                             r"album|film|movie|musical|play|sonnet|track|single|hymn|ballad|lullaby)(?: called| titled| named)?)"
                             r"[ \t,:'\"“‘]*+$")  # round 14: a quoted title ("the song 'Peggy Sue'")


# round 16: a firm named by two names joined by "&" ("Caldwell & Pryce", "Mercer & Holt"); two people are written
# with their given names ("Ana Ruiz & Ben Cole")
_FOUNDERS = re.compile(r"[A-Z][a-z'’]+[ \t]*&[ \t]*[A-Z][a-z'’]+")


def is_founders_firm(value: str) -> bool:
    """True when ``value`` is two capitalised words joined by "&": a firm named after its founders, never one
    person's full name (two people named by given name alone are no PII either: "Tom & Jerry").

    >>> is_founders_firm("Mercer & Holt"), is_founders_firm("Ana Ruiz & Ben Cole"), is_founders_firm("Ana Ruiz")
    (True, False, False)
    """
    return _FOUNDERS.fullmatch(value) is not None


def is_named_after_person(ctx: TextContext, start: int, end: int) -> bool:
    """True when the name at ``start:end`` is part of a thing's name: a place or prize ("the Lincoln Memorial",
    "Nobel Prize"), a bare name after "the" ("the Mona Lisa", "the Hilton"), a titled work of art ("the painting
    Whistler's Mother").

    >>> ctx = TextContext("Why is the Mona Lisa smiling? Visit the Lincoln Memorial with the Smith family.", None)
    >>> is_named_after_person(ctx, 11, 20), is_named_after_person(ctx, 40, 56), is_named_after_person(ctx, 66, 71)
    (True, True, False)
    """
    text = ctx.text
    if _NAMED_THING_WORDS(text, start, end):
        return True
    if _ARTWORK_BEFORE.search(text, max(0, start - 40), start):
        return True
    return (_THE_BEFORE.search(text, max(0, start - 8), start) is not None
            and _THING_FOLLOWS.match(text, end, min(len(text), end + 30)) is not None)
