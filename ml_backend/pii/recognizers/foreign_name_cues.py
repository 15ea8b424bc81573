"""Names given with "my name is" in other languages: "me llamo Lucía Navarro", "je m'appelle Jean Dupont", "ich
heiße Jonas Weber", "私の名前は佐藤健です", "我叫王伟", "제 이름은 김민준입니다".

spaCy's English model finds many capitalised names in Latin-script text by their shape, but not names written
in Chinese, Japanese or Korean characters, and no model here reads those languages. A self-introduction cue
says a name follows; what follows is taken as the name:

- Latin script (Spanish, Portuguese, French, German, Italian, Dutch): one to three capitalised words; two or
  more are a full name (certain), one is a first name alone (weak: PII only with other PII, as in English);
- a relation or role in those languages ("meine Kollegin", "mon collègue", "mi jefe", "la mia collega",
  "minha amiga", "mijn collega"), in a text that is not English: the same, when the first word is a listed
  given name (after a German cue a second word must be a listed family name: German capitalises nouns);
- Chinese / Japanese: 2 to 4 Han or kana characters up to the end of the clause ("です", "と申します", "。"),
  Korean: 2 to 4 Hangul syllables before "입니다" / "이에요" / "예요", or 3 before "씨"; a full name (certain):
  these names are usually written family name + given name without a space;
- Japanese honorifics after kanji ("田中さん", "佐藤様"; not titles or kin: "社長さん", "お母さん"): a name
  alone, PII, not certain;
- Cyrillic: two or three capitalised words inside a sentence ("письмо Ольге Смирновой": Russian capitalises
  names, not nouns), a full name (certain); one word after "меня зовут": a first name (weak).

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("Hola, me llamo Lucía Navarro. 私の名前は佐藤健です。", None)
    >>> [(ctx.text[c.start:c.end], c.certain) for c in ForeignNameCueRecognizer().find(ctx)]
    [('Lucía Navarro', True), ('佐藤健', True)]
"""

from __future__ import annotations

import re

from label_config.taxonomy import PII_LABELS
from ml_backend.pii.context import TextContext
from ml_backend.pii.finding import Candidate
from ml_backend.pii.recognizers.base import GuidelineRecognizer
from ml_backend.pii.recognizers.names import NOT_NAME_WORDS
from ml_backend.pii.wordlists import first_names, surnames_folded

NAME = PII_LABELS[0]
SCORE = 0.7

_CAP = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’\-]{1,24}"
_LATIN = re.compile(
    r"(?i:\b(?:me llamo|mi nombre es|meu nome [eé]|me chamo|chamo-me|je m'appelle|je m’appelle|mon nom est|"
    r"ich hei(?:ß|ss)e|mein name ist|mi chiamo|il mio nome [eè]|mijn naam is|ik heet)[ \t]++)"
    r"(" + _CAP + r"(?:[ \t](?:de |da |di |van |von |del |dos |du |le )?" + _CAP + r"){0,2})"
)
_CJK_NAME = r"([\u4e00-\u9fff\u3040-\u309f\u30a0-\u30ff]{2,4}?)"
_CJK = re.compile(
    r"(?:私の名前は|わたしの名前は|僕の名前は|名前は|我的名字是|我的名字叫|我叫|我名叫)" + _CJK_NAME
    + r"(?=です|と申します|といいます|と言います|。|，|,|、|！|!|\s|$)"
)
_PRONOUNS = frozenset("他她你它我您们")
# A relation or role before a name in another language: "meine Kollegin Sabine Hoffmann", "mon collègue Julien
# Moreau", "mi jefe Andrés Castillo", "la mia collega Giulia Ferri", "minha amiga Beatriz Almeida", "mijn collega
# Sanne Visser". The English model often misses names in such sentences.
_REL_DE = (r"(?:mein|meine|meinem|meinen|meiner|unser|unsere|unserem|unseren|unserer|dein|deine|deinem|deinen|"
           r"ihr|ihre|ihrem|ihren|sein|seine|seinem|seinen)[ \t]+(?:Kolleg(?:e|en|in)|Freund(?:in|e|en)?|Chef(?:in)?|"
           r"Nachbar(?:n|in)?|Mitbewohner(?:in)?|Lehrer(?:in)?|Vermieter(?:in)?|Kund(?:e|en|in)|Partner(?:in)?|Tante|"
           r"Onkel|Cousin(?:e)?|Schwester|Bruder|Tochter|Sohn|Ehemann|Ehefrau|Verlobte[nr]?|Ärztin|Arzt|Anwalt|"
           r"Anwältin|Trainer(?:in)?|Vorgesetzte[nr]?|Mitarbeiter(?:in)?|Schwager|Schwägerin|Oma|Opa|Enkel(?:in)?)")
