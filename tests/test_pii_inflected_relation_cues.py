"""Round 6 cases for inflected_relation_cues."""

from __future__ import annotations

import pytest

import doctest

import ml_backend.pii.recognizers.inflected_relation_cues as inflected
from ml_backend.pii.recognizers.inflected_relation_cues import InflectedRelationRecognizer
from pii_helpers import assert_verdict


# round 6 (issue 13 item 3), written before the rule: a relation or role in another language, in the accusative,
# dative or genitive ("meinem Kollegen", "a mi vecina", "à mon collègue", "al mio vicino", "ao meu vizinho",
# "aan mijn buurvrouw"), before a full name. (text, full name or None when nothing may be flagged, certain)
CASES = [
    ("Schick bitte meinem Kollegen Markus Brandt die Folien von gestern.", "Markus Brandt", True),
    ("Ich habe meiner Schwester Laura Neumann ein Buch geschenkt, schreib eine Widmung.", "Laura Neumann", True),
    ("Wie gratuliere ich unserem Chef Stefan Hartmann zum Jubiläum?", "Stefan Hartmann", True),
    ("Formuliere eine Entschuldigung an meinen Nachbarn Klaus Zimmermann wegen des Lärms.", "Klaus Zimmermann", True),
    ("Bedanke dich bei meinem Onkel Peter Schneider für das Geschenk.", "Peter Schneider", True),
    ("Erinnere unsere Kundin Petra Wolff an die Rechnung.", "Petra Wolff", True),
    ("Escribe una nota de agradecimiento a mi vecina Carmen Ortega por cuidar al gato.", "Carmen Ortega", True),
    ("Redacta un mensaje para mi compañero de trabajo Diego Salazar.", "Diego Salazar", True),
    ("Écris une lettre de remerciement à ma voisine Élodie Garnier.", "Élodie Garnier", True),
    ("Peux-tu rédiger un mail à mon collègue Antoine Rousseau ?", "Antoine Rousseau", True),
    ("Scrivi un messaggio al mio vicino Marco Bianchi per la festa.", "Marco Bianchi", True),
    ("Manda un biglietto alla mia collega Francesca Ricci.", "Francesca Ricci", True),
    ("Escreve uma mensagem ao meu vizinho João Ferreira.", "João Ferreira", True),
    ("Stuur een bericht naar mijn buurvrouw Lotte de Graaf.", "Lotte de Graaf", True),
    ("Kannst du meiner Mutter Ingrid Schäfer eine Karte zum Muttertag schreiben?", "Ingrid Schäfer", True),
    ("Erzähl deiner Nachbarin Anja Keller vom Sommerfest.", "Anja Keller", True),
    ("Ich brauche eine Rede für die Hochzeit meines Freundes Jonas Fischer.", "Jonas Fischer", True),
    ("Schreib unseren Kolleginnen Sarah Klein und Nina Braun eine Einladung.", "Sarah Klein", True),
    ("Wie erkläre ich meinem Vater Günter Hoffmann das neue Handy?", "Günter Hoffmann", True),
    ("Écris un poème pour l'anniversaire de ma mère Sylvie Martin.", "Sylvie Martin", True),
    ("Envoie un message à mes collègues Paul Girard et Lucie Bernard.", "Paul Girard", True),
    ("Escribe una carta para mi madre Rosa Jiménez por su cumpleaños.", "Rosa Jiménez", True),
    ("Schrijf een kaartje voor mijn vrouw Eva Jansen.", "Eva Jansen", True),
    ("Scrivi una lettera a mia madre Paola Conti.", "Paola Conti", True),
    ("Escreva um cartão para minha mãe Ana Souza.", "Ana Souza", True),
    ("Schreib meinem Kollegen eine kurze Nachricht über das Projekt.", None, None),
    ("Ich habe meiner Schwester Blumen gekauft.", None, None),
    ("Escribe a mi vecino sobre la reunión del lunes.", None, None),
    ("Ich schicke meinem Bruder Grüße aus Berlin.", None, None),
    ("Dis à mon collègue Bonjour de ma part.", None, None),
]


@pytest.mark.parametrize("text,name,certain", CASES)
def test_cases(text: str, name: str | None, certain: bool | None) -> None:
    assert_verdict(text, name, certain)

REC = InflectedRelationRecognizer()


def test_doctests() -> None:
    assert doctest.testmod(inflected).failed == 0


@pytest.mark.parametrize(
    "text,expected",
    [("Grüß bitte eurer Oma Hildegard Wagner von mir.", [("Hildegard Wagner", True)]),
     ("Ich habe meiner Schwester Laura Blumen gekauft.", [("Laura", False)]),  # German noun: first name only
     ("Escribe a mis primos Javier Ruiz y Ana Gil.", [("Javier Ruiz", True)]),
     ("Ecris à ta tante Bonne Année.", []),  # no listed given name after the cue
     ("My son chef Gordon cooks.", [])],  # English "son" + "chef" is no French cue: the name must be capitalised
)
def test_recognizer(text: str, expected: list[tuple[str, bool]]) -> None:
    from ml_backend.pii.context import TextContext

    assert [(text[c.start:c.end], c.certain) for c in REC.find(TextContext(text, None))] == expected
