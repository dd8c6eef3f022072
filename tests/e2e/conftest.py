"""Browser tests: Debian's Chromium driven by Playwright against a live server.

Playwright's sync API runs an event loop in the test's thread, so Django's async-safety guard
would refuse ORM calls made by the test itself; DJANGO_ALLOW_ASYNC_UNSAFE lifts it for these
tests only (the server under test runs in its own thread, untouched).
"""

import os

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("VNTX_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: apt-get install chromium")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(browser, live_server, reference_data):
    """A fresh browser tab on the live server. live_server makes the test transactional, and
    the flush after each such test drops the data migrations' rows: reference_data puts them
    back. (serialized_rollback cannot do it here: once Playwright's event loop runs in this
    thread, Django sees an async context and another connection object without the
    serialized copy.)"""
    context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()
