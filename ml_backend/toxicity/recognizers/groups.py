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

GROUPS = re.compile(
    r"\b(?:gays?|lesbians?|bisexuals?|bi|queer|queers|trans|transgender|transsexuals?|non-?binary|enby|lgbt\w*|"
    r"intersex|asexuals?|black|blacks|brown|asians?|latin[oaxe]s?|hispanics?|mexicans?|arabs?|africans?|"
    r"indians?|pakistanis?|bangladeshis?|chinese|japanese|koreans?|filipin[oa]s?|vietnamese|somalis?|"
    r"nigerians?|syrians?|afghans?|iraqis?|iranians?|turks?|kurds?|poles|polish|romanians?|jews?|jewish|"
    r"muslims?|islamic|christians?|catholics?|hindus?|sikhs?|buddhists?|atheists?|immigrants?|refugees?|"
    r"migrants?|asylum seekers?|foreigners?|disabled|deaf|blind|autistic|wheelchair users?|women|woman|"
    r"girls|ladies|elderly|old people|older people|seniors|natives?|indigenous|aboriginal|first nations|roma|"
    r"romani|gypsies|gypsy|travell?ers|people of colou?r|poc|bipoc|minorities|minority|pride)\b",
    re.IGNORECASE)
_PERSON_WORDS = re.compile(
    r"\b(?:you|u|ya|y['\u2019]all|your|yours|yourself|yourselves|him|his|he|she|her|hers|they|them|their|"
    r"those|people|persons?|guys|folks|men|man|boys|everyone|everybody|anyone|anybody|someone|somebody|"
    r"humans?|neighbou?rs?|boss|bosses|teachers?|coworkers?|colleagues?|ex|wife|husband|boyfriend|girlfriend|"
    r"parents|cops?|police|politicians?|liberals?|conservatives?|democrats?|republicans?|leftists?|"
    r"lefties|tories|libs)\b", re.IGNORECASE)
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
    if GROUPS.search(text) or _PERSON_WORDS.search(text):
        return True
    return any(not _NOT_NAMES.match(m.group(0)) for m in _CAPITALISED.finditer(text))
