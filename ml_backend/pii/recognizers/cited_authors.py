"""A cited author's surname alone, in a citation frame: "According to Foucault, ...", "As Bourdieu argued, ...",
"In Habermas's view", "Durkheim argues that ...", "What did Wittgenstein mean by ...", "Bourdieu's concept of
habitus"; round 7: "what Nietzsche meant by ..." (no auxiliary), and a quoted title's author: '"The Tipping Point" by
Gladwell', "'Still I Rise' by Angelou" (not '"The Art of War" by chapter', '"Frozen" by Disney': lower case, a
source that is no person). The guideline: a full name is
always PII, even of cited authors; the surname alone of an author cited this way names that author: PII, certain
(a listed public figure is marked ``public``).

The frame's verbs and nouns are matched in lower case ("the United States that ..." holds no verb "states").
"X argues that" needs an argument verb and "that", "how", "why" or "whether" after it: "what Okafor wrote in the
group chat" is a colleague's message, no citation (a lone surname, not certain:
:mod:`~ml_backend.pii.recognizers.lone_surnames`).

The frame makes a person of the word; the word must still look like a surname:

- one to three capitalised words ("de Beauvoir", "Ibn Khaldun"; a first word that is no given name and no particle
  is left out: "Explain Bourdieu's concept of habitus" gives "Bourdieu"), not all capitals ("NASA", "WHO"), no inner
  capital ("ChatGPT"; "McLuhan" is fine), no organisation, place or calendar word (``NOT_NAME_WORDS``: "Google",
  "Monday", "Christmas"), no cited source that is no person (:data:`SOURCES`: "Wikipedia", "Reuters", "Genesis",
  "Research"; nor one letter off a long one: "Wikipeda"), no abstract noun ("Tradition", "Science": -tion, -ism,
  -ity, -ology ...), no plural of an English word ("Critics argue that", "Studies show");
- not a place, date or event spaCy found, when it is also an English word or name WordNet knows and no family
  name ("In Japan's view"; the small model tags "Rawls" GPE and "Gramsci" NORP, which is not looked at), except
  in "What did X mean by" and "what X meant by" (only a person means: the model tags "Derrida" a place);
- not a given name alone ("According to Sarah": a first name alone is not PII), unless it is also a family name;
- at the start of a sentence, where any noun is capitalised, a word that is also an English word or a name WordNet
  knows counts only before a verb whose subject is a person ("Durkheim argues that", "Foucault wrote that"; not
  "Evidence suggests that", "Nature shows that"), or when spaCy tagged it PERSON, or it is a listed family name
  or public figure.

Cheap pre-check: the text's words (:attr:`~ml_backend.pii.context.TextContext.words`) hold "according",
"mean", "intend", an argument verb or a "view" noun (one set test) before any pattern runs.

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("According to Kahneman, we think fast. According to Google, the shop is open.", None)
    >>> [(ctx.text[c.start:c.end], c.certain) for c in CitedAuthorRecognizer().find(ctx)]
    [('Kahneman', True)]
"""

from __future__ import annotations

import re
from functools import cache

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.recognizers.names import _OPENERS, _STOP_WORDS, NOT_NAME_WORDS
from ml_backend.pii.wordlists import (brands, first_names, mythology_names, public_figures, public_surnames,
                                     surnames_folded)

NAME = PII_LABELS[0]
SCORE = 0.75

_CAP = r"[A-ZÀ-ÞĀ-ſ][a-zß-ÿĀ-ſ]++(?:['’\-][A-Za-zß-ÿ]++)?"
_PARTICLES = frozenset("de du da di van von der den ibn bin al el la le St St.".split())
_PARTICLE = r"(?:(?:de|du|da|di|van|von|der|den|ibn|bin|al|el|la|le|St\.?)[ \t]++)?"
_X = r"(" + _PARTICLE + _CAP + r"(?:[ \t]++" + _PARTICLE + _CAP + r"){0,2}?)"
_ARGUE = (r"argues|argued|claims|claimed|contends|contended|maintains|maintained|asserts|asserted|writes|wrote|"
          r"insists|insisted|suggests|suggested|posits|posited|observes|observed|proposes|proposed|holds|held|"
          r"believes|believed|thinks|thought|notes|noted|states|stated|explains|explained|concludes|concluded|"
          r"shows|showed|demonstrates|demonstrated|warns|warned|reminds us|famously said|famously argued|"
          r"theori[sz]es|theori[sz]ed|defines|defined|describes|described|insists")
