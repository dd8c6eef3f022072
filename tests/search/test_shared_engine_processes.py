"""One embedded engine per machine, seen from real processes: a site served by a real ASGI
server (tests/live_asgi.py) and management commands run beside it, on one SQLite file
database and one state folder. A CLI import becomes searchable on the running site,
`search_index --check` checks the index that site searches, and a killed engine comes back
with what was written during the outage.
"""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.utils import translation

from search import engine
from tests.live_asgi import ROOT, asgi_server, server_environment

# The command's messages, as the catalogue translates them (kept out of the catalogue's
# extraction: these are the command's strings, not the test's).
translated = translation.gettext

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not engine.uses_embedded_engine(), reason="the embedded engine only"),
    # These processes serve a SQLite file of their own whatever the suite's database is, so a
    # run on PostgreSQL would repeat the embedded-defaults run exactly (about a minute of CI).
    pytest.mark.skipif(
        bool(os.environ.get("DATABASE_URL")),
        reason="independent of DATABASE_URL: runs in the suite on the embedded defaults",
    ),
]

OFFER = {
    "kind": "offer",
    "external_id": "shared-engine-0001",
    "exchange": "danang",
    "organisation": {
        "name": "Viện Nghiên cứu Hải sản Miền Trung",
        "kind": "research_institute",
        "tax_code": "0401234567",
        "province": "da-nang",
    },
    "language": "vi",
    "title": "Chế phẩm vi sinh xử lý nước ao nuôi tôm thẻ chân trắng",
    "summary": "Chế phẩm vi sinh giảm khí độc NH3 và H2S trong ao nuôi tôm.",
    "description": "Chủng Bacillus chọn lọc, dùng định kỳ bảy ngày một lần.",
    "sectors": ["401"],
    "keywords": ["vi sinh", "nuôi tôm"],
    "trl": 7,
    "cooperation": ["licence"],
    "provinces": ["da-nang"],
}


def manage(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=server_environment(env),
        capture_output=True,
        text=True,
        timeout=300,
        check=check,
    )


def search_titles(base_url: str, query: str) -> list[str]:
    url = f"{base_url}/api/v1/search/?" + urllib.parse.urlencode({"q": query})
    request = urllib.request.Request(url, headers={"Accept-Language": "vi"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - test server
        assert response.status == 200
        return [result["title"] for result in json.load(response)["results"]]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A migrated file database and a state folder of its own (migrated once: it takes most of
    the time); the engine that the processes start is stopped after each test (it is
    detached: it would outlive them)."""
    env = {"VNTX_VAR_DIR": str(tmp_path_factory.mktemp("site"))}
    manage(env, "migrate", "--noinput", "-v", "0")
    return env


@pytest.fixture
def state(site):
    """The site's state folder, with no engine running before and after the test."""
    manage(site, "search_index", "--stop-engine")
    yield Path(site["VNTX_VAR_DIR"])
    manage(site, "search_index", "--stop-engine")


def offer_lines(folder: Path, external_id: str, title: str) -> Path:
    lines = folder / f"{external_id}.jsonl"
    offer = OFFER | {"external_id": external_id, "title": title}
    lines.write_text(json.dumps(offer, ensure_ascii=False) + "\n", encoding="utf-8")
    return lines


def test_a_cli_import_is_searchable_on_the_running_site_and_check_sees_that_index(site, state):
    title = "Chế phẩm vi sinh xử lý nước ao nuôi tôm thẻ chân trắng"
    lines = offer_lines(state, "shared-engine-0001", title)
    with asgi_server(site) as base_url:
        # Given a running site whose search has started the machine's engine
        assert search_titles(base_url, "vi sinh ao tôm") == []
        record = json.loads((state / "search-engine.json").read_text())

        # When a management command imports an offer
        imported = manage(site, "import_listings", str(lines))
        assert imported.stdout.strip() == "created 1, updated 0, unchanged 0, rejected 0"

        # Then the running site finds it, in the same engine
        assert search_titles(base_url, "vi sinh ao tôm") == [title]
        assert json.loads((state / "search-engine.json").read_text()) == record
        # and --check compares the database with the index the site uses
        checked = manage(site, "search_index", "--check")
        counts = "%(kind)s: %(database)s published in the database, %(indexed)s in the index"
        matches = "The index matches the database."
        with translation.override("vi"):  # the commands speak the site's default language
            assert checked.stdout.splitlines() == [
                translated(counts) % {"kind": "offers", "database": 1, "indexed": 1},
                translated(counts) % {"kind": "needs", "database": 0, "indexed": 0},
                translated(matches),
            ]


def test_a_killed_engine_comes_back_with_the_import_made_during_the_outage(site, state):
    title = "Màng lọc sinh học tuần hoàn nước cho trại giống tôm"
    lines = offer_lines(state, "shared-engine-0002", title)
    with asgi_server(site) as base_url:
        # Given a running site, and its engine killed
        assert search_titles(base_url, "màng lọc trại giống") == []
        pid = json.loads((state / "search-engine.json").read_text())["pid"]
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while engine._process_alive(pid):
            assert time.monotonic() < deadline, f"engine {pid} still alive"
            time.sleep(0.05)

        # When an offer is imported during the outage (no engine to write to: no error)
        imported = manage(site, "import_listings", str(lines))
        assert imported.returncode == 0, imported.stderr

        # Then the site's next search restarts the engine, filled from the database
        assert search_titles(base_url, "màng lọc trại giống") == [title]
        assert json.loads((state / "search-engine.json").read_text())["pid"] != pid
