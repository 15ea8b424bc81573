"""Issue 9 target: a K = 9 comparison at 1440x900 in under 60 actions and under 6 screen-heights.

Measures, in one run and with the same harness (``tests/browser.py`` ``Actions``, ``tests/ui_workload.py``),
the interface before issue 9 (``benchmarks/data/comparison_before_issue9.xml``: questions stacked under each
output, a Ranker with buckets at the bottom) and today's, on the bundled sample's K = 9 prompt. Starts its own
Label Studio (temporary dir, free port) and Debian's Chromium; stops both.

    python benchmarks/ui_k9_actions.py            # prints both figures; writes benchmarks/out/ui_k9_actions.json

Actions and heights do not depend on the machine's load; the timing sections only say how long it took.
"""

from __future__ import annotations

import json
import secrets
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

from machine import measure, print_sections  # noqa: E402

from browser import Actions, BrowserSession, open_task  # noqa: E402
from common.studio import connect, download_export  # noqa: E402
from common.studio_server import free_port, start_label_studio  # noqa: E402
from label_config import taxonomy as T  # noqa: E402
from label_config.render import render_config  # noqa: E402
from test_ui_ranking_and_keys import sample_task  # noqa: E402
from ui_workload import k9_before, k9_now  # noqa: E402

BEFORE = ROOT / "benchmarks" / "data" / "comparison_before_issue9.xml"
TARGET_ACTIONS, TARGET_HEIGHTS = 60, 6


def run_one(ls, server, session: BrowserSession, title: str, config: str, data: dict, before: bool) -> dict:
    project = ls.projects.create(title=title, label_config=config)
    (task_id,) = ls.projects.import_tasks(id=project.id, request=[data], return_task_ids=True).task_ids
    with session.page(server.url, server.email, server.password) as (page, errors):
        open_task(page, server.url, project.id, task_id, ".htx-ranker-item" if before else ".lg-output",
                  settle_ms=2000)
        act = Actions(page)
        heights = act.screen_heights()
        if before:
            k9_before(page, act, [o[T.OUTPUT_ID] for o in data[T.OUTPUTS]])
        else:
            k9_now(page, act)
        summary = act.summary()
        act.submit()
        summary["actions"] += 1
        summary["clicks"] += 1
    (task,) = json.loads(b"".join(download_export(ls, project.id)))
    return {"screen_heights_at_start": round(heights, 2), **summary, "saved": len(task["annotations"]),
            "page_errors": len(errors)}


def main() -> int:
    data = sample_task(9)["data"]
    results, sections = {}, []
    with tempfile.TemporaryDirectory() as tmp:
        server = start_label_studio(Path(tmp), free_port(), "bench@example.com", secrets.token_urlsafe(12),
                                    secrets.token_hex(20))
        session = None
        try:
            server.wait_healthy(300)
            ls = connect(server.url, server.token)
            session = BrowserSession()
            for name, config, before in (("before issue 9", BEFORE.read_text(), True),
                                         ("now", render_config(T.COMPARISON), False)):
                with measure(name) as section:
                    results[name] = run_one(ls, server, session, f"k9 {name}", config, data, before)
                sections.append(section)
        finally:
            if session is not None:
                session.close()
            server.stop()
    for name, r in results.items():
        print(f"{name:>15}: {r['actions']} actions ({r['clicks']} clicks, {r['drags']} drags, {r['scrolls']} "
              f"viewport-heights of scrolling), {r['screen_heights_at_start']} screen-heights, saved {r['saved']}")
    now = results["now"]
    met = now["actions"] < TARGET_ACTIONS and now["screen_heights_at_start"] < TARGET_HEIGHTS
    print(f"target < {TARGET_ACTIONS} actions and < {TARGET_HEIGHTS} screen-heights: {'met' if met else 'NOT met'}")
    print_sections(sections)
    out = ROOT / "benchmarks" / "out"
    out.mkdir(exist_ok=True)
    (out / "ui_k9_actions.json").write_text(json.dumps(results, indent=1))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
