"""The database settings of each mode (issue 9, items 1 and 11), read by importing the settings
in a fresh process with an environment of its own (as tests/core/test_settings.py does).

- SQLite takes the write lock when a transaction begins and waits for it, in WAL mode.
- PostgreSQL hands out connections from one psycopg pool per process, sized from the
  environment, instead of keeping one connection per thread (CONN_MAX_AGE): under ASGI every
  request runs in a thread of its own, so persistent connections piled up until PostgreSQL
  refused new clients.
"""

import json
import os
import subprocess
import sys

from tests.live_asgi import ROOT

SHOW_DATABASE = (
    "import json, marketplace.settings as s; d = s.DATABASES['default']; "
    "print(json.dumps({key: d.get(key) for key in "
    "('ENGINE', 'CONN_MAX_AGE', 'CONN_HEALTH_CHECKS', 'OPTIONS')}))"
)
POSTGRESQL = {
    "DATABASE_URL": "postgres://vntx@db.example.vn:5432/vntx",
    "SECRET_KEY": "a-key-of-its-own-for-the-database-settings-test-0123456789abcdef",
    "ALLOWED_HOSTS": "vntx.example.vn",
}


def database_settings(environment: dict[str, str]) -> dict:
    result = subprocess.run(  # noqa: S603 (this interpreter, this module's code)
        [sys.executable, "-c", SHOW_DATABASE],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", ""), **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_sqlite_takes_the_write_lock_at_the_start_and_waits_in_wal_mode(tmp_path):
    assert database_settings({"VNTX_VAR_DIR": str(tmp_path)}) == {
        "ENGINE": "django.db.backends.sqlite3",
        "CONN_MAX_AGE": None,
        "CONN_HEALTH_CHECKS": None,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        },
    }


def test_postgresql_uses_a_connection_pool_and_no_persistent_connections():
    assert database_settings(POSTGRESQL) == {
        "ENGINE": "django.db.backends.postgresql",
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {"pool": {"min_size": 2, "max_size": 10, "timeout": 10}},
    }


def test_the_pool_is_sized_from_the_environment():
    sized = {
        **POSTGRESQL,
        "DATABASE_POOL_MIN_SIZE": "1",
        "DATABASE_POOL_MAX_SIZE": "6",
        "DATABASE_POOL_TIMEOUT": "4",
    }

    assert database_settings(sized)["OPTIONS"] == {
        "pool": {"min_size": 1, "max_size": 6, "timeout": 4}
    }


def test_the_smallest_pool_never_exceeds_the_largest():
    small = {**POSTGRESQL, "DATABASE_POOL_MAX_SIZE": "1"}

    assert database_settings(small)["OPTIONS"] == {
        "pool": {"min_size": 1, "max_size": 1, "timeout": 10}
    }


def test_a_pool_size_of_zero_turns_the_pool_off():
    """Then each request opens a connection and closes it at its end (e.g. behind an external
    pooler such as PgBouncer)."""
    settings = database_settings({**POSTGRESQL, "DATABASE_POOL_MAX_SIZE": "0"})

    assert (settings["CONN_MAX_AGE"], settings["OPTIONS"]) == (0, {})