_REL_FR = (r"(?:mon|ma|notre|ton|ta|son|sa|leur)[ \t]+(?:coll[èe]gue|voisine?|amie?|copain|copine|patron(?:ne)?|chef|"
           r"professeure?|prof|m[ée]decin|avocate?|cousine?|oncle|tante|fr[èe]re|s(?:œ|oe)ur|fils|fille|mari|femme|"
           r"fianc[ée]e?|propri[ée]taire|locataire|cliente?|stagiaire|directeur|directrice|colocataire|coloc|"
           r"beau-fr[èe]re|belle-s(?:œ|oe)ur|grand-m[èe]re|grand-p[èe]re|neveu|ni[èe]ce)")
_REL_ES = (r"(?:mi|tu|su|nuestro|nuestra)[ \t]+(?:compañer[oa]|jef[ea]|vecin[oa]|amig[oa]|prim[oa]|t[ií][oa]|herman[oa]|"
           r"hij[oa]|espos[oa]|marido|novi[oa]|profesora?|m[ée]dic[oa]|doctora?|abogad[oa]|cliente|caser[oa]|soci[oa]|"
           r"suegr[oa]|cuñad[oa]|sobrin[oa]|abuel[oa]|compañer[oa] de (?:trabajo|piso|clase))")
_REL_IT = (r"(?:(?:il |la )?(?:mio|mia|nostro|nostra|tuo|tua|suo|sua))[ \t]+(?:collega|vicin[oa]|amic[oa]|capo|cugin[oa]|"
           r"zi[oa]|fratello|sorella|figli[oa]|marito|moglie|fidanzat[oa]|professor(?:e|essa)|medico|avvocat[oa]|"
           r"cliente|coinquilin[oa]|nipote|nonn[oa]|suocer[oa]|cognat[oa])")
_REL_PT = (r"(?:(?:o |a )?(?:meu|minha|nosso|nossa|seu|sua|teu|tua))[ \t]+(?:colega|vizinh[oa]|amig[oa]|chefe|prim[oa]|"
           r"ti[oa]|irm[ãa]o?|filh[oa]|marido|esposa|namorad[oa]|professora?|m[ée]dic[oa]|advogad[oa]|cliente|"
           r"senhorio|noiv[oa]|sobrinh[oa]|av[óô]|sogr[oa]|cunhad[oa])")
_REL_NL = (r"(?:mijn|onze|ons|jouw|zijn|haar)[ \t]+(?:collega|buurman|buurvrouw|vriend(?:in)?|baas|chef|neef|nicht|oom|"
           r"tante|broer|zus|zoon|dochter|leraar|lerares|huisbaas|klant|verhuurder|zwager|schoonzus|opa|oma)")
