"""Words naming a group of people or a person (shared by the round-4 recognizers; not a recognizer itself).

* :data:`GROUPS`: protected groups and identities (religion, ethnicity and origin, sexual orientation, gender
  identity, disability, age, migration status), in the singular, plural and adjective forms people write;
* :data:`PEOPLE`: any person or people as a target (pronouns other than the speaker's, "people", "guys", roles
  such as "my boss", political labels) and a capitalised name inside a sentence (not a day, month or holiday).

Every pattern is linear-time (alternations of words, no nested quantifiers).

Example:
    >>> bool(GROUPS.search("I love being a Black woman")), bool(GROUPS.search("I love my cat"))
    (True, False)
    >>> names_a_person("I hate Mondays."), names_a_person("I hate Kevin."), names_a_person("I hate them.")
    (False, True, True)
"""

from __future__ import annotations

import re
from functools import lru_cache

#: The group words, as people write them (one word or a phrase; GROUPS is built from them).
GROUP_TERMS: tuple[str, ...] = (
    "gay", "gays", "lesbian", "lesbians", "bisexual", "bisexuals", "bi", "queer", "queers", "trans", "transgender",
    "transsexual", "transsexuals", "non-binary", "nonbinary", "enby", "lgbt", "lgbtq", "lgbti", "lgbtqi", "lgbtqia",
    "intersex", "asexual", "asexuals", "black", "blacks", "brown", "asian", "asians", "latino", "latina", "latinx",
    "latine", "latinos", "latinas", "hispanic", "hispanics", "mexican", "mexicans", "arab", "arabs", "african",
    "africans", "indian", "indians", "pakistani", "pakistanis", "bangladeshi", "bangladeshis", "chinese", "japanese",
    "korean", "koreans", "filipino", "filipina", "filipinos", "filipinas", "vietnamese", "somali", "somalis",
    "nigerian", "nigerians", "syrian", "syrians", "afghan", "afghans", "iraqi", "iraqis", "iranian", "iranians",
    "turk", "turks", "kurd", "kurds", "poles", "polish", "romanian", "romanians", "jew", "jews", "jewish", "muslim",
    "muslims", "islamic", "christian", "christians", "catholic", "catholics", "hindu", "hindus", "sikh", "sikhs",
    "buddhist", "buddhists", "atheist", "atheists", "immigrant", "immigrants", "refugee", "refugees", "migrant",
    "migrants", "asylum seeker", "asylum seekers", "foreigner", "foreigners", "disabled", "deaf", "blind",
    "autistic", "wheelchair user", "wheelchair users", "women", "woman", "girls", "ladies", "elderly", "old people",
    "older people", "seniors", "native", "natives", "indigenous", "aboriginal", "first nations", "roma", "romani",
    "gypsies", "gypsy", "traveller", "travellers", "traveler", "travelers", "people of colour", "people of color",
    "poc", "bipoc", "minorities", "minority", "pride",
)
_WORD = re.compile(r"[a-z]+")
GROUPS = re.compile(
    r"\b(?:" + "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(GROUP_TERMS, key=len, reverse=True))
    + r")\b", re.IGNORECASE)
#: The first word of every group term: a sentence without one of them names no group (a cheap test first).
GROUP_FIRST_WORDS = frozenset(_WORD.findall(t)[0] for t in GROUP_TERMS)


@lru_cache(maxsize=8192)
def words(sentence: str) -> frozenset[str]:
    """The lower-case letter runs of ``sentence`` (shared by the recognizers' cheap first tests).

    >>> sorted(words("Black-owned, isn't it?"))
    ['black', 'isn', 'it', 'owned', 't']
    """
    return frozenset(_WORD.findall(sentence.lower()))


def mentions_group(sentence: str) -> bool:
    """Whether ``sentence`` names a group (:data:`GROUPS`); the word test first, the pattern only then.

    >>> mentions_group("Non-binary folks are welcome."), mentions_group("A blinding light.")
    (True, False)
    """
    return not GROUP_FIRST_WORDS.isdisjoint(words(sentence)) and bool(GROUPS.search(sentence))


_PERSON_WORDS = re.compile(
    r"\b(?:you|u|ya|y['\u2019]all|your|yours|yourself|yourselves|him|his|he|she|her|hers|they|them|their|"
    r"those|people|persons?|guys|folks|men|man|boys|everyone|everybody|anyone|anybody|someone|somebody|"
    r"humans?|neighbou?rs?|boss|bosses|teachers?|coworkers?|colleagues?|ex|wife|husband|boyfriend|girlfriend|"
    r"parents|cops?|police|politicians?|liberals?|conservatives?|democrats?|republicans?|leftists?|"
    r"lefties|tories|libs)\b", re.IGNORECASE)
_PERSON_FIRST_WORDS = frozenset(
    "you u ya y your yours yourself yourselves him his he she her hers they them their those people person persons "
    "guys folks men man boys everyone everybody anyone anybody someone somebody human humans neighbour neighbours "
    "neighbor neighbors boss bosses teacher teachers coworker coworkers colleague colleagues ex wife husband "
    "boyfriend girlfriend parents cop cops police politician politicians liberal liberals conservative "
    "conservatives democrat democrats republican republicans leftist leftists lefties tories libs".split())
#: Capitalised words that are not people: days, months, holidays, seasons, "I".
_NOT_NAMES = re.compile(
    r"(?:I|I['\u2019]\w+|Mondays?|Tuesdays?|Wednesdays?|Thursdays?|Fridays?|Saturdays?|Sundays?|January|February|"
    r"March|April|May|June|July|August|September|October|November|December|Christmas|Easter|Halloween|"
    r"Thanksgiving|Xmas|OK|Ok|Okay|Wow|Honestly|Seriously|Literally)$")
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z][\w'\u2019]*")


def names_a_person(sentence: str) -> bool:
    """Whether ``sentence`` names a person or a group: :data:`GROUPS`, a person word, or a capitalised word that
    does not open the sentence and is not a day, month or holiday (a name: "I hate Kevin")."""
    text = sentence.strip().lstrip("\"'(\u201c\u2018 ")
    if mentions_group(text) or (not _PERSON_FIRST_WORDS.isdisjoint(words(text)) and _PERSON_WORDS.search(text)):
        return True
    return any(not _NOT_NAMES.match(m.group(0)) for m in _CAPITALISED.finditer(text))