# verbs whose subject is a person, not evidence or a text ("Durkheim argues that"; "Evidence suggests that")
_HUMAN_VERB = re.compile(r"argues|argued|contends|contended|maintains|maintained|asserts|asserted|insists|insisted|"
                         r"posits|posited|believes|believed|thinks|thought|theori[sz]es|theori[sz]ed|wrote|writes|"
                         r"famously said|famously argued")
_AS_VERB = (r"(?:famously[ \t]+|once[ \t]+|rightly[ \t]+|memorably[ \t]+|so[ \t]+|also[ \t]+|later[ \t]+)?"
            r"(?:argued|argues|noted|notes|wrote|writes|put[ \t]+it|puts[ \t]+it|observed|observes|suggested|"
            r"suggests|claimed|claims|said|says|pointed[ \t]+out|points[ \t]+out|showed|shows|contended|contends|"
            r"insisted|insists|maintained|maintains|asserted|asserts|explained|explains|remarked|remarks|"
            r"theori[sz]ed|proposed|proposes|described|describes|defined|defines|reminds[ \t]+us|reminded[ \t]+us|"
            r"warned|warns|taught|teaches|famously[ \t]+said|once[ \t]+said|has[ \t]+argued|had[ \t]+argued|"
            r"has[ \t]+shown|has[ \t]+written)")
_VIEW = (r"view|views|opinion|words|account|analysis|theory|framework|terms|sense|formulation|model|reading|"
         r"interpretation|critique|estimation|judg(?:e)?ment|argument|conception|understanding|phrase|definition")
# "Bourdieu's concept of habitus", "Rawls's theory of justice": an author's idea of something
_WORKS_OF = (r"theory|theories|concept|concepts|notion|idea|ideas|critique|analysis|account|definition|conception|"
             r"philosophy|ethics|view|views|understanding|interpretation|model|argument|reading|defen[cs]e|"
             # round 12: an author's scheme named after them ("Maslow's hierarchy of needs", "Bloom's taxonomy of")
             r"hierarchy|pyramid|taxonomy|stages|typology|scale|ladder|cycle|circle|matrix")
