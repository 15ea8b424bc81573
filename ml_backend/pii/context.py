"""Per-text lookups shared by the recognizers: sentence breaks, spaCy's entities, tokens, language hints.

One :class:`TextContext` is built per text (or per chunk of a long text) and handed to every guideline
recognizer through Presidio's ``nlp_artifacts`` (see :class:`GuidelineArtifacts`). Nothing here runs a model:
the spaCy ``Doc`` was made once per batch by the engine.

    >>> ctx = TextContext("Call Jane Doe. Or call me.", None)
    >>> ctx.sentence_start(18), ctx.is_sentence_initial(0), ctx.is_sentence_initial(5)
    (14, True, False)
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Callable, Iterable

from presidio_analyzer.nlp_engine import NlpArtifacts

from ml_backend.pii.spans import SpanIndex

_SENT_BREAK = re.compile(r"[.!?](?=\s+[A-Z\"“(])|[.!?]$|\n")
# a sentence (or a clause after ':' / a quote / a bullet) starts here
_INITIAL_BEFORE = re.compile(r"(?:^|[.!?:;\n\"“(*•\-]\s*|\n)$")
_WORD = re.compile(r"[^\W\d_]+")
# the pre-checks' words: runs of letters, digits, ``_`` and hyphens ("Passover?" -> "passover", "ji-woo" stays whole)
_PRECHECK_WORD = re.compile(r"[\w\-]+")
# entities of one label set: starts (sorted), the largest end so far, (start, index in ents, end, label), an index
_Labelled = tuple[list[int], list[int], list[tuple[int, int, int, str]], SpanIndex]
_NON_LATIN = re.compile(r"[^\W\d_A-Za-zÀ-ɏ]")
# Function words of English, and of the other languages prompts come in most (Spanish, French, German, Italian,
# Portuguese, Dutch, Polish) that English does not have.
_ENGLISH_FUNCTION_WORDS = frozenset(
    """the and of is are you your my it that this with for what how can please be have has does we they he she
    his her our their from at about which who why when would could should i me write tell give make not or
    an if there was were will""".split()
)
_FOREIGN_FUNCTION_WORDS = frozenset(
    """el la los las del que y en un una por para con es mi tu su cuál cómo qué puedes le les des du et est pour
    avec sur dans je il nous vous mon ma mes ce cette qui der die das und ist ich du ein eine einen mit für auf
    nicht mir mein meine wie zu den dem bei bitte kannst lo gli di che è sono quali della sull o os do da é um
    uma não qual une sans het een van wat ik je niet te om w z na się nie jest jak co jakie są à au aux appelle
    écris écrivez écrire schreibe schreib schreiben zum zur im vom escribe escriba escribir escreva escrever scrivi
    scrivere schrijf aan napisz
    diesen dieser dieses diese bis wegen sind nach aus über oder aber auch noch nur sehr wird werden wurde haben
    ihr ihre sie wir uns kein keine durch gegen ohne zwischen unter während dass weil wenn als sich fasse zusammen
    pas mais sont ont muy pero está están""".split()
) - _ENGLISH_FUNCTION_WORDS


# Foreign pronouns and verbs that never sit inside a name, a place or a URL (unlike "de", "la", "au", "na")
_FOREIGN_CLAUSE_WORDS = frozenset(
    """je il nous vous ich und ist wie que qué cómo puedes por para est et avec dans pour het een niet wat ik
    appelle écris écrivez écrire schreibe schreib schreiben escribe escriba escribir escreva escrever scrivi
    scrivere schrijf napisz mein meine bitte kannst""".split()
)


def looks_english(text: str) -> bool:
    """False for text that is mostly not English: mostly non-Latin letters, or at least two function words of
    another language (Spanish, French, German, Italian, Portuguese, Dutch, Polish; round 19: more German ones,
    "wegen", "bis", "sind") and more of them than English
    ones, or (a short text of 3 to 12 words) one foreign pronoun or verb and no English function word. A record without function words (a name and an address) counts as English. The engine supports English
    fully; see the package docstring.

    >>> looks_english("Write a poem about the sea."), looks_english("Écris un poème sur la mer et les bateaux.")
    (True, False)
    >>> looks_english("请帮我写一首关于春天的诗。"), looks_english("Jana Vítková\\nVia Tasso 129")
    (False, True)
    >>> looks_english("Je m'appelle Claire."), looks_english("Email Jean Dupont today.")
    (False, True)
    """
    letters = sum(map(str.isalpha, text))
    if letters and len(_NON_LATIN.findall(text)) > letters / 2:
        return False
    words = [w.casefold() for w in _WORD.findall(text)]
    foreign = sum(w in _FOREIGN_FUNCTION_WORDS for w in words)
    english = sum(w in _ENGLISH_FUNCTION_WORDS for w in words)
    if foreign == 1 and english == 0 and 3 <= len(words) <= 12 and any(w in _FOREIGN_CLAUSE_WORDS for w in words):
        return False  # a short prompt with one foreign pronoun or verb and no English word: "Je m'appelle Claire."
    return foreign < 2 or foreign <= english


class TextContext:
    """Lookups on one text: sentence breaks, spaCy entities ``(start, end, label)``, tokens, common words."""

    __slots__ = ("text", "_doc", "_make_doc", "breaks", "ents", "common", "_english", "_words", "_by_labels")

    def __init__(self, text: str, doc: Any, common: frozenset[str] = frozenset(),
                 ents: list[tuple[int, int, str]] | None = None,
                 make_doc: Callable[[str], Any] | None = None) -> None:
        self.text = text
        self._doc = doc
        # with ``doc`` None, the tokenizer that makes the Doc on first use (:attr:`doc`): most texts never need it
        self._make_doc = make_doc if doc is None else None
        self.common = common  # lowercase common English words (nouns, verbs, adjectives, adverbs)
        self.breaks = [m.end() for m in _SENT_BREAK.finditer(text)]
        # spaCy's own labels (PERSON, ORG, GPE, DATE ...) from ``ents`` (the engine's NER windows) or the Doc
        if ents is None:
            ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents] if doc is not None else []
        self.ents = ents
        self._english: bool | None = None
        self._words: frozenset[str] | None = None
        # entities by label set, sorted by start, built on first use: see ents_overlapping / ent_spans
        self._by_labels: dict[frozenset[str], _Labelled] = {}

    @property
    def doc(self) -> Any:
        """The text's spaCy ``Doc`` (tokens only), made on first use when the context was given ``make_doc``
        instead of a Doc; None without either.

        >>> calls = []
        >>> ctx = TextContext("Hi Ann", None, make_doc=lambda t: calls.append(t) or t.split())
        >>> len(calls), ctx.doc, ctx.doc, len(calls)
        (0, ['Hi', 'Ann'], ['Hi', 'Ann'], 1)
        """
        if self._doc is None and self._make_doc is not None:
            self._doc = self._make_doc(self.text)
            self._make_doc = None
        return self._doc

    @property
    def english(self) -> bool:
        """:func:`looks_english` of the text, computed on first use (the pre-filter's contexts never ask)."""
        if self._english is None:
            self._english = looks_english(self.text)
        return self._english

    @property
    def words(self) -> frozenset[str]:
        """The text's words, lower-cased, as a set, computed on first use: the recognizers' cheap pre-checks test it
        (one set test instead of a regex scan). Words are runs of letters, digits, ``_`` and hyphens.

        >>> sorted(TextContext("Why is a cup left for Elijah at Passover?", None).words)[:5]
        ['a', 'at', 'cup', 'elijah', 'for']
        >>> "peter" in TextContext("Peter's ji-woo", None).words, "ji-woo" in TextContext("Peter's ji-woo", None).words
        (True, True)
        """
        if self._words is None:
            self._words = frozenset(_PRECHECK_WORD.findall(self.text.lower()))
        return self._words

    def sentence_start(self, pos: int) -> int:
        i = bisect.bisect_right(self.breaks, pos) - 1
        return self.breaks[i] if i >= 0 else 0

    def sentence_end(self, pos: int) -> int:
        i = bisect.bisect_left(self.breaks, pos + 1)
        return self.breaks[i] if i < len(self.breaks) else len(self.text)

    def is_sentence_initial(self, pos: int) -> bool:
        """True when the word at ``pos`` starts a sentence, a line, or a clause after ':' or a quote."""
        return _INITIAL_BEFORE.search(self.text, max(0, pos - 4), pos) is not None

    def before(self, pos: int, width: int = 80) -> str:
        """Text of the same sentence before ``pos``, at most ``width`` characters."""
        return self.text[max(self.sentence_start(pos), pos - width):pos]

    def _labelled(self, labels: Iterable[str]) -> _Labelled:
        """The entities with one of ``labels``: their starts (sorted), the largest end so far in that order, the
        entities ``(start, index in ents, end, label)`` in that order, and their :class:`SpanIndex`. One walk over
        ``ents`` per label set and text, however many candidates ask."""
        wanted = frozenset(labels)
        found = self._by_labels.get(wanted)
        if found is None:
            items = sorted((s, i, e, lab) for i, (s, e, lab) in enumerate(self.ents) if lab in wanted)
            max_end: list[int] = []
            for _, _, e, _ in items:
                max_end.append(max(e, max_end[-1]) if max_end else e)
            found = ([s for s, _, _, _ in items], max_end, items, SpanIndex((s, e) for s, _, e, _ in items))
            self._by_labels[wanted] = found
        return found

    def ent_spans(self, labels: Iterable[str]) -> SpanIndex:
        """A :class:`SpanIndex` of the entities with one of ``labels`` (built once per label set)."""
        return self._labelled(labels)[3]

    def ents_overlapping(self, start: int, end: int, labels: Iterable[str]) -> list[tuple[int, int, str]]:
        """The entities with one of ``labels`` overlapping ``start:end``, in the order of ``ents``. By bisection:
        O(log n + found) for spaCy's entities, which never nest.

        >>> TextContext("Ann at Acme", None, ents=[(0, 3, "PERSON"), (7, 11, "ORG")]).ents_overlapping(2, 8, ["ORG"])
        [(7, 11, 'ORG')]
        """
        starts, max_end, items, _ = self._labelled(labels)
        i = bisect.bisect_left(starts, end) - 1
        hits = []
        while i >= 0 and max_end[i] > start:  # every entity before i ends by ``start``: none overlaps
            if items[i][2] > start:
                hits.append(items[i])
            i -= 1
        hits.sort(key=lambda it: it[1])
        return [(s, e, lab) for s, _, e, lab in hits]


class GuidelineArtifacts(NlpArtifacts):
    """Presidio's ``NlpArtifacts`` plus the :class:`TextContext` the guideline recognizers read."""

    def __init__(self, ctx: TextContext, nlp_engine: Any = None) -> None:
        self.ctx = ctx
        # no lemmas and no token offsets: nothing in the registry reads them (building them cost a Python
        # object per token); the context boost reads the Doc (ml_backend.pii.context_words)
        super().__init__(entities=[], tokens=[], tokens_indices=[], lemmas=[], nlp_engine=nlp_engine,
                         language="en")

    @property
    def tokens(self) -> Any:  # type: ignore[override]
        """The context's Doc (made on first use, :attr:`TextContext.doc`), or ``[]`` without one."""
        doc = self.ctx.doc
        return doc if doc is not None else []

    @tokens.setter
    def tokens(self, value: Any) -> None:  # NlpArtifacts.__init__ assigns it; the Doc lives on the context
        pass


def context_of(text: str, nlp_artifacts: Any) -> TextContext:
    """The :class:`TextContext` carried by ``nlp_artifacts``, or a fresh one without a Doc (recognizers called
    directly, as in their tests)."""
    ctx = getattr(nlp_artifacts, "ctx", None)
    if ctx is not None and ctx.text == text:
        return ctx
    doc = getattr(nlp_artifacts, "tokens", None) if nlp_artifacts is not None else None
    return TextContext(text, doc if hasattr(doc, "ents") else None)
