"""Forms of the saved-search pages. They carry the fields to the views; the rules (name,
query, limit) are search.services', which raise ValidationError naming the field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NAME_MAX_LENGTH


class SavedSearchNameField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Name"))
        kwargs.setdefault("required", False)  # the service says what is missing
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"maxlength": NAME_MAX_LENGTH, "required": True, "autocomplete": "off"})
        return attrs


class SaveSearchForm(forms.Form):
    name = SavedSearchNameField(help_text=_("For example: “Wastewater treatment in Hà Nội”."))
    # The search page's query string; checked (and its length too) by the service.
    query = forms.CharField(required=False, widget=forms.HiddenInput)


class RenameSavedSearchForm(forms.Form):
    name = SavedSearchNameField(label=_("New name"))
