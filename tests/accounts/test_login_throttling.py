"""Log-in throttling: failed log-ins are limited per account (strict) and per client address
(generous, since an office, a campus or a mobile carrier puts many people behind one address),
a refused attempt answers 429 Too Many Requests with Retry-After, and behind the production
stack's TLS proxy the client address comes from X-Forwarded-For."""

import re
import time

import pytest
from django.core import mail
from django.test import Client

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = "/en/accounts/login/"
WRONG_PASSWORD = "sai-mat-khau"
ACCOUNT_A = "a.nguyen@example.vn"
ACCOUNT_B = "b.tran@example.vn"
NEW_PASSWORD = "Sen-hồng-Tháp-Mười-77"
RESET_LINK_RE = re.compile(r"https?://testserver(/en/accounts/password/reset/key/[^/\s]+/)")
LOCKED_TEXT = "Too many failed login attempts. Try again later."


class Clock:
    """time.time() frozen at `now`: allauth's rate limits, the adapter and the cache read it."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock(1_800_000_000.0)
    monkeypatch.setattr(time, "time", clock)
    return clock


def log_in(client, email, password, **headers):
    return client.post(LOGIN_URL, {"login": email, "password": password}, headers=headers)


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_limits_are_strict_per_account_and_generous_per_address(settings):
    assert settings.ACCOUNT_RATE_LIMITS["login_failed"] == "10/15m/key,30/m/ip"
    assert settings.ACCOUNT_RATE_LIMITS["login"] == "60/m/ip"
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == 0


def test_the_eleventh_attempt_on_an_account_is_refused_with_429_and_retry_after(client, clock):
    UserFactory(email=ACCOUNT_A)
    for _attempt in range(10):
        response = log_in(client, ACCOUNT_A, WRONG_PASSWORD)
        assert response.status_code == 200
        assert response.context["form"].non_field_errors() == [
            "The email address and/or password you specified are not correct."
        ]

    # Even the right password: a guesser must not learn that it found it.
    response = log_in(client, ACCOUNT_A, TEST_PASSWORD)

    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert LOCKED_TEXT in response.content.decode()
    assert is_logged_in(client) is False


def test_another_accounts_right_password_from_the_same_address_still_logs_in(client, clock):
    UserFactory(email=ACCOUNT_A)
    UserFactory(email=ACCOUNT_B)
    for _attempt in range(11):
        log_in(client, ACCOUNT_A, WRONG_PASSWORD)
    assert log_in(client, ACCOUNT_A, TEST_PASSWORD).status_code == 429

    response = log_in(client, ACCOUNT_B, TEST_PASSWORD)

    assert response.status_code == 302
    assert is_logged_in(client) is True


@pytest.mark.parametrize(
    "limits", ["10/15m/key,30/m/ip", "30/m/ip,10/15m/key"], ids=["account first", "address first"]
)
def test_hammering_a_locked_account_does_not_use_up_its_address(client, clock, settings, limits):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": limits}
    UserFactory(email=ACCOUNT_B)
    for _attempt in range(10):
        log_in(client, ACCOUNT_A, WRONG_PASSWORD)
    # 20 more refused attempts: counted against the address they would exhaust it (10 + 20).
    statuses = [log_in(client, ACCOUNT_A, WRONG_PASSWORD).status_code for _attempt in range(20)]
    assert statuses == [429] * 20

    assert log_in(client, ACCOUNT_B, TEST_PASSWORD).status_code == 302


def test_retry_after_counts_from_the_oldest_failure_and_the_lock_lifts(client, clock):
    UserFactory(email=ACCOUNT_A)
    log_in(client, ACCOUNT_A, WRONG_PASSWORD)
    clock.now += 100
    for _attempt in range(9):
        log_in(client, ACCOUNT_A, WRONG_PASSWORD)

    response = log_in(client, ACCOUNT_A, TEST_PASSWORD)
    assert response.status_code == 429
    assert response["Retry-After"] == "800"

    clock.now += 800
    response = log_in(client, ACCOUNT_A, TEST_PASSWORD)
    assert response.status_code == 302
    assert is_logged_in(client) is True


def test_thirty_failures_from_one_address_pause_its_log_ins_for_a_minute(client, clock):
    UserFactory(email=ACCOUNT_B)
    statuses = [
        log_in(client, f"khach{n}@example.vn", WRONG_PASSWORD).status_code for n in range(30)
    ]
    assert statuses == [200] * 30

    response = log_in(client, ACCOUNT_B, TEST_PASSWORD)

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert is_logged_in(client) is False


def test_behind_a_trusted_proxy_each_client_address_is_throttled_on_its_own(
    client, clock, settings
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    UserFactory(email=ACCOUNT_B)
    # The proxy appends the address it saw to what the client sent: the last one is trusted.
    attacker = {"X-Forwarded-For": "198.51.100.1, 203.0.113.7"}
    neighbour = {"X-Forwarded-For": "198.51.100.1, 203.0.113.8"}
    for n in range(30):
        log_in(client, f"khach{n}@example.vn", WRONG_PASSWORD, **attacker)

    refused = log_in(client, ACCOUNT_B, TEST_PASSWORD, **attacker)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert log_in(client, ACCOUNT_B, TEST_PASSWORD, **neighbour).status_code == 302


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(client, clock):
    # Otherwise a client would escape the per-address limit by sending a new address each time.
    UserFactory(email=ACCOUNT_B)
    for n in range(30):
        log_in(client, f"khach{n}@example.vn", WRONG_PASSWORD, **{"X-Forwarded-For": f"10.0.0.{n}"})

    response = log_in(client, ACCOUNT_B, TEST_PASSWORD, **{"X-Forwarded-For": "10.0.1.1"})

    assert response.status_code == 429
    assert response["Retry-After"] == "60"


def test_a_password_reset_lifts_the_accounts_lock(client, clock):
    UserFactory(email=ACCOUNT_A)
    for _attempt in range(10):
        log_in(client, ACCOUNT_A, WRONG_PASSWORD)
    assert log_in(client, ACCOUNT_A, TEST_PASSWORD).status_code == 429

    client.post("/en/accounts/password/reset/", {"email": ACCOUNT_A})
    link = RESET_LINK_RE.search(mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    response = log_in(client, ACCOUNT_A, NEW_PASSWORD)
    assert response.status_code == 302
    assert is_logged_in(client) is True


def test_sixty_log_ins_a_minute_from_one_address_are_served_then_paused(client, clock):
    UserFactory(email=ACCOUNT_B)
    statuses = [log_in(Client(), ACCOUNT_B, TEST_PASSWORD).status_code for _n in range(60)]
    assert statuses == [302] * 60

    response = log_in(client, ACCOUNT_B, TEST_PASSWORD)

    assert response.status_code == 429
    assert "Be patient, you are sending too many requests." in response.content.decode()
