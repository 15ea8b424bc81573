"""The recognizers the engine runs, in one Presidio ``RecognizerRegistry``: the guideline's own, one a module under
``recognizers/``, and the Presidio predefined ones it keeps. Add or remove one the Presidio way::

    >>> registry = default_registry()
    >>> "StreetAddressRecognizer" in recognizer_names(registry)
    True
    >>> registry.remove_recognizer("StreetAddressRecognizer")
    >>> "StreetAddressRecognizer" in recognizer_names(registry)
    False

Then ``PiiEngine(registry=registry)``. A recognizer is either a
:class:`~ml_backend.pii.recognizers.base.GuidelineRecognizer` (its results carry a labelled ``Candidate``) or any
Presidio recognizer whose entity is in :data:`ENTITY_LABELS` (label, minimum score, certain).

Presidio's own recognizers kept: cards, IBAN, US SSN / bank / licence / passport / ITIN, UK NHS, crypto wallets,
IP and MAC addresses, medical licences, e-mail, phone (windowed). Replaced: ``UrlRecognizer`` (too slow on runs of
dots: :mod:`~ml_backend.pii.recognizers.urls`), ``DateRecognizer`` (used inside
:mod:`~ml_backend.pii.recognizers.dates`), ``SpacyRecognizer`` (the name recognizers read spaCy's entities).
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerRegistry
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    CryptoRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    MacAddressRecognizer,
    MedicalLicenseRecognizer,
    NhsRecognizer,
    UsBankRecognizer,
    UsItinRecognizer,
    UsLicenseRecognizer,
    UsPassportRecognizer,
    UsSsnRecognizer,
)

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.prechecks import PRESIDIO_NEEDS
from ml_backend.pii.recognizers.addresses import StreetAddressRecognizer
from ml_backend.pii.recognizers.bare_handles import BareHandleRecognizer
from ml_backend.pii.recognizers.dotted_names import DottedNameRecognizer
from ml_backend.pii.recognizers.cited_authors import CitedAuthorRecognizer
from ml_backend.pii.recognizers.cued_short_names import CuedShortNameRecognizer
from ml_backend.pii.recognizers.dates import PersonDateRecognizer
from ml_backend.pii.recognizers.decorated_gamertags import DecoratedGamertagRecognizer
from ml_backend.pii.recognizers.deity_cues import DeityCueRecognizer
from ml_backend.pii.recognizers.families import FamilyRecognizer
from ml_backend.pii.recognizers.family_acts import FamilyActRecognizer
from ml_backend.pii.recognizers.festival_figures import FestivalFigureRecognizer
from ml_backend.pii.recognizers.fictional_characters import FictionalCharacterRecognizer
from ml_backend.pii.recognizers.first_name_context import ContextualFirstNameRecognizer
from ml_backend.pii.recognizers.famous_names import FamousNameRecognizer
from ml_backend.pii.recognizers.foreign_name_cues import ForeignNameCueRecognizer
from ml_backend.pii.recognizers.groups import BandRecognizer, GroupCueRecognizer
from ml_backend.pii.recognizers.handles import HandleRecognizer
from ml_backend.pii.recognizers.identifiers import IdentifierRecognizer
from ml_backend.pii.recognizers.inflected_relation_cues import InflectedRelationRecognizer
from ml_backend.pii.recognizers.initial_names import InitialNameRecognizer
from ml_backend.pii.recognizers.korean_names import KoreanNameRecognizer
from ml_backend.pii.recognizers.learned_names import LearnedNameRecognizer
from ml_backend.pii.recognizers.lone_surnames import LoneSurnameRecognizer
from ml_backend.pii.recognizers.lowercase_names import LowercaseNameRecognizer
from ml_backend.pii.recognizers.lowercase_titles import LowercaseTitleRecognizer
from ml_backend.pii.recognizers.midsentence_names import MidSentenceNameRecognizer
from ml_backend.pii.recognizers.name_lists import NameListRecognizer
from ml_backend.pii.recognizers.nicknamed_names import NicknamedNameRecognizer
from ml_backend.pii.recognizers.person_names import PersonNameRecognizer
from ml_backend.pii.recognizers.person_slots import RelationNameRecognizer
from ml_backend.pii.recognizers.vocatives import VocativeSurnameRecognizer
from ml_backend.pii.recognizers.sign_offs import SignOffRecognizer
from ml_backend.pii.recognizers.camel_handles import CamelCaseHandleRecognizer
from ml_backend.pii.recognizers.chat_speakers import ChatSpeakerRecognizer
from ml_backend.pii.recognizers.combinable_first_names import CombinableFirstNameRecognizer
from ml_backend.pii.recognizers.partial_ids import PartialIdRecognizer
from ml_backend.pii.recognizers.phones import CuedPhoneRecognizer, WindowedPhoneRecognizer
from ml_backend.pii.recognizers.plates import PlateRecognizer
from ml_backend.pii.recognizers.stage_names import StageNameRecognizer
from ml_backend.pii.recognizers.table_columns import TableColumnRecognizer
from ml_backend.pii.recognizers.religious_figures import BiblicalNameRecognizer, ReligiousFigureRecognizer
from ml_backend.pii.recognizers.script_names import ScriptNameRecognizer
from ml_backend.pii.recognizers.titled_names import TitledNameRecognizer
from ml_backend.pii.recognizers.urls import PersonalUrlRecognizer
from ml_backend.pii.recognizers.vietnamese_names import VietnameseNameRecognizer

NAME, LOCATION, DATE, CONTACT, IDENTIFIER = PII_LABELS

# Entity of a plain Presidio recognizer -> (guideline label, minimum score, certain). Scores under the minimum are
# the weak "no context word" matches of Presidio's loose recognizers (a 9-digit number is no passport without a cue).
ENTITY_LABELS: dict[str, tuple[str, float, bool]] = {
    "CREDIT_CARD": (IDENTIFIER, 0.3, True),
    "IBAN_CODE": (IDENTIFIER, 0.3, True),
    "US_SSN": (IDENTIFIER, 0.3, True),
    "IP_ADDRESS": (IDENTIFIER, 0.3, True),
    "CRYPTO": (IDENTIFIER, 0.3, True),
    "UK_NHS": (IDENTIFIER, 0.3, True),
    "MAC_ADDRESS": (IDENTIFIER, 0.5, True),
    "MEDICAL_LICENSE": (IDENTIFIER, 0.4, True),
    "US_DRIVER_LICENSE": (IDENTIFIER, 0.4, True),
    "US_PASSPORT": (IDENTIFIER, 0.4, True),
    "US_BANK_NUMBER": (IDENTIFIER, 0.4, True),
    "US_ITIN": (IDENTIFIER, 0.4, True),
    "EMAIL_ADDRESS": (CONTACT, 0.3, True),
    "PHONE_NUMBER": (CONTACT, 0.35, True),
    "GROUP": (NAME, 0.0, False),  # BandRecognizer (deny list)
    "RELIGIOUS_FIGURE": (NAME, 0.0, False),  # BiblicalNameRecognizer (deny list)
}


# The flags Presidio's registry gives its predefined pattern recognizers when it loads them.
PRESIDIO_REGEX_FLAGS = re.DOTALL | re.MULTILINE | re.IGNORECASE


def presidio_recognizers() -> list[EntityRecognizer]:
    """The Presidio predefined recognizers the engine keeps (see the module docstring), with the regex flags
    Presidio's own registry would give them and their pre-checks (``NEEDS``, :mod:`ml_backend.pii.prechecks`)."""
    recs: list[EntityRecognizer] = [
        CreditCardRecognizer(), UsBankRecognizer(), UsLicenseRecognizer(), UsItinRecognizer(),
        UsPassportRecognizer(), UsSsnRecognizer(), NhsRecognizer(), CryptoRecognizer(), EmailRecognizer(),
        IbanRecognizer(), IpRecognizer(), MedicalLicenseRecognizer(), MacAddressRecognizer(),
    ]
    for rec in recs:
        rec.global_regex_flags = PRESIDIO_REGEX_FLAGS  # type: ignore[attr-defined]
        rec.NEEDS = PRESIDIO_NEEDS.get(type(rec))  # type: ignore[attr-defined]
    return [*recs, WindowedPhoneRecognizer()]


