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
