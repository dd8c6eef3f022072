"""Saved searches and their daily digest e-mail (search/services.py, search/views_saved.py,
search.tasks.send_saved_search_digests).

Pages are read in English (/en/...); the digest e-mail is Vietnamese first (the users' working
language), with a short English note below. The engine is osmem-server (or Elasticsearch with
ELASTICSEARCH_URL), each test on its own indices (tests/search/conftest.py).
"""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from celery.exceptions import Retry
from django.core import mail, signing
from django.utils import timezone, translation

from search import engine, indexing, selectors, services, tasks
from search.models import SavedSearch
from search.queries import SearchUnavailable
from tests.factories import ListingFactory, UserFactory
from tests.search.fixtures_queries import index

pytestmark = pytest.mark.django_db

SAVED = "/en/search/saved/"
NEW = "/en/search/saved/new/"
SITE = "https://vntx.example"
CLOSED_PORT = "http://127.0.0.1:9"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def user():
    return UserFactory(full_name="Trần Thị Lan", email="lan@example.vn")


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


def saved(user, name="Nước thải", query_string="q=n%C6%B0%E1%BB%9Bc+th%E1%BA%A3i", **fields):
    return SavedSearch.objects.create(user=user, name=name, query_string=query_string, **fields)


def html(response) -> str:
    return response.content.decode()


# --- Saving ----------------------------------------------------------------------------------


def test_the_search_page_offers_to_save_the_current_search(signed_in):
    # When a signed-in user searches with a text and a filter, on page 2
    response = signed_in.get("/en/search/", {"q": "nuoc thai", "province": "ha-noi"})

    # Then the page has a "Save this search" form carrying the search without its page
    assert response.status_code == 200
    page = html(response)
    assert '<form method="post" action="/en/search/saved/new/" class="save-search__form">' in page
    assert '<input type="hidden" name="query" value="q=nuoc+thai&amp;province=ha-noi">' in page
    assert 'name="name" maxlength="100" required autocomplete="off" value="nuoc thai">' in page


def test_anonymous_visitors_are_invited_to_sign_in_to_save(client):
    response = client.get("/en/search/", {"q": "sấy"})

    assert response.status_code == 200
    page = html(response)
    assert 'action="/en/search/saved/new/"' not in page
    assert (
        '<a href="/en/accounts/login/?next=/en/search/%3Fq%3Ds%25E1%25BA%25A5y">'
        "Sign in to save this search and get an e-mail when new listings match it.</a>"
    ) in page


def test_saving_normalises_and_keeps_the_search(signed_in, user):
    # When the user saves a search whose URL has its parameters in any order, a page, a page
    # size and an unknown parameter
    response = signed_in.post(
        NEW,
        {
            "name": "  Xử lý   nước thải  ",
            "query": "?page=3&province=ha-noi&utm_source=mail&q=nuoc+thai&page_size=50&sort=newest",
        },
    )

    # Then it is saved with the normalised query string, alerts on
    assert response.status_code == 302
    assert response["Location"] == SAVED
    saved_search = SavedSearch.objects.get(user=user)
    assert saved_search.name == "Xử lý nước thải"
    assert saved_search.query_string == "q=nuoc+thai&province=ha-noi&sort=newest"
    assert saved_search.alerts_enabled is True
    assert saved_search.last_sent_at is None
    with translation.override("vi"):
        url = saved_search.get_absolute_url()
    assert url == "/search/?q=nuoc+thai&province=ha-noi&sort=newest"
    # and the list page says so
    page = html(signed_in.get(SAVED))
    assert (
        "Search saved as “Xử lý nước thải”. You will get a daily e-mail when new listings match it."
    ) in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("q=sấy&province=atlantis", "This search cannot be saved: Unknown province code."),
        ("trl_min=12", "This search cannot be saved: A TRL is a whole number from 1 to 9."),
        (
            "trl_min=7&trl_max=3",
            "This search cannot be saved: The highest TRL must not be below the lowest.",
        ),
        ("kind=everything", "This search cannot be saved: Choose offers (offer), needs (need) "),
        ("q=" + "x" * 20_001, "This search is too long to be saved."),
    ],
)
def test_an_invalid_search_is_refused_with_a_clear_error(signed_in, user, query, message):
    response = signed_in.post(NEW, {"name": "Tìm kiếm", "query": query})

    assert response.status_code == 400
    assert message in html(response)
    assert SavedSearch.objects.filter(user=user).count() == 0


