"""Which @handles belong to a company, not a person (the guideline: company names and company contact details are
not PII). One of the not-PII rules of :mod:`~ml_backend.pii.not_pii`, kept here because handles have their own
shape.

A handle is a company's when

- a part of it is a support or shop word anywhere: "@acme_support", "@shop_official", "@AmazonHelp";
- a piece (between ".", "_", "-" and digits) is a business noun, or a long piece ends in one: "@greenleaf_cafe",
  "@lunabakery.co" (a business's noun, not what a person does: "@maya_bakes" stays a person's);
- it is an organisation known by its name alone (``organisations.txt``), or one followed by account words:
  "@Delta", "@NASA", "@SpotifyCares", "@BBCNews", "@DeltaAssist". The name must be the whole handle once those
  words are taken off: "@deltagirl_22" and "@nikefan" are people.

    >>> [is_company_handle(h) for h in ("acme_support", "lunabakery.co", "Delta", "SpotifyCares", "sunny_dev42")]
    [True, True, True, True, False]
"""

from __future__ import annotations

import re

from ml_backend.pii.wordlists import organisations_folded

_COMPANY_HANDLE_PARTS = ("support", "help", "official", "team", "news", "store", "shop", "service")
_HANDLE_PIECE = re.compile(r"[^\W\d_]+")
_BUSINESS_PIECES = frozenset(
    """co inc llc ltd gmbh hq corp company bakery bakehouse cafe coffee kitchen eats foods bistro diner deli
    pizza pizzeria brewing brewery brewco winery wines bar pub grill restaurant hotel hotels inn resort motel hostel
    spa salon barber barbers gym fitness yoga studio studios dental dentistry clinic vet pharmacy florist flowers
    boutique books bookshop market realty homes motors auto garage travel tours events media tv radio fm magazine
    press records games labs apps app agency design designs shopify""".split()
)
_BUSINESS_ENDINGS = tuple(w for w in _BUSINESS_PIECES if len(w) >= 5)
# words an organisation puts after its name in its accounts' handles: "@SpotifyCares", "@DeltaAssist", "@NikeUK"
_ACCOUNT_WORDS = frozenset(
    """cares care assist help helps support news official us uk usa ca au in de fr global hq app online live
    updates status careers jobs press""".split()
)
# the longest handle a platform allows is 30 characters (Instagram, TikTok); twice that for a margin
_LONGEST_HANDLE = 60
# a handle's words: "SpotifyCares" -> Spotify, Cares; "BBCNews" -> BBC, News; "uber_eats" -> uber, eats
_HANDLE_WORD = re.compile(r"[A-Z]{2,}(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
#: where handles live: a platform named before a handle ("my friend's Instagram is @...") is not the business the
#: handle belongs to (:func:`~ml_backend.pii.company_contacts.is_company_context` leaves these out of its evidence)
PLATFORM_NAMES = frozenset(
    """instagram insta ig twitter x tiktok facebook fb snapchat youtube linkedin reddit discord twitch github
    gitlab telegram whatsapp threads mastodon bluesky pinterest tumblr slack steam xbox roblox""".split()
)


def is_organisation_handle(name: str) -> bool:
    """``name`` (without "@") is a listed organisation, alone or before account words.

    >>> [is_organisation_handle(h) for h in ("NASA", "nasa", "BBCNews", "Uber_Eats", "nikefan", "deltagirl_22")]
    [True, True, True, True, False, False]
    """
    if len(name) > _LONGEST_HANDLE:
        return False  # no platform allows it; and the loop below is quadratic in the number of words
    orgs = organisations_folded()
    words = [w.casefold() for w in _HANDLE_WORD.findall(name)]
    while words:
        if "".join(words) in orgs:
            return True
        if words[-1] not in _ACCOUNT_WORDS:
            return False
        words.pop()
    return False


def is_company_handle(name: str) -> bool:
    """An @handle (without "@") of a company account: see the module docstring.

    >>> is_company_handle("shop_official"), is_company_handle("greenleaf_cafe"), is_company_handle("maya_bakes")
    (True, True, False)
    """
    low = name.casefold()
    if any(k in low for k in _COMPANY_HANDLE_PARTS):
        return True
    if any(piece in _BUSINESS_PIECES or piece.endswith(_BUSINESS_ENDINGS) for piece in _HANDLE_PIECE.findall(low)):
        return True
    return is_organisation_handle(name)
