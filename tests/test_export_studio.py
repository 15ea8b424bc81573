"""End to end on a real Label Studio 1.23.2: a comparison project, tasks imported, annotations submitted
through the API by two annotators (one cancelled, one ground truth), then ``labelguide export pairs --project``
pulls the export snapshot and gives exactly the pairs worked out by hand below."""

from __future__ import annotations

import json
import re
import secrets

import pytest
from click.testing import CliRunner

from label_config import taxonomy as T
from label_config.render import render_config
from labelguide.cli import main

pytestmark = pytest.mark.studio

K = 5
MODELS = {f"o{i}": f"model-{chr(97 + i)}" for i in range(K)}


def _data(prompt: str, split: str) -> dict:
    return {T.PROMPT: prompt, T.SPLIT: split, T.MODELS: MODELS, T.RANK_OPTIONS: T.rank_options(K),
            T.OUTPUTS: [{T.OUTPUT_ID: f"o{i}", T.OUTPUT_TITLE: f"Output {chr(65 + i)}", T.OUTPUT_BODY: f"{prompt} -> {i}"}
                        for i in range(K)]}


def _ranking(buckets: dict[int, list[str]]) -> dict:  # the Ranker shape of before issue 9: still exported
    return {"from_name": T.RANKING, "to_name": T.OUTPUTS, "type": "ranker",
            "value": {"ranker": {T.bucket_name(r): ids for r, ids in buckets.items()}}}


def _likert(i: int, rating: int) -> dict:
    return {"from_name": T.output_control(T.LIKERT, i), "to_name": T.output_control(T.OUTPUT_TEXT, i),
            "type": "rating", "value": {"rating": rating}}


@pytest.fixture(scope="module")
def project(ls):
    """Three tasks: A ranked by both annotators (the second as ground truth), B skipped by one and partly ranked
    by the other, C not annotated."""
    project = ls.projects.create(title=f"export e2e {secrets.token_hex(3)}", label_config=render_config(T.COMPARISON, k=K))
    imported = ls.projects.import_tasks(id=project.id, request=[_data("Name a fruit", "train"),
                                                                 _data("Name a colour", "valid"),
                                                                 _data("Name a tree", "test")],
                                        return_task_ids=True)
    a, b, c = sorted(imported.task_ids)
    me = ls.users.whoami().id
    try:
        other = ls.users.create(username=f"annotator-{secrets.token_hex(3)}",
                                email=f"annotator-{secrets.token_hex(3)}@example.com",
                                password=secrets.token_urlsafe(12)).id
    except Exception as exc:  # pragma: no cover - depends on the server's user API
        pytest.fail(f"could not create a second annotator: {exc}")
    likert = [5, 3, 7, 2, 4]
    ls.annotations.create(id=a, result=[*(_likert(i, r) for i, r in enumerate(likert)),
                                        _ranking({1: ["o2"], 2: ["o0", "o4"], 3: ["o1"], 5: ["o3"]})])
    ls.annotations.create(id=a, result=[_ranking({1: ["o0"], 2: ["o1"], 3: ["o2"], 4: ["o3"], 5: ["o4"]})],
                          completed_by=other, ground_truth=True)
    ls.annotations.create(id=b, result=[], was_cancelled=True)
    ls.annotations.create(id=b, result=[_ranking({1: ["o4"], 2: ["o3"], 3: ["o2"]})], completed_by=other)
    return {"id": project.id, "tasks": (a, b, c), "me": me, "other": other}


def _export(studio, project_id: int, tmp_path, *flags: str) -> tuple[list[dict], str]:
    out = tmp_path / f"pairs{len(list(tmp_path.iterdir()))}.jsonl"
    env = {"LABEL_STUDIO_URL": studio.url, "LABEL_STUDIO_API_KEY": studio.token}
    result = CliRunner().invoke(main, ["export", "pairs", "--project", str(project_id), "--output", str(out), *flags],
                                env=env)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in out.read_text().splitlines()], result.stderr


KEYS = ("task_id", "annotator", "chosen_id", "rejected_id", "chosen_rank", "rejected_rank", "margin", "likert_margin",
        "chosen_model", "rejected_model", "split")


def _rows(pairs: list[dict]) -> set[tuple]:
    return {tuple(p[k] for k in KEYS) for p in pairs}


