"""Everything the guideline says is NOT PII, in one place: company contacts, Greek mythology, brands/products/pets,
things named after people.

The recognizers propose spans; the engine then asks this module which of them the guideline excludes
(:func:`drop_not_pii`). To change what counts as a company's contact, a myth, a brand or a pet, edit here (and
the word lists ``greek_mythology.txt`` / ``brands.txt`` under ``ml_backend/data``).

- **Company contact details** (the guideline: "company names and company contact details" are not PII): a
  toll-free number, a role mailbox (support@, info@ ...), or a phone, e-mail, address, website or handle given
  in a business context (a business noun such as "support", "office", "restaurant", "station", or an
  organisation, in the same sentence before it) with no personal marker ("my", "me", "his", "home" ...) between
  and no person's name in the sentence. "call Acme support at 555-0100" is not PII, "call me at 555-0100" is.
  A "name" inside such a contact ("Vesterskovvej" in "the station is on Vesterskovvej 79") goes with it.
  An @handle is a company's by its own shape ("@acme_support", "@lunabakery.co") or when it is an organisation's
  name ("@Delta", "@SpotifyCares"): :func:`is_company_handle`, kept in :mod:`~ml_backend.pii.company_handles`.
  The rule itself is kept in :mod:`~ml_backend.pii.company_contacts` and re-exported here.
- **Greek (and Roman) mythology**: a name made only of mythology names ("Zeus", "Athena") is not PII
  (:func:`is_mythology`). Other myths and religious texts are PII, not certain (recognizers/religious_figures.py).
- **Brands, products, pets**: a name inside a listed brand ("Calvin Klein"), a name followed by a product word
  ("a Michael Kors handbag", "Tommy Hilfiger shirts") or a model number ("the Bose QuietComfort 45"), and an animal's name ("my dog Biscuit", "our cat
  Mr. Whiskers") are not PII (:func:`is_brand_or_pet_name`).
- **Names of non-humans**: a robot, vehicle, toy, creature, plant or storm given a name ("a robot named Bolt",
  "our chatbot Maya", "the ship Mary Rose", "Sparky the robot", "my car, which I call Betsy") is not a person
  (:func:`is_nonhuman_name`), as a pet is not; nor is a business or product named with a naming verb ("a bakery
  called Golden Crumb").
- **Polities, eras, events and landforms**: a name that is, or runs into, a state, dynasty, era, war, plan or
  landform ("the Roman Empire", "Han Dynasty", "the Weimar Republic", "the Victorian Era", "Victoria Falls",
  "the Marshall Plan") is no person, even when its first word is a given name or a surname
  (:func:`is_polity_or_era`).
- **Festivals**: a religious festival, rite or text is no person ("Rosh Hashanah": :func:`is_festival_name`).
- **Story characters** (round 17): a character invented for a requested story ("a story about a detective named
  Ines Calloway") is no one (:func:`is_story_character`).
- **School years and machines**: "Year 2", "Grade 5" are classes, and "a robot named Unit 7" a machine, no address.
- **Things named after people**: places, prizes and works of art ("the Lincoln Memorial", "Nobel Prize", "the
  Mona Lisa", "the painting Whistler's Mother", "the Hilton") are not the person (:func:`is_named_after_person`).
- **Organisations known by name** (round 11): one word that is a listed organisation and no given name ("Gmail's
  spam filter", "Spotify's shuffle") is a company or a product (:func:`is_organisation_name`).

    >>> is_company_contact_value("1-800-555-0199", "PHONE_NUMBER"), is_company_contact_value("jane@gmail.com", "EMAIL_ADDRESS")
    (True, False)
    >>> is_mythology(["Zeus"]), is_mythology(["Zeus", "Smith"])
    (True, False)
"""

from __future__ import annotations

import re
from functools import cache
from typing import Sequence

from label_config.taxonomy import PII_LABELS
import ml_backend.pii.wordlists as wordlists
from ml_backend.pii.company_contacts import (_index, is_company_contact_value, is_company_context, is_receipt,
                                             organisations)
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.named_things import NAMING, HeadWords, is_founders_firm, is_named_after_person, is_named_business
from ml_backend.pii.recognizers.korean_names import is_korean_name
from ml_backend.pii.relations import RELATION_CUE_BEFORE
from ml_backend.pii.spans import SpanIndex

