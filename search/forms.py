"""The search page's form: the text box and the sort select.

It only renders them; parsing and validating every parameter of a search (text, kind,
filters, sort, page) is `search.parameters.SearchQuery.from_params`, shared with the API.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .parameters import MAX_TEXT_LENGTH


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search technologies and needs"),
        required=False,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "maxlength": MAX_TEXT_LENGTH,
                "placeholder": _("e.g. xử lý nước thải, bán dẫn, solar dryer"),
                "autocomplete": "off",
                "enterkeyhint": "search",
            }
        ),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("relevance", _("Relevance")),
            ("newest", _("Newest")),
            ("trl", _("Readiness (TRL), highest first")),
        ],
    )
