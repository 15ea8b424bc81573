"""Full names found by the learned person-name detector (:mod:`ml_backend.pii.name_model`) where spaCy's small
model and the hand rules miss them: unlisted or hyphenated family names ("Chiamaka Obi-Nwankwo"), names in
lower case or capitals of any culture ("mehmet yilmaz", "CPL. MARCUS ABERNATHY'S").

The model is a logistic regression over sparse token features trained on synthetic guideline-style sentences only
(``ml_backend/data/build_name_model.py``, plus not-name words of the real toxicity training texts; its held-out
figures are in that script's output). A span of two name words or more whose mean word probability reaches
:data:`MIN_P` is proposed as ``Name``, NOT certain (score :data:`SCORE`), since a statistical guess is the only
evidence; when spaCy's NER tagged the same words PERSON, it is certain. Skipped where spaCy found a place, product,
work, event, law or language overlapping the span, or an organisation, country or nationality unless the detector's
mean probability is at least :data:`SURE` (the small model tags many unknown names GPE or ORG); and outside English
text or an English sentence (the model learned English contexts), in code (a camelCase word) and on capitals for
emphasis ("WHITE POWER" in a mixed-case text); in lower case every word must be on a name list ("paneer tikka"). The not-PII rules (:func:`~ml_backend.pii.not_pii.drop_not_pii`: brands, pets,
myths, companies) still apply after it, and a higher-scored candidate of another recognizer on the same words wins
in :func:`~ml_backend.pii.resolve.resolve`.

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("Draft a reference for Kofi Asante-Boateng, my assistant.", None,
    ...                   frozenset({"draft", "reference", "assistant"}))
    >>> [(ctx.text[c.start:c.end], c.certain) for c in LearnedNameRecognizer().find(ctx)]
    [('Kofi Asante-Boateng', False)]
"""

from __future__ import annotations

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.name_features import Lexicon, text_case
from ml_backend.pii.name_model import load_model
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.recognizers.lowercase_names import _english_sentence as english_sentence, lowercase_words
from ml_backend.pii.wordlists import first_names_folded, surnames_folded

NAME = PII_LABELS[0]
SCORE = 0.5
# spaCy labels that veto a span always, and the ones the small model also puts on unknown names ("Chiamaka
# Obi-Nwankwo" GPE), which veto it unless the detector is very sure
_NOT_PERSON = ("LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE")
_OFTEN_NAMES = ("ORG", "GPE", "NORP")
SURE = 0.95
# the mean word probability a span needs: on the real corpora of ../shared/data the spans under it were mostly
# slang, headlines and foreign words (benchmarks/pii_learned_names.py)
MIN_P = 0.85
# first words of place names shaped like a person's name
_PLACE_HEADS = frozenset("north south east west new san santa saint st fort port lake mount cape upper lower".split())
_LEXICONS: dict[int, Lexicon] = {}


def lexicon(common: frozenset[str]) -> Lexicon:
    """The model's word lists: the given and family names, and as common words ``common`` (the engine's WordNet
    words) with ``lowercase_words.txt`` (slang, inflections), built once per set."""
    key = id(common)
    lex = _LEXICONS.get(key)
    if lex is None:
        lex = _LEXICONS[key] = Lexicon(first_names_folded(), surnames_folded(), common | lowercase_words())
    return lex


def model_version() -> str:
    """The stored model's version (``names-1``): part of the engine's ``model_version``."""
    return load_model().version


class LearnedNameRecognizer(GuidelineRecognizer):
    """``PERSON`` full names the learned detector finds: ``Name``, not certain unless spaCy agrees."""

    ENTITIES = ["PERSON"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        if not ctx.common or not ctx.english:
            return []
        out: list[Candidate] = []
        for start, end, p in load_model().spans(ctx.text, lexicon(ctx.common)):
            if p < MIN_P or ctx.ents_overlapping(start, end, _NOT_PERSON) or (
                    p < SURE and ctx.ents_overlapping(start, end, _OFTEN_NAMES)):
                continue
            agreed = any(s <= start and end <= e for s, e, _ in ctx.ents_overlapping(start, end, ("PERSON",)))
            if not self._plausible(ctx, start, end):
                continue
            out.append(Candidate(start, end, NAME, "PERSON", SCORE, agreed))
        return out

    @staticmethod
    def _plausible(ctx: TextContext, start: int, end: int) -> bool:
        """No place ("Santa Monica"); no family name that is an English word ("Iris Atlas": a server's code name,
        which spaCy calls a PERSON too; "Chris Brown" is left to spaCy and the rules); in lower case, only listed
        name words ("paneer tikka"); no code ("mkEmpty len": camelCase); no capitals for emphasis in a mixed-case
        text ("WHITE POWER"); in a sentence that is mostly English (a word of another language is no name)."""
        words = ctx.text[start:end].replace("-", " ").split()
        if words[0].casefold().rstrip(".") in _PLACE_HEADS:
            return False  # "North Carolina", "Santa Monica"
        if words[-1].casefold() in ctx.common:
            return False
        if ctx.text[start:end].islower():
            lex = lexicon(ctx.common)
            if not all(w in lex.given or w in lex.family for w in words):
                return False  # in lower case a word's shape says nothing: every word must be a listed name
        if any(w[:1].islower() and not w.islower() for w in words):
            return False
        if (any(w.isupper() and w.casefold() in ctx.common for w in words)
                and text_case(ctx.text) == "M"):
            return False
        return english_sentence(ctx, start, end)
