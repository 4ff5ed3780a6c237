"""Headless Chromium for the browser tests: Debian's binary, the house flags, skip or fail."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

try:
    from playwright.sync_api import Browser, sync_playwright
except ImportError as error:  # launched_chromium says why the tests cannot run
    PLAYWRIGHT_MISSING: str | None = str(error)
else:
    PLAYWRIGHT_MISSING = None

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def launched_chromium(extra_args: Sequence[str] = ()) -> Iterator[Browser]:
    """Debian's Chromium; missing, the test skips, unless CI (GRIDSTEWARD_REQUIRE_BROWSER=1)."""
    required = os.environ.get("GRIDSTEWARD_REQUIRE_BROWSER") == "1"
    reason = None
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium)"
    elif PLAYWRIGHT_MISSING:
        reason = f"playwright is not installed: {PLAYWRIGHT_MISSING}"
    if reason:
        if required:
            pytest.fail(f"GRIDSTEWARD_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=[*CHROMIUM_ARGS, *extra_args]
        )
        yield chromium
        chromium.close()