NAME, LOCATION, DATE, CONTACT, IDENTIFIER = PII_LABELS

# ---------------------------------------------------------------------------------------------- mythology
def is_mythology(words: Sequence[str]) -> bool:
    """True when every word of a name is a character of Greek (or Roman) mythology."""
    myth = wordlists.mythology_names()
    return bool(words) and all(w in myth for w in words)


# ---------------------------------------------------------------------------------------------- brands, pets
# product adjectives between a name and its product noun ("Jasmine Pearl green tea", "Luna Belle scented candles")
_PRODUCT_ADJ = (r"green|black|white|red|pink|blue|oolong|herbal|organic|premium|classic|original|limited|dark|milk|"
                r"iced|sparkling|natural|vegan|luxury|signature|special|loose|leaf|decaf|single|origin|artisan|"
                r"handmade|hand-made|summer|winter|spring|autumn|holiday|seasonal|soy|scented|unscented|"
                r"wireless|smart|leather|silk|cotton|linen|wool|gold|silver|rose|floral|skin|hair|face|body|"
                r"[a-z]{3,12}-(?:free|scented|infused|based|roasted)|[a-z]{3,12}(?:ed|ic|al|y)")
_PRODUCT_AFTER = re.compile(
    r"\s++(?:[A-Z][\w\-]*+\s++){0,2}(?:(?:" + _PRODUCT_ADJ + r")\s++){0,2}"
    r"(?i:handbags?|bags?|purses?|wallets?|shirts?|t-shirts?|polos?|jeans|dress(?:es)?|"
    r"jackets?|coats?|shoes|sneakers|boots|sunglasses|glasses|watch(?:es)?|perfumes?|fragrances?|cologne|"
    r"make-?up|lipsticks?|cosmetics|products?|brand|collection|line|store|outlet|cake mix|mix|sauce|cereal|"
    r"ice cream|donuts?|doughnuts?|coffee|whisk(?:e)?y|bourbon|vodka|gin|rum|beer|soda|cola|cocktail|"
    r"motorcycles?|bikes?|cars?|suv|sedan|truck|guitars?|models?|edition|label|teas?|blend|roast|candles?|"
    r"soaps?|lotions?|serums?|cream|skincare|scent|flavou?rs?|wines?|chocolates?|chocolate bars?|skirts?|"
    r"sweaters?|hoodies?|lamps?|sofas?|chairs?|mattress(?:es)?|pillows?|bedding|rugs?|headphones|earbuds|"
    r"speakers?|laptops?|tablets?|shampoos?|conditioners?|moisturi[sz]ers?|candies|snack|"
    r"cookies|biscuits|granola|yog(?:h)?urts?|juice|smoothies?|kombucha|lager|ale|ipa|cider|seltzer|"
    r"dolls?|gift sets?|variety|cultivar)\b"
)
# "the Bose QuietComfort 45", "a Dyson V15", "Sony WH-1000XM4": a model number right after the name; not a year
# ("Jane Doe 1990-2020"), a time or an ordinal ("3pm", "2nd")
_MODEL_AFTER = re.compile(
    r"[ \t]++(?![12]\d{3}\b)(?!\d{1,2}(?::\d\d)?\s*+(?i:am|pm|st|nd|rd|th)\b)"
    r"(?:[A-Z]{0,5}-?\d[A-Za-z0-9\-]*+|[A-Z]{1,3}\d*+[A-Z]*+\d++)(?![\w'’])"
)
# a model number as the last word of a name span ("Miele C3", "Shark V20", "Roomba J7"): capitals then digits; not
# an ordinal ("2nd") or a year
_MODEL_LAST = re.compile(r"[ \t](?:[A-Z]{1,3}-?\d{1,4}[A-Z]{0,2}|\d{1,4}[A-Z]{1,3})$")
_ANIMAL = (r"dog|dogs|puppy|pup|cat|cats|kitten|kitty|hamster|rabbit|bunny|parrot|bird|budgie|goldfish|fish|"
           r"horse|pony|pig|guinea pig|gerbil|ferret|turtle|tortoise|snake|lizard|gecko|iguana|cow|goat|chicken|"
           r"hen|duck|retriever|labrador|poodle|terrier|beagle|bulldog|spaniel|collie|shepherd|husky|pet|pets")