_REL_CUE = re.compile(
    r"(?i:\b(?:" + "|".join((_REL_DE, _REL_FR, _REL_ES, _REL_IT, _REL_PT, _REL_NL)) + r"),?[ \t]++)"
    r"(" + _CAP + r"(?:[ \t](?:de |da |di |van |von |del |dos |du |le |van der |van den |de la )?" + _CAP + r"){0,2})"
)
# Russian, Ukrainian ...: two capitalised Cyrillic words inside a sentence ("письмо Ольге Смирновой"), or after
# "меня зовут" / "мене звати"
_CYR = r"[А-ЯЁЇІЄҐ][а-яёїієґ'’\-]{1,24}"
_CYR_PAIR = re.compile(r"(?<![\w])(" + _CYR + r"[ \t]" + _CYR + r"(?:[ \t]" + _CYR + r")?)(?![\w])")
_CYR_CUE = re.compile(r"(?i:\b(?:меня зовут|мене звати|моё имя|мое имя|моє ім'я)[ \t]++)(" + _CYR + r")(?![\w])")
# Japanese honorifics after a kanji name ("田中さん", "佐藤様"): a name, alone not certain; not titles and kin
_JA_HONORIFIC = re.compile(r"(?<![お御ご\u4e00-\u9fff])([\u4e00-\u9fff]{1,4})(?=さん|様|さま|氏|くん|君|ちゃん)")
_JA_NOT_NAMES = frozenset("皆 客 奥 神 王 仏 社長 部長 課長 店長 先生 会長 校長 院長 医者 患者 彼 私 僕 俺 父 母 兄 姉 弟 妹 娘 息子".split())
# Korean: a full name before "씨" ("김철수 씨에게")
_KO_SSI = re.compile(r"(?<![\uac00-\ud7a3])([\uac00-\ud7a3]{3})[ \t]?(?=씨)")
_KO = re.compile(r"(?:제 이름은|내 이름은|저는)[ \t]*+([\uac00-\ud7a3]{2,4}?)(?=입니다|이에요|예요|이라고)")


class ForeignNameCueRecognizer(GuidelineRecognizer):
    """``PERSON`` names after a self-introduction cue in other languages: ``Name``."""

    ENTITIES = ["PERSON"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        text = ctx.text
        out: list[Candidate] = []
        for m in _LATIN.finditer(text):
            full = len(m.group(1).split()) >= 2
            out.append(Candidate(m.start(1), m.end(1), NAME, "PERSON", SCORE if full else 0.3, full, weak=not full))
        if not ctx.english:
            out.extend(_relation_names(ctx))  # (a cue of another language inside English text: not looked for)
        if text.isascii():
            return out  # the other patterns need Cyrillic, kana, Han or Hangul
        for m in _CYR_CUE.finditer(text):
            out.append(Candidate(m.start(1), m.end(1), NAME, "PERSON", 0.3, False, weak=True))
        for m in _CYR_PAIR.finditer(text):
            if not ctx.is_sentence_initial(m.start(1)):
                out.append(Candidate(m.start(1), m.end(1), NAME, "PERSON", SCORE, True))
        for m in _JA_HONORIFIC.finditer(text):
            if m.group(1) not in _JA_NOT_NAMES and not m.group(1).endswith(("長", "員", "者")):
                out.append(Candidate(m.start(1), m.end(1), NAME, "PERSON", 0.6, False))
        for rx in (_CJK, _KO, _KO_SSI):
            for m in rx.finditer(text):
                if m.group(1)[0] in _PRONOUNS:
                    continue  # "我叫他去买菜" ("I told him to go shopping"): 叫 is a verb here
                out.append(Candidate(m.start(1), m.end(1), NAME, "PERSON", SCORE, True))
        return out


def _relation_names(ctx: TextContext) -> list[Candidate]:
    """Names after a relation or role in another language (:data:`_REL_CUE`): a listed given name and more
    name words is a full name (certain), a listed given name alone a first name (weak); words that start no
    listed given name ("mi jefe Deutsche Bank") are not taken. German capitalises its nouns, so after a German
    cue the last word must also be a listed family name ("meine Kollegin Anna Blumen" is no full name)."""
    out: list[Candidate] = []
    for m in _REL_CUE.finditer(ctx.text):
        words = m.group(1).split()
        if words[0] not in first_names() or words[0] in NOT_NAME_WORDS:
            continue
        german = _GERMAN_CUE.match(m.group(0)) is not None
        while len(words) > 1 and (words[-1].islower() or words[-1] in NOT_NAME_WORDS
                                  or (german and words[-1].casefold() not in surnames_folded())):
            words.pop()  # a trailing particle, an organisation word, a German noun
        end = m.start(1) + len(" ".join(words))
        full = len(words) >= 2
        out.append(Candidate(m.start(1), end, NAME, "PERSON", SCORE if full else 0.3, full, weak=not full))
    return out


_GERMAN_CUE = re.compile(r"(?i:mein|meine|meinem|meinen|meiner|unser\w*|dein\w*|ihr\w*|sein\w*)[ \t]+[A-ZÄÖÜ]")
