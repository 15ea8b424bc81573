"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, for tests that look at Label Studio.

Playwright's own browser download cannot run here, so the system Chromium is launched by path with the flags
that keep it off the network. One browser serves the whole test session (fixture ``chromium`` in conftest);
each server's login is done once and kept in its own browser context. Skips the calling test when no Chromium
or Playwright is installed (fails in CI).

    with chromium.page(url, email, password) as (page, errors):   # errors: every `pageerror` of the page
        open_task(page, url, project_id, task_id)
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

CHROMIUM = os.environ.get("LABELGUIDE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1440, "height": 900}  # the screen the issue measured on
READY = ".lsf-main-content"  # Label Studio 1.23's labeling area, present once a task is shown
SCROLLER = ".lsf-main-content"  # ... which is also what scrolls


def _require_chromium() -> None:
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}; .ci/run installs it with apt")
        pytest.skip(f"Chromium not found at {CHROMIUM}")


class BrowserSession:
    """One Chromium for many tests; one logged-in context per (server, user)."""

    def __init__(self) -> None:
        _require_chromium()
        sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
        self._pw = sync_playwright().start()
        self.browser = self._pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        self._contexts: dict[tuple[str, str], Any] = {}

    def context(self, url: str, email: str, password: str) -> Any:
        key = (url, email)
        if key not in self._contexts:
            context = self.browser.new_context(viewport=VIEWPORT)
            page = context.new_page()
            page.set_default_timeout(30_000)
            login(page, url, email, password)
            page.close()
            self._contexts[key] = context
        return self._contexts[key]

    @contextmanager
    def page(self, url: str, email: str, password: str) -> Iterator[tuple[Any, list[str]]]:
        """A fresh page of that user's context and the list its page errors are collected in."""
        page = self.context(url, email, password).new_page()
        page.set_default_timeout(30_000)
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        try:
            yield page, errors
        finally:
            page.close()

    def close(self) -> None:
        for context in self._contexts.values():
            context.close()
        self.browser.close()
        self._pw.stop()


def login(page: Any, url: str, email: str, password: str) -> None:
    """Log in through Label Studio's own login form."""
    page.goto(f"{url}/user/login/")
    page.fill('input[name="email"]', email)
    page.fill('input[name="password"]', password)
    page.click('button[type="submit"]')
    page.wait_for_load_state("networkidle")


def open_task(page: Any, url: str, project_id: int, task_id: int, ready_selector: str = READY,
              settle_ms: int = 1200) -> None:
    """Open a task in the labeling view and wait until ``ready_selector`` shows and the task has rendered."""
    page.goto(f"{url}/projects/{project_id}/data?task={task_id}")
    page.wait_for_selector(ready_selector)
    page.wait_for_timeout(settle_ms)


def submit(page: Any, wait_ms: int = 1500) -> None:
    page.click("button:has-text('Submit')")
    page.wait_for_timeout(wait_ms)


def warning_text(page: Any) -> str:
    """The text of Label Studio's validation warning dialog, '' when none shows."""
    dialog = page.locator(".ant-modal-content")
    return dialog.first.inner_text() if dialog.count() else ""


# -- the interfaces' own parts (class names from label_config/style.py, answers by their visible text) -------
def output_block(page: Any, idx: int) -> Any:
    """The compact block of the ``idx``-th output (text, rating, rank, flags)."""
    return page.locator(".lg-output").nth(idx)


def question(page: Any, text: str) -> Any:
    """A whole-prompt question's block, found by (part of) its question text."""
    return page.locator(".lg-question", has_text=text).first


def choice(scope: Any, value: str) -> Any:
    """The radio or checkbox of answer ``value`` inside ``scope`` (Label Studio names each input by its value)."""
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    return scope.locator(f'.ant-radio-wrapper:has(input[name="{quoted}"]), '
                         f'.ant-checkbox-wrapper:has(input[name="{quoted}"])').first


def line(block: Any, label: str) -> Any:
    """One line of an output block (its rating, its rank or one flag), by its label."""
    return block.locator(".lg-line").filter(has=block.page.get_by_text(label, exact=True)).first


def stars(scope: Any, n: int) -> Any:
    """Star ``n`` (1-based) of the first Rating inside ``scope``."""
    return scope.locator(".ant-rate").first.locator(".ant-rate-star").nth(n - 1)