# "my dog Biscuit", "our cat, Mr. Whiskers", "a puppy named Rocket", "my goldfish, Bubbles"
_PET_BEFORE = re.compile(
    rf"(?i:\b(?:{_ANIMAL})(?:'s name is|'s name was| is called| named| called)?)[ \t,:]*+"
    r"(?:(?i:Mr|Mrs|Ms|Miss|Sir|Dr|Lady|Lord|Captain|Professor|Prof|King|Queen|Princess|Prince|Count)\.?[ \t]+)?$"
)


# Names given to things and creatures that are no person (round 6): "a robot named Bolt", "a dragon called Ember",
# "our chatbot Maya", "the ship Mary Rose", "a teddy bear named Mr. Buttons", "Sparky the robot", "my car, which I
# call Betsy", "I named my sourdough starter Clint", "calling it Dusty", "Hurricane Katrina"
_NONHUMAN = (r"robots?|bots?|chat-?bots?|androids?|cyborgs?|droids?|a\.?i\.?|(?:ai|virtual|voice|digital|smart)[ \t]+"
             r"(?:assistant|helper|companion)|drones?|cars?|trucks?|vans?|jeeps?|bikes?|motorcycles?|motorbikes?|"
             r"scooters?|boats?|ships?|yachts?|vessels?|sailboats?|canoes?|kayaks?|spaceships?|starships?|spacecraft|"
             r"rockets?|planes?|airplanes?|aeroplanes?|trains?|locomotives?|tractors?|toys?|dolls?|"
             r"teddy(?:[ \t]+bear)?|teddies|stuffed[ \t]+(?:animal|toy|bear|bunny|dog|cat|rabbit)|plush(?:ie|y)?|"
             r"puppets?|action[ \t]+figures?|"
             r"dragons?|unicorns?|monsters?|aliens?|creatures?|fair(?:y|ies)|elf|elves|goblins?|trolls?|ogres?|gnomes?|"
             # round 14: more creatures of fantasy ("a pixie named Thistle", "a centaur called Orin")
             r"pix(?:ie|y|ies)|sprites?|centaurs?|werewol(?:f|ves)|vampires?|imps?|nymphs?|krakens?|minotaurs?|"
             r"zombies?|wyverns?|hobbits?|orcs?|banshees?|leprechauns?|"
             r"golems?|ghosts?|mermaids?|phoenix|griffins?|yetis?|beasts?|snowman|scarecrow|trees?|houseplants?|"
             r"plants?|cactus|succulents?|sourdough[ \t]+starter|computers?|laptops?|printers?|vacuums?|roombas?|"
             r"guitars?|violins?|pianos?|cellos?|ukuleles?|swords?|mascots?|owls?|bears?|fox(?:es)?|wol(?:f|ves)|"
             r"lions?|tigers?|elephants?|mice|mouse|rats?|frogs?|toads?|bees?|spiders?|penguins?|dolphins?|whales?|"
             r"sharks?|octopus|eagles?|crows?|ravens?|squirrels?|deer|dinosaurs?|reindeer|sheep|lambs?|monkeys?|"
             r"characters?[ \t]+(?:in[ \t]+)?(?:my|our|the)[ \t]+game|npcs?|avatars?")
_TITLE_WORDS = (r"(?:(?i:Mr|Mrs|Ms|Miss|Sir|Dr|Lady|Lord|Captain|Professor|Prof|King|Queen|Princess|Prince|Count|"
                r"Baron|Duke|General|Admiral|Uncle|Auntie|Aunt|Grandpa|Grandma|Old)\.?[ \t]+)?")
