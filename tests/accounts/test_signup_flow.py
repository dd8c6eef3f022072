"""Sign-up, e-mail verification, log-in and password reset through the real
django-allauth views (English pages under /en/accounts/, Vietnamese under /accounts/)."""

import re
import time
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.core import mail, signing

from marketplace.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SIGNUP_URL = "/en/accounts/signup/"
LOGIN_URL = "/en/accounts/login/"
VERIFICATION_SENT_URL = "/en/accounts/confirm-email/"
CONFIRM_LINK_RE = re.compile(r"https?://testserver(/en/accounts/confirm-email/[^/\s]+/)")
RESET_LINK_RE = re.compile(r"https?://testserver(/en/accounts/password/reset/key/[^/\s]+/)")
GOOD_PASSWORD = "Lúa-vàng-Đồng-Tháp-2026"
INVALID_LINK_TEXT = "This email confirmation link expired or is invalid."


def sign_up(client, email="nguyen.thi.hoa@example.vn", password=GOOD_PASSWORD, **extra):
    data = {
        "email": email,
        "full_name": "Nguyễn Thị Hoa",
        "password1": password,
        "password2": password,
        **extra,
    }
    return client.post(SIGNUP_URL, data)


def confirmation_path(message) -> str:
    match = CONFIRM_LINK_RE.search(message.body)
    assert match, message.body
    return match.group(1)


def html_of(response) -> str:
    return response.content.decode()


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


# --- sign-up and verification ---------------------------------------------------------------


def test_signup_pages_are_served_in_both_languages(client):
    vietnamese = client.get("/accounts/signup/")
    english = client.get(SIGNUP_URL)
    assert (vietnamese.status_code, english.status_code) == (200, 200)
    assert (vietnamese["Content-Language"], english["Content-Language"]) == ("vi", "en")
    for response in (vietnamese, english):
        assert set(response.context["form"].fields) >= {
            "email",
            "full_name",
            "password1",
            "password2",
        }


def test_signup_sends_one_verification_email_and_keeps_the_user_logged_out(client):
    # Given a visitor
    # When they sign up with an e-mail, a full name and a good password
    response = sign_up(client, email="Nguyen.Thi.Hoa@Example.VN")
    # Then they are sent to the "verification sent" page, not logged in
    assert response.status_code == 302
    assert response["Location"] == VERIFICATION_SENT_URL
    assert is_logged_in(client) is False
    # And the account exists with the full name and an unverified address
    user = User.objects.get()
    assert (user.email, user.full_name) == ("nguyen.thi.hoa@example.vn", "Nguyễn Thị Hoa")
    assert user.check_password(GOOD_PASSWORD) is True
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == (
        "nguyen.thi.hoa@example.vn",
        False,
        True,
    )
    # And exactly one e-mail with the confirmation link went to that address
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nguyen.thi.hoa@example.vn"]
    assert mail.outbox[0].subject.startswith("[VNTX] ")
    assert confirmation_path(mail.outbox[0]).startswith("/en/accounts/confirm-email/")


def test_the_whole_verification_flow(client):
    # Given a fresh sign-up
    sign_up(client)
    path = confirmation_path(mail.outbox[0])
    client.logout()
    # When the user tries to log in before verifying
    response = client.post(
        LOGIN_URL, {"login": "nguyen.thi.hoa@example.vn", "password": GOOD_PASSWORD}
    )
    # Then log-in is refused: they land on the "verification sent" page, still logged out
    assert response.status_code == 302
    assert response["Location"] == VERIFICATION_SENT_URL
    assert is_logged_in(client) is False
    # When they open the link, they see a confirmation form (GET never confirms)
    page = client.get(path)
    assert page.status_code == 200
    assert "nguyen.thi.hoa@example.vn" in page.content.decode()
    assert page.context["can_confirm"] is True
    assert f'action="{path}"' in html_of(page)
    assert EmailAddress.objects.get().verified is False
    # When they submit the form
    confirmed = client.post(path)
    # Then the address is verified and they are logged in
    assert confirmed.status_code == 302
    assert EmailAddress.objects.get().verified is True
    assert is_logged_in(client) is True
    assert int(client.session["_auth_user_id"]) == User.objects.get().pk
    # And a later log-in with the password works
    client.logout()
    response = client.post(
        LOGIN_URL, {"login": "nguyen.thi.hoa@example.vn", "password": GOOD_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/profile/"
    assert is_logged_in(client) is True


def test_a_used_confirmation_link_shows_the_invalid_link_page(client):
    # Given an address confirmed through its link
    sign_up(client)
    path = confirmation_path(mail.outbox[0])
    client.post(path)
    client.logout()
    # When the link is opened again
    response = client.get(path)
    # Then the page explains that the link is invalid, with a way to ask for a new one
    assert response.status_code == 200
    assert response.context["confirmation"] is None
    assert INVALID_LINK_TEXT in response.content.decode()
    # And submitting it again is a 404, never a 500
    assert client.post(path).status_code == 404


def test_a_forged_confirmation_key_shows_the_invalid_link_page(client):
    response = client.get("/en/accounts/confirm-email/not-a-real-key/")
    assert response.status_code == 200
    assert INVALID_LINK_TEXT in response.content.decode()
    assert client.post("/en/accounts/confirm-email/not-a-real-key/").status_code == 404


def _key_signed_days_ago(address: EmailAddress, days: float) -> str:
    """A confirmation key as allauth builds it, with its timestamp moved `days` back."""
    from allauth.account.models import EmailConfirmationHMAC

    past = signing.b62_encode(int(time.time() - days * 24 * 3600))
    with mock.patch.object(signing.TimestampSigner, "timestamp", return_value=past):
        return EmailConfirmationHMAC(address).key


def test_an_expired_confirmation_link_is_refused(client, settings):
    # Given a sign-up whose confirmation key is older than ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS
    assert settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS == 3
    sign_up(client)
    client.logout()
    address = EmailAddress.objects.get()
    key = _key_signed_days_ago(address, days=3.1)
    # When the link is opened
    response = client.get(f"/en/accounts/confirm-email/{key}/")
    # Then the page says the link expired or is invalid, and submitting it is a 404
    assert response.status_code == 200
    assert INVALID_LINK_TEXT in response.content.decode()
    assert client.post(f"/en/accounts/confirm-email/{key}/").status_code == 404
    address.refresh_from_db()
    assert address.verified is False


def test_a_confirmation_link_inside_its_validity_still_works(client):
    sign_up(client)
    client.logout()
    address = EmailAddress.objects.get()
    key = _key_signed_days_ago(address, days=2.9)
    response = client.get(f"/en/accounts/confirm-email/{key}/")
    assert response.context["can_confirm"] is True
    client.post(f"/en/accounts/confirm-email/{key}/")
    address.refresh_from_db()
    assert address.verified is True


# --- bad sign-ups ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("12345678", "This password is entirely numeric."),
        ("12345678", "This password is too common."),
        ("Ab1-xy", "This password is too short. It must contain at least 8 characters."),
        ("nguyen.thi.hoa@example.vn", "The password is too similar to the e-mail address."),
        ("password", "This password is too common."),
    ],
)
def test_weak_passwords_are_rejected_with_the_reason(client, password, message):
    # When a visitor signs up with a weak password
    response = sign_up(client, password=password)
    # Then the form is shown again with Django's validator message and no account exists
    assert response.status_code == 200
    assert message in response.context["form"].errors["password1"]
    assert message in response.content.decode().replace("&#x27;", "'")
    assert User.objects.count() == 0
    assert len(mail.outbox) == 0


