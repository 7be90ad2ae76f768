"""The system's headless Chromium, driven by Playwright for Python: the review site's tests
and the screenshots in docs/ open its pages in it.

Nothing is downloaded: Playwright launches the browser of the Debian package `chromium`
(`/usr/bin/chromium`, or the path in $CHROMIUM), never one of its own builds, with a fresh
profile each time and the flags this machine needs (no sandbox as root, no GPU, no
background traffic). The CJK font the analysis extra ships is added through fontconfig,
so that Chinese text shows in screenshots even where no system font has it.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..errors import MissingDependency
from .fonts import fontconfig_file

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
INSTALL = "apt-get install chromium (Debian's package), and pip install -e '.[test]' for Playwright"


def chromium_path() -> str | None:
    """The system Chromium: $CHROMIUM, else `chromium` on the PATH, else None."""
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    return found if found and Path(found).exists() else None


def missing() -> str | None:
    """Why the browser cannot be driven here, or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return f"Playwright for Python is not installed ({INSTALL})"
    if chromium_path() is None:
        return f"no system Chromium found ({INSTALL})"
    return None


@contextmanager
def browser(width: int = 1280, height: int = 900):
    """A Playwright browser context on the system Chromium, with a fresh profile that is
    removed afterwards: `with browser() as context: page = context.new_page()`."""
    reason = missing()
    if reason:
        raise MissingDependency(reason)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="review-browser-") as tmp:
        env = dict(os.environ)
        fonts = fontconfig_file(Path(tmp))
        if fonts is not None:
            env["FONTCONFIG_FILE"] = str(fonts)
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                str(Path(tmp) / "profile"), executable_path=chromium_path(), headless=True, args=FLAGS,
                env=env, viewport={"width": width, "height": height})
            try:
                yield context
            finally:
                context.close()