# round 17: an author's scheme or theory named after them (a colleague's "pricing model" is no citation: no
# "model" or "framework" here)
_SCHEME = r"theory|theories|taxonomy|hierarchy|typology|pyramid|paradigm|dimensions|stages[ \t]+of"
# round 16: an author's argument about a subject ("Piketty's argument about"; not "work on": a colleague's)
_ARGUMENT = r"argument|arguments|theory|theories|thesis|critique|claim|claims|writing|writings|views|polemic"
_FRAMES = (
    re.compile(r"(?i:\baccording[ \t]+to[ \t]+)" + _X + r"(?=[ \t]*+[,;:.)]|[ \t]++(?i:in|on|the|there|it|we|this|"
               r"that|a|an|is|was|all|every|no|people|human|modern|society)\b)"),
    re.compile(r"(?i:\bas[ \t]+)" + _X + r"(?:['’]s)?(?=[ \t]++(?:" + _AS_VERB + r")\b)"),
    re.compile(r"(?i:\bin[ \t]+)" + _X + r"(?=['’]s?[ \t]++(?:own[ \t]+|famous[ \t]+|later[ \t]+|early[ \t]+)?"
               r"(?:" + _VIEW + r")\b)"),
    re.compile(r"(?<![\w'’\-])" + _X + r"(?=[ \t]++(" + _ARGUE + r")[ \t]++(?:that|how|why|whether)\b)"),
    re.compile(r"(?<![\w'’\-])" + _X + r"(?=['’]s?[ \t]++(?:" + _WORKS_OF + r")[ \t]++of\b)"),
    re.compile(r"(?i:\bwhat[ \t]+(?:did|does|do|would|could|might)[ \t]+)" + _X
               + r"(?=[ \t]++(?:mean|meant|intend|want[ \t]+to[ \t]+say)\b)"),
    # round 7: "what Nietzsche meant by", "what Kant means by" (no auxiliary)
    re.compile(r"(?i:\bwhat[ \t]+)" + _X + r"(?=[ \t]++(?:meant|means|intended|intends|was[ \t]+getting[ \t]+at)"
               r"[ \t]++(?:by|when|with|in)\b)"),
    # round 15: "what Sapolsky says about stress", "what Kahneman argues about": a scholar's view, in the present
    # tense ("what Henderson said about the budget" is a colleague's remark: a lone surname, not certain)
    re.compile(r"(?i:\bwhat[ \t]+)" + _X + r"(?=[ \t]++(?:says|argues|writes|thinks|claims|believes|suggests|teaches|"
               r"proposes|contends|observes)[ \t]++about\b)"),
    # round 17: "Bloom's taxonomy", "Hofstede's cultural dimensions theory", "Kohlberg's moral development theory":
    # an author's scheme or theory, a few lower-case words between, no "of" needed
    re.compile(r"(?<![\w'’\-])" + _X + r"(?=['’]s?[ \t]++(?:[a-z\-]++[ \t]++){0,3}?(?:" + _SCHEME + r")\b)"),
    # round 16: "Piketty's argument about", "Putnam's critique on": an author's argument about a subject
    re.compile(r"(?<![\w'’\-])" + _X + r"(?=['’]s?[ \t]++(?:" + _ARGUMENT + r")[ \t]++(?:about|on)\b)"),
    # round 16: "I cite Rawls on justice", "quoting Arendt": a writer cites or quotes an author
    re.compile(r"(?i:\b(?:cite|cites|cited|citing|quote|quotes|quoted|quoting)[ \t]+)" + _X
               + r"(?=[ \t]++(?:on|in|about|for|when|to|and)\b|[ \t]*+[,.;:!?)]|[ \t]*+$)"),
    # round 7: '"The Tipping Point" by Gladwell', "'Still I Rise' by Angelou": a quoted title, then its author
    re.compile(r"(?<=[\w.!?,])[\"”’'*_][ \t]++(?i:by)[ \t]++" + _X + r"(?![\w'’\-])(?![ \t]++(?:[A-Z]|&))"),
)
# round 10: academic citations. "Vaswani et al.", "(Hinton, 2006)", "(Kahneman & Tversky, 1979)", "Okonjo and
# Halvorsen (2019)", a reference list's "Nakagawa, T. (2021)": only authors stand there
_YEAR = r"(?:1[5-9]|20)\d\d[a-z]?"
# a word's start: no letter or hyphen before it, nor a letter and an apostrophe ("'Krizhevsky et al.'" is fine)
_START = r"(?<![\w\-])(?<!\w['’])"
_CITATIONS = (
    re.compile(_START + _X + r"(?=[ \t]++et[ \t]*+al\b)"),
    re.compile(r"(?<=\()" + _X + r"(?=(?:[ \t]*+(?:&|and)[ \t]++" + _CAP + r")?(?:[ \t]++et[ \t]*+al\.?)?,[ \t]*+"
               + _YEAR + r"[);,])"),
    re.compile(_START + _X + r"(?=,?[ \t]*+\(" + _YEAR + r"\))"),
    re.compile(_START + _X + r"(?=,[ \t]*+" + _YEAR + r"\))"),
    re.compile(_START + _X + r"(?=[ \t]++(?:&|and)[ \t]++" + _CAP + r",?[ \t]*+\(?" + _YEAR + r"\))"),
    re.compile(_START + _X + r"(?=,[ \t]++[A-Z]\.(?:[ \t\-]*+[A-Z]\.)*+[^()\n]{0,80}?\(" + _YEAR + r"\))"),
)
# a text with a citation's shape (one search before the frames above run)
_CITATION_HINT = re.compile(r"\bet[ \t]*+al\b|\(" + _YEAR + r"\)|,[ \t]*+" + _YEAR + r"\)")
# round 10: a famous author's surname before a work's title: "Kafka's The Metamorphosis", "Dostoevsky's Crime and
# Punishment". The author must be a listed public figure or (round 11) the surname of one ("Orwell's Animal Farm":
# the list writes "George Orwell"), or a family name or a word spaCy tags PERSON in a text about reading ("novel",
# "poem", "themes" ...); the title's first word no eponym's noun ("Murphy's Law", "Grey's Anatomy")
_WORK_FRAME = re.compile(_START + _X + r"(?=['’]s[ \t]++(?:(?:The|A|An)[ \t]++)?[A-Z][a-z])")
_LITERARY = frozenset(
    """novel novels book books poem poems poetry play plays essay essays story stories novella sonnet sonnets memoir
    trilogy chapter chapters stanza theme themes symbolism narrator narrators protagonist characters literature
    author""".split()
)
_EPONYM_NOUNS = frozenset(
    """Law Laws Theorem Theory Disease Syndrome Anatomy List Razor Principle Paradox Rule Rules Constant Equation
    Equations Day Parade Eleven Triangle Number Numbers Conjecture Hypothesis Method Test Sign Cross""".split()
)
# the third and fifth frames ("Halvorsen (2019)", "Okonjo and Halvorsen (2019)", no comma) also fit a list of
# films ("Train to Busan (2016)", "Lady in White (1988)", "The Great Gatsby and Dogma (1999)") and "Python (2008)":
# they count only in a text about research (a word of :data:`_SCHOLARLY`), and the third only on a word that is no
# English word, or a family name
_YEAR_ONLY = _CITATIONS[2]
_YEAR_AFTER_NAMES = frozenset((_CITATIONS[2], _CITATIONS[4]))
_SCHOLARLY = frozenset(
    """cite cites cited citing citation citations paper papers study studies journal journals article articles
    research researcher researchers published publication publications apa mla reference references bibliography
    literature thesis dissertation essay al shown showed shows found finds argued argues suggested suggests
    reported demonstrated proposed""".split()
)
# frames in which only a person can stand, so a place spaCy guessed there is still the author
_PERSON_ONLY = frozenset({5, 6})
# a word each frame needs (the pre-check: one set test on the text's words)
_FRAME_WORDS = frozenset(w for w in re.findall(r"[a-z]+", _ARGUE + _AS_VERB + _VIEW) if len(w) > 3) | frozenset(
    "according mean meant means intend intended intends theorized theorised theorizes theorises judgment judgement "
    "cite cites cited citing quote quotes quoted quoting".split()) | frozenset(re.findall(r"[a-z]+", _ARGUMENT)) | frozenset(
    re.findall(r"[a-z]+", _SCHEME)) | frozenset(
    re.findall(r"[a-z]+", _WORKS_OF))