_NONHUMAN_BEFORE = re.compile(
    r"(?i:"
    # "a robot named", "the dragon's name is", "my car is called"
    r"\b(?:" + _NONHUMAN + r")(?:['’]s[ \t]+name[ \t]+(?:is|was)|[ \t]+(?:is|was)[ \t]+(?:called|named)|,?[ \t]+"
    + NAMING + r")"
    # "our chatbot", "the ship", "my old robot": a determiner, the noun, the name (no comma: "near the plant, John")
    r"|\b(?:a|an|the|my|our|his|her|their|your|this|that)[ \t]+(?:[\w\-]+[ \t]+){0,2}?(?:" + _NONHUMAN + r")(?=[ \t])"
    # "my car, which I call", "the robot that we named"
    r"|\b(?:" + _NONHUMAN + r"),?[ \t]+(?:which|that|who|whom)[ \t]+(?:i|we|he|she|they|you|everyone|people)[ \t]+"
    r"(?:call|calls|called|named|name|nickname|nicknamed|have[ \t]+named|'ve[ \t]+named|’ve[ \t]+named)"
    r"(?:[ \t]+(?:it|him|her))?"
    # "I named my sourdough starter", "we call our Roomba"
    r"|\b(?:named|name|call|calls|called|nicknamed|christened|dubbed)[ \t]+(?:my|our|his|her|their|the|this|that|a)"
    r"[ \t]+(?:[\w\-]+[ \t]+){0,2}?(?:" + _NONHUMAN + r")"
    # "calling it", "named it"; "Hurricane", "Storm"
    r"|\b(?:call|calls|calling|called|name|names|naming|named|nickname|nicknamed)[ \t]+it"
    r"|\b(?:hurricane|tropical[ \t]+storm|storm|typhoon|cyclone))"
    r"[ \t,:\"“']*+" + _TITLE_WORDS + r"$"
)
# "Sparky the robot", "Puff the Magic Dragon": a name, then "the" and a non-human noun
_NONHUMAN_AFTER = re.compile(r"[ \t]++the[ \t]++(?:[\w\-]++[ \t]++){0,2}?(?i:" + _NONHUMAN + r")\b")


def _named_as_nonhuman(text: str, start: int) -> bool:
    """A robot, vehicle, toy, creature, plant or storm is named just before ``start`` (``_NONHUMAN_BEFORE``)."""
    return _NONHUMAN_BEFORE.search(text, max(0, start - 80), start) is not None


_STORM_NAME = re.compile(r"(?:Storm|Hurricane|Typhoon|Cyclone|Tropical[ \t]+Storm|Super[ \t]+Typhoon)[ \t]+[A-ZÀ-Þ]")


def is_nonhuman_name(ctx: TextContext, start: int, end: int) -> bool:
    """True when the name at ``start:end`` is given to a robot, vehicle, toy, creature, plant or storm (see
    ``_NONHUMAN``), as a pet's name is: "a robot named Bolt", "our chatbot Maya", "Sparky the robot", "my car,
    which I call Betsy", "calling it Dusty"; or (round 13) to a business, product or publication with a naming
    verb: "a bakery called Golden Crumb", "a podcast called Quiet Hours" (``_BUSINESS``).

    >>> ctx = TextContext("A dragon called Ember met Jane Doe. Sparky the robot waved.", None)
    >>> is_nonhuman_name(ctx, 16, 21), is_nonhuman_name(ctx, 26, 34), is_nonhuman_name(ctx, 36, 42)
    (True, False, True)
    """
    text = ctx.text
    if _STORM_NAME.match(text, start, end):
        return True  # round 17: the span took the storm's word in ("Storm Ciarán", "Hurricane Ian")
    if _named_as_nonhuman(text, start):
        return True
    if is_named_business(text, start):
        return True  # round 13: "a bakery called Golden Crumb"
    return _NONHUMAN_AFTER.match(text, end, min(len(text), end + 40)) is not None