def test_a_name_is_required_and_short(signed_in, user):
    response = signed_in.post(NEW, {"name": "   ", "query": "q=sấy"})
    assert response.status_code == 400
    assert "Give this search a name." in html(response)

    response = signed_in.post(NEW, {"name": "n" * 101, "query": "q=sấy"})
    assert response.status_code == 400
    assert "A name has at most 100 characters." in html(response)
    assert SavedSearch.objects.filter(user=user).count() == 0


def test_the_same_search_is_saved_once(signed_in, user):
    saved(user, name="Sấy", query_string="q=s%E1%BA%A5y")

    response = signed_in.post(NEW, {"name": "Again", "query": "q=sấy&page=2"})

    assert response.status_code == 400
    assert "You have already saved this search as “Sấy”." in html(response)
    assert SavedSearch.objects.filter(user=user).count() == 1


def test_at_most_50_saved_searches_per_user(signed_in, user):
    # Given 50 saved searches
    SavedSearch.objects.bulk_create(
        SavedSearch(user=user, name=f"S{n}", query_string=f"q=s{n}") for n in range(50)
    )

    # When the user saves a 51st
    response = signed_in.post(NEW, {"name": "One more", "query": "q=sấy"})

    # Then it is refused with the reason, and nothing is added
    assert response.status_code == 400
    assert (
        "You can keep at most 50 saved searches. Delete one you no longer need, then save this one."
    ) in html(response)
    assert SavedSearch.objects.filter(user=user).count() == 50
    # another user is not concerned
    other = UserFactory()
    assert services.saved_search_create(user=other, name="Mine", query_string="q=sấy").pk


def test_saving_needs_a_signed_in_user(client):
    response = client.post(NEW, {"name": "Sấy", "query": "q=sấy"})

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")
    assert SavedSearch.objects.count() == 0


def test_the_save_form_can_be_opened_for_a_search(signed_in):
    response = signed_in.get(NEW, {"q": "nuoc thai", "kind": "need", "province": "ha-noi"})

    assert response.status_code == 200
    page = html(response)
    assert '<li class="tag">Words: “nuoc thai”</li>' in page
    assert '<li class="tag">Technology needs only</li>' in page
    assert '<li class="tag">Province: Hà Nội City</li>' in page


# --- Managing ------------------------------------------------------------------------------


def test_the_page_lists_saved_searches_in_words(signed_in, user):
    saved(
        user,
        name="Sấy ở Hà Nội <script>alert(1)</script>",
        query_string="q=s%E1%BA%A5y&kind=offer&province=ha-noi&trl_min=5&price_max=500000000",
    )
    saved(user, name="Everything", query_string="", alerts_enabled=False)
    saved(UserFactory(), name="Someone else's")

    response = signed_in.get(SAVED)

    assert response.status_code == 200
    page = html(response)
    assert [row.saved.name for row in response.context["rows"]] == [
        "Everything",
        "Sấy ở Hà Nội <script>alert(1)</script>",
    ]
    assert "Someone else&#x27;s" not in page and "Someone else's" not in page
    assert "<script>alert(1)</script>" not in page
    assert "Sấy ở Hà Nội &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert response.context["rows"][1].description == [
        "Words: “sấy”",
        "Technology offers only",
        "Province: Hà Nội City",
        "TRL: 5–9",
        "Budget up to: 500.000.000 ₫",
    ]
    assert response.context["rows"][0].description == ["Every published listing"]
    assert (
        'href="/en/search/?q=s%E1%BA%A5y&amp;kind=offer&amp;province=ha-noi&amp;trl_min=5'
        '&amp;price_max=500000000"'
    ) in page
    assert "Daily e-mail: on" in page and "Daily e-mail: off" in page


def test_the_empty_page_says_how_to_save_a_search(signed_in):
    page = html(signed_in.get(SAVED))

    assert "No saved searches yet" in page
    assert 'href="/en/search/"' in page


def test_the_page_needs_a_signed_in_user(client):
    response = client.get(SAVED)

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/search/saved/"