# cited sources that are no person (organisations, works, books of scripture, bodies of knowledge)
SOURCES = frozenset(
    """Wikipedia Reuters Bloomberg Forbes Gartner Statista Nielsen Deloitte Ipsos Pew Gallup Britannica Webster
    Merriam Oxford Cambridge Harvard Stanford Yale Princeton Genesis Exodus Leviticus Numbers Deuteronomy Psalms
    Proverbs Revelation Revelations Scripture Scriptures Tradition Legend Folklore Mythology History Science Research
    Evidence Nature Reason Logic Experience Experts Congress Parliament Senate Government Police Court Judaism
    Christianity Islam Buddhism Hinduism Sikhism Marxism Capitalism Socialism Reddit Quora Yelp Tripadvisor Bing Yahoo
    Baidu Netflix Spotify Tesla Samsung Sony Nike Siri Alexa Gemini Copilot Bard Claude Gemini Everyone Everybody
    Nobody Somebody Someone Anyone Anybody People Society Culture Religion Statistics Data Theory Physics Biology
    Psychology Economics Law Article Chapter Section Paragraph Verse Book Books Report Study Survey Census Halloween
    Thanksgiving Ramadan Diwali Hanukkah Passover Eid Christmas Easter Dad Mom Mum Mother Father Grandma Grandpa
    Mommy Daddy Teacher Doctor Author Narrator Speaker Poet God Allah Disney Pixar Marvel Dreamworks Paramount
    Warner Universal Sega Nintendo Ubisoft Penguin Routledge Springer Elsevier Wiley Pearson Scholastic Bbc Cnn Hbo Nasa Jesus Buddha Google Microsoft Apple Amazon
    Facebook Twitter Meta Instagram Tiktok Youtube Whatsapp Linkedin Wordle Excel Word""".split()
)
_LONG_SOURCES = tuple(w for w in SOURCES if len(w) >= 6)
_ABSTRACT = re.compile(r"(?:ism|ist|ists|ity|ology|ologies|ics|tion|tions|ment|ments|ness|ship|ance|ence)$")
_NOT_AUTHOR_ENTS = ("GPE", "LOC", "DATE", "TIME", "EVENT", "LAW", "FAC", "CARDINAL", "ORDINAL", "MONEY",
                    "PERCENT", "QUANTITY", "LANGUAGE")