@cache
def _brand_regex() -> re.Pattern[str]:
    names = sorted(wordlists.brands(), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


def brand_spans(text: str) -> list[tuple[int, int]]:
    """Spans of listed brands in ``text``."""
    return [m.span() for m in _brand_regex().finditer(text)]


def is_brand_or_pet_name(ctx: TextContext, start: int, end: int,
                         brands: Sequence[tuple[int, int]] | SpanIndex = ()) -> bool:
    """True when the name at ``start:end`` is a brand's, a product's or an animal's (``brands``: the listed
    brands' spans, or their :class:`SpanIndex`).

    >>> ctx = TextContext("Is a Michael Kors handbag worth it? My dog Biscuit thinks so.", None)
    >>> is_brand_or_pet_name(ctx, 5, 17), is_brand_or_pet_name(ctx, 43, 50)
    (True, True)
    """
    text = ctx.text
    if brands and _index(brands).contains(start, end):
        return True
    if brands and start >= 2 and text[start - 1] == " " and _index(brands).overlaps(start - 2, start - 1):
        return True  # round 15: a product line after its brand ("Mr. Clean Magic Eraser")
    if _PRODUCT_AFTER.match(text, end, min(len(text), end + 40)) or _MODEL_AFTER.match(text, end, end + 24):
        return True
    if _MODEL_LAST.search(text, start, end) and " " in text[start:end]:
        return True  # round 12: "the Miele C3", "Shark V20": the name took the model number in
    return _PET_BEFORE.search(text, max(0, start - 60), start) is not None


def is_organisation_name(value: str) -> bool:
    """One word that is a listed organisation's name (``organisations.txt``) and no given name: "Gmail" in "Gmail's
    spam filter" is a product, not a person; "Zara" stays a person's name (also a given name).

    >>> is_organisation_name("Gmail's"), is_organisation_name("Spotify"), is_organisation_name("Zara")
    (True, True, False)
    """
    word = re.sub(r"['’]s?$", "", value.strip())
    return (" " not in word and word.casefold() in wordlists.organisations_folded()
            and word not in wordlists.first_names())


# ---------------------------------------------------------------------------------------------- polities and eras
# Round 7: "Roman Empire", "Han Dynasty", "Ming Dynasty porcelain", "Victoria Falls" were taken for full names.
_POLITY = (r"Empire|Empires|Republic|Republics|Dynasty|Dynasties|Kingdom|Kingdoms|Caliphate|Sultanate|Shogunate|"
           r"Khanate|Emirate|Monarchy|Confederacy|Confederation|Federation|Commonwealth|Principality|Duchy|Realm|"
           r"Era|Period|Epoch|Restoration|Reformation|Renaissance|Revolution|Rebellion|Uprising|Crusades?|"
           r"Conquest|Doctrine|Plan|Treaty|Accords?|Wars?|Regime|Civili[sz]ation|Falls|Desert|Ocean|Sea|Strait|"
           r"Canal|Gulf|Peninsula|Plateau|Glacier|Canyon|Archipelago")
_POLITY_WORDS = HeadWords(_POLITY, window=20)


def is_polity_or_era(ctx: TextContext, start: int, end: int) -> bool:
    """True when the name at ``start:end`` ends with, or is followed by, a polity, era, event or landform word
    ("the Roman Empire", "Han Dynasty", "Victoria Falls", "the Marshall Plan").

    >>> ctx = TextContext("Why did the Roman Empire split? Ask Julius Caesar.", None)
    >>> is_polity_or_era(ctx, 12, 24), is_polity_or_era(ctx, 12, 17), is_polity_or_era(ctx, 36, 49)
    (True, True, False)
    """
    return _POLITY_WORDS(ctx.text, start, end)


# ---------------------------------------------------------------------------------------------- festivals
# Religious festivals, rites and texts (round 6). A festival's name is no person ("Rosh Hashanah", "Yom Kippur"
# look like full names to the small model); they are also the cue of recognizers/festival_figures.py.
FESTIVAL_CUE = re.compile(
    r"\b(?:(?i:passover|pesach|seders?|haggadah|hanukk?ah|chanukk?ah|menorah|dreidel|purim|megillah|shavuot|"
    r"sukkot|yom[ \t]+kippur|rosh[ \t]+hashanah|simchat[ \t]+torah|tisha[ \t]+b['’]?av|bar[ \t]+mitzvah|"
    r"bat[ \t]+mitzvah|christmas|nativity|epiphany|ash[ \t]+wednesday|palm[ \t]+sunday|holy[ \t]+week|"
    r"maundy[ \t]+thursday|good[ \t]+friday|easter|pentecost|whitsun|eucharist|rosary|ramadan|iftar|suhoor|"
    r"eid(?:[ \t\-]+(?:al|ul)[ \t\-]+(?:adha|fitr))?|hajj|umrah|ashura|muharram|mawlid|"
    r"laylat[ \t]+al[ \t\-]+qadr|diwali|deepavali|holika[ \t]+dahan|navratri|dussehra|dasara|durga[ \t]+puja|"
    r"janmashtami|raksha[ \t]+bandhan|ganesh[ \t]+chaturthi|vesak|wesak|bodhi[ \t]+day|uposatha|vaisakhi|"
    r"baisakhi|gurpurab|bhagavad[ \t]+gita|mahabharata|ramayana|vedas?|upanishads?|puranas?|tripitaka|dhammapada|"
    r"jatakas?|tanakh|talmud|midrash|guru[ \t]+granth[ \t]+sahib|avesta)"
    # words that are also ordinary words or names elsewhere ("I lent him", "the advent of AI", "Gita Sharma")
    r"|Lent|Advent|Holi|Onam|Communion|Baptism|(?<=the )Gita)\b"
)


def is_festival_name(value: str) -> bool:
    """The whole of ``value`` is a festival, rite or religious text ("Rosh Hashanah", "Yom Kippur").

    >>> is_festival_name("Rosh Hashanah"), is_festival_name("Ruth")
    (True, False)
    """
    m = FESTIVAL_CUE.match(value)
    return m is not None and m.end() == len(value)


# ---------------------------------------------------------------------------------------------- school years
# "Ava is in Year 2", "in Grade 5", "Form 3B": a class at school, which the address cue "is in" + a number took
_SCHOOL_YEAR = re.compile(r"(?i:year|grade|form|class|standard|std|p|s)[ \t]?\d{1,2}[A-Za-z]?")


# round 18: an address that is no one's machine: bind-all, loopback, broadcast ("host: 0.0.0.0", "127.0.0.1")
_NO_HOST_IP = re.compile(r"0\.0\.0\.0|127(?:\.\d{1,3}){3}|255\.255\.255\.255|::1?")


# round 17: a character invented for a requested story, poem or game ("a story about a detective named Ines
# Calloway", "a D&D villain named Lord Mordecai Ashvane"): a character noun and a naming verb right before the name,
# and a fiction word earlier in the sentence; no one ("my niece Clara Whitby" has neither)
_CHARACTER = (r"detective|girl|boy|man|woman|lady|knight|wizard|witch|sorcerer|sorceress|mage|princess|prince|"
              r"king|queen|villain|hero|heroine|character|protagonist|antagonist|pirate|captain|soldier|spy|"
              r"sailor|farmer|warrior|thief|rogue|assassin|scientist|explorer|orphan|traveller|traveler|stranger|"
              r"merchant|noble|nobleman|noblewoman|lord|inventor|astronaut|cowboy|outlaw|bard|paladin|ranger|"
              r"cleric|necromancer|elf|dwarf|giant|vampire hunter|monster hunter|student|teacher|doctor|nurse|"
              r"child|kid|teen|teenager|widow|chef|baker|painter|poet|musician|ghost|npc")
_CHARACTER_BEFORE = re.compile(
    r"(?i:\b(?:a|an|the)[ \t]+(?:[\w&\-]+[ \t]+){0,3}?(?:" + _CHARACTER + r")[ \t]+(?:named|called))[ \t]+"
    + _TITLE_WORDS + r"$")
_FICTION = re.compile(r"(?i:\b(?:stor(?:y|ies)|tale|poem|fable|novel|novella|scene|script|screenplay|d&d|dnd|"
                      r"campaign|villain|fiction|role-?play|comic|fantasy|saga|legend|ballad|sitcom|episode|"
                      r"plot|short film|bedtime|adventure|quest|game|rpg)\b)")


def is_story_character(ctx: TextContext, start: int, end: int) -> bool:
    """True when the name at ``start:end`` is a character invented for a requested story (see above).

    >>> text = "Write a story about a detective named Ines Calloway. My niece Clara Whitby loves it."
    >>> ctx = TextContext(text, None)
    >>> is_story_character(ctx, 38, 51), is_story_character(ctx, 62, 74)
    (True, False)
    """
    text = ctx.text
    if _CHARACTER_BEFORE.search(text, max(0, start - 90), start) is None:
        return False
    return _FICTION.search(text, ctx.sentence_start(start), start) is not None


def _after_relation(text: str, start: int) -> bool:
    """Round 17: a relation cue right before the name ("my coworker Jack Daniels"): a person named like a brand."""
    return RELATION_CUE_BEFORE.search(text, max(0, start - 60), start) is not None


# ---------------------------------------------------------------------------------------------- the filter
def _names_no_one(ctx: TextContext, c: Candidate, brands: SpanIndex) -> bool:
    """True when the name candidate ``c`` is a story's character, a thing named after a person, a firm, a
    festival, a polity, a brand, a pet, a non-human or an organisation (the rules above); a Korean name ending in
    "Park" stays a person, and so does a person named like a brand after a relation cue."""
    value = ctx.text[c.start:c.end]
    if c.entity in ("PERSON", "RELIGIOUS_FIGURE") and is_story_character(ctx, c.start, c.end):
        return True
    if c.entity == "PERSON" and not is_korean_name(value) and (
            is_named_after_person(ctx, c.start, c.end) or is_founders_firm(value) or is_festival_name(value)
            or is_polity_or_era(ctx, c.start, c.end)):
        return True
    return c.entity in ("PERSON", "GROUP") and (
        (is_brand_or_pet_name(ctx, c.start, c.end, brands) and not _after_relation(ctx.text, c.start))
        or is_nonhuman_name(ctx, c.start, c.end) or is_organisation_name(value))


def drop_not_pii(ctx: TextContext, cands: list[Candidate]) -> list[Candidate]:
    """The candidates the guideline keeps: company contacts, brand, pet and thing names (and names inside a
    dropped company contact) removed. A listed brand before an address or phone marks it a business's ("The
    Hilton on Main Street is at ...")."""
    if not cands:
        return cands
    brands = SpanIndex(brand_spans(ctx.text))
    kept = [c for c in cands if not _names_no_one(ctx, c, brands)]
    person_spans = SpanIndex((c.start, c.end) for c in kept if c.entity == "PERSON" and not c.weak)
    orgs: SpanIndex | None = None  # spaCy's organisations, indexed when a contact first needs them
    receipt: bool | None = None  # whether the text is a receipt, read when a contact first needs it
    out: list[Candidate] = []
    dropped: list[Candidate] = []
    for c in kept:
        if c.entity == "IP_ADDRESS" and _NO_HOST_IP.fullmatch(ctx.text, c.start, c.end):
            continue  # round 18: "host: 0.0.0.0", "127.0.0.1": no one's machine
        if c.label == LOCATION and _SCHOOL_YEAR.fullmatch(ctx.text, c.start, c.end):
            continue  # "is in Year 2": a class at school, no address
        if c.label == LOCATION and _named_as_nonhuman(ctx.text, c.start):
            continue  # round 14: "a robot named Unit 7": a machine's name, no flat
        if c.label in (CONTACT, LOCATION) or c.entity == "USERNAME":
            if orgs is None and ctx.english:
                orgs = organisations(ctx)
            if receipt is None:
                receipt = is_receipt(ctx.text)
            if is_company_contact_value(ctx.text[c.start:c.end], c.entity) or is_company_context(
                ctx, c.start, c.end, person_spans=person_spans, brands=brands, orgs=orgs, receipt=receipt
            ):
                dropped.append(c)
                continue
        out.append(c)
    if dropped:
        gone = SpanIndex((d.start, d.end) for d in dropped)
        out = [c for c in out if not (c.entity in ("PERSON", "GROUP") and gone.overlaps(c.start, c.end))]
    return out
