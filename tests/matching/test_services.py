"""The matching services end to end on the database: full recompute, the incremental match
the change events queue, feedback that survives recomputes, vectors per text version,
contacting and introducing, and listings with little to go on."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db.models import Max

from listings import services as listing_services
from listings.formats import Vocabularies, listing_data_from_dict
from listings.models import Listing, ListingInterest
from marketplace.accounts.models import Organisation
from matching import selectors, services
from matching.models import ListingVector, Suggestion
from tests.factories import (
    ExchangeStaffFactory,
    ListingFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.matching.conftest import make_need, make_offer


def _pairs(kind=Suggestion.Kind.TRANSFER):
    return sorted(
        (s.offer_id, s.need_id if kind == Suggestion.Kind.TRANSFER else s.organisation_id)
        for s in Suggestion.objects.filter(kind=kind)
    )


def test_full_recompute_proposes_the_cross_language_offer_and_the_fitting_investor(world):
    # Given the world (a Vietnamese need, the English offer that solves it, an unrelated
    # offer, a spin-off offer and an investor), recomputed by the fixture
    # Then exactly these pairs are proposed
    assert _pairs() == [(world.offer.pk, world.need.pk)]
    assert _pairs(Suggestion.Kind.PARTNER) == [(world.spin_off.pk, world.investor.pk)]
    transfer = Suggestion.objects.get(kind=Suggestion.Kind.TRANSFER)
    codes = [reason["code"] for reason in transfer.reasons]
    assert codes == [
        "text_meaning",
        "sector_same",
        "trl_ok",
        "price_fits",
        "region_province",
        "cooperation_shared",
    ]
    sector = transfer.reasons[1]
    assert sector["vi"] == "Cùng lĩnh vực 405 — Thủy sản"
    assert sector["en"] == "Same sector 405 — Fisheries and aquaculture"
    assert transfer.reasons[2]["vi"] == "TRL 7 ≥ yêu cầu tối thiểu 6"
    assert transfer.reasons[3]["vi"] == "Giá 0,9–1,2 tỷ ₫ nằm trong ngân sách 0,5–1,5 tỷ ₫"
    assert transfer.components["sector"] == 1.0
    assert transfer.components["maturity"] == 1.0
    assert transfer.components["lexical"] == 0.0  # no word in common across languages
    assert 0.0 < transfer.score <= 1.0


def test_recompute_is_idempotent_and_keeps_feedback(world):
    # Given a dismissed transfer and a contacted partner suggestion
    transfer = Suggestion.objects.get(kind=Suggestion.Kind.TRANSFER)
    partner = Suggestion.objects.get(kind=Suggestion.Kind.PARTNER)
    services.suggestion_dismiss(suggestion=transfer, user=world.need_owner, reason="price")
    services.suggestion_mark_contacted(suggestion=partner, user=world.offer_owner)
    rows_before = sorted(Suggestion.objects.values_list("pk", "offer_id", "need_id", "status"))
    # When everything is recomputed twice
    services.suggestions_recompute_all()
    services.suggestions_recompute_all()
    # Then the same rows remain, with their feedback, and the dismissed pair stays hidden
    assert sorted(Suggestion.objects.values_list("pk", "offer_id", "need_id", "status")) == (
        rows_before
    )
    assert Suggestion.objects.get(pk=transfer.pk).dismiss_reason == "price"
    assert selectors.suggestions_for_need(need=world.need) == []
    services.suggestion_restore(suggestion=transfer, user=world.need_owner)
    assert selectors.suggestions_for_need(need=world.need) == [transfer]


def test_dismiss_refuses_an_unknown_reason(world):
    transfer = Suggestion.objects.get(kind=Suggestion.Kind.TRANSFER)
    with pytest.raises(ValueError, match="meh"):
        services.suggestion_dismiss(suggestion=transfer, user=world.need_owner, reason="meh")
    assert Suggestion.objects.get(pk=transfer.pk).status == Suggestion.Status.NEW


def test_archiving_a_listing_takes_it_out_of_every_list_at_once(
    world, django_capture_on_commit_callbacks
):
    # When the offer is archived through the listings' write path (the change event fires)
    with django_capture_on_commit_callbacks(execute=True):
        listing_services.listing_archive(actor=None, listing=world.offer)
    # Then no list shows it, and its unanswered suggestions are gone
    assert selectors.suggestions_for_need(need=world.need) == []
    assert Suggestion.objects.filter(offer=world.offer).count() == 0


def _publish(data: dict, organisation: Organisation) -> Listing:
    return listing_services.listing_create(
        actor=None,
        organisation=organisation,
        data=listing_data_from_dict(data, vocab=Vocabularies()),
        status=Listing.Status.PUBLISHED,
    )


def test_a_published_listing_is_matched_by_its_change_event(
    world, django_capture_on_commit_callbacks
):
    # When an English need is published through the write path (no recompute is called)
    enterprise = OrganisationFactory(kind=Organisation.Kind.ENTERPRISE)
    with django_capture_on_commit_callbacks(execute=True):
        need = _publish(
            {
                "kind": "need",
                "language": "en",
                "title": "Antibacterial coating for hospital bed sheets",
                "summary": "Silver nanoparticle finishing that survives industrial washing.",
                "description": "A textile mill in Hà Nội supplying hospitals.",
                "sectors": ["210"],
                "trl": 5,
                "cooperation": ["licence"],
                "provinces": ["ha-noi"],
                "price_vnd": {"min": 300_000_000, "max": 2_000_000_000},
            },
            enterprise,
        )
    # Then it has a vector and the Vietnamese nano-silver offer is proposed for it
    assert ListingVector.objects.filter(listing=need).count() == 1
    assert [s.offer for s in selectors.suggestions_for_need(need=need)] == [world.spin_off]
    # And the offer's own list now names the need
    assert need in [s.need for s in selectors.suggestions_for_offer(offer=world.spin_off)]


def test_the_first_listing_of_the_platform_is_matched_against_nothing(
    db, django_capture_on_commit_callbacks, caplog
):
    """No published offer yet: publishing a need stores its vector and no suggestion, and no
    handler fails."""
    enterprise = OrganisationFactory(kind=Organisation.Kind.ENTERPRISE)
    with django_capture_on_commit_callbacks(execute=True):
        need = _publish(
            {
                "kind": "need",
                "title": "Máy sấy cà phê bằng bơm nhiệt",
                "summary": "Cần máy sấy.",
                "description": "x",
                "sectors": ["405"],
                "trl": 5,
                "provinces": ["dak-lak"],
            },
            enterprise,
        )
    assert ListingVector.objects.filter(listing=need).count() == 1
    assert Suggestion.objects.count() == 0
    assert [r for r in caplog.records if r.getMessage() == "change event handler failed"] == []
    assert services.suggestions_recompute_all().transfers == 0


def test_a_draft_is_not_matched_and_gets_no_vector(db):
    enterprise = OrganisationFactory(kind=Organisation.Kind.ENTERPRISE)
    draft = listing_services.listing_create(
        actor=None,
        organisation=enterprise,
        data=listing_data_from_dict(
            {
                "kind": "need",
                "title": "Máy sấy cà phê",
                "summary": "Cần máy sấy.",
                "description": "x",
                "sectors": ["405"],
                "trl": 5,
                "provinces": ["dak-lak"],
            },
            vocab=Vocabularies(),
        ),
    )
    assert draft.status == Listing.Status.DRAFT
    assert ListingVector.objects.filter(listing=draft).count() == 0
    assert Suggestion.objects.count() == 0


def test_a_vector_is_recomputed_only_when_the_text_changes(world):
    stored = ListingVector.objects.get(listing=world.offer)
    # An edit of the price leaves the text alone: no encoding
    assert services.listing_vectors_refresh(listing_ids=[world.offer.pk]) == 0
    Listing.objects.filter(pk=world.offer.pk).update(price_min_vnd=1, price_max_vnd=2)
    assert services.listing_vectors_refresh(listing_ids=[world.offer.pk]) == 0
    assert ListingVector.objects.get(listing=world.offer).text_hash == stored.text_hash
    # A new title is a new version of the text
    Listing.objects.filter(pk=world.offer.pk).update(title="Shrimp pond biofilter, version 2")
    assert services.listing_vectors_refresh(listing_ids=[world.offer.pk]) == 1
    assert ListingVector.objects.get(listing=world.offer).text_hash != stored.text_hash


def test_an_english_need_finds_a_vietnamese_offer(db):
    offer = make_offer(
        language="vi",
        title="Hệ thống lọc sinh học tuần hoàn cho ao nuôi tôm thẻ chân trắng",
        summary="Bộ lọc vi sinh loại bỏ amoniac trong ao nuôi tôm, không cần thay nước hằng ngày.",
        keywords=["nuôi tôm", "lọc sinh học"],
    )
    other = make_offer(
        language="vi",
        title="Phần mềm kế toán cho doanh nghiệp nhỏ",
        summary="Quản lý hóa đơn điện tử và báo cáo thuế.",
        keywords=["kế toán"],
        sectors=["102"],
    )
    need = make_need(
        language="en",
        title="Keep shrimp pond water clean without daily water exchange",
        summary="Ammonia spikes kill our white-leg shrimp; we need a biological filtration system.",
        keywords=["shrimp", "water quality"],
    )
    services.suggestions_recompute_all()
    offers = [s.offer for s in selectors.suggestions_for_need(need=need)]
    assert offers == [offer]
    assert other not in offers


def test_little_to_go_on_is_scored_without_errors(db):
    """A one-letter title, no sector, no province, no price, an organisation with no
    declared interests: neutral components, no exception, no nonsense match."""
    ListingFactory(
        kind="need",
        title="A",
        summary="",
        description="",
        keywords=[],
        sectors=[],
        provinces=[],
        price_min_vnd=None,
        price_max_vnd=None,
        organisation=OrganisationFactory(kind=Organisation.Kind.ENTERPRISE),
        ip_status="",
    )
    ListingFactory(
        kind="offer",
        title="B",
        summary="",
        description="",
        keywords=[],
        sectors=[],
        provinces=[],
        price_min_vnd=None,
        price_max_vnd=None,
        cooperation=["spin_off"],
    )
    OrganisationFactory(kind=Organisation.Kind.INVESTOR, interest_spin_off=True, description="")
    report = services.suggestions_recompute_all()
    assert (report.transfers, report.partners) == (0, 0)
    assert ListingVector.objects.count() == 2


def test_contact_expresses_interest_in_the_other_side_and_marks_contacted(
    world, django_capture_on_commit_callbacks
):
    transfer = Suggestion.objects.get(kind=Suggestion.Kind.TRANSFER)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        interest = services.suggestion_contact(
            suggestion=transfer, user=world.need_owner, message="Xin gửi tài liệu kỹ thuật."
        )
    assert (interest.listing, interest.organisation) == (world.offer, world.need.organisation)
    assert Suggestion.objects.get(pk=transfer.pk).status == Suggestion.Status.CONTACTED
    assert [m.to for m in mail.outbox] == [[world.offer_owner.email]]


def test_contact_is_refused_to_someone_outside_the_pair(world):
    transfer = Suggestion.objects.get(kind=Suggestion.Kind.TRANSFER)
    stranger = UserFactory()
    MembershipFactory(user=stranger)
    with pytest.raises(PermissionDenied):
        services.suggestion_contact(suggestion=transfer, user=stranger)
    assert ListingInterest.objects.count() == 0
    assert Suggestion.objects.get(pk=transfer.pk).status == Suggestion.Status.NEW


def test_a_broker_introduces_both_sides_in_one_email(world):
    transfer = Suggestion.objects.get(kind=Suggestion.Kind.TRANSFER)
    broker = ExchangeStaffFactory(exchange=world.need.exchange, role="broker").user
    mail.outbox.clear()
    sent = services.suggestion_introduce(suggestion=transfer, broker=broker, message="Mời gặp.")
    assert sent == 2
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == sorted([world.need_owner.email, world.offer_owner.email])
    assert "Mời gặp." in mail.outbox[0].body
    assert Suggestion.objects.get(pk=transfer.pk).status == Suggestion.Status.CONTACTED


def test_staff_of_another_exchange_cannot_introduce(world):
    transfer = Suggestion.objects.get(kind=Suggestion.Kind.TRANSFER)
    outsider = ExchangeStaffFactory(role="broker").user  # Hà Nội; the pair is in Cà Mau
    assert {world.need.exchange.code, world.offer.exchange.code}.isdisjoint({"hanoi"})
    mail.outbox.clear()
    with pytest.raises(PermissionDenied):
        services.suggestion_introduce(suggestion=transfer, broker=outsider)
    assert mail.outbox == []


def test_vectors_are_stored_per_published_listing(world):
    assert ListingVector.objects.count() == 4
    assert ListingVector.objects.aggregate(Max("updated_at"))["updated_at__max"] is not None
