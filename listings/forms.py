"""Forms of the listing owner pages.

The listing form does not validate the exchange format itself: it turns the posted fields into
a format object and hands it to `listings.formats.listing_data_from_dict`, the one place where
the rules of a listing live (the import, the spreadsheet upload and the REST API use it too),
then puts each problem back on the field it belongs to.
"""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.models import Organisation
from marketplace.accounts.validators import validate_no_bidi_controls
from marketplace.exchanges.models import Province
from marketplace.reference.selectors import sector_list

from .formats import (
    LIMITS,
    ListingData,
    ListingFormatError,
    Vocabularies,
    clean_text,
    listing_data_from_dict,
)
from .models import Listing, Vocabulary
from .trl import TRL_LEVELS, TRL_RANGE, trl_levels

# Format paths that have no field of their own name on the form.
FIELD_OF_PATH = {
    "price_vnd": "price_min",
    "price_vnd.min": "price_min",
    "price_vnd.max": "price_max",
}
CONFIDENTIAL_LIMIT = 20000


class LenientChoiceMixin:
    """Offers choices to the widget but leaves the judgement of the posted codes to the
    exchange format, so that an unknown code gets the format's message ("Unknown sector
    codes: 999.") like in an import or an API call."""

    def valid_value(self, value) -> bool:
        return True


class CodeChoiceField(LenientChoiceMixin, forms.ChoiceField):
    pass


class CodeMultipleChoiceField(LenientChoiceMixin, forms.MultipleChoiceField):
    pass


class CommaListField(forms.CharField):
    """A comma-separated list typed in one text box."""

    def to_python(self, value) -> list[str]:
        text = super().to_python(value)
        return [item.strip() for item in text.split(",") if item.strip()]

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value


class VndField(forms.CharField):
    """A whole number of đồng. People type "1.200.000.000", "1 200 000 000" or
    "1,200,000,000 ₫": grouping marks and the currency sign are dropped (the đồng has no minor
    unit, so a dot or comma is never a decimal point here)."""

    default_error_messages = {"invalid": _("Enter a whole number of đồng, such as 500.000.000.")}

    def to_python(self, value) -> int | None:
        text = super().to_python(value)
        text = re.sub(r"[\s.,_₫]|vnd|đồng|đ", "", text, flags=re.IGNORECASE)
        if not text:
            return None
        if not re.fullmatch(r"-?\d{1,20}", text):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(text)

    def prepare_value(self, value):
        """A stored amount is shown grouped the Vietnamese way: 1200000000 -> 1.200.000.000."""
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:,}".replace(",", ".")
        return value


def _sector_choices() -> list:
    """Level-1 fields as groups, level-2 sectors as options labelled "code name"."""
    groups: dict[str, tuple[str, list]] = {}
    for sector in sector_list():
        if sector.parent_id is None:
            groups.setdefault(sector.code, (f"{sector.code} {sector.name}", []))
        else:
            group = groups.setdefault(sector.parent_id, (sector.parent_id, []))
            group[1].append((sector.code, f"{sector.code} {sector.name}"))
    return [group for group in groups.values() if group[1]]


def trl_choices() -> list[tuple[int, str]]:
    return [(n, f"TRL {n}: {TRL_LEVELS[n - 1]}") for n in TRL_RANGE]