def _expected_default(p: dict) -> set[tuple]:
    a, b, _ = p["tasks"]
    me, other = p["me"], p["other"]
    m = MODELS
    # task A, annotator 1: o2 | o0 o4 (tie) | o1 | o3 -> dense ranks 1, 2, 2, 3, 4; Likert o0 5, o1 3, o2 7, o3 2, o4 4
    mine = [("o2", "o0", 1, 2, 1, 2), ("o2", "o4", 1, 2, 1, 3), ("o2", "o1", 1, 3, 2, 4), ("o2", "o3", 1, 4, 3, 5),
            ("o0", "o1", 2, 3, 1, 2), ("o0", "o3", 2, 4, 2, 3), ("o4", "o1", 2, 3, 1, 1), ("o4", "o3", 2, 4, 2, 2),
            ("o1", "o3", 3, 4, 1, 1)]
    rows = {(a, me, c, r, cr, rr, mg, lm, m[c], m[r], "train") for c, r, cr, rr, mg, lm in mine}
    # task A, annotator 2 (ground truth): o0 > o1 > o2 > o3 > o4, no ratings
    order = ["o0", "o1", "o2", "o3", "o4"]
    rows |= {(a, other, order[i], order[j], i + 1, j + 1, j - i, None, m[order[i]], m[order[j]], "train")
             for i in range(K) for j in range(i + 1, K)}
    # task B, annotator 2: o4 > o3 > o2, o0 and o1 unranked (annotator 1 skipped the task)
    rows |= {(b, other, "o4", "o3", 1, 2, 1, None, m["o4"], m["o3"], "valid"),
             (b, other, "o4", "o2", 1, 3, 2, None, m["o4"], m["o2"], "valid"),
             (b, other, "o3", "o2", 2, 3, 1, None, m["o3"], m["o2"], "valid")}
    return rows


def test_export_pairs_from_a_live_project(studio, project, tmp_path):
    pairs, report = _export(studio, project["id"], tmp_path)
    assert len(pairs) == 22 and _rows(pairs) == _expected_default(project)
    assert all(set(p) >= {"prompt", "chosen", "rejected"} for p in pairs)
    by_id = {p["chosen_id"]: p["chosen"] for p in pairs if p["task_id"] == project["tasks"][0]}
    assert by_id["o2"] == "Name a fruit -> 2"
    for pattern in (r"tasks read +3\n", r"no annotations +1\n", r"annotations read +4\n", r"annotations used +3\n",
                    r"  cancelled +1\n", r"unranked outputs left out +2\n", r"pairs written +22\n",
                    r"tied pairs dropped +1\n"):
        assert re.search(pattern, report), (pattern, report)


def test_prefer_ground_truth_on_a_live_project(studio, project, tmp_path):
    pairs, report = _export(studio, project["id"], tmp_path, "--prefer-ground-truth")
    a = project["tasks"][0]
    expected = {row for row in _expected_default(project) if not (row[0] == a and row[1] == project["me"])}
    assert len(pairs) == 13 and _rows(pairs) == expected
    assert re.search(r"not ground truth \(ground truth preferred\) +1\n", report)


def test_mean_rank_on_a_live_project(studio, project, tmp_path):
    pairs, _ = _export(studio, project["id"], tmp_path, "--aggregate", "mean-rank", "--format", "grouped")
    a, b, _ = project["tasks"]
    groups = {g["task_id"]: g for g in pairs}
    assert set(groups) == {a, b} and all(g["annotator"] is None for g in groups.values())
    # o0 (2+1)/2, o2 (1+3)/2, o1 (3+2)/2, o4 (2+5)/2, o3 (4+4)/2
    assert [(o["id"], o["rank"]) for o in groups[a]["outputs"]] == [("o0", 1.5), ("o2", 2.0), ("o1", 2.5),
                                                                     ("o4", 3.5), ("o3", 4.0)]
    assert groups[a]["n_annotations"] == 2 and groups[a]["n_pairs"] == 10
    assert groups[b]["unranked"] == ["o0", "o1"] and groups[b]["n_pairs"] == 3
    # Likert: only annotator 1 rated, so the mean is their rating
    assert {o["id"]: o["likert"] for o in groups[a]["outputs"]} == {"o0": 5, "o1": 3, "o2": 7, "o3": 2, "o4": 4}


def test_stats_export_on_a_live_project(studio, project):
    env = {"LABEL_STUDIO_URL": studio.url, "LABEL_STUDIO_API_KEY": studio.token}
    result = CliRunner().invoke(main, ["stats", "export", "--project", str(project["id"]), "--json"], env=env)
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert stats["tasks"] == 3 and stats["cancelled"] == 1 and stats["ground_truth"] == 1
    # task A, annotator 1 (o2 | o0 o4 | o1 | o3) against the ground truth o0 > o1 > o2 > o3 > o4: of the 10 pairs
    # they agree on o0-o1, o0-o3, o1-o3, o2-o3, o2-o4 (the tie o0-o4 disagrees)
    gold = stats["screening"][str(project["me"])]
    assert gold == {"tasks": 1, "flag_agreement": None, "flags": 0, "ranking_agreement": 0.5, "pairs": 10}