def guideline_recognizers() -> list[EntityRecognizer]:
    """The guideline's recognizers, one a module under ``ml_backend/pii/recognizers/``."""
    return [PersonNameRecognizer(), LowercaseNameRecognizer(), VietnameseNameRecognizer(), LowercaseTitleRecognizer(), ForeignNameCueRecognizer(),
            ScriptNameRecognizer(), FamousNameRecognizer(),
            ReligiousFigureRecognizer(), BiblicalNameRecognizer(), DeityCueRecognizer(), BandRecognizer(),
            GroupCueRecognizer(), FamilyRecognizer(), StageNameRecognizer(), LoneSurnameRecognizer(), HandleRecognizer(), BareHandleRecognizer(),
            DottedNameRecognizer(),
            StreetAddressRecognizer(), IdentifierRecognizer(), PlateRecognizer(),
            CuedPhoneRecognizer(), PersonalUrlRecognizer(), PersonDateRecognizer(),
            # round 6
            InflectedRelationRecognizer(), CitedAuthorRecognizer(), FamilyActRecognizer(), FestivalFigureRecognizer(),
            PartialIdRecognizer(), ContextualFirstNameRecognizer(), CuedShortNameRecognizer(),
            # round 7
            RelationNameRecognizer(), VocativeSurnameRecognizer(), SignOffRecognizer(), CamelCaseHandleRecognizer(),
            CombinableFirstNameRecognizer(),
            # round 8
            TitledNameRecognizer(), DecoratedGamertagRecognizer(), NameListRecognizer(), InitialNameRecognizer(),
            MidSentenceNameRecognizer(),
            # round 14
            KoreanNameRecognizer(), NicknamedNameRecognizer(),
            # round 15
            FictionalCharacterRecognizer(),
            # round 16
            ChatSpeakerRecognizer(),
            # round 18
            TableColumnRecognizer(),
            # the learned person-name detector (ml_backend/data/build_name_model.py)
            LearnedNameRecognizer()]


def default_registry() -> RecognizerRegistry:
    """A fresh registry holding every recognizer the engine runs by default."""
    return RecognizerRegistry(recognizers=[*presidio_recognizers(), *guideline_recognizers()])


def recognizer_names(registry: RecognizerRegistry) -> list[str]:
    """The names of the recognizers in ``registry``, in order."""
    return [r.name for r in registry.recognizers]