class ListingForm(forms.Form):
    """Creates or edits one offer or need. After `is_valid()`, `listing_data` (the validated
    exchange-format data), `confidential` and `organisation` are ready for the services."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        help_text=_("The listing is shown under this organisation and its home exchange."),
    )
    language = forms.ChoiceField(
        label=_("Language of the text"),
        choices=Vocabulary.Language.choices,
        initial="vi",
        widget=forms.RadioSelect,
    )
    title = forms.CharField(
        label=_("Title"),
        strip=True,
        help_text=_("A clear name for the technology or the problem, at most 200 characters."),
    )
    summary = forms.CharField(
        label=_("Public summary"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One to three sentences shown in lists and search results."),
    )
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("What it is, how it works, what it has achieved. Plain text."),
    )
    sectors = CodeMultipleChoiceField(
        label=_("Sectors"),
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("Choose one or more sectors; hold Ctrl (⌘ on a Mac) to choose several."),
    )
    keywords = CommaListField(
        label=_("Keywords"),
        required=False,
        help_text=_("Separate keywords with commas, e.g. nano bạc, kháng khuẩn (at most 20)."),
    )
    trl = CodeChoiceField(label=_("Technology readiness level (TRL)"), widget=forms.RadioSelect)
    ip_status = CodeChoiceField(
        label=_("Protection status"),
        required=False,
        choices=Vocabulary.IpStatus.choices,
        initial=Vocabulary.IpStatus.NONE,
        widget=forms.RadioSelect,
    )
    ip_numbers = CommaListField(
        label=_("Registration numbers"),
        required=False,
        help_text=_("Patent or certificate numbers, separated by commas, e.g. 1-0023456."),
    )
    cooperation = CodeMultipleChoiceField(
        label=_("Cooperation types"),
        required=False,
        choices=Vocabulary.Cooperation.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    price_min = VndField(
        label=_("Price from (VND)"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    price_max = VndField(
        label=_("Price up to (VND)"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    provinces = CodeMultipleChoiceField(
        label=_("Provinces"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Where the technology is available or needed; hold Ctrl (⌘) for several."),
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Optional: the date by which you need a solution."),
    )
    applications = forms.CharField(
        label=_("Applications and target industries"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    advantages = forms.CharField(
        label=_("Advantages"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    video_url = forms.CharField(
        label=_("Video link"),
        required=False,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text=_("A web address of a video, e.g. on YouTube."),
    )
    confidential_details = forms.CharField(
        label=_("Confidential details"),
        required=False,
        max_length=CONFIDENTIAL_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Detailed specifications, process parameters, test results: only your organisation,"
            " the exchange's staff and organisations that accept the non-disclosure agreement"
            " read them."
        ),
    )
    contact_name = forms.CharField(
        label=_("Contact person"),
        required=False,
        max_length=150,
        validators=[validate_no_bidi_controls],
    )
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_phone = forms.CharField(
        label=_("Contact phone"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )

    # Text fields with a length limit in the exchange format: the template shows a counter.
    LIMITED = ("title", "summary", "description", "applications", "advantages")
    REQUIRED = ("title", "summary", "description", "sectors", "trl")

    def __init__(
        self,
        *args,
        kind: str,
        organisations=None,
        listing: Listing | None = None,
        **kwargs,
    ):
        self.kind = kind
        self.listing = listing
        if listing is not None:
            kwargs.setdefault("initial", listing_initial(listing))
        super().__init__(*args, **kwargs)
        self.listing_data: ListingData | None = None

        if listing is not None:
            del self.fields["organisation"]
        else:
            field = self.fields["organisation"]
            field.queryset = organisations if organisations is not None else field.queryset
            if len(field.queryset) == 1:
                field.empty_label = None
                field.initial = field.queryset[0].pk
        if kind == Listing.Kind.OFFER:
            del self.fields["deadline"]
            self.fields["price_min"].label = _("Price from (VND)")
            self.fields["price_max"].label = _("Price up to (VND)")
            self.fields["trl"].label = _("Technology readiness level (TRL) today")
            self.fields["cooperation"].label = _("Cooperation you offer")
        else:
            del self.fields["ip_status"]
            del self.fields["ip_numbers"]
            self.fields["price_min"].label = _("Budget from (VND)")
            self.fields["price_max"].label = _("Budget up to (VND)")
            self.fields["trl"].label = _("Lowest acceptable technology readiness level (TRL)")
            self.fields["cooperation"].label = _("Cooperation you accept")
        self.fields["sectors"].choices = _sector_choices()
        self.fields["provinces"].choices = [
            (p.slug, p.name) for p in Province.objects.order_by("name_vi")
        ]
        self.fields["trl"].choices = trl_choices()
        for name in self.LIMITED:
            self.fields[name].widget.attrs["data-maxlength"] = LIMITS[name]
        for name in self.REQUIRED:
            self.fields[name].widget.attrs["data-required"] = "true"
        for name in ("title",):
            self.fields[name].widget.attrs["autocomplete"] = "off"

    # --- the exchange format -----------------------------------------------------------------

    def format_object(self) -> dict:
        """The posted listing as an object of the exchange format (spec/listing-format.md)."""
        data = self.cleaned_data
        obj: dict = {
            "kind": self.kind,
            "language": data.get("language") or "vi",
            "title": data.get("title", ""),
            "summary": data.get("summary", ""),
            "description": data.get("description", ""),
            "sectors": list(data.get("sectors") or []),
            "keywords": list(data.get("keywords") or []),
            "trl": _as_int(data.get("trl")),
            "cooperation": list(data.get("cooperation") or []),
            "provinces": list(data.get("provinces") or []),
            "applications": data.get("applications", ""),
            "advantages": data.get("advantages", ""),
            "video_url": data.get("video_url", ""),
        }
        low, high = data.get("price_min"), data.get("price_max")
        if low is not None or high is not None:
            obj["price_vnd"] = {
                key: value for key, value in (("min", low), ("max", high)) if value is not None
            }
        else:
            obj["price_vnd"] = None
        if self.kind == Listing.Kind.OFFER:
            obj["ip_status"] = data.get("ip_status") or Vocabulary.IpStatus.NONE
            obj["ip_numbers"] = list(data.get("ip_numbers") or [])
        elif data.get("deadline"):
            obj["deadline"] = data["deadline"].isoformat()
        return obj

    def clean(self):
        cleaned = super().clean()
        try:
            self.listing_data = listing_data_from_dict(
                self.format_object(), vocab=Vocabularies(), kind=self.kind
            )
        except ListingFormatError as error:
            for path, messages in error.fields.items():
                name = FIELD_OF_PATH.get(path, path)
                if name not in self.fields:
                    self.add_error(None, messages)
                elif name not in self.errors:  # the form's own message already says it
                    self.add_error(name, messages)
        return cleaned

    @property
    def confidential(self) -> dict[str, str]:
        """The whole confidential part, as the form shows all of it."""
        data = self.cleaned_data
        return {
            "confidential_details": clean_text(data.get("confidential_details", "")),
            "contact_name": data.get("contact_name", "").strip(),
            "contact_email": data.get("contact_email", "").strip(),
            "contact_phone": data.get("contact_phone", "").strip(),
        }

    # --- template helpers ---------------------------------------------------------------------

    def trl_options(self) -> list[tuple]:
        """Each TRL radio button with the meaning of its level, for the TRL helper."""
        levels = {level["level"]: level for level in trl_levels()}
        return [(radio, levels[int(radio.data["value"])]) for radio in self["trl"]]


def _as_int(value):
    """A posted TRL as a number when it is one; anything else goes to the format as it is so
    that the format's own message ("TRL is a whole number from 1 to 9.") is the one shown."""
    if isinstance(value, str) and re.fullmatch(r"\d{1,3}", value.strip()):
        return int(value)
    return value


