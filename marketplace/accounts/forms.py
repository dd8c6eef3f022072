from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.exchanges.models import Exchange, Province
from marketplace.reference.selectors import sector_list

from .models import Membership, Organisation, User
from .validators import normalise_tax_code, validate_no_bidi_controls, validate_tax_code


class SignupExtraForm(forms.Form):
    """Extra fields on allauth's sign-up form."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        validators=[validate_no_bidi_controls],
    )

    def signup(self, request, user: User) -> None:
        user.full_name = self.cleaned_data["full_name"].strip()
        user.save(update_fields=["full_name"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone", "job_title"]
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }

    def clean_full_name(self) -> str:
        value = self.cleaned_data.get("full_name") or ""
        validate_no_bidi_controls(value)
        return value


class OrganisationForm(forms.ModelForm):
    """Profile of an organisation; the services check uniqueness and the scoping rules."""

    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Province.objects.order_by("name_vi"),
        to_field_name="slug",
        help_text=_("Your home exchange is the one that serves this province."),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [
            "kind",
            "name",
            "tax_code",
            "province",
            "website",
            "description",
            "interest_sectors",
            "interest_min_trl",
            "interest_spin_off",
            "interest_ticket_min_vnd",
            "interest_ticket_max_vnd",
            "interest_provinces",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "interest_sectors": forms.SelectMultiple(attrs={"size": 8}),
            "interest_provinces": forms.SelectMultiple(attrs={"size": 8}),
            "tax_code": forms.TextInput(
                attrs={"inputmode": "numeric", "pattern": r"\d{10}(-\d{3})?"}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tax_code"].required = True
        self.fields["interest_sectors"].queryset = sector_list(level=2)
        self.fields["interest_provinces"].queryset = Province.objects.order_by("name_vi")
        self.fields["interest_min_trl"].widget.attrs.update(min=1, max=9)
        for name in ("interest_ticket_min_vnd", "interest_ticket_max_vnd"):
            self.fields[name].widget.attrs.update(min=0, step=1000000)

    def clean_name(self) -> str:
        value = self.cleaned_data.get("name") or ""
        validate_no_bidi_controls(value)
        return value

    def clean_tax_code(self) -> str:
        value = normalise_tax_code(self.cleaned_data.get("tax_code") or "")
        validate_tax_code(value)
        return value

    def clean(self):
        cleaned = super().clean()
        low = cleaned.get("interest_ticket_min_vnd")
        high = cleaned.get("interest_ticket_max_vnd")
        if low is not None and high is not None and low > high:
            self.add_error(
                "interest_ticket_max_vnd", _("The upper ticket must not be below the lower one.")
            )
        return cleaned

    def validate_unique(self):
        # Uniqueness of the tax code is decided (and explained) by the services.
        pass

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or tax code"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Organisation.Kind.choices]
    )
    province = forms.ModelChoiceField(
        label=_("Province"),
        required=False,
        queryset=Province.objects.order_by("name_vi"),
        to_field_name="slug",
        empty_label=_("All provinces"),
    )
    exchange = forms.ModelChoiceField(
        label=_("Exchange"),
        required=False,
        queryset=Exchange.objects.order_by("kind", "code"),
        to_field_name="code",
        empty_label=_("All exchanges"),
    )
    verified = forms.BooleanField(label=_("Verified only"), required=False)
