"""factory_boy factories shared by every test package."""

from datetime import timedelta

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from marketplace.accounts.models import Invitation, Membership, Organisation, User
from marketplace.core.text import fold_diacritics
from marketplace.exchanges.models import Exchange, ExchangeStaff, Province

TEST_PASSWORD = "Mật-khẩu-thử-2026"
_HASHED_TEST_PASSWORD = make_password(TEST_PASSWORD)


def exchange(code: str) -> Exchange:
    """One of the exchanges created by the data migration."""
    return Exchange.objects.get(code=code)


def province(slug: str) -> Province:
    return Province.objects.get(slug=slug)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"nguoidung{n}@example.vn")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    password = _HASHED_TEST_PASSWORD
    is_active = True

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        """Marks the primary e-mail verified in allauth unless verified_email=False."""
        if create and extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=True)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    kind = Organisation.Kind.RESEARCH_INSTITUTE
    name = factory.Sequence(lambda n: f"Viện Công nghệ Vật liệu số {n}")
    name_folded = factory.LazyAttribute(lambda o: fold_diacritics(o.name))
    tax_code = factory.Sequence(lambda n: f"{100000000 + n:010d}")
    province = factory.LazyFunction(lambda: province("ha-noi"))
    home_exchange = factory.LazyAttribute(lambda o: o.province.default_exchange)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.MEMBER


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"moi{n}@example.vn")
    invited_by = factory.SubFactory(UserFactory)


class ExchangeStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExchangeStaff

    user = factory.SubFactory(UserFactory)
    exchange = factory.LazyFunction(lambda: exchange("hanoi"))
    role = ExchangeStaff.Role.CURATOR


class ListingFactory(factory.django.DjangoModelFactory):
    """A published offer by default; pass kind="need", status=..., sectors=[codes],
    provinces=[slugs]."""

    class Meta:
        model = "listings.Listing"
        skip_postgeneration_save = True

    kind = "offer"
    organisation = factory.SubFactory(OrganisationFactory)
    exchange = factory.LazyAttribute(lambda o: o.organisation.home_exchange)
    language = "vi"
    title = factory.Sequence(lambda n: f"Quy trình sản xuất vật liệu nano bạc kháng khuẩn {n}")
    summary = "Lớp phủ nano bạc diệt khuẩn cho bề mặt y tế."
    description = "Quy trình chế tạo dung dịch nano bạc ổn định, dùng cho lớp phủ kháng khuẩn."
    keywords = factory.LazyFunction(lambda: ["nano bạc", "kháng khuẩn"])
    trl = 6
    ip_status = factory.LazyAttribute(lambda o: "patent_granted" if o.kind == "offer" else "")
    cooperation = factory.LazyFunction(lambda: ["licence"])
    price_min_vnd = 500_000_000
    price_max_vnd = 1_200_000_000
    status = "published"
    published_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=365))

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create:
            self.sectors.set(extracted if extracted is not None else ["205"])

    @factory.post_generation
    def provinces(self, create, extracted, **kwargs):
        if create:
            self.provinces.set(Province.objects.filter(slug__in=extracted or ["ha-noi"]))
