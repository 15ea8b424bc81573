"""Rules that fix what a profanity model gets wrong: threats, identity hate, slurs, put-downs, benign rough words.

The default toxicity engine (:mod:`ml_backend.toxicity`) scores text with alt-profanity-check, a TF-IDF + linear
SVM profanity model. It is fast and good at swearing and insults, but blind to threats and identity hate written
without swear words ("I know where you live", "immigrants are vermin") and it fires on benign uses of rough words
("kill -9", "one hell of a burger"). This module supplies the two missing pieces, as plain functions:

* :func:`neutralise_benign` rewrites benign technical and idiomatic uses of rough words to neutral words before the
  profanity model and the rules see the text ("kill -9" -> "signal option", "damn good" -> "very good").
* :func:`find_signals` returns :class:`RuleSignals`: general patterns for threats (first-person intent + violent
  verb + a person; wishes and calls for harm; conditional threats, "X again and you'll end up in the hospital";
  intimidation idioms; incitement to self-harm), dehumanising, essentialising or exclusionary statements about
  identity groups (a group word, or an identity adjective + a people noun, with a dehumanising predicate),
  identity slurs, hostile address at the reader, and sarcastic or belittling put-downs.

Limits, measured (``python -m ml_backend.evaluate_toxicity``): the patterns catch the phrasings they were written
for; on sentences written after they were frozen they caught 0 of 10 threats and 2 of 10 identity attacks.
Negation is handled only next to the verb ("I would never hurt you"); reported speech and fiction are not
understood beyond the first-person / modal requirements.

Word lists live in ``ml_backend/data/toxicity_lexicon.json``. No text is logged here.

Example:
    >>> neutralise_benign("Run kill -9 1234, that burger was one hell of a meal")
    'Run signal option 1234, that burger was one great meal'
    >>> find_signals("I will kill you.").threat
    True
    >>> find_signals("Kill the process and restart it.").severe
    False
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: Bump when a pattern changes; the lexicon file's hash is added to the engine's model_version separately.
RULES_VERSION = "2"

LEXICON_FILE = "toxicity_lexicon.json"


@cache
def lexicon() -> dict[str, tuple[str, ...]]:
    """The word lists of ``ml_backend/data/toxicity_lexicon.json`` (loaded once per process)."""
    raw = json.loads(_lexicon_bytes())
    return {key: tuple(values) for key, values in raw.items() if not key.startswith("_")}


@cache
def lexicon_hash() -> str:
    """First 8 hex digits of the lexicon file's SHA-256 (part of the engine's model_version).

    >>> len(lexicon_hash())
    8
    """
    return hashlib.sha256(_lexicon_bytes()).hexdigest()[:8]


def _lexicon_bytes() -> bytes:
    return (resources.files("ml_backend") / "data" / LEXICON_FILE).read_bytes()


# --------------------------------------------------------------------------------------------------
# Benign uses of rough words (applied to the original text; each match becomes a neutral phrase)
# --------------------------------------------------------------------------------------------------
_TECH_OBJECTS = (
    r"process(?:es)?|pids?|jobs?|tasks?|workers?|daemons?|servers?|services?|containers?|pods?|threads?|sessions?|"
    r"tabs?|apps?|applications?|quer(?:y|ies)|connections?|signals?|switch(?:es)?|commands?|programs?|scripts?|"
    r"loops?|builds?|instances?|nodes?|vms?|shells?|terminals?|windows?|lights?|engines?|power|music|sound|"
    r"transactions?|requests?|branch(?:es)?|features?|bugs?|batteries|battery"
)
# (pattern, replacement, flags). Order matters: earlier rewrites are seen by later patterns.
# (lower-case substrings of which one must occur for the pattern to be tried, pattern, replacement, flags).
_BENIGN: tuple[tuple[tuple[str, ...], str, str, int], ...] = (
    # code and command lines: inline code, command-line options, unix kill commands
    (('`',), r"`[^`\n]{1,200}`", "code", 0),
    (('kill',), r"\b(?:p|x)?kill(?:all)?\s+-(?:\d{1,2}|[a-z]+)\b", "signal option", re.I),
    (('-',), r"(?<![\w-])--?[a-z][\w-]*", "option", re.I),
    (('kill',), r"\b(?:pkill|killall|xkill)\b", "stop", re.I),
    (('kill',), r"\bkill(?:s|ed|ing)?\s+(?:(?:the|a|an|all|every|each|that|this|these|those|its|their|my|your|our|any|"
     r"stuck|hung|old|running|child|parent|background|zombie|orphan(?:ed)?|idle|long-running|runaway|rogue|"
     r"worker|web|database|dev|\d+)\s+){0,4}(?:" + _TECH_OBJECTS + r")\b", "stop the process", re.I),
    (('kill',), r"\bkill(?:\s+-)?\s*signal\b|\bkill\s+(?:switch|chain|command|screen|count|feed|ratio|streak|cam)\b",
     "stop signal", re.I),
    (('zombie',), r"\bzombie\s+(?:process(?:es)?|children|child|threads?)\b", "defunct process", re.I),
    (('killer',), r"\bkiller\s+(?:feature|app|application|combo|deal|price|look|view|idea|product|track|song|line|"
     r"instinct|workout|performance|smile|heels|outfit|recipe)s?\b", "great feature", re.I),
    (('blast', 'hit', 'dump'), r"\bblast\s+radius\b|\bhit\s+(?:rate|count|ratio|points|song|single|record|list|box)\b|\bcore\s+dump\b",
     "metric", re.I),
    # idioms: intensifiers and praise
    (('hell',), r"\b(one|a|the)\s+hell\s+of\s+an?\b", r"\1 great", re.I),
    (('hell',), r"\bhell\s+(?:yeah|yes|yea|yah)\b", "yes", re.I),
    (('damn', 'bloody', 'darn', 'freak', 'frig', 'hella'), r"\b(?:damn|damned|bloody|darn|freaking|frigging|friggin|hella)\s+(good|fine|great|brilliant|delicious|tasty|"
     r"awesome|right|well|nice|beautiful|lucky|cool|amazing|impressive|fast|smart|clever|proud|sure|glad)\b",
     r"very \1", re.I),
    (('die',), r"\bto\s+die\s+for\b", "wonderful", re.I),
    (('dying',), r"\bdying\s+to\b", "eager to", re.I),
    (('kill', 'slay', 'smash', 'nail', 'crush'), r"\b(?:killed|killing|kills|kill|slayed|slaying|slays|smashed|smashing|nailed|nailing|crushed|crushing)\s+it\b",
     "did great", re.I),
    (('laugh', 'killing'), r"\b(?:died|dying|die|dead)\s+(?:of\s+)?(?:laughing|laughter)\b|\bkilling\s+me\s+(?:lol|haha|lmao)\b",
     "laughed", re.I),
    (('leg',), r"\bbreak\s+a\s+leg\b", "good luck", re.I),
    (('dead',), r"\bdrop[-\s]dead\s+(gorgeous|beautiful|funny)\b", r"very \1", re.I),
    (('shoot',), r"\bshoot\s+(me|us|him|her|them|you)\s+(?:a|an)\s+(?:quick\s+|short\s+)?(?:e-?mail|message|note|text|line|dm|"
     r"pm|reply|invite|link)\b", r"send \1 a message", re.I),
    (('shoot',), r"\bshoot(?:ing)?\s+(?:your|the|our|their|my|a)\s+(?:wedding|photos?|portraits?|videos?|film|movie|scene|"
     r"footage|pictures?|documentary|commercial|episode)\b", "film the scene", re.I),
    (('hurt',), r"\bhurt(?:s|ing)?\s+(?:your|his|her|their|my|our)\s+feelings\b", "upset someone", re.I),
    (('beat',), r"\bbeat\s+(?:the|two|three|four|\d+)\s+(?:eggs?|egg\s+whites|cream|butter|batter|mixture)\b", "whisk the eggs",
     re.I),
    # proper names and other senses (case-sensitive where the capital is the cue)
    (('hell',), r"\bHell's\s+(?=[A-Z])|\bHell,\s+Norway\b", "Place ", 0),
    (('dick',), r"\bDick(?=\s+[A-Z])|(?<=Moby\s)Dick\b", "Richard", 0),
    (('dyke',), r"\bVan\s+Dyke\b", "Vandyke", 0),
    (('hoe',), r"\b(?:garden|dutch|stirrup|draw|hand|field|scuffle)\s+hoe\b|\bhoe\b(?=[^.!?]{0,40}\b(?:weeds?|soil|garden|rows|"
     r"dirt|beds?)\b)|(?<=\ba\s)hoe\b(?=\s+to\s+(?:clear|dig|till|weed))", "tool", re.I),
    (('bitch',), r"\bbitch(?:es)?\b(?=[^.!?]{0,60}\b(?:pupp(?:y|ies)|litters?|whelp(?:ing|ed)?|breed(?:ing|er|ers)?|kennel|"
     r"sire|dam)\b)", "dam", re.I),
    (('bitch',), r"(\b(?:dogs?|pupp(?:y|ies)|litters?|breeding|breeders?|kennels?)\b[^.!?]{0,60}?)\bbitch(?:es)?\b",
     r"\1dam", re.I),
    (('tit',), r"\b(?:blue|great|coal|marsh|willow|crested|long-tailed)\s+tits?\b", "songbird", re.I),
    (('pussy',), r"\bpussy\s+willows?\b|\bpussy\s*cats?\b", "plant", re.I),
    (('cock',), r"\b(?:cock|cocks)\b(?=[^.!?]{0,40}\b(?:crow(?:s|ed|ing)?|hens?|chickens?|rooster|farm|barnyard)\b)",
     "rooster", re.I),
    (('ass',), r"\bass(?:es)?\b(?=[^.!?]{0,40}\b(?:donkeys?|mules?|burros?|saddle|cart|plough|plow|bible)\b)", "donkey", re.I),
)
_BENIGN_RE = tuple((triggers, re.compile(p, flags), repl) for triggers, p, repl, flags in _BENIGN)

#: The benign rewrite reads at most this many characters (the rest of a longer text is kept as it is).
MAX_NEUTRALISE_CHARS = 100_000


def neutralise_benign(text: str) -> str:
    """Rewrite benign technical and idiomatic uses of rough words to neutral phrases.

    Args:
        text: the original text.

    Returns:
        The text with each benign use replaced (the rest unchanged, case kept).

    Example:
        >>> neutralise_benign("This coffee is damn good; kill the stuck process.")
        'This coffee is very good; stop the process.'
        >>> neutralise_benign("I will kill you")
        'I will kill you'
    """
    head, tail = text[:MAX_NEUTRALISE_CHARS], text[MAX_NEUTRALISE_CHARS:]
    low = head.lower()
    for triggers, rx, repl in _BENIGN_RE:
        if any(t in low for t in triggers):
            head = rx.sub(repl, head)
            low = head.lower()
    return head + tail


# --------------------------------------------------------------------------------------------------
# Normalisation for the rules (lower case, straight quotes, common chat spellings)
# --------------------------------------------------------------------------------------------------
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"', "`": "'"})
_CHAT = (
    (r"\bu\s+r\b", "you are"),
    (r"\bur\b", "your"),
    (r"\bu\b", "you"),
    (r"\bya\b(?!\s+know)", "you"),
    (r"\by'?all\b", "you all"),
    (r"\byoure\b", "you're"),
    (r"\byour\s+(?=(?:a|an|so|such|the\s+worst)\b)", "you're "),
    (r"\b(?:i'?ma|imma|ima)\b", "i'm going to"),
    (r"\bim\b", "i'm"),
    (r"\bgonna\b", "going to"),
    (r"\bwanna\b", "want to"),
    (r"\bgotta\b", "got to"),
    (r"\bdont\b", "don't"),
    (r"\bwont\b", "won't"),
    (r"\bcant\b", "can't"),
    (r"\bdoesnt\b", "doesn't"),
    (r"\bshouldnt\b", "shouldn't"),
    (r"&amp;", "&"),
    (r"\s+", " "),
)
_CHAT_RE = tuple((re.compile(p), r) for p, r in _CHAT)


def normalise(text: str) -> str:
    """Lower-case, NFKC, straight quotes, common chat spellings expanded (``u`` -> ``you``, ``gonna`` -> ``going to``).

    >>> normalise("I’m gonna find u")
    "i'm going to find you"
    """
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    for rx, repl in _CHAT_RE:
        text = rx.sub(repl, text)
    return text.strip()


# --------------------------------------------------------------------------------------------------
# Patterns
# --------------------------------------------------------------------------------------------------
def _alt(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


_NEGATION = re.compile(r"\b(?:not|never|no|n't|don't|didn't|won't|wouldn't|can't|couldn't|shouldn't|wasn't|isn't|"
                       r"aren't|cannot|nobody|none|neither)\b|n't\b")

_PRONOUN_TARGET = r"you|your|yours|yourself|yourselves|you\s+all|him|his|her|them|their|everyone|everybody"


@dataclass(frozen=True)
class RuleSignals:
    """What the rules found in one text.

    ``threat``, ``identity_attack``, ``slur`` and ``hostile_address`` are severe (the guideline's level 2: clearly
    toxic); ``putdown`` is mild (level 1: slightly toxic). ``benign`` counts the benign rough-word uses rewritten.
    """

    threat: bool = False
    identity_attack: bool = False
    slur: bool = False
    hostile_address: bool = False
    putdown: bool = False
    benign: int = 0

    @property
    def severe(self) -> bool:
        """True when any level-2 signal fired."""
        return self.threat or self.identity_attack or self.slur or self.hostile_address


class _Patterns:
    """All compiled rule patterns, built once from the lexicon."""

    def __init__(self, lex: dict[str, tuple[str, ...]]) -> None:
        groups = (rf"{_alt(lex['identity_groups'])}|(?:{_alt(lex['identity_adjectives'])})\s+"
                  rf"(?:{_alt(lex['group_heads'])})")
        singular = _alt(lex["identity_singular"])
        persons = _alt(lex["person_nouns"])
        dehum = _alt(lex["dehumanising"])
        dehum_one = _alt(lex["dehumanising_singular"])
        insults = _alt(lex["insults"])
        group = rf"(?:{groups})"
        target = (rf"(?:{_PRONOUN_TARGET}|(?:the|that|this|those|these|every|all|all\s+the)\s+(?:{persons}|{groups}|"
                  rf"{insults}s?)|{group})")
        det_noun = r"(?:(?:that|this|the|those|these|all|all\s+the|every)\s+[\w'-]+)"
        strong_harm = (
            r"kill|murder|shoot|stab|strangle|choke|lynch|bury|slit|gut|skin|rape|torture|drown|poison|behead|"
            r"decapitate|slaughter|butcher|massacre|hurt|harm|burn|bomb|blow\s+up|gun\s+down|run\s+over|curb\s*stomp|"
            r"end"
        )
        # A. first person (+ optional intent words) + strong harm verb + a person target, same clause.
        self.intent_harm = re.compile(
            rf"\b(?:i|we)(?:'[a-z]+)?\b(?P<gap>(?:\s+[\w']+){{0,5}}?)\s+(?:{strong_harm})(?:s|ing)?\s+(?:[\w']+\s+){{0,2}}?"
            rf"{target}\b"
            rf"|\b(?:i|we)(?:'[a-z]+)?\b(?P<gap2>(?:\s+[\w']+){{0,5}}?)\s+(?:beat|smash|punch|kick|stomp|bash|break|snap)"
            rf"(?:s|ing)?\s+(?:{_PRONOUN_TARGET}|every\s+bone)\b[^.!?]{{0,40}}?"
            rf"\b(?:up|to\s+death|senseless|until|bloody|black\s+and\s+blue|neck|legs?|arms?|face|jaw|skull|teeth|"
            rf"nose|fingers|bones?|body|head)\b"
        )
        # B. wishes and calls for harm.
        self.wish = re.compile(
            r"\b(?:hope|wish|pray)\s+(?:that\s+)?(?:you|he|she|they|someone|somebody|your\s+\w+)\b(?P<gap>[^.!?]{0,40}?)"
            r"\b(?:die|dies|dying|drop\s+dead|gets?\s+(?:killed|shot|stabbed|raped|run\s+over|hit\s+by|cancer|aids|"
            r"murdered|hurt|beaten|lynched)|stabs?|shoots?|kills?|burns?\s+(?:alive|to\s+death|in\s+hell)|rots?|"
            r"suffers?|chokes?|drowns?)\b"
        )
        self.call = re.compile(
            rf"\b(?:someone|somebody|anyone|people|they|we|you\s+all|y'all)\s+(?:should|needs?\s+to|ought\s+to|must|"
            rf"got\s+to|has\s+to|have\s+to)\s+(?:just\s+|really\s+|go\s+)?(?:kill|shoot|stab|lynch|murder|hang|burn|"
            rf"bomb|gas|behead|strangle|choke|run\s+over|beat\s+up|put\s+down)\s+(?:{target}|{det_noun})\b"
        )
        self.passive = re.compile(
            rf"\b(?:{_PRONOUN_TARGET}|he|she|they|we|{persons}|{groups})\b[^.!?]{{0,30}}?\b(?:should|deserves?\s+to|"
            rf"ought\s+to|needs?\s+to|must|oughta)\s+(?:all\s+|just\s+|really\s+)?(?:be|get)\s+(?:\w+\s+)?"
            rf"(?:killed|shot|hanged|lynched|stabbed|burned|burnt|executed|gassed|exterminated|murdered|raped|"
            rf"tortured|beheaded|run\s+over|put\s+down|wiped\s+out|strung\s+up|beaten|shot\s+dead|dragged|whipped|"
            rf"flogged|stoned|castrated|tarred|drowned|burned\s+alive|thrown\s+off)\b"
        )
        self.self_harm = re.compile(
            r"\b(?:go\s+)?(?:kill|hang|shoot)\s+(?:yourself|yourselves|urself)\b|\bkys\b|\bdrink\s+(?:bleach|poison)\b|"
            r"\bjump\s+off\s+(?:a|the)\s+(?:bridge|cliff|building|roof)\b|\bslit\s+your\s+wrists\b"
        )
        # Outcomes of violence, for the conditional frames below ("... again and you'll end up in the hospital").
        harm_outcome = (
            r"(?:kill|murder|shoot|stab|strangle|choke|lynch|bury|slit|gut|rape|torture|drown|poison|behead|slaughter|"
            r"butcher|beat|bash|smash|snap|break|hurt|harm|bleed|burn)(?:s|ed|ing|en)?|shot|buried|dead|die|death|"
            r"grave|coffin|casket|body\s+bag|morgue|funeral|hospital|emergency\s+room|icu|wheelchair|"
            r"scrap(?:e|ing)\s+(?:you|him|her|them)\s+off|in\s+pieces|six\s+feet\s+under|"
            r"(?:won't|will\s+not|never|not\s+going\s+to)\s+(?:survive|make\s+it|wake\s+up|walk\s+again)|"
            r"make\s+an\s+example\s+of|regret\s+it|end\s+you"
        )
        future = r"(?:i|we|you|he|she|they)(?:'ll|\s+will|'re\s+going\s+to|\s+are\s+going\s+to|'s\s+going\s+to|" \
                 r"\s+is\s+going\s+to|'m\s+going\s+to|\s+am\s+going\s+to|'s\s+not\s+going\s+to|\s+won't|'re\s+going|" \
                 r"'ll\s+be|\s+will\s+be|'re\s+not\s+going\s+to)"
        self.conditional = re.compile(
            rf"(?:\b(?:again|one\s+more\s+(?:time|word)|ever\s+again)\s*,?\s*(?:and|&)\s+|"
            rf"\bnext\s+time\s+(?:i|we)\s+(?:see|catch|find|meet)\s+(?:you|him|her|them)\b[^.!?]{{0,10}}?|"
            rf"\bif\s+(?:you|he|she|they)\b[^.!?,]{{0,50}},\s*|\bor\s+else\s+|"
            rf"\bkeep\s+(?:talking|it\s+up|pushing|running\s+your\s+mouth)\s*,?\s*(?:and|&)\s+)"
            rf"{future}\b[^.!?]{{0,40}}?\b(?:{harm_outcome})\b"
        )
        self.intimidation = re.compile(
            r"\b(?:bat|bullet|knife|grave|coffin|noose)\s+with\s+your\s+name\s+on\s+it\b|"
            r"\benjoy\s+your\s+(?:last|final)\s+(?:day|week|night|days|weeks|moments|breaths?|hours?)\b|"
            r"\b(?:last|final)\s+(?:day|week|night)\s+(?:on\s+(?:this|the)\s+earth|alive|above\s+ground)\b|"
            r"\bmake\s+an\s+example\s+(?:of|out\s+of)\s+(?:you|him|her|them)\b|"
            r"\bteach\s+(?:you|him|her|them|that\s+\w+)\s+a\s+lesson\s+(?:you|he|she|they)\s+(?:won't|will\s+never)\s+"
            r"(?:survive|forget)\b|"
            r"\b(?:won't|not\s+going\s+to|never\s+going\s+to)\s+make\s+it\s+(?:home|out\s+alive|through\s+the\s+night)\b|"
            r"\bscrap(?:e|ing)\s+(?:you|him|her|them|your\s+\w+)\s+off\s+the\s+(?:pavement|floor|road|street|ground|walls?)\b|"
            r"\bi\s+know\s+where\s+(?:you|your\s+\w+|he|she|they)\s+(?:live|lives|sleep|sleeps|work|works)\b|"
            r"\bwatch\s+your\s+(?:back|step)\b|\bsleep\s+with\s+one\s+eye\s+open\b|"
            r"\bdead\s+(?:man|woman|meat|boy|girl)\b|"
            r"\byou(?:'re|\s+are)\s+(?:so\s+)?dead\b(?!\s+(?:right|wrong|serious|tired|set|on|to\s+me|inside))|"
            r"\b(?:you'll|you\s+will|you're\s+going\s+to|you\s+are\s+going\s+to)\s+(?:regret|pay\s+for)\s+"
            r"(?:this|that|it|what)\b|"
            r"\bmake\s+(?:you|him|her|them)\s+(?:pay|regret|suffer|bleed|beg)\b|"
            r"\b(?:won't|will\s+not|never)\s+(?:live|survive|make\s+it)\s+to\s+(?:see|tell)\b|"
            r"\b(?:end|wind)\s+up\s+(?:in\s+a\s+ditch|in\s+(?:the|a)\s+hospital|in\s+a\s+body\s+bag|in\s+a\s+coffin|"
            r"six\s+feet\s+under|in\s+the\s+ground|in\s+a\s+wheelchair)\b|"
            r"\bput\s+(?:you|him|her|them)\s+in\s+(?:the|a)\s+(?:hospital|ground|grave|coffin|body\s+bag|"
            r"wheelchair)\b|"
            r"\ba\s+bullet\s+(?:in|into|through|between)\s+(?:your|his|her|their|that|the|them|you|him|those)\b|"
            r"\b(?:you|your\s+\w+|family|kids|children|wife|husband)\b[^.!?]{0,15}\b(?:won't|will\s+not|will\s+never|"
            r"never)\s+be\s+safe\b|"
            r"\bwhat(?:'s|\s+is)\s+coming\s+(?:to|for)\s+(?:you|him|her|them)\b|"
            r"\b(?:coming|come)\s+for\s+(?:you|your)\b|"
            r"\byou(?:'ll|\s+will)\s+see\s+what\s+happens\b|"
            r"\b(?:wait|just\s+wait)\s+(?:till|until|til)\s+i\s+(?:get|find|see|catch)\s+(?:you|your)\b|"
            r"\byour\s+days\s+are\s+numbered\b|\bthere\s+will\s+be\s+blood\b|\byou(?:'ve|\s+have)\s+been\s+warned\b|"
            r"\bhunt\s+(?:you|him|her|them|you\s+all)\s+down\b|"
            r"\b(?:find|visit|get|come\s+for|go\s+after|know\s+where)\s+your\s+(?:kids|children|family|wife|"
            r"husband|daughter|son|mother|mom|mum|parents|sister|brother)\b"
        )
        # Identity hate.
        counter_cue = r"myth|stereotype|false|untrue|not\s+true|lie|misconception|racist\s+to|wrong\s+to|claims?"
        self.counter = re.compile(rf"\b(?:{counter_cue})\b")
        self.group_pred = re.compile(
            rf"\b{group}\b[^.!?]{{0,40}}?\b(?:are|r|is|were|will\s+always\s+be|will\s+never\s+be\s+anything\s+but|"
            rf"were\s+born|are\s+born|can\s+only\s+be)\s+(?:(?:all|just|nothing\s+but|basically|simply|only|"
            rf"such|a\s+bunch\s+of|like|the|literally|still|really|so|no\s+better\s+than|worse\s+than|more\s+like|"
            rf"mostly|naturally|inherently|genetically|always|a|an|swarm\s+of|pack\s+of|full\s+of|jungles\s+full\s+of|"
            rf"by\s+nature|honestly|frankly)\s+)*(?:{dehum})\b"
        )
        self.group_exclusion = re.compile(
            rf"\b{group}\b[^.!?]{{0,50}}?\b(?:(?:should|must|need\s+to|needs\s+to|ought\s+to|deserve\s+to|have\s+to|"
            rf"has\s+to|got\s+to)\s+(?:all\s+|just\s+)?(?:go\s+back|be\s+deported|be\s+removed|be\s+banned|"
            rf"be\s+locked\s+up|be\s+sterili[sz]ed|die|be\s+exterminated|be\s+wiped\s+out|be\s+driven\s+out|"
            rf"be\s+kicked\s+out|leave\s+(?:our|this|the)\s+country|get\s+out|be\s+put\s+down|be\s+gassed|be\s+shot|"
            rf"be\s+killed|be\s+hanged|be\s+lynched|be\s+burned|be\s+thrown\s+out|be\s+rounded\s+up|keep\s+(?:their|"
            rf"your)\s+(?:mouths?\s+shut|place)|stay\s+in\s+(?:the|their)\s+(?:kitchen|place)|be\s+segregated|"
            rf"be\s+eliminated|hurry\s+up\s+and\s+die|not\s+be\s+allowed|never\s+be\s+allowed|be\s+kept\s+out|"
            rf"shut\s+up)|(?:shouldn't|should\s+not|must\s+not|mustn't)\s+be\s+(?:allowed|let\s+in|trusted)|"
            rf"(?:don't|do\s+not|doesn't|does\s+not|shouldn't|should\s+not)\s+(?:even\s+)?(?:deserve|have\s+the\s+right|"
            rf"get)\s+(?:\w+\s+){{0,2}}?(?:rights|to\s+live|to\s+vote|to\s+exist|to\s+be\s+here|to\s+breathe|"
            rf"respect|to\s+be\s+treated)|belongs?\s+in\s+(?:the\s+|a\s+)?(?:kitchen|zoo|cage|jail|prison|gas\s+chamber|"
            rf"oven|trash|gutter|camps?))\b"
        )
        self.every_one = re.compile(
            rf"\b(?:every|each|any)\s+(?:single\s+)?(?:{singular})\b[^.!?]{{0,30}}?\b(?:is|was)\s+(?:a|an)\s+"
            rf"(?:{dehum_one})\b"
        )
        self.essential = re.compile(
            rf"\b{group}\b[^.!?]{{0,60}}?\bin\s+their\s+(?:blood|nature|genes|dna)\b|"
            rf"\b{group}\b[^.!?]{{0,40}}?\b(?:bring|brings|spread|spreads|cause|causes)\s+(?:nothing\s+but\s+|only\s+)?"
            rf"(?:crime|disease|diseases|drugs|violence|terror|rape|filth)\b|"
            rf"\b(?:bring|brings|spread|spreads)\s+(?:nothing\s+but\s+|only\s+)?(?:crime|disease|diseases|drugs|violence|"
            rf"terror|rape|filth)\b[^.!?]{{0,20}}?\b{group}\b|"
            rf"\bkeep\s+(?:the|those|these|all|all\s+the)?\s*(?:{groups})\s+out\b"
        )
        self.group_call = re.compile(
            rf"(?:^|[.!?,;:]\s*|\b(?:we|let's|lets|should|must|need\s+to|needs\s+to|have\s+to|got\s+to|time\s+to|"
            rf"i'd|i\s+would|i\s+want\s+to|we'll|we\s+will|i'll|i\s+will|just)\s+)(?:get\s+rid\s+of|deport|kill|"
            rf"exterminate|ban|wipe\s+out|gas|round\s+up|kick\s+out|drive\s+out|throw\s+out|lock\s+up|purge|eradicate|"
            rf"eliminate|shoot|hang|lynch)\s+(?:all|every|each|the|these|those)?\s*(?:of\s+the\s+|of\s+)?"
            rf"(?:{groups}|{singular})\b"
        )
        self.go_back = re.compile(
            r"\bgo(?:es)?\s+back\s+(?:to\s+|from\s+)?(?:(?:your|their)\s+(?:own\s+)?(?:country|countries|homeland|continent|"
            r"island|village|jungle|caves?)|where\s+(?:you|they|he|she)\s+(?:came|come)\b|(?:to\s+)?(?:africa|"
            r"mexico|china|india|iran|the\s+jungle))\b|\bsend\s+(?:them|'em)\s+(?:all\s+)?back\b"
        )
        self.only_good = re.compile(r"\bthe\s+only\s+good\s+(?:[\w-]+\s+){1,2}is\s+a\s+(?:dead|deported|gone)\b")
        self.breed = re.compile(
            r"\bbreed(?:s|ing)?\s+like\s+(?:rats|rabbits|animals|cockroaches|roaches|flies|vermin|insects)\b"
        )
        self.dirty_group = re.compile(
            rf"\b(?:filthy|dirty|stinking|stinky|greasy|inbred|savage|subhuman)\s+(?:{groups}|{singular})\b"
        )
        # An identity word used as an insult's adjective: "ugly white bitch". Only insults that are never literal
        # (no animals: "black dog", "female dog" and "white rat" are animals).
        identity_adj = _alt(lex["identity_singular"] + ("white", "black", "jewish", "queer", "gay", "brown"))
        derogatory = r"bitch(?:es)?|whores?|cunts?|sluts?|trash|scum|vermin|savages?"
        self.identity_insult = re.compile(rf"\b(?:{identity_adj})\s+(?:{derogatory})\b")
        self.slur = re.compile(rf"\b(?:{_alt(lex['slurs'])})\b")
        # Words of which one must occur for the identity patterns to be tried (a cheap gate: most texts have none).
        self.identity_words = frozenset(
            w for key in ("identity_groups", "identity_singular", "identity_adjectives") for phrase in lex[key]
            for w in phrase.split() if w not in {"the", "people", "like", "you", "your", "their", "kind", "those",
                                                  "these", "them"}
        ) | {"people", "kind"}
        # Hostile address at the reader.
        insult_adj = r"pathetic|worthless|useless|stupid|dumb|ugly|disgusting|retarded|fat|lying|miserable"
        bad_person = (
            r"annoying|irritating|obnoxious|ignorant|arrogant|selfish|boring|awful|terrible|horrible|nasty|vile|"
            r"repulsive|insufferable|incompetent|clueless|brainless|spineless|useless|worthless|pathetic|stupid|"
            r"dumbest|stupidest|worst|ugliest|laziest|dumb|ugly|disgusting|hateful|pitiful|sad|miserable"
        )
        self.directed = re.compile(
            rf"(?<!if\s)\byou(?:'re|\s+are|\s+r)?\s+(?:(?:such|a|an|so|the|total|complete|absolute|fucking|little|big|fat|"
            rf"stupid|dumb|ugly|pathetic|worthless|lying|dirty|filthy|piece\s+of|worst|biggest)\s+){{0,3}}"
            rf"(?:{insults})\b"
            rf"|\byour\s+(?:{insult_adj})\s+\w+"
            rf"|(?<!if\s)\byou(?:'re|\s+are)\s+(?:(?:honestly|truly|really|literally|just|the|most|single|such|a|an|so)\s+){{0,4}}"
            rf"(?:{bad_person})\s+(?:person|human|human\s+being|man|woman|thing|guy|girl|individual|creature)\b"
            rf"|\byour\s+(?:mother|mom|mum|mama|momma)\s+(?:should\s+have|is\s+(?:a|so|such)|was\s+(?:a|so|such))\b"
        )
        self.hostile = re.compile(
            r"\b(?:fuck|screw|piss)\s+(?:off|you)\b|\bshut\s+the\s+(?:fuck|hell|f)\s+up\b|\bstfu\b|\bgo\s+to\s+hell\b|\bshut\s+(?:your|ur)\s+(?:mouth|face|trap|"
            r"hole)\b|\bget\s+lost\b|\bnobody\s+(?:likes|loves|wants|needs)\s+you\b|\byou\s+disgust\s+me\b|"
            r"\bdie\s+in\s+a\s+fire\b|\bgo\s+die\b|\bdrop\s+dead\b|\bi\s+hate\s+you\b|\bkiss\s+my\s+ass\b|"
            r"\b(?:garbage|trash|idiots?|morons?|useless|worthless|pathetic|stupid|dumb|losers?)\b[^.!?]{0,20}"
            r"\bso\s+are\s+you\b"
        )
        # Put-downs: sarcasm and belittling without swear words (mild).
        sarcastic_name = (
            r"einstein|genius|sherlock|captain\s+obvious|smart\s+guy|smartass|smarty\s+pants|rocket\s+scientist|"
            r"mastermind|hotshot|champ|princess|sweetheart|brainiac|professor"
        )
        # "truly a genius" is a put-down only next to a failure cue in the same text (checked in code).
        self.sarcastic_praise = re.compile(
            rf"\b(?:truly|real|such|what|quite|another|a\s+real)\s+(?:a\s+)?(?:{sarcastic_name}|expert)\b"
        )
        self.failure_cue = re.compile(
            r"\b(?:again|can't|cannot|couldn't|didn't|failed|broke|broken|wrong|never|no\s+one|even)\b"
        )
        self.putdown = re.compile(
            rf"\b(?:thanks|thank\s+you|nice\s+(?:job|going|work|one|try)|good\s+(?:job|one|going)|well\s+done|congrats|"
            rf"congratulations|way\s+to\s+go|great\s+(?:job|work)|okay|ok|sure|wow|oh)\b[,!\s]{{1,4}}(?:{sarcastic_name})\b|"
            rf"\b(?:no\s+one|nobody|anyone|someone)\s+with\s+(?:a|half\s+a)\s+brain\b|\bbrain\s+cells?\b|"
            rf"\b(?:brain|head|skull)\s+(?:is\s+|that\s+|so\s+)?(?:empty|hollow)\b|\bempty[-\s]headed\b|"
            rf"\bdropped\s+on\s+(?:your|his|her|their)\s+heads?\b|\bcrayons?\b[^.!?]{{0,30}}\b(?:explain|draw)\b|"
            rf"\b(?:explain|draw)\b[^.!?]{{0,40}}\bcrayons?\b|"
            rf"\b(?:can't|cannot|couldn't)\s+even\s+(?:spell|read|count|write|tie|think|walk|find)\b|"
            rf"\b(?:nobody|no\s+one)\s+(?:cares|asked)\b|\bwho\s+asked\b|\bget\s+a\s+life\b|\bshut\s+up\b|"
            rf"\b(?:smart|clever|bright|pretty|articulate|good)\s+for\s+(?:a|an|someone|somebody)\b|"
            rf"\bthe\s+clown\b|\bwhat\s+a\s+(?:clown|joke|loser|moron|idiot)\b|\bstop\s+being\s+(?:such\s+)?an?\s+"
            rf"(?:crybaby|baby|child|idiot|moron|jerk|drama\s+queen)\b|\b(?:dumbest|stupidest)\b|"
            rf"\b(?:only\s+an?\s+(?:absolute\s+|complete\s+|total\s+)?(?:moron|idiot|fool))\b|"
            rf"\b(?:wrong|stupid|useless)\s+about\s+everything\b|\bmanaged\s+to\s+be\s+(?:wrong|useless|stupid)\b|"
            rf"\bbless\s+your\s+(?:little\s+)?heart\b|\bdon't\s+(?:strain|hurt|overexert)\s+yourself\b|"
            rf"\b(?:thinking|reading|math|logic|spelling|listening)\s+(?:isn't|is\s+not|was\s+never|has\s+never\s+been|"
            rf"ain't)\s+(?:really\s+)?your\s+(?:thing|strong\s+suit|forte|strength)\b|"
            rf"\bthink\s+for\s+once\b|\bfor\s+once\s+in\s+your\s+life\b|\buse\s+your\s+brain\b|"
            rf"\bdo\s+you\s+even\s+(?:think|read|listen)\b|"
            rf"\b(?:another|what\s+a|such\s+a)\s+(?:brilliant|genius|great|smart|clever|stellar|insightful)\s+(?:take|"
            rf"idea|plan|move|comment|opinion|contribution|argument)\s+from\b|"
            rf"\b(?:the|this|that)\s+(?:guy|girl|man|woman|person|one|intern|idiot|clown|dude|kid)\s+who\s+(?:can't|"
            rf"cannot|couldn't)\s+(?:even\s+)?(?:find|spell|read|count|tie|figure|do)\b|"
            rf"\b(?:nobody|no\s+one)\s+(?:wants|needs|cares)\s+to\s+(?:hear|see|read)\s+(?:your|you)\b"
        )


@cache
def _patterns() -> _Patterns:
    return _Patterns(lexicon())


def _negated(gap: str | None) -> bool:
    return bool(gap) and _NEGATION.search(gap) is not None


def _threat(p: _Patterns, norm: str) -> bool:
    for m in p.intent_harm.finditer(norm):
        if not _negated(m.group("gap") or m.group("gap2")):
            return True
    for m in p.wish.finditer(norm):
        if not _negated(m.group("gap")):
            return True
    if any(rx.search(norm) for rx in (p.call, p.passive, p.intimidation, p.conditional)):
        return True
    for m in p.self_harm.finditer(norm):
        before = norm[max(0, m.start() - 20):m.start()]
        if not _NEGATION.search(before):
            return True
    return False


_WORD = re.compile(r"[a-z]+")


def _identity_attack(p: _Patterns, norm: str) -> bool:
    if any(rx.search(norm) for rx in (p.go_back, p.only_good, p.breed)):  # need no identity word
        return True
    if p.identity_words.isdisjoint(_WORD.findall(norm)):
        return False
    for rx in (p.group_pred, p.group_exclusion, p.essential):
        for m in rx.finditer(norm):
            start = max(norm.rfind(".", 0, m.start()), norm.rfind("!", 0, m.start()), norm.rfind("?", 0, m.start()))
            if not p.counter.search(norm[start + 1:m.end()]):
                return True
    return any(
        rx.search(norm)
        for rx in (p.group_call, p.dirty_group, p.identity_insult, p.every_one)
    )


#: Rules read at most this many characters of one text (the profanity model reads all of it).
MAX_RULE_CHARS = 20_000


def find_signals(text: str) -> RuleSignals:
    """Run every rule on one text (benign rough words are rewritten first).

    Args:
        text: any string; only its first :data:`MAX_RULE_CHARS` characters are read by the rules.

    Returns:
        The :class:`RuleSignals` found.

    Example:
        >>> find_signals("Immigrants are vermin.").identity_attack
        True
        >>> find_signals("Immigrants start many small businesses.").severe
        False
        >>> find_signals("Nice job, Einstein.").putdown
        True
    """
    text = text[:MAX_RULE_CHARS]
    neutral = neutralise_benign(text)
    return signals_for_neutral(neutral, benign=int(neutral != text))


def signals_for_neutral(neutral: str, benign: int = 0) -> RuleSignals:
    """Like :func:`find_signals` on a text already passed through :func:`neutralise_benign`."""
    p = _patterns()
    norm = normalise(neutral[:MAX_RULE_CHARS])
    return RuleSignals(
        threat=_threat(p, norm),
        identity_attack=_identity_attack(p, norm),
        slur=p.slur.search(norm) is not None,
        hostile_address=p.directed.search(norm) is not None or p.hostile.search(norm) is not None,
        putdown=p.putdown.search(norm) is not None
        or (p.sarcastic_praise.search(norm) is not None and p.failure_cue.search(norm) is not None),
        benign=benign,
    )
