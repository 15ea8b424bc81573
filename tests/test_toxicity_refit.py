"""Learning from a team's labels (ml_backend/toxicity/refit.py): a refit moves the head toward what the team
labels, is saved as small files, is loaded by ``get_toxicity_engine(head_dir=...)`` with its own version.

The team here follows a house rule the default does not: casual swearing that insults nobody is level 0. Its
labelled tasks and the held-out sentences are written from different templates, so the test checks that the rule
carries over to new sentences, not that the labelled ones are remembered.
"""

from __future__ import annotations

import itertools

import pytest

from label_config import taxonomy as T
from ml_backend.toxicity import get_toxicity_engine
from ml_backend.toxicity.head import ToxicityHead
from ml_backend.toxicity.refit import MIN_TEXTS, RefitError, refit_from_export

THINGS = ["concert", "game", "pizza", "movie", "trip", "party", "show", "match"]
ADJS = ["amazing", "great", "wild", "awesome", "incredible"]
INSULTS = ["worthless idiot", "pathetic loser", "stupid moron", "useless clown", "disgusting pig"]
NAMES = ["Sam", "Alex", "Jo"]


def _task(i: int, prompt: str, cont: str, lin: int, lout: int) -> dict:
    def choice(name: str, to: str, level: int) -> dict:
        return {"from_name": name, "to_name": to, "type": "choices", "value": {"choices": [str(level)]}}

    return {"id": i, "data": {T.PROMPT: prompt, T.CONTINUATION: cont},
            "annotations": [{"result": [choice(T.TOXICITY_INPUT, T.PROMPT, lin),
                                        choice(T.TOXICITY_OUTPUT, T.CONTINUATION, lout)]}]}


def team_export() -> list[dict]:
    tasks = []
    for i, (thing, adj) in enumerate(itertools.product(THINGS, ADJS)):
        tasks.append(_task(i, f"Holy shit, the {thing} was {adj}!", f"We talked about the {thing} all night.", 0, 0))
    for j, (insult, name) in enumerate(itertools.product(INSULTS, NAMES)):
        tasks.append(_task(100 + j, f"Listen {name}, you are a {insult}", " and nobody wants you here.", 2, 2))
    return tasks


HELD_OUT_SWEARING = [f"Damn, that {t} is fucking {a}." for t, a in zip(THINGS, ADJS * 2)]
HELD_OUT_INSULTS = [f"Shut up, you {i}." for i in INSULTS]


@pytest.fixture(scope="module")
def engine():
    return get_toxicity_engine()


@pytest.fixture(scope="module")
def refitted(engine):
    return refit_from_export(engine, team_export(), name="project-7")


def test_the_house_rule_carries_over_to_new_sentences(engine, refitted) -> None:
    before = [s.level for s in engine.score_batch(HELD_OUT_SWEARING)]
    after_engine = engine.with_head(refitted.head)
    after = [s.level for s in after_engine.score_batch(HELD_OUT_SWEARING)]
    assert sum(lv > 0 for lv in before) >= 6  # the default counts casual swearing as toxic to some
    assert sum(lv > 0 for lv in after) <= sum(lv > 0 for lv in before) - 4
    assert all(s.level >= 1 for s in after_engine.score_batch(HELD_OUT_INSULTS))  # insults stay toxic


def test_the_choice_is_made_by_cross_validation(refitted) -> None:
    assert len(refitted.labels.texts) == 2 * len(team_export())
    assert refitted.cv_f1 and max(refitted.cv_f1.values()) >= refitted.cv_f1["unchanged"]
    assert refitted.head.info["refitted_from"].startswith("default-")
    assert "CC BY-SA 3.0 ES" in refitted.head.info["licence"]


def test_saved_loaded_and_served_with_its_own_version(engine, refitted, tmp_path) -> None:
    path = refitted.head.save(tmp_path / "project-7")
    assert sum(p.stat().st_size for p in path.iterdir()) < 20_000
    served = get_toxicity_engine(head_dir=path)
    assert served is get_toxicity_engine(head_dir=str(path))  # cached per directory
    assert served.model_version != engine.model_version and "head-project-7-" in served.model_version
    assert served.encoder is engine.encoder
    assert ToxicityHead.load(path).version == refitted.head.version
    texts = HELD_OUT_SWEARING + HELD_OUT_INSULTS
    assert served.score_batch(texts) == engine.with_head(refitted.head).score_batch(texts)


def test_too_few_or_one_sided_labels_refuse_to_refit(engine) -> None:
    few = team_export()[: MIN_TEXTS // 2 - 1]
    with pytest.raises(RefitError, match="at least"):
        refit_from_export(engine, few, name="p")
    one_sided = [t for t in team_export() if t["id"] < 100]
    with pytest.raises(RefitError, match="same toxic/clean answer"):
        refit_from_export(engine, one_sided, name="p")


def test_head_dir_is_only_for_the_default_engine(tmp_path) -> None:
    with pytest.raises(ValueError):
        get_toxicity_engine("alt-profanity-check", head_dir=tmp_path)


def test_the_simulation_writes_a_readable_export_and_holds_users_out() -> None:
    from ml_backend.evaluate_toxicity_refit import TASKS, as_export, stormfront_split
    from ml_backend.toxicity.labels import read_team_labels
    from ml_backend.toxicity.training_data import DEFAULT_DATA_DIR, SOURCES

    if not (DEFAULT_DATA_DIR / SOURCES["stormfront"]).is_file():
        pytest.skip("the shared training data is not on this machine")
    tasks, test = stormfront_split(DEFAULT_DATA_DIR, seed=0)
    assert len(tasks) == TASKS
    labels = read_team_labels(as_export(tasks))
    assert len(labels.texts) == 2 * TASKS and labels.skipped == []
    assert [t.level for t in labels.texts[:2]] == [tasks[0][0].level, tasks[0][1].level]
    labelled = {r.text for pair in tasks for r in pair}
    assert len(test) > 5000 and not labelled & {r.text for r in test if len(r.text) > 40}
