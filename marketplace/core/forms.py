"""Helpers that every package's form views share."""

from django import forms
from django.core.exceptions import ValidationError


def apply_service_errors(
    form: forms.BaseForm, error: ValidationError, *, default_field: str | None = None
) -> None:
    """Shows a service's ValidationError on the form: messages keyed by a field of the form
    go under that field, the others under `default_field` (None: at the top of the form)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else default_field, messages)
    else:
        form.add_error(default_field, error.messages)