def test_rename(signed_in, user):
    saved_search = saved(user)

    response = signed_in.post(
        f"{SAVED}{saved_search.pk}/rename/", {f"s{saved_search.pk}-name": " Nước  thải Hà Nội "}
    )

    assert response.status_code == 302
    saved_search.refresh_from_db()
    assert saved_search.name == "Nước thải Hà Nội"
    assert "Renamed to “Nước thải Hà Nội”." in html(signed_in.get(SAVED))

    response = signed_in.post(f"{SAVED}{saved_search.pk}/rename/", {f"s{saved_search.pk}-name": ""})
    assert response.status_code == 400
    assert "Give this search a name." in html(response)
    saved_search.refresh_from_db()
    assert saved_search.name == "Nước thải Hà Nội"


def test_delete(signed_in, user):
    saved_search = saved(user)

    response = signed_in.post(f"{SAVED}{saved_search.pk}/delete/")

    assert response.status_code == 302
    assert SavedSearch.objects.filter(pk=saved_search.pk).exists() is False
    assert "Deleted the saved search “Nước thải”." in html(signed_in.get(SAVED))


def test_turning_alerts_off_and_on(signed_in, user):
    saved_search = saved(user, last_sent_at=timezone.now() - timedelta(days=30))

    response = signed_in.post(f"{SAVED}{saved_search.pk}/alerts/", {"alerts": "off"})
    assert response.status_code == 302
    saved_search.refresh_from_db()
    assert saved_search.alerts_enabled is False

    # turned back on, the next digest starts from now (no month of backlog)
    before = timezone.now()
    signed_in.post(f"{SAVED}{saved_search.pk}/alerts/", {"alerts": "on"})
    saved_search.refresh_from_db()
    assert saved_search.alerts_enabled is True
    assert saved_search.last_sent_at >= before

    response = signed_in.post(f"{SAVED}{saved_search.pk}/alerts/", {"alerts": "maybe"})
    assert response.status_code == 302
    assert "Choose whether to turn the e-mails on or off." in html(signed_in.get(SAVED))


@pytest.mark.parametrize("action", ["rename", "delete", "alerts"])
def test_another_users_saved_search_is_not_found(signed_in, action):
    theirs = saved(UserFactory(), name="Theirs")

    response = signed_in.post(
        f"{SAVED}{theirs.pk}/{action}/", {f"s{theirs.pk}-name": "Mine now", "alerts": "off"}
    )

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert (theirs.name, theirs.alerts_enabled) == ("Theirs", True)


def test_services_refuse_another_users_saved_search(user):
    theirs = saved(UserFactory())
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.saved_search_delete(user=user, saved_search=theirs)
    with pytest.raises(PermissionDenied):
        services.saved_search_rename(user=user, saved_search=theirs, name="x")
    assert SavedSearch.objects.filter(pk=theirs.pk).exists()


def test_get_is_not_allowed_on_the_actions(signed_in, user):
    saved_search = saved(user)
    for action in ("rename", "delete", "alerts"):
        assert signed_in.get(f"{SAVED}{saved_search.pk}/{action}/").status_code == 405


# --- The daily digest ----------------------------------------------------------------------


def _listing(title: str, *, hours_ago: float, **fields):
    return ListingFactory(
        title=title, published_at=timezone.now() - timedelta(hours=hours_ago), **fields
    )


def _titles(section: str) -> list[str]:
    return re.findall(r"^- (.+)$", section, flags=re.MULTILINE)


def _vietnamese_part(body: str) -> str:
    return body.split("----------------------------------------")[0]


