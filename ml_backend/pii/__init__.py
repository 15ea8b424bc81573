"""Text -> PII spans and flags, the guideline's way: Presidio recognizers + spaCy NER + the guideline's rules.

No Flask, no Label Studio: the ML backend and the importers' PII screening call :func:`get_pii_engine` and
:meth:`PiiEngine.analyze` / :meth:`PiiEngine.analyze_batch`::

    >>> engine = get_pii_engine()                                                  # doctest: +SKIP
    >>> f = engine.analyze("Call Jane Doe at 617-555-0143")                        # doctest: +SKIP
    >>> f.has_pii, f.certain, [(s.label, s.start, s.end) for s in f.spans]         # doctest: +SKIP
    (True, True, [('Name', 5, 13), ('Contact', 17, 29)])

Where things are (one job a module):

==========================  ==========================================================================
module                      holds
==========================  ==========================================================================
``finding``                 :class:`PiiFinding`, :class:`PiiSpan` (the result), ``Candidate`` (internal)
``engine``                  :class:`PiiEngine`, :func:`get_pii_engine`, ``with_terms``
``registry``                the recognizers run by default, Presidio entity -> guideline label
``recognizers/*``           one rule family a module (Presidio recognizers), each with its test file
``not_pii``                 what the guideline says is NOT PII: company contacts, Greek myth, brands, pets and
                            other non-humans (robots, toys, vehicles, creatures, storms), festival names,
                            things named after people (places, prizes, artworks), story characters
``company_contacts``        the not-PII rule for company contact details (re-exported by ``not_pii``)
``named_things``            things named after people or given a name ("the Lincoln Memorial", "a bakery
                            called Golden Crumb", "Mercer & Holt"), read by ``not_pii``
``relations``               relation and role cues ("my coworker"), read by recognizers and ``not_pii``
``company_handles``         the not-PII rule for @handles: a company's own account ("@acme_support",
                            "@Delta", listed in ``data/organisations.txt``), used by ``recognizers/handles``
``resolve``                 overlaps, weak evidence, the flags ``certain`` / ``public_only`` / ``score``
``context`` / ``context_words``   per-text lookups; Presidio's context boost without a lemmatizer
``spans``                   :class:`SpanIndex`: "inside / overlapping / latest in a window" by bisection
``prefilter``               which texts need spaCy's NER at all
``prechecks``               which recognizers a text can skip (``NEEDS``: no digit, no "@" ...)
``analyzer``                loading spaCy (NER only) and plain Presidio offline
``terms``                   a team's learned terms (always / never suggest), saved as JSON
``name_features`` / ``name_model``   the learned person-name detector (``recognizers/learned_names``): token
                            features and a logistic regression stored in ``data/name_model.json.gz``
                            (``data/build_name_model.py``, synthetic sentences, fixed seed)
``wordlists``               the lists under ``ml_backend/data/`` (built by ``data/build_name_words.py`` and
                            ``data/build_script_names.py`` from Faker's name lists, MIT)
==========================  ==========================================================================

Languages: English is supported fully. In other languages the structured kinds work (e-mail, phone, cards,
IBAN, IP, ids after an English cue, phones after a cue in Spanish, Portuguese, French, German, Italian, Polish,
Turkish, Indonesian or Dutch, street addresses in European and Japanese formats), full names whose given name is
on the list ("Jürgen Hoffmann", "Pieter de Vries"), a surname after a title in those languages ("Herrn Schulte", "Monsieur Lefebvre", "señor
Gutiérrez"), names after a relation or role in those languages, in any grammatical case ("meine Kollegin Sabine
Hoffmann", "meinem Nachbarn Klaus Zimmermann", "die Hochzeit meines Freundes Jonas Fischer", "à ma voisine Élodie
Garnier", "a mi madre Rosa Jiménez", "al mio vicino Marco Bianchi", "ao meu vizinho João Ferreira", "voor mijn
vrouw Eva Jansen": ``recognizers/inflected_relation_cues``), names after "my name is" in those languages and in Chinese, Japanese, Korean and Russian ("me llamo
...", "私の名前は...です", "我叫..."), Japanese names before an honorific ("田中さん"), Korean full names before "씨",
capitalised Cyrillic full names, and full names without any cue in Han (Chinese, Japanese), Hangul, Arabic script
(Arabic, Persian), Devanagari (Hindi, Nepali) and Bengali when a listed given name meets a listed family name
(``recognizers/script_names``: "王伟", "박지훈", "أحمد الخطيب", "अमित कुमार"). Romanised Chinese and Japanese names
count in lower case too ("wei zhang", "li wei", "write to li na", after a person cue short Chinese, Korean and
Vietnamese ones: "my neighbour li na", "my classmate kim ji-woo", ``recognizers/cued_short_names``; not borrowed
words: "tai chi"), and Vietnamese
full names without diacritics ("nguyen van an", ``recognizers/vietnamese_names``). A single capitalised word of a non-English sentence is never
taken for a name (German nouns, French or Spanish sentence starts), lower-case names are looked for in English
text or after an English cue only, and nothing is flagged for being in another language. Not covered: a name in
those scripts whose given or family name is on no list, lone given names in them, other scripts (Thai, Hebrew,
Greek, Tamil ...), and Cyrillic names written in lower case. So the backend suggests "No" on a text that is not
English with a score of at most 0.5 (``ml_backend.predict.pii_supports``).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from ml_backend.pii.finding import PiiFinding, PiiSpan

# the engine's names are imported on first use: the light modules (``terms``, ``finding``, ``wordlists``) serve
# the backend's HTTP process, which must not load spaCy and Presidio
_LAZY = {"DEFAULT_SPACY_MODEL": "analyzer", "build_analyzer": "analyzer", "RULES_VERSION": "engine",
         "PiiEngine": "engine", "get_pii_engine": "engine"}

__all__ = ["DEFAULT_SPACY_MODEL", "RULES_VERSION", "PiiEngine", "PiiFinding", "PiiSpan", "build_analyzer",
           "get_pii_engine"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"ml_backend.pii.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
