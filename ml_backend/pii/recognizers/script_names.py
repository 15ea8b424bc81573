"""Full names written in Han, Hangul, Arabic, Devanagari or Bengali script with no cue: "请给王伟写一封信",
"박지훈 님께", "أرسل إلى أحمد الخطيب", "प्रिया वर्मा के लिए", "অর্পিতা চৌধুরী কে".

No model here reads those languages; the names come from Faker's lists for them (``script_given_names.txt``,
``script_surnames.txt``, built by ``data/build_script_names.py``). A word of another language is never flagged for
being foreign: only a listed given name next to a listed family name (or, in Arabic script, a family name of the
"ال" / "بن" form) is a name. A full name is PII, certain.

- Devanagari, Bengali (words split by spaces): a listed given name, then a listed family name;
- Arabic script: a listed given name, then a listed family name, a listed given name (the father's: "أحمد علي"),
  "بن" / "ابن" + a word, or an "ال" word ("أحمد الخطيب"); a given name that is also an ordinary word ("نور" light,
  marked ``*`` in the list) only before a listed family name ("نور الشمس" is the sunlight);
- Korean: a listed family syllable glued to a listed given name ("박지훈"), not inside a longer Hangul word unless
  a particle or honorific follows ("님", "씨", "에게", "은" ...);
- Han (Chinese, Japanese): a listed family name (1-2 characters) then a listed given name, or (Chinese) 1-2
  characters each of a listed one-character given name ("王伟", "李娜", "陈静"), standing between characters that
  are no part of a word: the start, punctuation, another script, or a function word or verb around a name
  ("给", "和", "跟", "的", "写", "说" ...).

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("请给王伟写一封感谢信。अमित कुमार को लिखें", None)
    >>> [ctx.text[c.start:c.end] for c in ScriptNameRecognizer().find(ctx)]
    ['王伟', 'अमित कुमार']
"""

from __future__ import annotations

import re
from functools import cache

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.wordlists import script_given_names, script_surnames

NAME = PII_LABELS[0]
SCORE = 0.7

_NON_LATIN = re.compile(r"[\u0600-\u06ff\u0900-\u09ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]")
# words of the space-separated scripts (Arabic, Devanagari, Bengali: letters and their combining marks)
_SPACED_WORD = re.compile(r"[\u0600-\u065f\u066e-\u06d3\u06d5-\u06ff\u200c]+|[\u0900-\u0963\u0971-\u097f]+|"
                          r"[\u0980-\u09e3\u09f0-\u09ff]+")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]{2,}")
# characters that may stand right before / after a Chinese name inside a run of Han characters: prepositions,
# verbs of addressing, particles and titles
_HAN_BEFORE = frozenset("给和跟与同对向叫让请问找帮替告诉邀谢祝称是把被由及或")
_HAN_AFTER = frozenset("写说讲发打的是和与跟在了吗呢吧也都很要想去来会做见聊谈约送回先女小老同医经总教律博")
# Korean particles and honorifics that may follow a name
_KO_AFTER = ("님", "씨", "에게", "한테", "께", "은", "는", "이", "가", "을", "를", "의", "과", "와", "도", "선생", "교수", "과장",
             "부장", "대리", "사장")
_ARABIC = re.compile(r"[\u0600-\u06ff]")


@cache
def _han_lists() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(Han family names, Han given names, one-character Han given names)."""
    han = re.compile(r"^[\u4e00-\u9fff]+$")
    family = frozenset(n for n in script_surnames() if han.match(n))
    given = frozenset(n for n in script_given_names() if han.match(n))
    return family, given, frozenset(n for n in given if len(n) == 1)


@cache
def _hangul_lists() -> tuple[frozenset[str], frozenset[str]]:
    hangul = re.compile(r"^[\uac00-\ud7a3]+$")
    return (frozenset(n for n in script_surnames() if hangul.match(n)),
            frozenset(n for n in script_given_names() if hangul.match(n)))


def _han_given(s: str) -> bool:
    _, given, single = _han_lists()
    return s in given or (0 < len(s) <= 2 and all(ch in single for ch in s))


def _han_names(text: str) -> list[tuple[int, int]]:
    family, _, _ = _han_lists()
    out: list[tuple[int, int]] = []
    for run in _HAN_RUN.finditer(text):
        r, rs = run.group(), run.start()
        i = 0
        while i < len(r) - 1:
            found = None
            if i == 0 or r[i - 1] in _HAN_BEFORE:
                for flen in (2, 1):
                    if r[i:i + flen] not in family:
                        continue
                    for glen in (2, 1):
                        end = i + flen + glen
                        if end <= len(r) and _han_given(r[i + flen:end]) and (end == len(r) or r[end] in _HAN_AFTER):
                            found = end
                            break
                    if found:
                        break
            if found:
                out.append((rs + i, rs + found))
                i = found
            else:
                i += 1
    return out


def _hangul_names(text: str) -> list[tuple[int, int]]:
    family, given = _hangul_lists()
    out = []
    for m in _HANGUL_WORD.finditer(text):
        w = m.group()
        for glen in (2, 1):
            if len(w) > 1 + glen and not w[1 + glen:].startswith(_KO_AFTER):
                continue
            if w[0] in family and w[1:1 + glen] in given:
                out.append((m.start(), m.start() + 1 + glen))
                break
    return out


def _spaced_names(text: str) -> list[tuple[int, int]]:
    given, family = script_given_names(), script_surnames()
    words = list(_SPACED_WORD.finditer(text))
    out = []
    i = 0
    while i + 1 < len(words):
        a, b = words[i], words[i + 1]
        wa, wb = a.group(), b.group()
        if wa not in given or text[a.end():b.start()] not in (" ", "\u00a0"):
            i += 1
            continue
        ok = wb in family
        if not ok and _ARABIC.match(wa) and not given[wa]:
            ok = (wb in given and not given[wb]) or (wb.startswith("ال") and len(wb) >= 4)
            if not ok and wb in ("بن", "ابن") and i + 2 < len(words):
                b = words[i + 2]
                ok = text[words[i + 1].end():b.start()] == " "
        if ok:
            out.append((a.start(), b.end()))
            i += 2
        else:
            i += 1
    return out


class ScriptNameRecognizer(GuidelineRecognizer):
    """``PERSON`` full names in Han, Hangul, Arabic, Devanagari or Bengali script: ``Name``, certain."""

    ENTITIES = ["PERSON"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        text = ctx.text
        if text.isascii() or _NON_LATIN.search(text) is None:
            return []
        spans = _han_names(text) + _hangul_names(text) + _spaced_names(text)
        return [Candidate(s, e, NAME, "PERSON", SCORE, True) for s, e in spans]