@pytest.fixture
def digest_world(user):
    """Two users with saved searches (made two days ago), listings published before them
    (old) and since (new), all indexed."""
    two_days_ago = timezone.now() - timedelta(days=2)
    water = _listing(
        "Xử lý nước thải dệt nhuộm bằng vi sinh",
        hours_ago=3,
        provinces=["ha-noi"],
        keywords=["nước thải"],
    )
    water_newer = _listing("Công nghệ xử lý nước thải chăn nuôi", hours_ago=1, provinces=["ha-noi"])
    water_south = _listing(
        "Xử lý nước thải thủy sản", hours_ago=2, provinces=["ho-chi-minh"], kind="need"
    )
    water_old = _listing(
        "Hệ thống xử lý nước thải sinh hoạt", hours_ago=24 * 5, provinces=["ha-noi"]
    )
    dryer = _listing("Máy sấy cà phê bằng bơm nhiệt", hours_ago=4, provinces=["dak-lak"])
    dryer_old = _listing("Máy sấy nông sản năng lượng mặt trời", hours_ago=24 * 3)
    unrelated = _listing("Vắc-xin cho gia súc", hours_ago=1)
    draft = ListingFactory(title="Bản nháp xử lý nước thải", status="draft", published_at=None)
    index(water, water_newer, water_south, water_old, dryer, dryer_old, unrelated, draft)

    other = UserFactory(full_name="Lê Văn Minh", email="minh@example.vn")
    quiet = UserFactory(email="quiet@example.vn")
    searches = {
        "water": saved(user, name="Nước thải", query_string="q=nuoc+thai"),
        "water_hanoi": saved(
            user, name="Nước thải ở Hà Nội", query_string="q=nuoc+thai&province=ha-noi"
        ),
        "dryer": saved(other, name="Máy sấy", query_string="q=m%C3%A1y+s%E1%BA%A5y"),
        "quiet": saved(quiet, name="Sấy", query_string="q=s%E1%BA%A5y", alerts_enabled=False),
        "nothing": saved(other, name="Nano", query_string="q=graphene"),
    }
    SavedSearch.objects.update(created_at=two_days_ago)
    return {
        "listings": {
            "water": water,
            "water_newer": water_newer,
            "water_south": water_south,
            "dryer": dryer,
        },
        "searches": searches,
        "other": other,
    }


def test_the_digest_lists_the_new_listings_of_each_saved_search(user, digest_world):
    # When the daily task runs
    result = tasks.send_saved_search_digests.delay().get()

    # Then each user with something new gets one e-mail for all their saved searches
    assert result["users"] == 2
    assert sorted(message.to[0] for message in mail.outbox) == [
        "lan@example.vn",
        "minh@example.vn",
    ]
    assert all(len(message.to) == 1 for message in mail.outbox)
    lan = next(message for message in mail.outbox if message.to == ["lan@example.vn"])
    minh = next(message for message in mail.outbox if message.to == ["minh@example.vn"])

    # in Vietnamese, with the count of new listings in the subject
    # 3 listings, 5 times
    assert lan.subject == "[VNTX] 3 tin công nghệ mới cho các tìm kiếm bạn đã lưu"
    assert minh.subject == "[VNTX] 1 tin công nghệ mới cho các tìm kiếm bạn đã lưu"
    body = _vietnamese_part(lan.body)
    assert body.startswith("Xin chào Trần Thị Lan,\n")

    # Each saved search lists exactly its new listings, newest first, with absolute URLs
    water_part, hanoi_part = body.split("== Nước thải ở Hà Nội ==")
    water_part = water_part.split("== Nước thải ==")[1]
    assert _titles(water_part) == [
        "Công nghệ xử lý nước thải chăn nuôi",
        "Xử lý nước thải thủy sản",
        "Xử lý nước thải dệt nhuộm bằng vi sinh",
    ]
    assert _titles(hanoi_part) == [
        "Công nghệ xử lý nước thải chăn nuôi",
        "Xử lý nước thải dệt nhuộm bằng vi sinh",
    ]
    listings = digest_world["listings"]
    assert f"  {SITE}/offers/{listings['water_newer'].pk}/\n" in water_part
    assert f"  {SITE}/needs/{listings['water_south'].pk}/\n" in water_part
    # never the listings published before the search was saved, nor drafts
    assert "Hệ thống xử lý nước thải sinh hoạt" not in lan.body
    assert "Bản nháp" not in lan.body
    # the search in words, the links to see all and to stop the e-mails, and the manage link
    assert "\nTừ khóa: “nuoc thai” · Tỉnh/thành phố: Thành phố Hà Nội\n" in hanoi_part
    assert f"{SITE}/search/?q=nuoc+thai&province=ha-noi&sort=newest" in hanoi_part
    assert f"{SITE}/search/saved/unsubscribe/" in hanoi_part
    assert f"{SITE}/search/saved/\n" in lan.body
    assert "match the searches you saved on VNTX" in lan.body  # the English note

    minh_body = _vietnamese_part(minh.body)
    assert _titles(minh_body) == ["Máy sấy cà phê bằng bơm nhiệt"]
    assert "Nano" not in minh_body  # nothing new for that one: not mentioned

    # The period covered is recorded for every search with alerts on
    searches = {
        key: SavedSearch.objects.get(pk=s.pk) for key, s in digest_world["searches"].items()
    }
    assert searches["quiet"].last_sent_at is None
    until = searches["water"].last_sent_at
    assert until is not None
    assert {s.last_sent_at for key, s in searches.items() if key != "quiet"} == {until}

    # When the task runs again, nothing is new: nothing is sent
    mail.outbox.clear()
    assert tasks.send_saved_search_digests.delay().get()["users"] == 0
    assert mail.outbox == []


