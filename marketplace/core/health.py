"""Health checks behind GET /healthz (spec/api.md). Each check returns (ok, detail).

The ground floor's own parts (database, channel layer, broker) are checked here; every other
part registers its check with `register_check` from its AppConfig.ready() (search does), so
this module never imports the packages it reports on.
"""

import uuid
from collections.abc import Callable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import connection

Check = Callable[[], tuple[bool, str]]


def check_database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure is "down"
        return False, f"{type(exc).__name__}: {exc}"[:200]
    return True, connection.vendor


def check_channels() -> tuple[bool, str]:
    """Sends one message to a fresh channel and reads it back through the layer."""
    layer = get_channel_layer()
    if layer is None:
        return False, "no channel layer configured"
    try:
        channel = async_to_sync(layer.new_channel)("healthz.")
        probe = uuid.uuid4().hex
        async_to_sync(layer.send)(channel, {"type": "healthz", "probe": probe})
        message = async_to_sync(layer.receive)(channel)
    except Exception as exc:  # noqa: BLE001
        return False, f"{type(exc).__name__}: {exc}"[:200]
    if message.get("probe") != probe:
        return False, "channel layer returned another message"
    return True, type(layer).__name__


def check_broker() -> tuple[bool, str]:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return True, "eager (tasks run inline)"
    from celery import current_app as app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=3)
    except Exception as exc:  # noqa: BLE001
        return False, f"{type(exc).__name__}: {exc}"[:200]
    return True, app.conf.broker_url.split("://", 1)[0]


CHECKS: dict[str, Check] = {
    "database": check_database,
    "channels": check_channels,
    "broker": check_broker,
}


def register_check(name: str, check: Check) -> None:
    """Adds a part's check to /healthz (called from the part's AppConfig.ready())."""
    CHECKS[name] = check


def run_health_checks() -> tuple[int, dict]:
    """(HTTP status, body): 200 while the database answers, 503 when it does not."""
    results = {}
    for name, check in CHECKS.items():
        ok, detail = check()
        results[name] = {"status": "ok" if ok else "down", "detail": detail}
    all_ok = all(result["status"] == "ok" for result in results.values())
    status_code = 200 if results["database"]["status"] == "ok" else 503
    return status_code, {"status": "ok" if all_ok else "degraded", "checks": results}
