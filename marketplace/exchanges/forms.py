from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ExchangeStaff


class StaffAssignForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the person"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(label=_("Role"), choices=ExchangeStaff.Role.choices)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("The system that will use the token, e.g. “Website sync 2026”."),
    )
