"""Nouns the head misreads in benign sentences: the speaker's kin, dish names, and "the best ... in the world".

Round 5's "My grandmother makes the best dumplings in the world" came out level 2. Neither alt-profanity-check
(0.01) nor a recognizer did it: the head did (P(toxic) 0.64, P(clearly toxic) 0.55). Leaving one word out at a
time shows three causes that add up, each a word with no toxic meaning that the head learned as a sign of hate:

* a global superlative (:data:`WORLD`: "in the world", "on earth", "of all time"): on the Stormfront forum this is
  how a race or a nation is praised ("the greatest people on earth"), so the head reads it as supremacy
  (dropping "world": -0.10; "My friend makes the best cakes in the world" 0.38 vs "... in town" 0.17);
* a dish name the training data never holds, split by the tokenizer into pieces that mean something else
  ("dump ##lings", "go ##ula ##sh", "fa ##la ##fe ##l") or tied to a group (tacos, falafel, fried chicken):
  their vectors fall where the head has learned nothing, or learned a group (dropping "dumplings": -0.20);
* a woman or an older relative named by the speaker ("my grandma", "my mom", "my neighbour"): Davidson's
  offensive tweets are full of insults at women and "yo mama" jokes.

Over 2,500 benign sentences built as "<my kin> makes / cooks the best <dish><ending>." (10 kin words, 25
dishes, 5 endings), the engine called 734 toxic (473 level 2); "in the world" / "on earth" endings 557 of 1,000.

A sentence is picked here when it holds one of them and names no group and no people-as-a-whole
(:data:`~ml_backend.toxicity.recognizers.groups.GROUPS`, "race", "nation", "people", "country", "white", ...:
"the greatest race on earth" stays the head's). It is re-scored with the three replaced by neutral words
(:func:`neutral`: "my grandmother" -> "my friend", a dish -> "food", the global superlative dropped), so an insult
in it ("my grandma is a stupid old hag") keeps its score
(:func:`~ml_backend.toxicity.recognizers.units.rescore_rewritten`); it only lowers, and only texts at P(toxic) >=
:data:`SKIP_BELOW` (5% of the speed benchmark's real texts hold a kin word, a dish or "in the world").

Example:
    >>> neutral("My grandmother makes the best dumplings in the world.")
    'My friend makes the best food.'
    >>> neutral("Our people are the greatest on earth."), neutral("I love pizza."), neutral("I love you.")
    (None, 'I love food.', None)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ml_backend.toxicity.recognizers.groups import mentions_group, words
from ml_backend.toxicity.recognizers.units import rescore_rewritten

_KIN_WORDS = (
    "grandmother grandma granny gran nana nanna nan grandpa grandfather granddad grandad gramps mom mum mother mama "
    "momma mommy mummy ma dad father papa daddy pa aunt auntie aunty uncle sister brother cousin wife husband "
    "neighbour neighbor son daughter niece nephew stepmom stepmum stepdad godmother godfather mother-in-law "
    "father-in-law in-laws grandparents parents folks").split()
KIN = re.compile(
    r"\b(?P<own>my|our) (?:(?:dear|late|sweet|lovely|old|little|big|older|younger) )?(?:" +
    "|".join(sorted((re.escape(w) for w in _KIN_WORDS), key=len, reverse=True)) + r")\b", re.IGNORECASE)
#: Kin names used as a name ("Grandma always makes ...").
KIN_NAME = re.compile(r"\b(?:Grandma|Grandpa|Granny|Nana|Nanna|Gran|Mom|Mum|Mama|Dad|Papa|Auntie)\b")
DISH_TERMS: tuple[str, ...] = (
    "dumplings", "dumpling", "rice", "tacos", "taco", "curry", "curries", "noodles", "sushi", "kimchi",
    "fried chicken", "jerk chicken", "chicken soup", "roast chicken", "bread", "pasta", "pizza", "soup", "stew",
    "tamales",
    "pierogi", "falafel", "goulash", "pancakes", "cookies", "lasagna", "lasagne", "kebabs", "kebab", "samosas",
    "borscht", "biryani", "gumbo", "paella", "dim sum", "ramen", "pho", "hummus", "bagels", "burritos", "enchiladas",
    "empanadas", "collard greens", "greens", "grits", "cornbread", "chitlins", "tortillas", "dal", "naan", "couscous",
    "tagine", "jollof", "fufu", "injera", "baklava", "churros", "gnocchi", "risotto", "spaghetti", "meatballs",
    "schnitzel", "sauerkraut", "latkes", "matzo ball soup", "gefilte fish", "brisket", "ribs", "barbecue", "bbq",
    "steak", "steaks", "burgers", "pie", "pies", "apple pie", "cake", "cakes", "brownies", "muffins", "scones",
    "tarts", "cheesecake", "coffee", "tea", "lemonade", "cabbage rolls", "fish and chips", "mac and cheese",
    "pad thai", "pho", "bibimbap", "bulgogi", "gyoza", "tempura", "udon", "miso soup", "chili", "chowder", "casserole",
    "meatloaf", "mashed potatoes", "potatoes", "fries", "waffles", "crepes", "croissants", "pastries", "cookies",
)
DISHES = re.compile(
    r"\b(?:" + "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(set(DISH_TERMS), key=len, reverse=True))
    + r")\b", re.IGNORECASE)
WORLD = re.compile(
    r",? ?\b(?:in|on|of) (?:the )?(?:whole |entire |wide )?(?:world|planet|earth|universe)\b|,? ?\bof all time\b|"
    r",? ?\bon the planet\b", re.IGNORECASE)
#: Words that make a global superlative the praise of a people (left to the head).
PEOPLES = re.compile(
    r"\b(?:race|races|nation|nations|national|people|peoples|country|countries|blood|civili[sz]ation|ethnic\w*|"
    r"tribe|white|whites|europeans?|aryans?|western|men|women|folk|kind|breed|stock|heritage|ancestors)\b",
    re.IGNORECASE)
#: A sentence without one of these words holds none of the patterns (a cheap test first).
TRIGGERS = (frozenset(w for k in _KIN_WORDS for w in k.split("-")) | frozenset(
    w for t in DISH_TERMS for w in t.split()) | frozenset("world planet earth universe".split())) - frozenset(
    "in and of".split())
#: A text whose P(toxic) is already below this is not re-scored (its level is 0 at every threshold in use; the
#: re-scoring would cost an encoder pass for nothing).
SKIP_BELOW = 0.3


def neutral(sentence: str) -> str | None:
    """``sentence`` with kin words, dishes and global superlatives made neutral, or None when it holds none of
    them or names a group or a people (see the module docstring)."""
    found = words(sentence)
    if TRIGGERS.isdisjoint(found) or mentions_group(sentence) or PEOPLES.search(sentence):
        return None
    out = KIN.sub(lambda m: f"{m.group('own')} friend", sentence)
    out = KIN_NAME.sub("My friend", out)
    out = DISHES.sub("food", out)
    out = WORLD.sub("", out)
    return out if out != sentence else None


class NeutralNouns:
    """The recognizer (see the module docstring)."""

    name = "neutral-nouns"
    version = 1
    raises = False

    def adjust(self, texts: Sequence[str], toxic: np.ndarray, severe: np.ndarray, scorer
               ) -> tuple[np.ndarray, np.ndarray]:
        toxic = np.asarray(toxic, np.float64)
        todo = [t if p >= SKIP_BELOW else "" for t, p in zip(texts, toxic)]
        return rescore_rewritten(todo, toxic, severe, scorer, neutral)
