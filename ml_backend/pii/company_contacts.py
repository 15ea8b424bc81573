"""The company-contact rule of :mod:`ml_backend.pii.not_pii` (which re-exports it): the guideline says "company
names and company contact details" are not PII. A toll-free number or a role mailbox is a company's whatever the
sentence says (:func:`is_company_contact_value`); a phone, e-mail, address, website or handle is one when the
sentence gives it in a business context (:func:`is_company_context`).

    >>> is_company_contact_value("1-800-555-0199", "PHONE_NUMBER"), is_company_contact_value("jane@gmail.com", "EMAIL_ADDRESS")
    (True, False)
"""

from __future__ import annotations

import re
from typing import Sequence

import ml_backend.pii.wordlists as wordlists
from ml_backend.pii.company_handles import PLATFORM_NAMES
from ml_backend.pii.context import TextContext
from ml_backend.pii.spans import SpanIndex

_PERSONAL_MARKER = re.compile(
    r"\b(?:my|me|mine|i|i'm|im|myself|his|her|him|hers|personal|home|cell|private|"
    # round 18: Portuguese, Spanish, French, German, Italian ("meu endereço", "mi casa", "mon adresse")
    r"meu|minha|mi|mis|mon|ma|mes|mein|meine|meiner|mio|mia|casa|privado|privada|priv[eé])\b", re.IGNORECASE
)
# round 18: a receipt ("TOTAL 4.48" on a line of its own): the address at its top is the shop's
_RECEIPT_TOTAL = re.compile(r"(?im)^[ \t]*(?:sub[ \t-]?)?total\b[^\n]{0,20}\d")
_BUSINESS_NOUNS = re.compile(
    r"\b(?:support|customer (?:service|care|support|success)|help ?desk|help ?line|hotline|call[- ]cent(?:er|re)|"
    r"switchboard|reception|front desk|headquarters|hq|head office|offices?|store|shop|restaurant|caf[eé]|hotel|"
    r"bank|branch|company|corporation|firm|agency|department|dept|sales|billing|clinic|hospital|pharmacy|"
    r"library|museum|school|university|station|airport|embassy|consulate|council|city hall|town hall|police|gym|"
    r"salon|bakery|pub|theat(?:er|re)|cinema|mall|factory|warehouse|dealership|studio|inc|ltd|llc|gmbh|"
    r"our team|business|organi[sz]ation|charity|venue|shelter|post office|brand|practice|surgery|dental|"
    r"veterinary|vets?|spa|garage|workshop|gallery|boutique|bistro|diner|deli|pizzeria|brewery|winery|bar|motel|"
    r"hostel|inn|nursery|daycare|kindergarten|church|temple|mosque|synagogue|showroom|chambers|co-?op|"
    r"supermarket|market|franchise|outlet|kiosk|stall|food truck|"
    # round 18: the same nouns in Portuguese, Spanish, French, German, Italian ("Nosso escritório fica na ...")
    r"escrit[oó]rio|oficina|loja|tienda|empresa|negocio|neg[oó]cio|restaurante|sede|sucursal|filial|bureau|"
    r"entreprise|soci[eé]t[eé]|magasin|b[uü]ro|firma|gesch[aä]ft|laden|praxis|negozio|ufficio|azienda|atendimento|"
    r"atenci[oó]n al cliente|servicio al cliente|kundenservice|service client)\b",
    re.IGNORECASE,
)
_ROLE_MAILBOX = frozenset(
    """support info help contact contacts sales billing admin administrator office enquiries enquiry inquiries
    inquiry service services customerservice customercare care hello team press media pr news newsletter marketing
    careers jobs hr recruiting noreply no-reply donotreply do-not-reply webmaster postmaster hostmaster abuse security
    privacy legal compliance orders order returns accounts accounting finance feedback reservations booking bookings
    helpdesk it ops operations partners partnerships investors ir events general mail
    contato contacto contatto kontakt atendimento vendas ventas ventes vendite soporte suporte assistenza
    reservas reservations facturacion faturamento complaints complaint returns refunds claims""".split()
)
_TOLL_FREE = re.compile(r"^\s*+(?:\+?1[\s.\-]?)?\(?8(?:00|33|44|55|66|77|88)\)?[\s.\-]?\d|^\s*+\+?(?:44\s?|0)80[08]\b")
def is_company_contact_value(value: str, entity: str) -> bool:
    """A toll-free number or a role mailbox is a company's whatever the sentence says.

    >>> is_company_contact_value("(888) 555-0100", "PHONE_NUMBER"), is_company_contact_value("info@acme.io", "EMAIL_ADDRESS")
    (True, True)
    """
    if entity == "PHONE_NUMBER":
        return bool(_TOLL_FREE.search(value))
    if entity == "EMAIL_ADDRESS" and "@" in value:
        local = value.split("@", 1)[0].casefold()
        return local in _ROLE_MAILBOX or local.split(".")[0] in _ROLE_MAILBOX or local.split("+")[0] in _ROLE_MAILBOX
    return False


