"""The guideline's PII recognizers, one rule family a module, each a Presidio recognizer with its own test file
(``tests/test_pii_<module>.py``). The registry that runs them is :mod:`ml_backend.pii.registry`.

==================  =========================================================================================
module              recognizers
==================  =========================================================================================
person_names        PersonNameRecognizer: spaCy PERSON, "First Last" shapes, titles, "my name is ..."
names               (shared) name shapes and the guideline's decision on a name: ``classify_name``
lowercase_names     LowercaseNameRecognizer: "john smith", "ROBERT WILLIAMS"
religious_figures   BiblicalNameRecognizer (deny list), ReligiousFigureRecognizer: "Moses", "Odin"
groups              BandRecognizer (deny list), GroupCueRecognizer: "The Beatles", "the band Wet Leg"
handles             HandleRecognizer: "@jdoe92", "u/whatever", "my username is ..."
addresses           StreetAddressRecognizer: "24 Clarke Avenue, Apt. 3", "Via Tasso 129", "PO Box 12"
identifiers         IdentifierRecognizer: masked ids, ids after a cue, "card ending in 1234"
phones              CuedPhoneRecognizer, WindowedPhoneRecognizer (Presidio's, on digit windows)
urls                PersonalUrlRecognizer, SafeUrlRecognizer (linear-time stand-in for Presidio's)
dates               PersonDateRecognizer: birth / death / admission dates
base                GuidelineRecognizer: the base class (``find(ctx) -> [Candidate]``)
==================  =========================================================================================
"""
