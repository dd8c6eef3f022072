"""The Django admin never writes a listing itself: it is read-only for listings, and its
actions call listings.services (rules, history and change event included)."""

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext

from listings.models import Listing, ListingStatusChange
from marketplace.accounts.models import Organisation
from tests.factories import ListingFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_a_listing_cannot_be_added_changed_or_deleted_in_the_admin(client, superuser):
    listing = ListingFactory(title="Tiêu đề gốc")
    url = f"/django-admin/listings/listing/{listing.pk}/change/"

    page = client.get(url)
    edit = client.post(url, {"title": "Sửa trong admin", "status": "archived"})

    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert edit.status_code == 403
    assert client.get("/django-admin/listings/listing/add/").status_code == 403
    assert client.post(f"/django-admin/listings/listing/{listing.pk}/delete/").status_code == 403
    listing.refresh_from_db()
    assert (listing.title, listing.status) == ("Tiêu đề gốc", "published")


def test_admin_actions_go_through_the_life_cycle_rules(client, superuser):
    published = ListingFactory()
    draft = ListingFactory(status="draft", published_at=None)

    response = client.post(
        "/django-admin/listings/listing/",
        {"action": "feature", "_selected_action": [published.pk, draft.pk]},
        follow=True,
    )

    messages = [str(message) for message in response.context["messages"]]
    with translation.override("vi"):  # the admin speaks the site's language
        assert messages == [
            f"{draft.title}: {gettext('Only published listings can be featured.')}",
            ngettext("%(count)d listing featured.", "%(count)d listings featured.", 1)
            % {"count": 1},
        ]
    assert Listing.objects.get(pk=published.pk).featured_at is not None
    assert Listing.objects.get(pk=draft.pk).featured_at is None

    client.post(
        "/django-admin/listings/listing/", {"action": "archive", "_selected_action": [draft.pk]}
    )
    assert list(
        ListingStatusChange.objects.filter(listing=draft).values_list(
            "from_status", "to_status", "actor"
        )
    ) == [("draft", "archived", superuser.pk)]


def test_an_organisation_saved_in_the_admin_gets_its_folded_name(client, superuser):
    organisation = OrganisationFactory(name="Viện Cũ")
    url = f"/django-admin/accounts/organisation/{organisation.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "name": "  Viện Đổi Mới  ",
            "province": organisation.province_id,
            "home_exchange": organisation.home_exchange_id,
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        }
    )
    data = {key: value for key, value in data.items() if not isinstance(value, list)}

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    organisation = Organisation.objects.get(pk=organisation.pk)
    assert (organisation.name, organisation.name_folded) == ("Viện Đổi Mới", "vien doi moi")
