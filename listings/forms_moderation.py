"""Forms of the moderation pages. They parse input; every listing is authorised by
listings.services (the scoping rule), never by the form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.exchanges.models import Exchange

from .models import Listing

RETURN_REASON_MAX = 2000
BULK_MAX = 200


class QueueFilterForm(forms.Form):
    exchange = forms.ModelChoiceField(
        label=_("Exchange"),
        required=False,
        queryset=Exchange.objects.none(),
        to_field_name="code",
        empty_label=_("All my exchanges"),
    )

    def __init__(self, *args, exchanges, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exchange"].queryset = exchanges.order_by("kind", "code")


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for return"),
        max_length=RETURN_REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The owner reads this: say what to change before the listing can be published."
        ),
        error_messages={"required": _("Say why the listing is returned.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "return_%s")
        super().__init__(*args, **kwargs)


class MoveForm(forms.Form):
    exchange = forms.ModelChoiceField(
        label=_("Move to exchange"),
        queryset=Exchange.objects.none(),
        to_field_name="code",
        empty_label=None,
    )

    def __init__(self, *args, exchanges, **kwargs):
        kwargs.setdefault("auto_id", "move_%s")
        super().__init__(*args, **kwargs)
        self.fields["exchange"].queryset = exchanges.order_by("kind", "code")


class FeatureForm(forms.Form):
    featured = forms.TypedChoiceField(
        choices=[("1", _("Feature")), ("0", _("Stop featuring"))],
        coerce=lambda value: value == "1",
    )


class BulkModerationForm(forms.Form):
    """Several listings of the queue, one action. The form only parses the ids: each listing
    is then authorised on its own by the service, so one that is out of scope or already
    handled is reported without stopping the others."""

    APPROVE = "approve"
    RETURN = "return"

    listings = forms.ModelMultipleChoiceField(
        label=_("Listings"),
        queryset=Listing.objects.select_related("exchange", "organisation").order_by("pk"),
        error_messages={"required": _("Select at least one listing.")},
    )
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[(APPROVE, _("Approve")), (RETURN, _("Return to the owner"))],
    )
    reason = forms.CharField(
        label=_("Reason for return"),
        required=False,
        max_length=RETURN_REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required to return: the owners read it."),
    )

    def clean_listings(self):
        listings = self.cleaned_data["listings"]
        if len(listings) > BULK_MAX:
            raise forms.ValidationError(
                _("At most %(max)d listings at a time.") % {"max": BULK_MAX}, code="too_many"
            )
        return listings

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == self.RETURN and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Say why the listings are returned."))
        return cleaned
