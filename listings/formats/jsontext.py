"""Reading the JSON text of one object of the format (an import line, an API body), with
messages a person can act on: Python's JSON errors are English fragments without their
position ("Invalid control character at"), so each is turned into a whole translated sentence
with the column; and a number too long to be any field's value is read as a floating-point
number instead of hitting Python's limit on converting long digit strings (4,300 digits), so
that the field's own check reports it ("TRL is a whole number from 1 to 9.")."""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .data import ListingFormatError

# Integers longer than this are read as floating-point numbers (a 5,000-digit one becomes
# infinity), as JSON itself reads "1e5000": no field of the format holds such a number.
MAX_INTEGER_DIGITS = 100
JSON_SYNTAX_MESSAGES = {
    "Expecting value": gettext_lazy(
        "Invalid JSON: a value is missing or misspelt at column %(column)d."
    ),
    "Expecting property name enclosed in double quotes": gettext_lazy(
        "Invalid JSON: a property name in double quotes is expected at column %(column)d."
    ),
    "Expecting ':' delimiter": gettext_lazy(
        "Invalid JSON: a colon “:” is expected at column %(column)d."
    ),
    "Expecting ',' delimiter": gettext_lazy(
        "Invalid JSON: a comma “,” is expected at column %(column)d."
    ),
    "Extra data": gettext_lazy(
        "Invalid JSON: more text follows the object at column %(column)d; put each listing on "
        "a line of its own."
    ),
    "Unterminated string starting at": gettext_lazy(
        "Invalid JSON: the text that starts at column %(column)d has no closing quote."
    ),
    "Invalid control character at": gettext_lazy(
        "Invalid JSON: the control character at column %(column)d must be written as an "
        "escape, such as \\t for a tab or \\n for a line break."
    ),
    "Invalid \\escape": gettext_lazy(
        "Invalid JSON: the escape with a backslash at column %(column)d is not valid."
    ),
    "Invalid \\uXXXX escape": gettext_lazy(
        "Invalid JSON: the escape with a backslash at column %(column)d is not valid."
    ),
    # Python 3.13 names a trailing comma; 3.11 reports the value or name it expected there.
    "Illegal trailing comma before end of object": gettext_lazy(
        "Invalid JSON: remove the comma before the end of the object at column %(column)d."
    ),
    "Illegal trailing comma before end of array": gettext_lazy(
        "Invalid JSON: remove the comma before the end of the list at column %(column)d."
    ),
}


def json_integer(digits: str) -> int | float:
    """`parse_int` for json.loads: an integer, or a float when too long to be one of ours."""
    return int(digits) if len(digits) <= MAX_INTEGER_DIGITS else float(digits)


def json_syntax_message(error: json.JSONDecodeError, *, indent: int = 0) -> str:
    """Python's JSON error as a whole translated sentence. The column counts the text as it
    was given: `indent` leading blanks were trimmed before parsing."""
    column = error.colno + indent
    message = JSON_SYNTAX_MESSAGES.get(error.msg)
    if message is None:
        return _("Invalid JSON at column %(column)d.") % {"column": column}
    return str(message) % {"column": column}


def json_loads(text: str | bytes, *, indent: int = 0) -> Any:
    """The JSON value of `text`; raises ListingFormatError with a whole, translated sentence
    (under the path "") for text that is not JSON."""
    try:
        return json.loads(text, parse_int=json_integer)
    except json.JSONDecodeError as error:
        raise ListingFormatError({"": [json_syntax_message(error, indent=indent)]}) from error
    except RecursionError as error:
        message = _("Invalid JSON: the objects and lists are nested too deeply.")
        raise ListingFormatError({"": [message]}) from error