def test_mismatched_passwords_are_rejected(client):
    response = client.post(
        SIGNUP_URL,
        {
            "email": "a@example.vn",
            "full_name": "A",
            "password1": GOOD_PASSWORD,
            "password2": GOOD_PASSWORD + "x",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password2"] == [
        "You must type the same password each time."
    ]
    assert User.objects.count() == 0


def test_full_name_is_required(client):
    response = sign_up(client, full_name="")
    assert response.status_code == 200
    assert response.context["form"].errors["full_name"] == ["This field is required."]
    assert User.objects.count() == 0


def test_duplicate_email_signup_is_refused_without_revealing_the_account(client):
    # Given an existing account
    UserFactory(email="da.co@example.vn")
    # When someone signs up with the same address in another case
    response = sign_up(client, email="Da.Co@example.vn")
    # Then no second account is created and nobody is logged in; the page is the same as for
    # a new sign-up (allauth prevents account enumeration)
    assert response.status_code == 302
    assert response["Location"] == VERIFICATION_SENT_URL
    assert User.objects.count() == 1
    assert EmailAddress.objects.count() == 1
    assert is_logged_in(client) is False
    # And the owner of the address is told by e-mail, with a password-reset link, not a
    # confirmation link
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["da.co@example.vn"]
    assert "an account using that email address already exists" in message.body
    assert "/en/accounts/password/reset/" in message.body
    assert CONFIRM_LINK_RE.search(message.body) is None


# --- log-in ---------------------------------------------------------------------------------


def test_login_with_a_wrong_password_shows_a_form_error(client):
    UserFactory(email="an@example.vn")
    response = client.post(LOGIN_URL, {"login": "an@example.vn", "password": "sai-mat-khau"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "The email address and/or password you specified are not correct."
    ]
    assert is_logged_in(client) is False


# Throttling of failed log-ins (per account, per address, 429): test_login_throttling.py.


# --- password reset -------------------------------------------------------------------------


def test_password_reset_link_works_once(client):
    # Given a verified user who forgot the password
    user = UserFactory(email="em@example.vn")
    # When they ask for a reset
    response = client.post("/en/accounts/password/reset/", {"email": "EM@example.vn"})
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/password/reset/done/"
    # Then one e-mail with a reset link goes to their address
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["em@example.vn"]
    match = RESET_LINK_RE.search(mail.outbox[0].body)
    assert match, mail.outbox[0].body
    link = match.group(1)
    # When they open it, they are sent on to the set-password form
    opened = client.get(link)
    assert opened.status_code == 302
    form_url = opened["Location"]
    assert form_url.endswith("-set-password/")
    assert client.get(form_url).context["form"] is not None
    # And setting a new password works
    new_password = "Sen-hồng-Tháp-Mười-77"
    done = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert done.status_code == 302
    assert done["Location"] == "/en/accounts/password/reset/key/done/"
    user.refresh_from_db()
    assert user.check_password(new_password) is True
    # When the same link is opened again, it is refused and the password stays
    client.logout()
    again = client.get(link)
    assert again.status_code == 200
    assert again.context["token_fail"] is True
    assert "The password reset link was invalid" in again.content.decode()
    user.refresh_from_db()
    assert user.check_password(new_password) is True


def test_password_reset_for_an_unknown_address_sends_nothing_revealing(client):
    response = client.post("/en/accounts/password/reset/", {"email": "nobody@example.vn"})
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/password/reset/done/"
    assert all("password/reset/key" not in message.body for message in mail.outbox)
