"""Helpers for the training tests: what an annotator does in Label Studio's labeling screen, done through its API,
and a small toxicity domain (a game studio's team chat) the default engine gets wrong both ways.

- :func:`annotate_as_ui`: an annotation made from the task's latest prediction, as the labeling screen submits it
  (``parent_prediction`` = that prediction's id), holding the annotator's result (suggested spans they deleted
  are simply absent);
- :func:`start_training_as_ui`: the call the *Start Training* button makes (``POST /api/ml/<id>/train``: the
  ``trainMLBackend`` endpoint of Label Studio's frontend, 1.23.2).
"""

from __future__ import annotations

import random
import time
from typing import Any

import requests

from label_config import taxonomy as T


def span(text: str, start: int, end: int, label: str) -> dict[str, Any]:
    return {"from_name": T.PII_SPANS, "to_name": T.PROMPT, "type": "labels",
            "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]}}


def level(name: str, to_name: str, value: int) -> dict[str, Any]:
    return {"from_name": name, "to_name": to_name, "type": "choices", "value": {"choices": [str(value)]}}


def latest_prediction(ls, task_id: int) -> Any:
    predictions = ls.predictions.list(task=task_id)
    assert predictions, f"task {task_id} has no prediction"
    return max(predictions, key=lambda p: p.id)


def annotate_as_ui(ls, task_id: int, result: list[dict[str, Any]]) -> Any:
    predictions = ls.predictions.list(task=task_id)
    parent = max(predictions, key=lambda p: p.id).id if predictions else None
    return ls.annotations.create(id=task_id, result=result, parent_prediction=parent)


def start_training_as_ui(studio, ml_id: int) -> requests.Response:
    return requests.post(f"{studio.url}/api/ml/{ml_id}/train", json={}, timeout=200,
                         headers={"Authorization": f"Token {studio.token}"})


def wait_for_training(backend_url: str, project: int, auth: tuple[str, str] | None, timeout: float = 400,
                      after: str | None = None) -> dict[str, Any]:
    """Poll ``/job_status`` until the project's last job (newer than job id ``after``) is finished or failed."""
    deadline = time.monotonic() + timeout
    while True:
        r = requests.post(f"{backend_url}/job_status", json={"project": project}, auth=auth, timeout=10)
        if r.status_code == 200:
            body = r.json()
            if body["job"] != after and body["job_status"] in ("finished", "failed"):
                return body
        assert time.monotonic() < deadline, f"no finished training of project {project}: {r.status_code} {r.text}"
        time.sleep(1)


def setup_version(backend_url: str, uid: str, auth: tuple[str, str] | None) -> str:
    r = requests.post(f"{backend_url}/setup", json={"project": uid}, auth=auth, timeout=10)
    r.raise_for_status()
    return r.json()["model_version"]


def project_uid(project: Any) -> str:
    return f"{project.id}.{int(project.created_at.timestamp())}"


# -------------------------------------------------------------------------- a toxicity domain: game-studio chat
THINGS = ["build", "patch", "shader", "nightly", "merge", "deploy", "fix", "release", "hotfix", "pipeline"]
SWEARING_ABOUT_WORK = ["holy shit the {t} finally works", "damn, this {t} is good", "hell yeah the {t} is green",
                       "shit, the {t} passed on the first try", "damn that {t} is fast"]
GAMER_INSULTS = ["your {t} is trash tier, uninstall", "go back to bronze, your {t} is a joke",
                 "uninstall the game, your {t} is garbage", "trash tier {t}, just quit"]
CLEAN = ["thanks for the {t}", "the {t} is ready for review", "can you look at the {t}?", "nice work on the {t}"]
#: Held out (other words, other sentences): the team's labels say 0 for the first, 2 for the second.
SWEAR_PROBE = "holy shit the compiler finally works"
INSULT_PROBE = "your aim is trash tier, uninstall"


def toxicity_domain(n_tasks: int, seed: int = 1) -> list[tuple[dict[str, str], tuple[int, int]]]:
    """``(task data, (input level, output level))``: swearing about work is 0, gamer insults 2, the rest 0."""
    rng = random.Random(seed)
    kinds = [(SWEARING_ABOUT_WORK, 0), (GAMER_INSULTS, 2), (CLEAN, 0)]
    out = []
    for _ in range(n_tasks):
        picked = [rng.choice(kinds) for _ in range(2)]
        texts = [rng.choice(pool).format(t=rng.choice(THINGS)) for pool, _ in picked]
        out.append(({T.PROMPT: texts[0], T.CONTINUATION: texts[1]}, (picked[0][1], picked[1][1])))
    return out