_INNER_CAP = re.compile(r"^(?!(?:Mc|Mac|O['’]|De|Di|Da|Du|Le|La|Van|Von|Fitz))[A-Z][a-z]+[A-Z]")


@cache
def _myth_words() -> frozenset[str]:
    """The Greek-mythology names, casefolded (as :attr:`TextContext.words` holds words)."""
    return frozenset(w.casefold() for w in mythology_names())


def _misspelt_source(word: str) -> bool:
    """One letter dropped, added or changed from a long source word ("Wikipeda", "Reuter")."""
    if len(word) < 6:
        return False
    for src in _LONG_SOURCES:
        if abs(len(src) - len(word)) <= 1 and src[0] == word[0] and _one_edit(src, word):
            return True
    return False


def _one_edit(a: str, b: str) -> bool:
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k, (x, y) in enumerate(zip(short, long_)) if x != y), len(short))
    return short[i:] == long_[i + 1:]


def is_author_word(word: str, common: frozenset[str]) -> bool:
    """``word`` (one capitalised word) can be a cited author's surname (see the module docstring).

    >>> is_author_word("Foucault", frozenset({"foucault"})), is_author_word("Critics", frozenset({"critic"}))
    (True, False)
    """
    if len(word) < 3 or word.isupper() or _INNER_CAP.match(word):
        return False
    low = word.casefold()
    if word in NOT_NAME_WORDS or word in SOURCES or low in _STOP_WORDS or low in _OPENERS or _misspelt_source(word):
        return False
    if low in common and _ABSTRACT.search(low) and low not in surnames_folded():
        return False  # "Tradition", "Science"
    plural = low.endswith("s") and (low[:-1] in common or (low.endswith("ies") and low[:-3] + "y" in common)
                                    or (low.endswith(("ses", "xes", "zes", "ches", "shes")) and low[:-2] in common))
    if plural and low not in surnames_folded():
        return False  # "Critics", "Studies", "Scientists" (not "Rawls", "Keynes": no English word under them)
    return not (word in first_names() and low not in surnames_folded() and low not in public_figures()
                and low not in public_surnames())


