"""The public training data, read into one row format with the guideline's levels.

Two sources in ``shared/data/toxicity_train/`` (see that folder's README):

* ``davidson``: Davidson et al. (2017), 24,783 tweets, MIT (Copyright (c) 2017 Tom Davidson). Each tweet's crowd
  votes give soft targets: P(level >= 1) = (hate + offensive votes) / votes, P(level 2) = hate votes / votes. Its
  majority class maps to a level as: hate speech -> 2 (an attack on a group: clearly toxic), offensive language
  -> 1 (mostly casual vulgarity: "slightly toxic or toxic to some people"), neither -> 0.
* ``stormfront``: de Gibert et al. (2018), 10,944 sentences of a white-supremacist forum, CC BY-SA 3.0 ES.
  ``hate`` -> 2 (deliberate attacks on a group, often without a rude word: clearly disrespectful), ``noHate`` -> 0.
  Dropped: ``relation`` (hateful only together with its neighbours; alone, the sentence is not) and ``idk/skip``.
  Its tokenised spacing is undone (:func:`~ml_backend.toxicity.text.detokenize_ptb`) so that spacing does not
  tell the sources apart.

Example:
    >>> rows = load_source("stormfront")                                  # doctest: +SKIP
    >>> sorted({r.level for r in rows})                                   # doctest: +SKIP
    [0, 2]
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ml_backend.toxicity.text import detokenize_ptb

#: Where the training files are looked for: ``<repo>/../shared/data/toxicity_train``.
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "toxicity_train"
SOURCES = {
    "davidson": "davidson_labeled_24783.jsonl",
    "stormfront": "stormfront_sentences_10944.jsonl",
}
LICENCES = {
    "davidson": "MIT, Copyright (c) 2017 Tom Davidson (t-davidson/hate-speech-and-offensive-language)",
    "stormfront": "CC BY-SA 3.0 ES, de Gibert, Perez, Garcia-Pablos, Cuadros (2018), 'Hate Speech Dataset from a "
                  "White Supremacy Forum' (Vicomtech/hate-speech-dataset)",
}
_DAVIDSON_LEVEL = {0: 2, 1: 1, 2: 0}  # class: 0 hate speech, 1 offensive language, 2 neither
_STORMFRONT_LEVEL = {"hate": 2, "noHate": 0}


@dataclass(frozen=True)
class TrainingRow:
    """One labelled text.

    Attributes:
        text: the text as the encoder will read it (before :func:`~ml_backend.toxicity.text.normalise_text`).
        level: the guideline level its label maps to (0, 1 or 2).
        source: ``"davidson"`` or ``"stormfront"``.
        toxic: soft target for P(level >= 1) (the crowd's share for Davidson; 0 or 1 otherwise).
        severe: soft target for P(level 2).
        group: a sub-source id (Stormfront: the subforum), for grouped splits.
    """

    text: str
    level: int
    source: str
    toxic: float
    severe: float
    group: str = ""


def _read_jsonl(path: Path) -> Iterator[tuple[int, dict]]:
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.strip():
                yield number, json.loads(line)


def load_source(source: str, data_dir: Path | str = DEFAULT_DATA_DIR) -> list[TrainingRow]:
    """All usable rows of one source (see the module docstring for the label mapping).

    Raises:
        FileNotFoundError: the source file is not in ``data_dir``.
        ValueError: an unknown source, or a line that is not the expected shape (its line number is named).
    """
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}; known: {sorted(SOURCES)}")
    path = Path(data_dir) / SOURCES[source]
    rows: list[TrainingRow] = []
    for number, rec in _read_jsonl(path):
        try:
            if source == "davidson":
                votes = rec["votes"]
                count = max(int(votes["count"]), 1)
                rows.append(TrainingRow(
                    text=str(rec["tweet"]), level=_DAVIDSON_LEVEL[int(rec["class"])], source=source,
                    toxic=(int(votes["hate_speech"]) + int(votes["offensive_language"])) / count,
                    severe=int(votes["hate_speech"]) / count))
            else:
                level = _STORMFRONT_LEVEL.get(rec["label"])
                if level is None:
                    continue
                rows.append(TrainingRow(
                    text=detokenize_ptb(str(rec["text"])), level=level, source=source, toxic=float(level > 0),
                    severe=float(level == 2), group=str(rec.get("subforum_id", ""))))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path.name} line {number}: unexpected record ({type(exc).__name__}: {exc})") from exc
    return rows


def load_training_data(data_dir: Path | str = DEFAULT_DATA_DIR) -> dict[str, list[TrainingRow]]:
    """Every source's rows, by source name."""
    return {source: load_source(source, data_dir) for source in SOURCES}
