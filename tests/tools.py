"""What the tests that need outside tools share: skip without the tool, but fail under CI; the browser.

A test that needs npm, Jupyter Book, Playwright or chromium skips with a reason when the tool is missing,
except when the environment variable CI is set: CI must really run it. A CI job that says
COURSEKIT_BROWSER=off leaves the browser to another job (the fork workflow's container job).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

#: The chromium the browser tests drive (a browser is never downloaded): COURSEKIT_CHROMIUM, or Debian's.
CHROMIUM = Path(os.environ.get("COURSEKIT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",  # chromium's sandbox refuses to run as root
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def in_ci() -> bool:
    """Whether the environment variable CI is set (to anything but 0, false or no)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require(available: bool, reason: str, browser: bool = False) -> None:
    """Skip when ``available`` is false, but fail under CI, which must run the test (a browser test only if
    this CI job runs the browser: COURSEKIT_BROWSER=off says another job does)."""
    if available:
        return
    browser_elsewhere = browser and os.environ.get("COURSEKIT_BROWSER", "").strip().lower() == "off"
    if in_ci() and not browser_elsewhere:
        pytest.fail(f"{reason}, and CI is set: this test must run in CI")
    pytest.skip(reason)


@contextlib.contextmanager
def chromium():
    """The system's chromium driven by Playwright (a fresh profile); skips (or fails under CI) without them."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    require(sync_playwright is not None, "Playwright is not installed (make test EXTRAS=dev,browser installs it)",
            browser=True)
    require(CHROMIUM.is_file(), f"{CHROMIUM} is missing (apt-get install chromium, or set COURSEKIT_CHROMIUM)",
            browser=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