class CitedAuthorRecognizer(GuidelineRecognizer):
    """``PERSON`` surnames of cited authors in a citation frame: ``Name``, certain."""

    ENTITIES = ["PERSON"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        text = ctx.text
        words = ctx.words
        framed = not _FRAME_WORDS.isdisjoint(words)
        frames = list(_FRAMES if framed else _FRAMES[-1:] if "by" in words else ())  # (the quoted title's "by"
        if _CITATION_HINT.search(text):                                               # frame needs no frame word)
            scholarly = not _SCHOLARLY.isdisjoint(words)
            frames.extend(rx for rx in _CITATIONS if scholarly or rx not in _YEAR_AFTER_NAMES)
        if "s" in words and ("'s " in text or "’s " in text):
            frames.append(_WORK_FRAME)
        if not frames:
            return []
        out: list[Candidate] = []
        seen: set[int] = set()
        brand_names = frozenset(brands())
        for rx in frames:
            citation = rx in _CITATIONS or rx is _WORK_FRAME
            # "what did X mean by", "Vaswani et al.": only a person means, or is cited
            meaning = citation or _FRAMES.index(rx) in _PERSON_ONLY
            for m in rx.finditer(text):
                s, e = m.span(1)
                value = m.group(1)
                while " " in value and value.split()[0] not in first_names() and value.split()[0] not in _PARTICLES:
                    cut = value.index(" ") + 1  # "Explain Bourdieu's concept": the verb is no part of the name
                    s, value = s + cut, value[cut:].lstrip()
                if s in seen or value in brand_names:
                    continue
                words = [w for w in value.split() if w[0].isupper()]
                if not words or not all(is_author_word(w, ctx.common) for w in words[-1:]):
                    continue
                if (not meaning and ctx.ents_overlapping(s, e, _NOT_AUTHOR_ENTS)
                        and not self._unknown_place(ctx, words[-1])):
                    continue  # "In Japan's view", "According to Monday's report"
                if rx is _YEAR_ONLY and not self._unknown_place(ctx, words[-1]):
                    continue  # "Python (2008)", "Windows (1985)": an English word before a year
                if rx is _WORK_FRAME and not self._author_of_work(ctx, words[-1], m.end()):
                    continue
                verb = m.group(2) if rx.groups >= 2 else None
                if (len(words) == 1 and not citation and ctx.is_sentence_initial(s)
                        and not self._strong(ctx, words[0], s, e)
                        and not (verb and _HUMAN_VERB.fullmatch(verb.casefold()))):
                    continue  # "Evidence suggests that": any noun is capitalised here
                seen.add(s)
                out.append(Candidate(s, e, NAME, "PERSON", SCORE, True, public=value.casefold() in public_figures()))
        return out

    @staticmethod
    def _author_of_work(ctx: TextContext, word: str, end: int) -> bool:
        """``word``'s possessive at ``end`` ("Kafka's The Trial") is a famous author's: see :data:`_WORK_FRAME`."""
        title = re.match(r"['’]s[ \t]++(?:(?:The|A|An)[ \t]++)?([A-Z][a-z]+)", ctx.text[end:end + 40])
        if title is None or title.group(1) in _EPONYM_NOUNS:
            return False
        if not _myth_words().isdisjoint(ctx.words):
            return False  # "Homer's Odyssey, focusing on Odysseus": a Greek myth retold (not PII, as its characters)
        low = word.casefold()
        if low in public_figures() or low in public_surnames():
            return True  # "Kafka", or the surname of a listed "George Orwell"
        if _LITERARY.isdisjoint(ctx.words):
            return False
        # a family name, or a word spaCy calls a person ("Steinbeck"), in a text about reading
        return low in surnames_folded() or bool(ctx.ents_overlapping(end - len(word), end, ("PERSON",)))

    @staticmethod
    def _unknown_place(ctx: TextContext, word: str) -> bool:
        """A "place" the small model guessed that is no English word (WordNet knows Japan, not Rawls) or is a family
        name: still an author."""
        low = word.casefold()
        return low not in ctx.common or low in surnames_folded()

    @staticmethod
    def _strong(ctx: TextContext, word: str, start: int, end: int) -> bool:
        low = word.casefold()
        if low not in ctx.common or low in surnames_folded() or low in public_figures():
            return True
        return bool(ctx.ents_overlapping(start, end, ("PERSON",)))