def is_company_context(ctx: TextContext, start: int, end: int, *,
                       person_spans: Sequence[tuple[int, int]] | SpanIndex = (),
                       brands: Sequence[tuple[int, int]] | SpanIndex = (),
                       orgs: SpanIndex | None = None, receipt: bool | None = None) -> bool:
    """True when the contact detail or address at ``start:end`` is stated as a business's or public place's.

    Evidence, in the same sentence before the span: a business noun, a listed brand (``brands``: spans) or an
    organisation recognised by spaCy, and
    no personal marker between that evidence and the span, and no person's name in the sentence (a person's work
    phone on a business card is still their contact detail). ``person_spans`` and ``brands`` may be given as a
    :class:`SpanIndex` (as :func:`drop_not_pii` does: each lookup is then a bisection, not a walk), and so may the
    organisations (``orgs``: :func:`organisations`, built once per text) and whether the text is a receipt
    (``receipt``: :func:`is_receipt`, read once per text, not once per contact).

    >>> text = "Call Acme support at 555-0100. Or call me at 555-0199."
    >>> ctx = TextContext(text, None)
    >>> is_company_context(ctx, 21, 29), is_company_context(ctx, 45, 53)
    (True, False)
    """
    s0 = ctx.sentence_start(start)
    window_start = max(s0, start - 100)
    window = ctx.text[window_start:start]
    sent_end = ctx.sentence_end(end)
    people = _index(person_spans)
    if people and people.has_disjoint_in(s0, sent_end, start, end):
        return False  # a person's name elsewhere in the sentence
    if not people and (is_receipt(ctx.text) if receipt is None else receipt):
        return True  # round 18: a receipt without names
    anchor = -1
    for m in _BUSINESS_NOUNS.finditer(window):
        anchor = max(anchor, m.start())
    # the latest organisation (the English model's ORG; in another language: noise) and brand within the window
    if orgs is None and ctx.english:
        orgs = organisations(ctx)
    for index in (orgs, _index(brands)):
        latest = index.last_start_within(window_start, start) if index else None
        if latest is not None:
            anchor = max(anchor, latest - window_start)
    if anchor < 0:
        return False
    # "my Xbox gamertag is ...": a personal marker right before the evidence makes it the person's
    return _PERSONAL_MARKER.search(window, max(0, window.rfind(" ", 0, max(0, anchor - 1)) + 1)) is None


def is_receipt(text: str) -> bool:
    """Round 18: a line that starts with a total and holds an amount ("TOTAL 4.48"): the text is a receipt.

    >>> is_receipt("Milk 1.99\\nTOTAL 1.99"), is_receipt("What is the total cost of 3 apples?")
    (True, False)
    """
    return _RECEIPT_TOTAL.search(text) is not None


def organisations(ctx: TextContext) -> SpanIndex:
    """spaCy's ORG entities that may own a contact or an address: not a platform named in the text (where a handle
    lives, not its owner), nor (round 15) an imperative verb opening a sentence that the small model took for one
    ("Format this address: ...", "Proofread this label: ..."): one English word, no listed organisation."""
    platforms = bool(PLATFORM_NAMES.intersection(ctx.words))
    text = ctx.text
    keep = []
    for s, e, label in ctx.ents:
        if label != "ORG":
            continue
        low = text[s:e].casefold()
        if platforms and low in PLATFORM_NAMES:
            continue
        if (" " not in low and low in ctx.common and low not in wordlists.organisations_folded()
                and ctx.is_sentence_initial(s)):
            continue
        keep.append((s, e))
    return SpanIndex(keep)


def _index(spans: Sequence[tuple[int, int]] | SpanIndex) -> SpanIndex:
    return spans if isinstance(spans, SpanIndex) else SpanIndex(spans)


def is_personal_cue(text: str) -> bool:
    """True when ``text`` (the words just before a URL) says the site is someone's ("my blog", "her site")."""
    return re.search(r"(?i)\b(?:my|his|her|personal)\b", text) is not None
