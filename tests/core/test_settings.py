"""The settings fail closed: in production mode (a production variable set, or DEBUG false)
they refuse the embedded SECRET_KEY and an empty ALLOWED_HOSTS with one line saying what to set,
and importing them creates no folder. Each case imports the settings in a fresh process with an
environment of its own (nothing inherited but PATH)."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EMBEDDED_KEY = "embedded-insecure-key-for-local-demo-only-5d1f0c7e9b2a4e31"
# Read from docker-compose.yml, so that the test notices when the two drift apart.
COMPOSE_KEY = re.search(
    r"SECRET_KEY: \$\{SECRET_KEY:-([^}]+)\}", (ROOT / "docker-compose.yml").read_text()
).group(1)
OWN_KEY = "a-key-of-its-own-for-the-settings-test-0123456789abcdefghijklmnopqrstuvwxyz"
PRODUCTION = {
    "DATABASE_URL": "postgres://vntx@db.example.vn:5432/vntx",
    "REDIS_URL": "redis://redis.example.vn:6379/0",
    "ELASTICSEARCH_URL": "http://search.example.vn:9200",
    "DEBUG": "false",
}
SHOW_SETTINGS = (
    "import json, marketplace.settings as s; print(json.dumps({'debug': s.DEBUG, "
    "'production_mode': s.PRODUCTION_MODE, 'secret_key': s.SECRET_KEY, "
    "'allowed_hosts': s.ALLOWED_HOSTS}))"
)
KEY_HINT = "to a long random string (python -c 'import secrets; print(secrets.token_urlsafe(64))')."


def import_settings(environment: dict[str, str], code: str = SHOW_SETTINGS):
    return subprocess.run(  # noqa: S603 (this interpreter, this module's code)
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", ""), **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )


def refusal(result) -> str:
    """The one line of the refusal: the last line of the traceback, without the class name."""
    assert result.returncode != 0, result.stdout
    last = result.stderr.strip().splitlines()[-1]
    prefix = "django.core.exceptions.ImproperlyConfigured: "
    assert last.startswith(prefix), result.stderr
    return last.removeprefix(prefix)


def test_with_no_variable_the_embedded_defaults_start():
    result = import_settings({})

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "debug": True,
        "production_mode": False,
        "secret_key": EMBEDDED_KEY,
        "allowed_hosts": ["127.0.0.1", "localhost", "testserver"],
    }


@pytest.mark.parametrize(
    ("variable", "reason"),
    [
        ("DATABASE_URL", "DATABASE_URL is set"),
        ("REDIS_URL", "REDIS_URL is set"),
        ("ELASTICSEARCH_URL", "ELASTICSEARCH_URL is set"),
        ("DEBUG", "DEBUG is false"),
    ],
)
def test_a_production_variable_without_secret_key_is_refused(variable, reason):
    result = import_settings({variable: PRODUCTION[variable]})

    assert refusal(result) == (
        f"SECRET_KEY is not set: production mode ({reason}) needs a secret key of its own; "
        f"set SECRET_KEY {KEY_HINT}"
    )


@pytest.mark.parametrize(
    ("key", "problem", "where"),
    [
        (EMBEDDED_KEY, "SECRET_KEY is the embedded demo key", "set SECRET_KEY"),
        (
            COMPOSE_KEY,
            "SECRET_KEY is the placeholder of docker-compose.yml",
            "set SECRET_KEY in .env",
        ),
    ],
    ids=["embedded", "compose-placeholder"],
)
def test_the_embedded_key_and_the_compose_placeholder_are_refused(key, problem, where):
    result = import_settings(
        {"DATABASE_URL": PRODUCTION["DATABASE_URL"], "SECRET_KEY": key, "ALLOWED_HOSTS": "a.vn"}
    )

    assert refusal(result) == (
        f"{problem}: production mode (DATABASE_URL is set) needs a secret key of its own; "
        f"{where} {KEY_HINT}"
    )


@pytest.mark.parametrize("allowed_hosts", [None, ""], ids=["unset", "empty"])
def test_production_mode_without_allowed_hosts_is_refused(allowed_hosts):
    environment = {"DEBUG": "false", "REDIS_URL": PRODUCTION["REDIS_URL"], "SECRET_KEY": OWN_KEY}
    if allowed_hosts is not None:
        environment["ALLOWED_HOSTS"] = allowed_hosts

    assert refusal(import_settings(environment)) == (
        "ALLOWED_HOSTS is not set: production mode (REDIS_URL is set, DEBUG is false) answers "
        "only the host names it is given; set ALLOWED_HOSTS to the site's host names, "
        "comma-separated (e.g. vntx.example.vn)."
    )


def test_production_mode_with_everything_set_starts():
    result = import_settings(
        {**PRODUCTION, "SECRET_KEY": OWN_KEY, "ALLOWED_HOSTS": "vntx.example.vn, www.vntx.vn"}
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "debug": False,
        "production_mode": True,
        "secret_key": OWN_KEY,
        "allowed_hosts": ["vntx.example.vn", "www.vntx.vn"],
    }


def test_importing_the_settings_creates_no_folder_loading_the_apps_creates_the_embedded_ones(
    tmp_path,
):
    var_dir = tmp_path / "var"
    code = (
        "import json, os, django, marketplace.settings\n"
        "var = os.environ['VNTX_VAR_DIR']\n"
        "after_import = os.path.exists(var)\n"
        "django.setup()\n"
        "print(json.dumps([after_import, sorted(os.listdir(var))]))\n"
    )
    result = import_settings(
        {"VNTX_VAR_DIR": str(var_dir), "DJANGO_SETTINGS_MODULE": "marketplace.settings"}, code
    )

    assert result.returncode == 0, result.stderr
    # Not at import; at app loading the SQLite database's folder, and STATIC_ROOT (WhiteNoise
    # warns without it); the database file itself only once something connects.
    assert json.loads(result.stdout) == [False, ["static"]]
