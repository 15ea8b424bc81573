"""Counter-speech: a sentence that reports, quotes or questions a hateful claim or an insult in order to condemn it.

"Saying that Black people are animals is dehumanising and racist", "Comparing refugees to cockroaches is cruel",
"He called me a [slur] at the bus stop", "How can anyone think that refugees are vermin?": the head sees the
claim's words and calls the sentence hate. A sentence is counter-speech here when it holds

* a frame that reports or quotes a claim or an act (:data:`REPORTING`: "saying", "calling", "comparing ... to",
  "claims that", "the idea that", "comments", a quotation mark after "like", a sentence opening with the gerund of an act of
  abuse: "Threatening someone ...", "Harassing ...", ...; not any gerund: "Being gay is wrong" is hate) AND a word that condemns it
  (:data:`CONDEMNING`: "racist", "bigotry", "cruel", "vile", "harassment", "not okay", "taken down", ...); or
* a frame that condemns by itself (:data:`SELF_CONDEMNING`): "Stop calling ...", "Don't listen to people who
  claim ...", "the lie that ...", "... is never their fault", someone else's abuse reported by
  its target ("he called me ...", "a man yelled at my mother ..."), a question about why or how anyone holds a
  claim ("Why do people still believe that ...?"), a hypothetical asking how to answer one ("If someone says ...,
  how should I respond?", "Imagine being told ...");

and no hedge (:mod:`~ml_backend.toxicity.recognizers.hedges`: "It's not racist to say ...", "... are right",
"an insult to animals"). Such a sentence is lowered by :func:`~ml_backend.toxicity.recognizers.units.cap_part`
(level 0; at most level 1 when alt-profanity-check flags it without its condemning words: a slur quoted
verbatim). A sentence with only a
report, or only a condemnation, is left alone: "Black people are animals" and "That is racist" are unchanged.

Example:
    >>> is_counter_speech("Calling Muslims terrorists because of their faith is bigotry.")
    True
    >>> is_counter_speech("Muslims are terrorists."), is_counter_speech("Saying that is the truth.")
    (False, False)
    >>> is_counter_speech("It's not racist to say they are animals.")
    False
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ml_backend.toxicity.recognizers.hedges import is_hedged
from ml_backend.toxicity.recognizers.units import CAP, cap_part_without, rescore_by_parts, sentences

__all__ = ["CAP", "CONDEMNING", "CounterSpeech", "REPORTING", "SELF_CONDEMNING", "is_counter_speech"]

_A = "['\u2019]"
REPORTING = re.compile(
    r"\b(?:saying|calling|claiming|labell?ing|branding|referring to|comparing|describing|using|telling|shouting|"
    r"yelling|mocking|treating|to (?:say|call|claim|compare|describe)|(?:said|says|claimed|claims|"
    r"suggested|suggests|argued|argues|insisted|insists) that|the (?:idea|claim|notion|myth|lie|stereotype|trope|"
    r"belief) that|remarks?|comments?|posters?|slogans?|signs?|chant(?:s|ing)?|tweets?|posts?|graffiti|"
    r"who (?:says?|claims?|thinks?|believes?|calls?)|people (?:claiming|saying)|anyone (?:claiming|saying)|"
    r"(?:hearing|heard) (?:people|someone|him|her|them) (?:say|call))\b"
    r"|\blike\s+[\"'\u201c\u2018]|^\W*(?:threatening|harassing|attacking|bullying|insulting|abusing|ridiculing|slurring|targeting|"
    r"taunting|humiliating|demeaning|belittling|stereotyping|excluding|shaming|dehumani[sz]ing|spitting (?:at|on)|"
    r"beating|assaulting|doxx?ing|trolling)\b", re.IGNORECASE)
CONDEMNING = re.compile(
    r"\b(?:racis[mt]|bigot(?:s|ed|ry)?|wrong|dehumani[sz](?:ing|es|e)|hateful|hate speech|hate crimes?|disgusting|"
    r"unacceptable|a crime|ignoran(?:t|ce)|nonsense|false|a lie|lies|myths?|condemn(?:s|ed|ing)?|rightly|"
    r"educate (?:themselves|yourself|himself|herself)|consequences|persecution|xenophob\w*|sexis[mt]|homophob\w*|"
    r"transphob\w*|antisemit\w*|islamophob\w*|prejudiced?|stereotyp\w*|shameful|inexcusable|taken down|removed|"
    r"banned|apologi[sz]ed?|debunked|untrue|baseless|cruel(?:ty)?|vile|hurtful|harmful|harass(?:ment|ing)?|"
    r"bully(?:ing)?|abus(?:e|ive)|dishonest|shame|ashamed|appalling|despicable|outrageous|horrible|awful|"
    r"genocide|dangerous|offensive|not (?:okay|ok|acceptable|funny|cool|fine)|(?:has|needs|have|need) to stop|"
    r"must stop|sick of|tired of|reported)\b", re.IGNORECASE)
SELF_CONDEMNING = re.compile(
    # "Stop calling ...", "stop telling girls ..."
    r"\bstop (?:calling|telling|saying|using|comparing|treating|labell?ing|spreading)\b|"
    # "don't listen to people who claim ...", "ignore anyone who says ...", "the lie that ...", "not their fault"
    r"\b(?:don[\'\u2019]t listen to|do not listen to|never listen to|ignore) (?:the )?(?:people|anyone|anybody|those|"
    r"men|women|someone|trolls)\b[^.!?]{0,40}?\b(?:who|that|saying|claiming)\b|"
    r"\bthe (?:lie|smear|conspiracy theory|lazy stereotype|old stereotype|racist trope) that\b|"
    r"\b(?:is|was|it['\u2019]s) (?:never|not) (?:their|her|his|your|our) fault\b|"
    # abuse reported by its target: "he called me ...", "a man yelled at my mother ..." (not "I called ...")
    r"\b(?:called|yelled at|shouted at|screamed at|spat at|told|sent) (?:me|us|my \w+|our \w+)\b|"
    r"\b(?:someone|somebody|a man|a woman|vandals|they) (?:wrote|painted|spray-painted|scrawled|carved|sprayed)\b|"
    # questions about why / how anyone holds a claim (the sentence must be a question: see is_counter_speech)
    r"\bwhy (?:do|does|would|did) (?:people|anyone|some people|so many people|they|you) (?:still )?"
    r"(?:believe|think|say|claim|call)\b|\bhow (?:can|could|do|does) (?:anyone|people|someone|you) "
    r"(?:still )?(?:think|believe|say|claim|call)\b|\bwhere does (?:the|this|that) (?:idea|notion|myth|"
    r"stereotype|claim|belief)\b|\bis it (?:ever )?(?:ok|okay|acceptable|fine|alright) to (?:call|say)\b|"
    # hypotheticals asking how to answer a claim
    r"\b(?:if|when|suppose|imagine) (?:someone|somebody|a \w+|your \w+|people) (?:says?|said|calls?|called|tells?|"
    r"told)\b[^.!?]{0,160}?\b(?:how (?:should|do|would|can) (?:i|you|we)|what (?:would|should|do) (?:you|i|we)|"
    r"would you|should (?:i|we|you))\b|\bwhat would you do if (?:someone|somebody|a \w+)\b|"
    r"\bimagine being (?:told|called)\b", re.IGNORECASE)
_QUESTION_ONLY = re.compile(r"(?:why|how|where|is it)\b", re.IGNORECASE)
_REPORTED_ABUSE = re.compile(r"(?:called|yelled|shouted|screamed|spat|told|sent)\b", re.IGNORECASE)
_BY_THE_SPEAKER = re.compile(r"\b(?:i|we)\s+$", re.IGNORECASE)


def _condemns_by_itself(sentence: str) -> bool:
    for found in SELF_CONDEMNING.finditer(sentence):
        if _QUESTION_ONLY.match(found.group(0)) and not sentence.rstrip().endswith("?"):
            continue  # "This is why people think ..." is not a question about the claim
        if _REPORTED_ABUSE.match(found.group(0)) and _BY_THE_SPEAKER.search(sentence[:found.start()]):
            continue  # "I called my brother ...": the speaker's own words, not abuse reported by its target
        return True
    return False


def is_counter_speech(sentence: str) -> bool:
    """Whether ``sentence`` reports or questions a claim and condemns it (see the module docstring)."""
    framed = bool(REPORTING.search(sentence) and CONDEMNING.search(sentence)) or _condemns_by_itself(sentence)
    return framed and not is_hedged(sentence)


#: alt-profanity-check flags "racist", "disgusting" or "hate" themselves (``profanity_scores(["That is racist."])`` is
#: about 0.95): the word that condemns a claim must not keep the sentence at level 1, so it is asked again without
#: the condemning words.
_cap_without_condemnation = cap_part_without(CONDEMNING)


class CounterSpeech:
    """The recognizer (see the module docstring)."""

    name = "counter-speech"
    version = 3
    raises = False

    def adjust(self, texts: Sequence[str], toxic: np.ndarray, severe: np.ndarray, scorer
               ) -> tuple[np.ndarray, np.ndarray]:
        return rescore_by_parts(texts, toxic, severe, scorer, sentences, is_counter_speech,
                                _cap_without_condemnation)