def select_text(page: Any, object_name_text: str, start: int, end: int) -> None:
    """Select characters ``start:end`` of the Text object whose text is ``object_name_text``, as a mouse would,
    so a chosen label marks the span (Label Studio reads the selection on mouseup)."""
    page.evaluate(
        """([whole, start, end]) => {
            const nodes = [...document.querySelectorAll('.htx-richtext, .lsf-richtext__content, [class*=richtext]')];
            const root = nodes.find(n => n.innerText && n.innerText.trim() === whole.trim()) || document.body;
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            let pos = 0, sNode = null, sOff = 0, eNode = null, eOff = 0, node;
            while ((node = walker.nextNode())) {
                const len = node.textContent.length;
                if (!sNode && start < pos + len) { sNode = node; sOff = start - pos; }
                if (!eNode && end <= pos + len) { eNode = node; eOff = end - pos; break; }
                pos += len;
            }
            const range = document.createRange();
            range.setStart(sNode, sOff); range.setEnd(eNode, eOff);
            const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
            const target = sNode.parentElement;
            target.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
        }""",
        [object_name_text, start, end],
    )
    page.wait_for_timeout(300)


# -- the old Ranker (kept to measure the configs of before issue 9) ------------------------------------------
def move_to_bucket(page: Any, item_id: str, columns_right: int) -> None:
    """Move a Ranker card ``columns_right`` columns to the right with the keyboard (space, arrows, space).

    Column 0 is the list of outputs, column 1 the bucket rank_1, and so on.
    """
    handle = page.locator(f'[data-rbd-drag-handle-draggable-id="{item_id}"]')
    handle.focus()
    page.keyboard.press("Space")
    page.wait_for_timeout(250)
    for _ in range(columns_right):
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(250)
    page.keyboard.press("Space")
    page.wait_for_timeout(400)


class Actions:
    """Counts what an annotator does on the labeling screen, for the K = 9 usability test.

    One action = one click, one key press, or one viewport-height of scrolling of the labeling area: the
    distance the area moves to bring each next target into view is summed, and every started viewport-height
    counts once (``scrolls``). A drag of one Ranker card into a bucket counts as one action (``drags``).
    """

    def __init__(self, page: Any, scroller: str = SCROLLER) -> None:
        self.page = page
        self.scroller = page.locator(scroller).first
        self.clicks = self.keys = self.drags = 0
        self.scrolled_px = 0.0

    def _top(self) -> float:
        return float(self.scroller.evaluate("el => el.scrollTop"))

    def viewport(self) -> float:
        """Height of the visible labeling area, in px."""
        return float(self.scroller.evaluate("el => el.clientHeight"))

    def screen_heights(self) -> float:
        """Height of the whole labeling content, in viewport-heights of the labeling area."""
        return float(self.scroller.evaluate("el => el.scrollHeight / el.clientHeight"))

    @property
    def scrolls(self) -> int:
        return int(-(-self.scrolled_px // self.viewport())) if self.scrolled_px else 0

    @property
    def total(self) -> int:
        return self.clicks + self.keys + self.drags + self.scrolls

    def reveal(self, locator: Any) -> None:
        """Scroll the labeling area just enough to show ``locator``; the distance counts toward ``scrolls``."""
        before = self._top()
        locator.evaluate("el => el.scrollIntoView({block: 'nearest'})")
        self.scrolled_px += abs(self._top() - before)

    def click(self, locator: Any) -> None:
        """Bring ``locator`` into view and click it; all the scrolling it took (Playwright's own included)
        counts toward ``scrolls``."""
        before = self._top()
        locator.evaluate("el => el.scrollIntoView({block: 'nearest'})")
        locator.click()
        self.scrolled_px += abs(self._top() - before)
        self.clicks += 1

    def submit(self) -> None:
        """Click Submit (in Label Studio's bottom bar, always in view): one click. Label Studio then moves on by
        itself (it scrolls back to the top), which is not the annotator's doing and is not counted."""
        self.page.click("button:has-text('Submit')")
        self.clicks += 1
        self.page.wait_for_timeout(1500)

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.keys += 1

    def drag_to_bucket(self, item_id: str, column: int) -> None:
        """Drag a Ranker card with the mouse into column ``column`` (0 = the list, 1 = ``rank_1`` ...), dropped
        level with where the card was: one action, like one mouse drag."""
        card = self.page.locator(f'[data-rbd-drag-handle-draggable-id="{item_id}"]')
        self.reveal(card)  # the drag itself does not scroll: the target column is level with the card
        box = card.bounding_box()
        target = self.page.locator(".htx-ranker-column").nth(column).bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 20)
        mouse = self.page.mouse
        mouse.move(x, y)
        mouse.down()
        mouse.move(x + 8, y, steps=4)
        self.page.wait_for_timeout(150)
        mouse.move(target["x"] + target["width"] / 2, y, steps=12)
        self.page.wait_for_timeout(250)
        mouse.up()
        self.page.wait_for_timeout(400)
        self.drags += 1

    def summary(self) -> dict[str, Any]:
        return {"actions": self.total, "clicks": self.clicks, "keys": self.keys, "drags": self.drags,
                "scrolls": self.scrolls, "screen_heights": round(self.screen_heights(), 2)}
