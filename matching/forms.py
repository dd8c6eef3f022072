"""The small forms of the suggestion pages: the status filter, "Hide" with its reason, and a
broker's introduction. They check input only; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Suggestion
from .services import MAX_INTRODUCTION


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All"))] + Suggestion.Status.choices, required=False
    )


class DismissForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason for hiding"),
        choices=[("", _("Choose a reason…"))] + Suggestion.DismissReason.choices,
        error_messages={
            "required": _("Choose why you hide this suggestion."),
            "invalid_choice": _("Choose one of the listed reasons."),
        },
    )


class IntroduceForm(forms.Form):
    message = forms.CharField(
        label=_("Message to both sides (optional)"),
        help_text=_("Sent in the e-mail with your name; at most 1,000 characters."),
        required=False,
        max_length=MAX_INTRODUCTION,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("At most 1,000 characters.")},
    )
