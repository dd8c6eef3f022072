"""Forms of the public listing pages: the browse filters, "express interest", the NDA
click-through and the bookmark button. They parse input; listings.services decides."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.models import Organisation
from marketplace.exchanges.models import Exchange, Province
from marketplace.reference.selectors import sector_list

from .models import NdaText, Vocabulary
from .selectors import ListingFilters

TRL_SELECT = [("", _("Any")), *((level, str(level)) for level in range(1, 10))]
INTEREST_MESSAGE_MAX = 1000


class BrowseFilterForm(forms.Form):
    """The filters of the browse pages: those of the REST API (spec/api.md). On an exchange's
    own pages the exchange is fixed by the address, so the field is left out."""

    exchange = forms.ModelChoiceField(
        label=_("Exchange"),
        required=False,
        queryset=Exchange.objects.order_by("kind", "code"),
        to_field_name="code",
        empty_label=_("All exchanges"),
    )
    sector = forms.ChoiceField(label=_("Field or sector"), required=False)
    province = forms.ModelChoiceField(
        label=_("Province"),
        required=False,
        queryset=Province.objects.order_by("name_vi"),
        to_field_name="slug",
        empty_label=_("All provinces"),
    )
    cooperation = forms.ChoiceField(
        label=_("Cooperation"),
        required=False,
        choices=[("", _("Any form of cooperation")), *Vocabulary.Cooperation.choices],
    )
    trl_min = forms.IntegerField(
        label=_("TRL from"),
        required=False,
        min_value=1,
        max_value=9,
        widget=forms.Select(choices=TRL_SELECT),
    )
    trl_max = forms.IntegerField(
        label=_("TRL up to"),
        required=False,
        min_value=1,
        max_value=9,
        widget=forms.Select(choices=TRL_SELECT),
    )

    def __init__(self, *args, with_exchange: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_exchange:
            del self.fields["exchange"]
        self.fields["sector"].choices = self._sector_choices()

    @staticmethod
    def _sector_choices() -> list:
        """Fields (level 1) as groups, each starting with "the whole field", then its sectors."""
        sectors = list(sector_list())
        choices: list = [("", _("All fields and sectors"))]
        for field in (sector for sector in sectors if sector.level == 1):
            children = [
                (sector.code, f"{sector.code} {sector.name}")
                for sector in sectors
                if sector.parent_id == field.code
            ]
            whole = _("%(code)s %(name)s — the whole field") % {
                "code": field.code,
                "name": field.name,
            }
            choices.append((field.name, [(field.code, whole), *children]))
        return choices

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("trl_min"), cleaned.get("trl_max")
        if low is not None and high is not None and low > high:
            self.add_error("trl_max", _("The highest TRL must not be below the lowest."))
        return cleaned

    def has_filters(self) -> bool:
        return any(value not in (None, "") for value in self.cleaned_data.values())

    def to_filters(self, *, kind: str, exchange: Exchange | None = None) -> ListingFilters:
        data = self.cleaned_data
        province = data.get("province")
        return ListingFilters(
            kind=kind,
            exchange=exchange if exchange is not None else data.get("exchange"),
            sector=data.get("sector") or "",
            province=province.slug if province else "",
            cooperation=data.get("cooperation") or "",
            trl_min=data.get("trl_min"),
            trl_max=data.get("trl_max"),
        )


class _OrganisationChoiceMixin:
    """An organisation field limited to the given organisations (the user's): a select when
    there are several, a hidden field when there is one."""

    no_organisation_message = _("Register or join an organisation first.")

    def _limit_organisations(self, organisations) -> None:
        organisations = list(organisations)
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=[org.pk for org in organisations])
        field.choices = [(org.pk, org.name) for org in organisations]  # no query to render
        self.organisations = organisations
        if len(organisations) == 1:
            field.widget = forms.HiddenInput()
            field.initial = organisations[0].pk

    def _check_organisations(self) -> None:
        if not self.organisations:
            raise forms.ValidationError(self.no_organisation_message, code="no_organisation")


class InterestForm(_OrganisationChoiceMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )
    message = forms.CharField(
        label=_("Short message to the owner"),
        required=False,
        max_length=INTEREST_MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What interests you, and how the owner can reach you. At most 1,000 characters."
        ),
    )

    def __init__(self, *args, organisations, **kwargs):
        kwargs.setdefault("auto_id", "interest_%s")  # unique ids beside the NDA form
        super().__init__(*args, **kwargs)
        self._limit_organisations(organisations)

    def clean(self):
        self._check_organisations()
        return super().clean()


class NdaAcceptForm(_OrganisationChoiceMixin, forms.Form):
    """The click-through NDA: which version the reader saw, and for which organisation."""

    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )
    nda = forms.ModelChoiceField(
        queryset=NdaText.objects.all(), to_field_name="version", widget=forms.HiddenInput
    )
    accept = forms.BooleanField(
        label=_("I have read the agreement and accept it on behalf of this organisation."),
        error_messages={"required": _("Tick the box to accept the agreement.")},
    )

    def __init__(self, *args, organisations, **kwargs):
        kwargs.setdefault("auto_id", "nda_%s")  # unique ids beside the interest form
        super().__init__(*args, **kwargs)
        self._limit_organisations(organisations)

    def clean(self):
        self._check_organisations()
        return super().clean()


class BookmarkForm(forms.Form):
    saved = forms.TypedChoiceField(
        choices=[("1", _("Save")), ("0", _("Remove"))], coerce=lambda value: value == "1"
    )
