"""Mild rudeness: dismissive or belittling remarks with no slur or swear word ("Nobody asked", "Get lost",
"You clearly have no idea what you're talking about", "Typical snowflake").

The guideline's level 1 ("slight, or toxic to some people") covers these, but neither the head (trained on
tweets labelled for hate and offence) nor alt-profanity-check sees them: no word in them is rude by itself. A
sentence is picked here when it holds

* a dismissal (:data:`DISMISSALS`: "get lost", "go away", "nobody asked", "who cares", "grow up", "get a life",
  "cry more", "cope", "touch grass", "stay in your lane", "ok boomer", "bless your heart", ...) that opens its
  sentence or clause (not "he needs to go away") and ends it or is followed by a word that aims it ("already",
  "kid", "loser", "nobody cares": not "get lost in a book", "grow up to be a doctor", "nobody asked me to help");
* a remark on the reader's competence (:data:`BELITTLING`: "you clearly have no idea", "no idea what you're
  talking about", "you don't know the first thing", "did you even read ...", "imagine being this clueless"; not
  "you have no idea how happy I am"); or
* a dismissive label (:data:`LABELS`: "typical snowflake", "what a karen", "spoken like a true keyboard warrior")
  or sarcastic praise (:data:`SARCASM`: "wow, what a genius take", "thanks, captain obvious");
* (round 5) a jab telling the reader to keep out or doubting their mind (:data:`READER_JABS`: "use your brain for
  once", "read a book before you comment", "stay out of this discussion", "keep your opinions to yourself",
  "your opinion was not requested"; not "use your head protection", "stay out of the kitchen");

and is not counter-speech (the rudeness reported by its target: "he told me to get lost"). Such a sentence's
P(toxic) becomes at least :data:`FLOOR` (level 1 at the default thresholds). It is never raised to level 2: where
P(toxic) is raised, P(clearly toxic) is kept at most the head's P(toxic) (the head called the sentence clean, so
its level-2 odds, shifted up for texts that ARE toxic, say nothing here); where the head already found the
sentence toxic, both stay the head's.

Example:
    >>> is_mild_rudeness("Nobody asked."), is_mild_rudeness("You clearly have no idea what you're talking about.")
    (True, True)
    >>> is_mild_rudeness("Nobody asked me to help, but I did."), is_mild_rudeness("Get lost in a good book.")
    (False, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ml_backend.toxicity.recognizers.counter_speech import is_counter_speech
from ml_backend.toxicity.recognizers.groups import words
from ml_backend.toxicity.recognizers.units import LEVEL_ONE_FLOOR, raise_to_level_one

_A = "['\u2019]"
#: What may follow a dismissal for it still to be one: the end of the clause, or a word aiming it at the reader.
_AIMED = (r"(?=\s*(?:[,.!?;:)\u2026]|$|(?:already|now|then|kid|kiddo|mate|pal|buddy|dude|bro|loser|lol|lmao|"
          r"please|pls|okay|ok|son|sweetie|honey|nobody|no one|you \w+|with (?:that|this|your)|and (?:stop|"
          r"leave|go|get|grow|move|cry|cope))\b))")
#: Where a dismissal must start to be said to the reader: the start of the sentence or of a clause, after an
#: interjection or a handle ("he needs to go away" is about someone, "most will go away" is no dismissal).
_OPENS = (r"(?:^|[,;:\-\u2014(]\s*|(?:^|\s)(?:just|so|now|please|pls|oh|lol|lmao|man|dude|honestly|seriously|"
          r"yeah)\s+|@\w+\s+)")
DISMISSALS = re.compile(
    rf"{_OPENS}(?:get lost|go away|get out of here|buzz off|shove off|take a hike|get a life|get a grip|grow up|"
    rf"(?:go )?touch (?:some )?grass|cry (?:more|harder|about it|me a river)|cope(?: harder| more| and seethe)?|"
    rf"seethe|stay in your lane|sit down|shut it|zip it|run along|move along|spare me|give it a rest|"
    rf"get over yourself|keep (?:crying|coping|embarrassing yourself|telling yourself that)|ok(?:ay)? boomer|"
    rf"sure,? jan|cool story(?:,? bro)?|bless your (?:little )?heart|learn to read|read a book|do your (?:own )?"
    rf"research|whatever you say|talk to the hand|(?:nobody|no one|no-one|who) (?:(?:even|really|actually|"
    rf"honestly) )?(?:asked|cares)(?: (?:you|about (?:you|your \w+)|for (?:your|this|that) \w+))?){_AIMED}",
    re.IGNORECASE)
BELITTLING = re.compile(
    rf"\byou (?:clearly|obviously|evidently|seriously|honestly) (?:have (?:no|zero|not the (?:slightest|faintest)) "
    rf"(?:idea|clue)|(?:do not|don{_A}t) (?:have a clue|know|understand))\b|"
    rf"(?:^\W*|\byou (?:\w+ )?(?:have|{_A}ve) )(?:no|zero) (?:idea|clue) what you{_A}?(?:re| are) (?:talking|on) "
    rf"about\b|"
    rf"\byou (?:(?:really|just|simply|genuinely) )?(?:do not|don{_A}t) (?:know (?:what you{_A}?(?:re| are) (?:talking|"
    rf"on) about|the first thing)|understand the first thing)\b|\byou know nothing\b|"
    rf"\byou haven{_A}t (?:got )?a clue\b|\byou{_A}?(?:ve| have) never (?:read|opened) a\b|"
    rf"\b(?:did|do|have|can) you (?:even|ever) (?:read|look|try|think|bother|watch|listen|understand|open|google)\b|"
    rf"\b(?:imagine|fancy) being (?:this|so) (?:clueless|dense|slow|naive|ignorant|entitled|fragile|insecure|"
    rf"bitter|salty|sensitive|thick|gullible|smug|arrogant)\b", re.IGNORECASE)
LABELS = re.compile(
    rf"\b(?:typical|classic|such an?|what an?|you{_A}re (?:such )?an?|you are (?:such )?an?|spoken like an?"
    rf"(?: true)?|ok(?:ay)?|found the|bunch of|you)\s+(?:\w+\s+)?(?:snowflakes?|boomers?|karens?|npcs?|"
    rf"normies?|keyboard warriors?|sheeple|sheep|fanboys?|fangirls?|simps?|crybab(?:y|ies)|drama queens?|"
    rf"armchair (?:experts?|generals?|lawyers?)|know-it-alls?|clowns?|muppets?|weirdos?|hypocrites?)\b",
    re.IGNORECASE)
SARCASM = re.compile(
    r"\b(?:wow|oh|yeah|sure|great),? (?:what|such|very|so|real) (?:an? )?(?:genius|brilliant|smart|clever|"
    r"original|groundbreaking|insightful|intelligent) (?:take|idea|comment|argument|point|move|thought|plan|"
    r"response|reply|contribution)\b|\b(?:thanks|thank you),? (?:captain obvious|einstein|genius|sherlock)\b|"
    r"\b(?:okay|ok|sure),? (?:einstein|genius|sherlock)\b", re.IGNORECASE)
#: Round 5: remarks that tell the reader to keep out or doubt their mind ("use your brain for once", "read a book
#: before you embarrass yourself", "stay out of this discussion", "keep your opinions to yourself", "nobody wants to
#: hear what you think", "your opinion was not requested", "did your brain take the day off?").
READER_JABS = re.compile(
    rf"\b(?:use|using|try using|engage|turn on) (?:your|that|ur) (?:brain|head|brain cell|noggin)\b(?! (?:protection|"
    rf"gear|torch|lamp|phones?|set)\b)|\byour brain (?:take|took|taking|is|has|went) (?:the day off|a day off|on "
    rf"vacation|off|missing|broken|empty|offline)\b|\b(?:anything|a brain|anyone home) (?:inside|in|up in) (?:that|"
    rf"your) (?:head|skull)\b|\b(?:read a book|do (?:some|your) (?:homework|research)|learn (?:some|the|basic) "
    rf"(?:\w+ )?(?:facts|basics|history|science)|educate yourself|get educated|think|try thinking|start thinking) "
    rf"before (?:you (?:\w+ )?(?:post|type|comment|reply|open|speak|talk|embarrass)|commenting|posting|typing|"
    rf"speaking|talking|replying|opening)\b|\beducate yourself\b|"
    rf"\b(?:before|or) you embarrass yourself\b|\bstop embarrassing yourself\b|"
    rf"\bstay out of (?:this|it|our business|my business|(?:this|the|our) (?:discussion|conversation|thread|"
    rf"debate|argument|topic))\b(?! (?:kitchen|room|sun|way|house|yard|rain)\b)|"
    rf"\b(?:it|this) (?:doesn{_A}t|does not) concern you\b|\b(?:mind your own business|none of your business)\b|"
    rf"\bkeep your (?:opinions?|thoughts|comments|two cents|views|mouth shut) to yourself\b|"
    rf"\b(?:nobody|no one|no-one) (?:wants|needs|cares) to (?:hear|know|read) (?:what you think|your|it|from you)\b|"
    rf"\byour (?:opinion|input|comment|two cents|take) (?:was|is|wasn{_A}t|isn{_A}t) (?:not )?(?:requested|"
    rf"needed|wanted|welcome|asked for|relevant)\b|\b(?:is|are) for (?:adults|grown-?ups)\b", re.IGNORECASE)
#: Every alternative of the five patterns needs one of these words: a sentence without any is not read further.
TRIGGERS = frozenset(
    "lost away here off hike life grip grow grass cry cope seethe lane sit shut zip along spare rest yourself keep "
    "boomer jan story bless learn book research whatever hand asked cares clearly obviously evidently seriously "
    "honestly idea clue know understand nothing never even ever imagine fancy snowflake snowflakes boomers karen "
    "karens npc npcs normie normies keyboard sheeple sheep fanboy fanboys fangirl fangirls simp simps crybaby "
    "crybabies drama armchair clown clowns muppet muppets weirdo weirdos hypocrite hypocrites genius brilliant smart "
    "clever original groundbreaking insightful intelligent captain einstein sherlock brain head noggin skull think "
    "thinking educate educated embarrass embarrassing stay concern business opinion opinions thoughts comments "
    "views mouth wants needs input comment take adults grown grownups homework facts basics history science".split())
#: The least P(toxic) a picked sentence keeps: level 1 at the default thresholds (0.5, 0.5).
FLOOR = LEVEL_ONE_FLOOR


def is_mild_rudeness(sentence: str) -> bool:
    """Whether ``sentence`` is a dismissive or belittling remark (see the module docstring)."""
    if TRIGGERS.isdisjoint(words(sentence)):
        return False
    found = (DISMISSALS.search(sentence) or BELITTLING.search(sentence) or LABELS.search(sentence)
             or SARCASM.search(sentence) or READER_JABS.search(sentence))
    return bool(found) and not is_counter_speech(sentence)


class MildRudeness:
    """The recognizer (see the module docstring). It raises P(toxic) to at least :data:`FLOOR`, to level 1 only
    (``level_one``: the engine takes its P(clearly toxic) as given, lowered only where P(toxic) was raised)."""

    name = "mild-rudeness"
    version = 2
    raises = True
    level_one = True

    def adjust(self, texts: Sequence[str], toxic: np.ndarray, severe: np.ndarray, scorer
               ) -> tuple[np.ndarray, np.ndarray]:
        return raise_to_level_one(texts, toxic, severe, is_mild_rudeness)