def test_the_next_digest_has_only_what_was_published_since(user, digest_world):
    first_until = timezone.now() - timedelta(minutes=30)
    services.saved_search_digests_send(until=first_until)
    mail.outbox.clear()

    # Given a listing published after the first digest
    fresh = ListingFactory(title="Xử lý nước thải y tế", published_at=timezone.now())
    index(fresh)

    # When the next digest runs
    report = services.saved_search_digests_send(until=timezone.now() + timedelta(minutes=1))

    # Then the user gets only that listing, under both matching searches
    assert report.sent == {user.pk: 1}
    assert [message.to for message in mail.outbox] == [["lan@example.vn"]]
    body = _vietnamese_part(mail.outbox[0].body)
    assert _titles(body) == ["Xử lý nước thải y tế", "Xử lý nước thải y tế"]
    assert mail.outbox[0].subject == "[VNTX] 1 tin công nghệ mới cho các tìm kiếm bạn đã lưu"


def test_at_most_20_listings_per_search_then_see_all(user):
    saved_search = saved(user, name="Sấy", query_string="q=s%E1%BA%A5y")
    SavedSearch.objects.update(created_at=timezone.now() - timedelta(days=1))
    listings = [
        _listing(f"Máy sấy số {n:02d}", hours_ago=2 + n / 60, provinces=["ha-noi"])
        for n in range(23)
    ]
    index(*listings)

    services.saved_search_digests_send(until=services.digest_until())

    body = _vietnamese_part(mail.outbox[0].body)
    assert _titles(body) == [f"Máy sấy số {n:02d}" for n in range(20)]
    assert "… và 3 tin khác." in body
    assert f"{SITE}/search/?q=s%E1%BA%A5y&sort=newest" in body
    assert mail.outbox[0].subject == "[VNTX] 23 tin công nghệ mới cho các tìm kiếm bạn đã lưu"
    assert SavedSearch.objects.get(pk=saved_search.pk).last_sent_at is not None


def test_a_failed_send_is_retried_and_sent_once(user, digest_world, monkeypatch):
    # Given the mail server refuses the first message to Lan
    real_send = services.send_mail
    calls = []

    def flaky(subject, body, sender, recipients):
        calls.append(recipients)
        if recipients == ["lan@example.vn"] and calls.count(recipients) == 1:
            raise ConnectionRefusedError("smtp down")
        return real_send(subject, body, sender, recipients)

    monkeypatch.setattr(services, "send_mail", flaky)

    # When the task runs: Minh's e-mail goes, Lan's fails and the task asks to be retried
    with pytest.raises(Retry) as retry:
        tasks.send_saved_search_digests.delay()
    assert [message.to for message in mail.outbox] == [["minh@example.vn"]]
    lan_search = digest_world["searches"]["water"]
    lan_search.refresh_from_db()
    assert lan_search.last_sent_at is None  # nothing recorded for Lan
    until = retry.value.sig.kwargs["until"]

    # When the retry runs (same period): Lan gets hers, Minh nothing more
    result = tasks.send_saved_search_digests.apply(kwargs={"until": until}).get()

    assert result["users"] == 1
    assert [message.to for message in mail.outbox] == [["minh@example.vn"], ["lan@example.vn"]]
    lan_search.refresh_from_db()
    assert lan_search.last_sent_at.isoformat() == until


