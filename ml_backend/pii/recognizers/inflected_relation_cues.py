"""A full name after a relation or role in German, French, Spanish, Italian, Portuguese or Dutch, in any grammatical
case: "meinem Kollegen Markus Brandt", "meiner Mutter Ingrid Schäfer", "die Hochzeit meines Freundes Jonas
Fischer", "à ma voisine Élodie Garnier", "à mes collègues Paul Girard", "a mi madre Rosa Jiménez", "al mio vicino
Marco Bianchi", "ao meu vizinho João Ferreira", "voor mijn vrouw Eva Jansen".

:mod:`~ml_backend.pii.recognizers.foreign_name_cues` reads the common nominative cues ("meine Kollegin", "mon
collègue") in text that is not English. This module holds the fuller lexicon: every inflection of the possessive
(German mein/dein/sein/ihr/unser/euer + -e/-em/-en/-er/-es; French mon/ma/mes/notre/nos/votre/vos ...; Spanish
mi/mis/tu/su/nuestro ...; Italian mio/mia/miei/mie ... after an article or preposition; Portuguese meu/minha/meus
...; Dutch mijn/onze/ons/jouw/uw ...) and of the relation nouns (Kolleg-e/-en/-in/-innen, Bruder/Bruders,
Mutter, Vater, Frau, Mann ...; madre, padre, mère, père, mãe, pai, moeder, vader, vrouw, man ...). German cues are
read in any text, and so are the others (unlike the module above): their possessive + relation noun pairs are no
English phrase, and a short Italian or Portuguese prompt often has too few function words to count as foreign.

What follows is taken as in that module: the first word must be a listed given name; two or more name words are a
full name (certain; score 0.9, so that it wins over a longer span spaCy ran on: "Nachbarin Anja Keller vom"), one a
first name alone (weak). German capitalises its nouns, so after a German cue the last word must be a listed family
name ("meiner Schwester Laura Blumen" is "Laura").

Cheap pre-check: one set test of the text's words (:attr:`~ml_backend.pii.context.TextContext.words`) for a
possessive of these languages (in English text, one that is no English word too) before any pattern runs.

    >>> from ml_backend.pii.context import TextContext
    >>> ctx = TextContext("Schick meinem Kollegen Markus Brandt die Folien.", None)
    >>> [(ctx.text[c.start:c.end], c.certain) for c in InflectedRelationRecognizer().find(ctx)]
    [('Markus Brandt', True)]
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
SCORE = 0.9

_DE_DET = r"(?:mein|dein|sein|ihr|unser|euer|eur)(?:e|em|en|er|es)?"
_DE_NOUN = (r"(?:Kolleg|Freund|Chef|Nachbar|Mitbewohner|Lehrer|Vermieter|Mieter|Kund|Partner|Tante|Onkel|Cousin|"
            r"Schwester|Bruder|Brüder|Tochter|Töchter|Sohn|Söhne|Mutter|Vater|Eltern|Mann|Frau|Ehemann|Ehefrau|"
            r"Verlobt|Ärzt|Arzt|Zahnarzt|Zahnärzt|Hausarzt|Hausärzt|Tierarzt|Tierärzt|Anwalt|Anwält|Trainer|"
            r"Vorgesetzt|Mitarbeiter|Schwager|Schwägerin|Oma|Opa|Großmutter|Großvater|Enkel|Nichte|Neffe|"
            r"Schwiegermutter|Schwiegervater|Schwiegersohn|Schwiegertochter|Pate|Patin|Betreuer|Mentor|Professor|"
            r"Therapeut|Schüler|Student|Kommiliton|Mitschüler|Praktikant|Azubi|Babysitter|Hausmeister|"
            r"Abteilungsleiter|Teamleiter|Geschäftsführer|Sekretär|Assistent|Patient|Klient|Nachhilfelehrer|"
            r"Trauzeug|Ansprechpartner|Liebling|Schatz)(?:in(?:nen)?|e|en|er|es|n|s)?")
_FR_DET = r"(?:mon|ma|mes|ton|ta|tes|son|sa|ses|notre|nos|votre|vos|leur|leurs)"
_FR_NOUN = (r"(?:coll[èe]gues?|voisine?s?|amie?s?|copain|copains|copines?|patron(?:ne)?s?|chef(?:fe)?s?|"
            r"professeure?s?|profs?|m[ée]decins?|docteure?|dentiste|avocate?s?|cousine?s?|oncle|tante|fr[èe]res?|"
            r"s(?:œ|oe)urs?|fils|filles?|mari|femme|[ée]pou(?:x|se)|fianc[ée]e?|propri[ée]taire|locataire|"
            r"cliente?s?|stagiaire|directeur|directrice|colocataire|coloc|beau-fr[èe]re|belle-s(?:œ|oe)ur|"
            r"belle-m[èe]re|beau-p[èe]re|grand-m[èe]re|grand-p[èe]re|neveu|ni[èe]ce|m[èe]re|p[èe]re|maman|papa|"
            r"parrain|marraine|entra[îi]neur|entra[îi]neuse|responsable|sup[ée]rieure?|assistante?|secr[ée]taire|"
            r"infirmi[èe]re?|nounou|[ée]l[èe]ves?|[ée]tudiante?s?|camarades?|compagnon|compagne|partenaire|"
            r"conjointe?|petit-fils|petite-fille|petite? amie?|meilleure? amie?)")
_ES_DET = r"(?:mi|mis|tu|tus|su|sus|nuestr[oa]s?|vuestr[oa]s?)"
_ES_NOUN = (r"(?:compañer[oa]s?(?: de (?:trabajo|piso|clase|cuarto|equipo))?|jef[ea]s?|vecin[oa]s?|amig[oa]s?|"
            r"prim[oa]s?|t[ií][oa]s?|herman[oa]s?|hij[oa]s?|espos[oa]s?|marido|novi[oa]s?|profesor(?:a|es|as)?|profe|"
            r"maestr[oa]s?|m[ée]dic[oa]s?|doctor(?:a)?|dentista|abogad[oa]s?|clientes?|caser[oa]s?|soci[oa]s?|"
            r"suegr[oa]s?|cuñad[oa]s?|sobrin[oa]s?|abuel[oa]s?|madre|padre|mam[áa]|pap[áa]|padrino|madrina|"
            r"entrenador(?:a)?|tutor(?:a)?|alumn[oa]s?|estudiante|inquilin[oa]|secretari[oa]|asistente|"
            r"enfermer[oa]|pareja|mejor amig[oa])")
_IT_DET = (r"(?:(?:il|la|i|le|al|alla|ai|alle|del|della|dei|delle|dal|dalla|col|per il|per la|con il|con la)[ \t]+)?"
           r"(?:mio|mia|miei|mie|tuo|tua|tuoi|tue|suo|sua|suoi|sue|nostr[oaie]|vostr[oaie])")
_IT_NOUN = (r"(?:colleg(?:a|hi|he)|vicin[oaie]|amic[oa]|amici|amiche|capo|cugin[oaie]|zi[oa]|zii|zie|fratell[oi]|"
            r"sorell[ae]|figli[oa]?|figlie|marito|moglie|fidanzat[oaie]|professor(?:e|essa|i)|maestr[oa]|"
            r"insegnante|medico|dottor(?:e|essa)|dentista|avvocat[oa]|clienti?|coinquilin[oa]|nipote|nonn[oa]|"
            r"suocer[oa]|cognat[oa]|madre|padre|mamma|papà|allenat(?:ore|rice)|responsabile|diret(?:tore|trice)|"
            r"capa|padrino|madrina|compagn[oa](?: di (?:classe|stanza|squadra))?)")
_PT_DET = (r"(?:(?:o|a|os|as|ao|à|aos|às|do|da|dos|das|pro|pra|para o|para a)[ \t]+)?"
           r"(?:meu|minha|meus|minhas|teu|tua|teus|tuas|seu|sua|seus|suas|noss[oa]s?|voss[oa]s?)")
_PT_NOUN = (r"(?:colegas?(?: de (?:trabalho|quarto|turma|classe))?|vizinh[oa]s?|amig[oa]s?|chefe|prim[oa]s?|"
            r"ti[oa]s?|irm[ãa]o?s?|irmãs|filh[oa]s?|marido|espos[oa]|namorad[oa]|professor(?:a)?|m[ée]dic[oa]|"
            r"advogad[oa]|cliente|senhori[oa]|noiv[oa]|sobrinh[oa]|av[óô]|sogr[oa]|cunhad[oa]|m[ãa]e|pai|"
            r"padrinho|madrinha|treinador(?:a)?|patr[ãa]o|patroa)")
_NL_DET = r"(?:mijn|onze|ons|jouw|uw|zijn|haar|hun)"
_NL_NOUN = (r"(?:collega(?:'s)?|buurman|buurvrouw|buren|vriend(?:in)?|vrienden|baas|chef|neef|nicht|oom|tante|broer|"
            r"zus|zoon|dochter|leraar|lerares|docente?|juf|meester|huisbaas|klant|verhuurder|zwager|schoonzus|opa|"
            r"oma|moeder|vader|man|vrouw|echtgeno(?:ot|te)|verloofde|schoonmoeder|schoonvader|leidinggevende|"
            r"trainer|coach|tandarts|huisarts|dokter|arts|advocaat|stagiair(?:e)?|huisgenoot|kamergenoot|"
            r"klasgenoot|teamleider|peetoom|peettante)")
_CAP = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’\-]{1,24}+"
_NAME = (r"(" + _CAP + r"(?:[ \t](?:de |da |di |van |von |del |dos |du |le |van der |van den |de la |ter )?"
         + _CAP + r"){0,2})")
_GERMAN = re.compile(r"(?i:\b" + _DE_DET + r")[ \t]++(?:" + _DE_NOUN + r"),?[ \t]++" + _NAME)
_OTHERS = re.compile(
    r"(?i:\b(?:" + _FR_DET + r"[ \t]+" + _FR_NOUN + r"|" + _ES_DET + r"[ \t]+" + _ES_NOUN + r"|" + _IT_DET + r"[ \t]+"
    + _IT_NOUN + r"|" + _PT_DET + r"[ \t]+" + _PT_NOUN + r"|" + _NL_DET + r"[ \t]+" + _NL_NOUN + r"))(?![\w'’\-]),?"
    r"[ \t]++" + _NAME
)
# possessives that are also English words: in English text they start no cue
_ENGLISH_DETERMINERS = frozenset("son ma sa ta mes sue tu su mi".split())
# every possessive the patterns start with (the pre-check: one set test on the text's words)
_GERMAN_DETERMINERS = frozenset(b + e for b in ("mein", "dein", "sein", "ihr", "unser", "euer", "eur")
                                for e in ("", "e", "em", "en", "er", "es"))
_OTHER_DETERMINERS = frozenset(
    """mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs mi mis tu tus su sus nuestro nuestra nuestros
    nuestras vuestro vuestra vuestros vuestras mio mia miei mie tuo tua tuoi tue suo sua suoi sue nostro nostra
    nostri nostre vostro vostra vostri vostre meu minha meus minhas teu teus tuas seu seus suas nosso nossa nossos
    nossas vosso vossa vossos vossas mijn onze ons jouw uw zijn haar hun""".split()
)
_PRECHECK_DE = re.compile(r"(?i)\b(?:mein|dein|sein|ihr|unser|euer|eur)(?:e|em|en|er|es)?[ \t]+[A-ZÄÖÜ]")


def _name_candidate(text: str, start: int, value: str, german: bool) -> Candidate | None:
    words = value.split()
    if words[0] not in first_names() or words[0] in NOT_NAME_WORDS:
        return None
    while len(words) > 1 and (words[-1].islower() or words[-1] in NOT_NAME_WORDS
                              or (german and words[-1].casefold() not in surnames_folded())):
        words.pop()  # a trailing particle, an organisation word, a German noun
    end = start + len(" ".join(words))
    full = len(words) >= 2
    return Candidate(start, end, NAME, "PERSON", SCORE if full else 0.3, full, weak=not full)


class InflectedRelationRecognizer(GuidelineRecognizer):
    """``PERSON`` names after a relation or role in any case of six European languages: ``Name``."""

    ENTITIES = ["PERSON"]

    def find(self, ctx: TextContext) -> list[Candidate]:
        text = ctx.text
        words = ctx.words
        german = not _GERMAN_DETERMINERS.isdisjoint(words)
        others = not _OTHER_DETERMINERS.isdisjoint(words) and (
            not ctx.english or not (_OTHER_DETERMINERS - _ENGLISH_DETERMINERS).isdisjoint(words))
        if not (german or others):
            return []
        out: list[Candidate] = []
        if german and _PRECHECK_DE.search(text):
            for m in _GERMAN.finditer(text):
                c = _name_candidate(text, m.start(1), m.group(1), german=True)
                if c is not None:
                    out.append(c)
        if others:
            for m in _OTHERS.finditer(text):
                if m.group().split()[0].casefold() in _ENGLISH_DETERMINERS and ctx.english:
                    continue  # "my son chef Gordon": English words, no French cue
                c = _name_candidate(text, m.start(1), m.group(1), german=False)
                if c is not None:
                    out.append(c)
        return out
