"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, for tests that look at Label Studio.

Playwright's own browser download cannot run here, so the system Chromium is launched by path with the flags
that keep it off the network. Skips the calling test when no Chromium or Playwright is installed.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from collections.abc import Iterator

import pytest

CHROMIUM = os.environ.get("LABELGUIDE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextmanager
def browser_page(width: int = 1400, height: int = 1000) -> Iterator:
    """A fresh Playwright page in headless Chromium; closed afterwards."""
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}; .ci/run installs it with apt")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.set_default_timeout(30_000)
            yield page
        finally:
            browser.close()


def login(page, url: str, email: str, password: str) -> None:
    """Log in through Label Studio's own login form."""
    page.goto(f"{url}/user/login/")
    page.fill('input[name="email"]', email)
    page.fill('input[name="password"]', password)
    page.click('button[type="submit"]')
    page.wait_for_load_state("networkidle")


def open_task(page, url: str, project_id: int, task_id: int, ready_selector: str) -> None:
    """Open a task in the labeling view and wait until ``ready_selector`` shows."""
    page.goto(f"{url}/projects/{project_id}/data?task={task_id}")
    page.wait_for_selector(ready_selector)


def move_to_bucket(page, item_id: str, columns_right: int) -> None:
    """Move a Ranker item ``columns_right`` columns to the right with the keyboard (space, arrows, space).

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


def rate(page, rating_index: int, stars: int) -> None:
    """Click star ``stars`` of the ``rating_index``-th Rating on the page."""
    page.locator(".ant-rate").nth(rating_index).locator(".ant-rate-star").nth(stars - 1).click()


SCROLLER = ".lsf-main-content"  # Label Studio 1.23's scrolling labeling area


class Actions:
    """Counts what an annotator does on the labeling screen, for the K = 9 usability test.

    One action = one click, one key press, or one viewport-height of scrolling of the labeling area: the
    distance the area moves to bring each next target into view is summed, and every started viewport-height
    counts once (``scrolls``). A drag of one Ranker card into a bucket counts as one action, whatever the keys
    used to do it (``drag``).
    """

    def __init__(self, page, scroller: str = SCROLLER) -> None:
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

    def reveal(self, locator) -> None:
        """Scroll the labeling area just enough to show ``locator``; the distance counts toward ``scrolls``."""
        before = self._top()
        locator.evaluate("el => el.scrollIntoView({block: 'nearest'})")
        self.scrolled_px += abs(self._top() - before)

    def click(self, locator) -> None:
        self.reveal(locator)
        locator.click()
        self.clicks += 1

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.keys += 1

    def drag_to_bucket(self, item_id: str, column: int) -> None:
        """Drag a Ranker card with the mouse into column ``column`` (0 = the list, 1 = ``rank_1`` ...), dropped
        level with where the card was: one action, like one mouse drag."""
        card = self.page.locator(f'[data-rbd-drag-handle-draggable-id="{item_id}"]')
        self.reveal(card)
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

    def summary(self) -> dict:
        return {"actions": self.total, "clicks": self.clicks, "keys": self.keys, "drags": self.drags,
                "scrolls": self.scrolls, "screen_heights": round(self.screen_heights(), 2)}
