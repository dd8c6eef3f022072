"""factory_boy factories shared by every test package."""

import factory
from django.contrib.auth.hashers import make_password

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
