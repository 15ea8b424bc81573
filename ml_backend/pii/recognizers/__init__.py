"""The guideline's PII recognizers, one rule family a module, each a Presidio recognizer with its own test file
(``tests/test_pii_<module>.py``). The registry that runs them is :mod:`ml_backend.pii.registry`.

========================  =========================================================================================
module                    recognizers
========================  =========================================================================================
person_names              PersonNameRecognizer: spaCy PERSON, "First Last" shapes, titles, "my name is ..."
names                     (shared) name shapes and the guideline's decision on a name: ``classify_name``
lowercase_names           LowercaseNameRecognizer: "john smith", "pieter van den berg", "priya raghunathan"
lowercase_titles          LowercaseTitleRecognizer: "mrs. patel" (lone surname), "mr john smith"
foreign_name_cues         ForeignNameCueRecognizer: "me llamo ...", "私の名前は佐藤健です", "田中さん", "Ольге Смирновой"
religious_figures         BiblicalNameRecognizer (deny list), ReligiousFigureRecognizer: "Moses", "Odin"
deity_cues                DeityCueRecognizer: unlisted figures by a cue: "Amaterasu, the sun goddess", "the god X"
groups                    BandRecognizer (deny list), GroupCueRecognizer: "The Beatles", "the band Wet Leg"
stage_names               StageNameRecognizer: "Lil Nas X", "DJ Khaled", "Kid Cudi" (with a music word)
families                  FamilyRecognizer: a family by its surname: "the Hendersons", "the Okafor family"
handles                   HandleRecognizer: "@jdoe92", "u/whatever", "my username is ..."
bare_handles              BareHandleRecognizer: no "@": "user jkowalczyk92", "kevin_dev on Slack", "goes by lil_pixie"
addresses                 StreetAddressRecognizer: "24 Clarke Avenue, Apt. 3", "Via Tasso 129", "PO Box 12"
identifiers               IdentifierRecognizer: masked ids, ids after a cue, "card ending in 1234"
plates                    PlateRecognizer: vehicle plates after a cue: "my plate is KM19 XZT"
phones                    CuedPhoneRecognizer, WindowedPhoneRecognizer (Presidio's, on digit windows)
urls                      PersonalUrlRecognizer, SafeUrlRecognizer (linear-time stand-in for Presidio's)
dates                     PersonDateRecognizer: birth / death / admission dates
inflected_relation_cues   InflectedRelationRecognizer: "meinem Kollegen Markus Brandt", "à ma voisine Élodie Garnier"
cited_authors             CitedAuthorRecognizer: "According to Foucault, ...", "In Habermas's view", "Durkheim argues that"
family_acts               FamilyActRecognizer: "the Jackson 5", "the Carter Family", "the Kowalski Trio", "the Carpenters"
festival_figures          FestivalFigureRecognizer: "a cup for Elijah at Passover", "Esther in the Purim story"
partial_ids               PartialIdRecognizer: "the last four digits of my SSN are 4417", "account no. ending 0093"
first_name_context        ContextualFirstNameRecognizer: "Liam in third grade at Oakwood Elementary", "Priya, a nurse at ..."
cued_short_names          CuedShortNameRecognizer: "my neighbour li na", "my classmate kim ji-woo", "my roommate tran an"
person_slots              RelationNameRecognizer: "my sister-in-law Sowmya Venkataraman", "my coworker balaji subramanian"
vocatives                 VocativeSurnameRecognizer: '"KOWALCZYK, your report is late."', "'SMITH-JONES, get down!'"
sign_offs                 SignOffRecognizer: "Sincerely,\nXiao-Ming Li", "Best regards, Jia-Hui Xu"
camel_handles             CamelCaseHandleRecognizer: "a diss track about PixelQueenTV's latest stream"
combinable_first_names    CombinableFirstNameRecognizer: "my coworker mary-kate at Deloitte", "Priya and Rahul, who met at
                          Stanford in 2014", "Jake, the goalie for the Riverside Hawks in Maplewood"
base                      GuidelineRecognizer: the base class (``find(ctx) -> [Candidate]``)
========================  =========================================================================================
"""