def test_the_digest_waits_for_the_engine(user, digest_world, settings):
    # Given the engine is unreachable
    real_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    engine.reset_client()
    try:
        # When the task runs, it asks to be retried later with a backoff, sending nothing
        with pytest.raises(Retry) as retry:
            tasks.send_saved_search_digests.delay()
        assert isinstance(retry.value.exc, SearchUnavailable)
        assert retry.value.when == 2  # seconds; doubling at each retry, up to 10 minutes
        assert mail.outbox == []
        assert SavedSearch.objects.filter(last_sent_at__isnull=False).count() == 0
    finally:
        settings.ELASTICSEARCH_URL = real_url
        engine.reset_client()

    # When the engine is back, the retry sends the digests of that day
    result = tasks.send_saved_search_digests.apply(kwargs=retry.value.sig.kwargs).get()
    assert result["users"] == 2
    assert len(mail.outbox) == 2


def test_inactive_users_and_searches_with_alerts_off_get_nothing(user, digest_world):
    SavedSearch.objects.filter(user=user).update(alerts_enabled=False)
    digest_world["other"].is_active = False
    digest_world["other"].save()

    assert tasks.send_saved_search_digests.delay().get()["users"] == 0
    assert mail.outbox == []


# --- Unsubscribing -------------------------------------------------------------------------


def _unsubscribe_path(body: str, name: str) -> str:
    section = body.split(f"== {name} ==")[1].split("\n== ")[0]
    url = re.search(rf"{re.escape(SITE)}/search/saved/unsubscribe/\S+", section).group(0)
    return urlsplit(url).path


def test_unsubscribing_from_the_e_mail_link(client, user, digest_world):
    tasks.send_saved_search_digests.delay().get()
    lan = next(message for message in mail.outbox if message.to == ["lan@example.vn"])
    path = _unsubscribe_path(_vietnamese_part(lan.body), "Nước thải ở Hà Nội")
    english = "/en" + path

    # When the reader opens the link (not signed in), the page asks to confirm
    response = client.get(english)
    assert response.status_code == 200
    page = html(response)
    assert "Stop the daily e-mails for the saved search “Nước thải ở Hà Nội”?" in page
    assert f'<form method="post" action="{english}">' in page
    hanoi = digest_world["searches"]["water_hanoi"]
    hanoi.refresh_from_db()
    assert hanoi.alerts_enabled is True  # GET changes nothing

    # When they confirm, that search's e-mails stop (and only that one's)
    response = client.post(english)
    assert response.status_code == 200
    page = html(response)
    assert "You will no longer receive e-mails for the saved search “Nước thải ở Hà Nội”." in page
    hanoi.refresh_from_db()
    assert hanoi.alerts_enabled is False
    assert SavedSearch.objects.get(pk=digest_world["searches"]["water"].pk).alerts_enabled

    # and the link keeps answering (already off)
    assert "are already off" in html(client.get(english))


def test_a_tampered_or_expired_unsubscribe_link_answers_400(client, user, monkeypatch):
    saved_search = saved(user)
    token = services.unsubscribe_token(saved_search)
    other = saved(UserFactory())

    for bad in (
        token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature changed
        signing.dumps({"s": other.pk, "u": other.user_id}, salt="another purpose"),
        token.split(":")[0] + ":" + token.split(":", 1)[1][::-1],
        "not-a-token",
    ):
        for method in (client.get, client.post):
            response = method(f"{SAVED}unsubscribe/{bad}/")
            assert response.status_code == 400
            assert "This unsubscribe link is not valid" in html(response)
    assert SavedSearch.objects.filter(alerts_enabled=False).count() == 0

    monkeypatch.setattr(selectors, "UNSUBSCRIBE_MAX_AGE", -1)
    response = client.post(f"{SAVED}unsubscribe/{token}/")
    assert response.status_code == 400
    assert "This unsubscribe link has expired" in html(response)
    saved_search.refresh_from_db()
    assert saved_search.alerts_enabled is True


def test_the_link_of_a_deleted_search_is_not_found(client, user):
    saved_search = saved(user)
    token = services.unsubscribe_token(saved_search)
    saved_search.delete()

    assert client.get(f"{SAVED}unsubscribe/{token}/").status_code == 404
    assert client.post(f"{SAVED}unsubscribe/{token}/").status_code == 404


def test_nothing_new_sends_nothing(user):
    saved(user)
    SavedSearch.objects.update(created_at=timezone.now() - timedelta(days=1))
    indexing.ensure_indices()
    report = services.saved_search_digests_send(until=services.digest_until())
    assert report.sent == {} and report.failed == []