def test_default_snapshot_holds_every_annotation_too(ls, project):
    """Label Studio 1.23.2 exports cancelled and ground-truth annotations when no filter is given (what
    common.studio.download_export does); exporters.read asks for them explicitly all the same."""
    from common.studio import download_export

    default = json.loads(b"".join(download_export(ls, project["id"])))
    kept = [a for t in default for a in t["annotations"]]
    assert len(kept) == 4 and sum(a["was_cancelled"] for a in kept) == 1 and sum(a["ground_truth"] for a in kept) == 1


# ------------------------------------------------------------------------------------------------------------
# Errors without secrets (issue 11.4): a wrong key or project gives a short message, never headers or cookies
# ------------------------------------------------------------------------------------------------------------

SECRET_MARKERS = ("set-cookie", "sessionid", "csrftoken", "headers", "authorization", "x-frame", "content-type",
                  "traceback")


@pytest.mark.parametrize("command", ["pairs", "sft", "labels", "dataset", "stats"])
@pytest.mark.parametrize("case", ["wrong key", "wrong project", "no server"])
def test_export_errors_are_short_and_hold_no_secrets(studio, project, tmp_path, command, case):
    env = {"LABEL_STUDIO_URL": studio.url, "LABEL_STUDIO_API_KEY": studio.token}
    project_id = project["id"]
    if case == "wrong key":
        env["LABEL_STUDIO_API_KEY"] = "0" * 40
    elif case == "wrong project":
        project_id = 987654
    else:
        env["LABEL_STUDIO_URL"] = "http://127.0.0.1:9"
    out = ["-o", str(tmp_path / ("ds" if command == "dataset" else "o.jsonl"))] if command != "stats" else []
    result = CliRunner().invoke(main, ["export", command, "--project", str(project_id), *out], env=env)
    assert result.exit_code == 1, result.output
    message = result.output.strip().splitlines()[-1]
    assert len(result.output) < 400, result.output
    lowered = result.output.lower()
    assert not [m for m in SECRET_MARKERS if m in lowered], result.output
    assert studio.token not in result.output and studio.password not in result.output
    expected = {"wrong key": "HTTP 401", "wrong project": "HTTP 404", "no server": "cannot connect"}[case]
    assert expected in message and f"project {project_id}" in message, message
    assert not list(tmp_path.iterdir())  # nothing written


# ------------------------------------------------------------------------------------------------------------
# --since: a weekly re-run exports only what is new or changed (annotation id + updated_at)
# ------------------------------------------------------------------------------------------------------------

def test_since_exports_only_new_and_changed_annotations(studio, ls, tmp_path):
    project = ls.projects.create(title=f"since {secrets.token_hex(3)}", label_config=render_config(T.RANKING, k=3))
    data = [{T.PROMPT: f"Prompt {n}", T.OUTPUTS: [{T.OUTPUT_ID: f"o{i}", T.OUTPUT_TITLE: f"O{i}",
                                                  T.OUTPUT_BODY: f"answer {n}.{i}"} for i in range(3)],
             T.RANK_OPTIONS: T.rank_options(3)} for n in range(3)]
    t1, t2, t3 = sorted(ls.projects.import_tasks(id=project.id, request=data, return_task_ids=True).task_ids)
    full = [_ranking({1: ["o0"], 2: ["o1"], 3: ["o2"]})]
    a1 = ls.annotations.create(id=t1, result=full)
    ls.annotations.create(id=t2, result=full)
    env = {"LABEL_STUDIO_URL": studio.url, "LABEL_STUDIO_API_KEY": studio.token}
    state = tmp_path / "rm.state.json"

    def week(n: int, *flags: str) -> tuple[list[dict], str]:
        out = tmp_path / f"week{n}.jsonl"
        result = CliRunner().invoke(main, ["export", "pairs", "--project", str(project.id), "-o", str(out),
                                           "--since", str(state), *flags], env=env)
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in out.read_text().splitlines()], result.stderr

    pairs, _ = week(1)
    assert {p["task_id"] for p in pairs} == {t1, t2} and len(pairs) == 6 and state.exists()
    pairs, report = week(2)  # nothing happened: nothing exported
    assert pairs == [] and re.search(r"unchanged since the last export \(--since\) +2\n", report)
    # a new annotation on task 3, and task 1's annotation changed (its updated_at moves)
    ls.annotations.create(id=t3, result=full)
    ls.annotations.update(id=a1.id, result=[_ranking({1: ["o2"], 2: ["o1"], 3: ["o0"]})])
    pairs, report = week(3)
    assert {p["task_id"] for p in pairs} == {t1, t3} and len(pairs) == 6
    assert {(p["chosen_id"], p["rejected_id"]) for p in pairs if p["task_id"] == t1} == {
        ("o2", "o1"), ("o2", "o0"), ("o1", "o0")}
    assert re.search(r"nothing new \(--since\) +1\n", report)  # task 2
    pairs, _ = week(4)
    assert pairs == []
    saved = json.loads(state.read_text())
    assert saved["version"] == 1 and len(saved["annotations"]) == 3