def listing_initial(listing: Listing) -> dict:
    """The form's starting values for an existing listing."""
    return {
        "language": listing.language,
        "title": listing.title,
        "summary": listing.summary,
        "description": listing.description,
        "sectors": [sector.code for sector in listing.sectors.all()],
        "keywords": list(listing.keywords),
        "trl": str(listing.trl),
        "ip_status": listing.ip_status or Vocabulary.IpStatus.NONE,
        "ip_numbers": list(listing.ip_numbers),
        "cooperation": list(listing.cooperation),
        "price_min": listing.price_min_vnd,
        "price_max": listing.price_max_vnd,
        "provinces": [province.slug for province in listing.provinces.all()],
        "deadline": listing.deadline,
        "applications": listing.applications,
        "advantages": listing.advantages,
        "video_url": listing.video_url,
        "confidential_details": listing.confidential_details,
        "contact_name": listing.contact_name,
        "contact_email": listing.contact_email,
        "contact_phone": listing.contact_phone,
    }


class AttachmentForm(forms.Form):
    """One image or document. Size and real content are checked by the service
    (listings.files.sniff_upload), whose messages are shown on the `file` field."""

    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "Images (JPG, PNG, WebP, GIF) or documents (PDF, DOCX, XLSX, PPTX), at most 10 MB."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".jpg,.jpeg,.png,.webp,.gif,.pdf,.docx,.xlsx,.pptx"}
        ),
    )
    title = forms.CharField(label=_("Caption"), required=False, max_length=200)
    confidential = forms.BooleanField(
        label=_("Confidential: only readers of the confidential part see this file"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "attachment")
        super().__init__(*args, **kwargs)
