"""Browser tests: Debian's Chromium driven by Playwright against a live server.

Playwright's sync API runs an event loop in the test's thread, so Django's async-safety guard
would refuse ORM calls made by the test itself; DJANGO_ALLOW_ASYNC_UNSAFE lifts it for these
tests only (the server under test runs in its own thread, untouched).
"""

import contextlib
import os

import pytest
from playwright.sync_api import Error as PlaywrightError
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


# Reports every Content-Security-Policy violation of every document and frame to the test
# (the binding is Playwright's, so the page's own policy does not block it).
CSP_VIOLATION_REPORTER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__vntxCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline code"}`
    + ` at ${event.sourceFile || document.location.href}:${event.lineNumber}`
    + (event.sample ? ` (${event.sample})` : "")
  );
});
"""


def _is_csp_console_message(text: str) -> bool:
    return text.startswith("Refused to") or "Content Security Policy" in text


@pytest.fixture
def csp_violations() -> list[str]:
    """The Content-Security-Policy violations the test's pages caused, as Chromium reported
    them (the securitypolicyviolation events and the console's "Refused to ..." lines). The
    page fixture fails the test when any is left; a test that provokes one on purpose reads
    and clears this list."""
    return []


@pytest.fixture
def page(browser, live_server, reference_data, csp_violations):
    """A fresh browser tab on the live server. live_server makes the test transactional, and
    the flush after each such test drops the data migrations' rows: reference_data puts them
    back. (serialized_rollback cannot do it here: once Playwright's event loop runs in this
    thread, Django sees an async context and another connection object without the
    serialized copy.)

    Every page the test opens must run without a Content-Security-Policy violation."""
    context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    context.expose_function("__vntxCspViolation", lambda report: csp_violations.append(report))
    context.add_init_script(CSP_VIOLATION_REPORTER)
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            csp_violations.append(f"console: {message.text}")
            if _is_csp_console_message(message.text)
            else None
        ),
    )
    page.set_default_timeout(15000)
    yield page
    settle_csp_reports(page)
    context.close()
    if csp_violations:
        pytest.fail(
            "Content-Security-Policy violations:\n" + "\n".join(csp_violations), pytrace=False
        )


def settle_csp_reports(page) -> None:
    """Lets the reports of the current document reach the test: the violation events are
    queued as tasks of the page, and each report is a round trip to Playwright."""
    if page.is_closed():
        return
    # A page that is navigating away has nothing more to report.
    with contextlib.suppress(PlaywrightError):
        page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 50))")
