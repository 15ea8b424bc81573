"""Speed, load time and memory of the toxicity engine, against alt-profanity-check alone in the same run (issue 13).

    python benchmarks/toxicity.py                  # about 2 minutes on 2 shared cores
    python benchmarks/toxicity.py --json out.json  # also write the figures

One worker's view: this process runs with one thread for onnxruntime and BLAS (the backend runs 2 workers on 2
cores). A toxicity task is a sentence start and a continuation: two texts scored in one ``score_batch`` call with
the rest of the request (50 tasks a call, as Label Studio sends them).

Texts: real English from ``../shared/data`` (Anthropic HH-RLHF dialogues and OpenAssistant messages, always the
same, in the same order), cut at a word boundary to ``300`` characters each (``long``: a task is 600 characters)
and to ``150`` (``short``: a task is 300 characters). Sections:

1. ``load``: a fresh process builds the default engine (reads and hash-checks the model zip, builds the int8
   graph): wall time, and the process's resident memory (VmRSS) after it, against a process that loads only
   alt-profanity-check;
2. ``tasks``: rounds of engine / baseline passes over 400 tasks, interleaved so that a change of load hits both;
   tasks/s on the wall clock and tasks per CPU-second (the figure load does not move);
3. ``length``: one text of 1k, 10k and 50k characters (time per text stays bounded: the engine reads at most
   6,000 characters in at most 16 windows).

Target: >= 100 tasks/s per worker on the ``long`` tasks.
"""

from __future__ import annotations

import os

os.environ.setdefault("LABELGUIDE_TOXICITY_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.machine import machine_summary, measure, print_sections, verdict  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
TARGET_TASKS_PER_S = 100.0
TASKS = 400
BATCH_TASKS = 50


def real_texts() -> list[str]:
    """Real English messages: HH-RLHF dialogues, then OpenAssistant messages."""
    out = []
    with open(DATA / "hh_rlhf_harmless_base_test_300.jsonl", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            out += [rec["chosen"].replace("\n\n", " "), rec["rejected"].replace("\n\n", " ")]

    def walk(node):
        yield node["text"]
        for child in node.get("replies") or ():
            yield from walk(child)

    with open(DATA / "oasst_en_100_trees.jsonl", encoding="utf-8") as f:
        for line in f:
            out += list(walk(json.loads(line)["prompt"]))
    return out


def cut(text: str, n: int) -> str:
    """The first ``n`` characters of ``text`` at a word boundary (padded by repeating it when too short)."""
    while len(text) < n:
        text = text + " " + text
    head = text[:n]
    return head.rsplit(" ", 1)[0] if " " in head[n // 2:] else head


def tasks_of(chars: int) -> list[tuple[str, str]]:
    texts = [t for t in real_texts() if len(t) >= 40]
    return [(cut(texts[2 * i], chars), cut(texts[2 * i + 1], chars)) for i in range(TASKS)]


def load_in_fresh_process(model: str) -> dict:
    code = (
        "import time, json; t = time.perf_counter(); "
        "from ml_backend.toxicity import get_toxicity_engine; "
        f"e = get_toxicity_engine({model!r}); e.score_batch(['warm up']); "
        "wall = time.perf_counter() - t; "
        "rss = [int(l.split()[1]) for l in open('/proc/self/status') if l.startswith(('VmRSS', 'VmHWM'))]; "
        "print(json.dumps({'wall_s': wall, 'rss_mb': rss[1] / 1024, 'peak_mb': rss[0] / 1024, "
        "'model_version': e.model_version}))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)))
    return json.loads(out.stdout.strip().splitlines()[-1])


def score_tasks(engine, tasks) -> float:
    """Seconds to score every task, 50 tasks (100 texts) a call."""
    start = time.perf_counter()
    for i in range(0, len(tasks), BATCH_TASKS):
        engine.score_batch([t for pair in tasks[i:i + BATCH_TASKS] for t in pair])
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="example: python benchmarks/toxicity.py --json /tmp/tox.json")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from ml_backend.toxicity import get_toxicity_engine

    report: dict = {"machine": machine_summary(), "sections": []}
    print(f"machine: {report['machine']}")
    sections = []

    print("\n== load (a fresh process each) ==")
    with measure("load default") as sec:
        ours = load_in_fresh_process("default")
    sections.append(sec)
    with measure("load baseline") as sec_b:
        base = load_in_fresh_process("alt-profanity-check")
    sections.append(sec_b)
    print(f"  default engine: {ours['wall_s']:.2f} s to load, RSS {ours['rss_mb']:.0f} MB (peak "
          f"{ours['peak_mb']:.0f} MB); {ours['model_version']}")
    print(f"  alt-profanity-check alone: {base['wall_s']:.2f} s, RSS {base['rss_mb']:.0f} MB")
    report["load"] = {"default": ours, "baseline": base}

    engine = get_toxicity_engine("default")
    baseline = get_toxicity_engine("alt-profanity-check")
    for label, chars in (("long", 300), ("short", 150)):
        tasks = tasks_of(chars)
        score_tasks(engine, tasks[:20])
        print(f"\n== tasks: {label} ({TASKS} tasks, two texts of ~{chars} characters each) ==")
        figures = {"engine": [], "baseline": []}
        for r in range(args.rounds):
            for name, eng in (("engine", engine), ("baseline", baseline)):
                with measure(f"{label} {name} round {r + 1}") as sec:
                    wall = score_tasks(eng, tasks)
                sections.append(sec)
                figures[name].append({"tasks_per_s": TASKS / wall, "tasks_per_cpu_s": TASKS / max(sec.cpu_s, 1e-9),
                                      "section": sec.as_dict()})
        for name, rows in figures.items():
            best = max(rows, key=lambda x: x["tasks_per_s"])
            per_round = ", ".join(f"{x['tasks_per_s']:.0f}" for x in rows)
            print(f"  {name:<9} best {best['tasks_per_s']:.0f} tasks/s wall, "
                  f"{best['tasks_per_cpu_s']:.0f} tasks per CPU-second (rounds: {per_round})")
        best_ours = max(figures["engine"], key=lambda x: x["tasks_per_s"])
        tagged = [s for s in sections if s.name.startswith(f"{label} engine")]
        print(f"  target >= {TARGET_TASKS_PER_S:.0f} tasks/s per worker: "
              f"{verdict(best_ours['tasks_per_s'], TARGET_TASKS_PER_S, tagged)}")
        print(f"  tasks per CPU-second (load-independent): {best_ours['tasks_per_cpu_s']:.0f}")
        report[label] = figures

    print("\n== length (one text, seconds) ==")
    sentence = "We talked about the weather and the garden for a while, then walked home. "
    report["length"] = {}
    for n in (1_000, 10_000, 50_000):
        text = cut(sentence * (n // len(sentence) + 1), n)
        with measure(f"length {n}") as sec:
            engine.score_batch([text])
        sections.append(sec)
        report["length"][n] = sec.wall_s
        print(f"  {n:>6} characters: {sec.wall_s * 1000:.0f} ms")

    print("\n== sections ==")
    print_sections(sections)
    report["sections"] = [s.as_dict() for s in sections]
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
