"""Small recognizers that correct the learned engine where a measurement on unseen text showed they help.

The head reads a bag of contextual word vectors learned from tweets and forum sentences, so a sentence that NAMES
hate to condemn it ("saying X are Y is racist") looks to it like the hate itself, and a threat without a rude word
("I know where you live") like small talk. Each recognizer here fixes one such blind spot; each lives in its own
module and is listed in :data:`RECOGNIZERS`, which the engine applies in order after the head.

Tried and NOT kept (round 2): a negation recognizer that scored "X are not Y" by its un-negated claim "X are Y"
and lowered the clause when the claim was the toxic one: the head scores a claim and its negation within a few
hundredths of each other, so on the check set's dev part it fired on 2 of 9 negated-hate sentences and cleared one
threat. Round 3's ``negated_hate`` instead reads the denial's frame itself (and the hedges that undo it).

Round 4 (HateCheck-style families): ``positive_identity`` (lowers "I'm gay and proud", "X deserve equal rights"),
``hate_words_at_things`` (re-scores "I hate Mondays", "this bug is killing me" with the words made mild),
``mild_rudeness`` (raises "nobody asked", "you clearly have no idea ..." to level 1 only), ``stereotypes``
(raises "X are too emotional to ...", "X can never be trusted" to level 2); ``groups`` holds the group and
person words they share. Tried and NOT changed (round 4): cutting sentences at line breaks too (as the encoder's
splitter is written to): on the held-out sets no figure moved, on the Davidson tweets the recognizers' exact-level
counts moved by -1 net; and the encoder's own line-break boundary never fires, since ``normalise_text`` turns
line breaks into spaces before it splits.

Round 5 (families seen on hidden sets): ``neutral_nouns`` (lowers "My grandmother makes the best dumplings in the
world": the head's own misreading of kin words, dish names and "in the world", re-scored with neutral words),
``slur_mentions`` (lowers talk about slurs that condemns or reports them), ``self_exclamation`` (lowers "Damn, I
forgot my keys"), ``censored_profanity`` (scores "bullsh*t" as "bullshit"; raises), ``harsh_blame`` (raises "the
devs should be ashamed" to level 1), ``affectionate_insult`` ("he's an idiot, but I love him": level 1),
``insult_via_object`` ("your code is garbage and so are you"), ``sexist_insinuation`` ("she only got promoted
because she slept with the boss") and ``harm_wishes`` ("hope you get hit by a bus") raise to level 2;
``positive_identity`` (v2) and ``mild_rudeness`` (v2) read more frames.

A recognizer is an object with:

* ``name``: short, stable; it goes into the engine's ``model_version`` (``+rules-<name>.<version>-...``);
* ``version``: an integer, bumped whenever its behaviour changes;
* ``adjust(texts, toxic, severe, scorer) -> (toxic, severe)``: new per-text probabilities, given the engine's
  ``P(toxic)`` and ``P(clearly toxic)`` arrays and ``scorer``, a function scoring other strings the same way
  (``scorer(strings) -> (toxic, severe, profanity)``), e.g. one sentence of a text. It changes only the texts it
  recognises; ``raises = True`` says it may only raise them (a threat), otherwise it may only lower them;
  ``level_one = True`` (with ``raises``) says it raises P(toxic) to level 1 only: the engine then takes its
  P(clearly toxic) as returned (lowered where it raised P(toxic), so that the text lands on level 1).

To add one: write its module (one class, its patterns, a docstring with a ``>>>`` example), add a test file
``tests/test_toxicity_rule_<name>.py``, measure it on a set it was not written from (``python -m
ml_backend.evaluate_toxicity_rules``: with and without each recognizer, same run), and only then add it to
:data:`RECOGNIZERS`.

Example:
    >>> [r.name for r in RECOGNIZERS]  # doctest: +NORMALIZE_WHITESPACE
    ['counter-speech', 'negated-hate', 'positive-identity', 'hate-words-at-things', 'neutral-nouns', 'slur-mentions',
     'self-exclamation', 'censored-profanity', 'mild-rudeness', 'harsh-blame', 'affectionate-insult',
     'insult-via-object', 'sexist-insinuation', 'stereotypes', 'harm-wishes', 'threats']
    >>> rules_version(RECOGNIZERS)[:60]
    'rules-counter-speech.3-negated-hate.1-positive-identity.2-ha'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from ml_backend.toxicity.recognizers.affectionate_insult import AffectionateInsult
from ml_backend.toxicity.recognizers.censored_profanity import CensoredProfanity
from ml_backend.toxicity.recognizers.counter_speech import CounterSpeech
from ml_backend.toxicity.recognizers.harm_wishes import HarmWishes
from ml_backend.toxicity.recognizers.harsh_blame import HarshBlame
from ml_backend.toxicity.recognizers.hate_words_at_things import HateWordsAtThings
from ml_backend.toxicity.recognizers.insult_via_object import InsultViaObject
from ml_backend.toxicity.recognizers.mild_rudeness import MildRudeness
from ml_backend.toxicity.recognizers.negated_hate import NegatedHate
from ml_backend.toxicity.recognizers.neutral_nouns import NeutralNouns
from ml_backend.toxicity.recognizers.positive_identity import PositiveIdentity
from ml_backend.toxicity.recognizers.self_exclamation import SelfExclamation
from ml_backend.toxicity.recognizers.sexist_insinuation import SexistInsinuation
from ml_backend.toxicity.recognizers.slur_mentions import SlurMentions
from ml_backend.toxicity.recognizers.stereotypes import Stereotypes
from ml_backend.toxicity.recognizers.threats import Threats

#: ``scorer(strings) -> (P(toxic), P(clearly toxic), profanity score)``, each an array of ``len(strings)``.
Scorer = Callable[[Sequence[str]], tuple[np.ndarray, np.ndarray, np.ndarray]]


class Recognizer(Protocol):
    """What the engine needs of a recognizer (see the module docstring)."""

    name: str
    version: int
    raises: bool

    def adjust(self, texts: Sequence[str], toxic: np.ndarray, severe: np.ndarray, scorer: Scorer
               ) -> tuple[np.ndarray, np.ndarray]:
        ...


#: The recognizers the default engine applies, in order.
#: Lowering ones first, then the raising ones (a lowering recognizer re-scores a text from its sentences, which
#: would undo a raise made before it), the level-2 raises last.
RECOGNIZERS: tuple[Recognizer, ...] = (
    CounterSpeech(), NegatedHate(), PositiveIdentity(), HateWordsAtThings(), NeutralNouns(), SlurMentions(),
    SelfExclamation(), CensoredProfanity(), MildRudeness(), HarshBlame(), AffectionateInsult(), InsultViaObject(),
    SexistInsinuation(), Stereotypes(), HarmWishes(), Threats())


def rules_version(recognizers: Sequence[Recognizer]) -> str:
    """The ``model_version`` part naming ``recognizers`` (``""`` when there are none).

    >>> rules_version([])
    ''
    """
    if not recognizers:
        return ""
    return "rules-" + "-".join(f"{r.name}.{r.version}" for r in recognizers)


def apply_recognizers(
    recognizers: Sequence[Recognizer], texts: Sequence[str], toxic: np.ndarray, severe: np.ndarray,
    scorer: Scorer,
) -> tuple[np.ndarray, np.ndarray]:
    """``toxic`` and ``severe`` after every recognizer in turn (each only lowers them, or only raises them; a
    ``level_one`` recognizer raises ``toxic`` and sets ``severe``)."""
    toxic = np.asarray(toxic, np.float64)
    severe = np.asarray(severe, np.float64)
    for recognizer in recognizers:
        new_toxic, new_severe = recognizer.adjust(texts, toxic, severe, scorer)
        keep = np.maximum if getattr(recognizer, "raises", False) else np.minimum
        toxic = keep(toxic, new_toxic)
        severe = np.asarray(new_severe, np.float64) if getattr(recognizer, "level_one", False) else keep(
            severe, new_severe)
    return toxic, severe
