"""Tax codes: 10 digits, or 10 digits + "-" + 3 digits for a branch; ASCII digits only."""

import pytest
from django.core.exceptions import ValidationError

from marketplace.accounts.validators import normalise_tax_code, validate_tax_code


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("0101234567", id="10-digits"),
        pytest.param("0101234567-001", id="branch-10+3"),
        pytest.param("9999999999-999", id="all-nines-branch"),
        pytest.param("0000000000", id="all-zeros"),
    ],
)
def test_valid_tax_codes(value):
    # When a well-formed tax code is validated, then nothing is raised
    assert validate_tax_code(value) is None


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("010123456", id="9-digits"),
        pytest.param("01012345678", id="11-digits"),
        pytest.param("01012345AB", id="letters"),
        pytest.param("0101234567-01", id="branch-2-digits"),
        pytest.param("0101234567-0001", id="branch-4-digits"),
        pytest.param("0101234567-", id="dangling-hyphen"),
        pytest.param("0101234567001", id="branch-without-hyphen"),
        pytest.param("0101234567_001", id="underscore"),
        pytest.param("0101 234 567", id="inner-spaces-unnormalised"),
        pytest.param(" 0101234567", id="leading-space-unnormalised"),
        pytest.param("0101234567\n", id="trailing-newline"),
        pytest.param("", id="empty"),
        pytest.param(None, id="None"),
        pytest.param("０１０１２３４５６７", id="fullwidth-digits"),
        pytest.param("٠١٠١٢٣٤٥٦٧", id="arabic-indic-digits"),
        pytest.param("0101234567-００１", id="fullwidth-branch"),
    ],
)
def test_invalid_tax_codes(value):
    # When a malformed tax code is validated
    with pytest.raises(ValidationError) as error:
        validate_tax_code(value)
    # Then one error with the tax-code code and the example in its message is raised
    assert error.value.code == "invalid_tax_code"
    assert len(error.value.messages) == 1
    assert "0101234567-001" in error.value.messages[0]


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("0101 234 567", "0101234567"),
        ("  0101234567  ", "0101234567"),
        ("0101.234.567", "0101234567"),
        ("0101234567 - 001", "0101234567-001"),
        ("0101\t234567", "0101234567"),
        ("0101\u00a0234567", "0101234567"),  # non-breaking space pasted from a document
        ("", ""),
        (None, ""),
    ],
)
def test_normalise_tax_code_strips_spaces_and_dots(raw, normalised):
    assert normalise_tax_code(raw) == normalised


def test_normalised_pasted_code_then_validates():
    assert validate_tax_code(normalise_tax_code(" 0101 234 567 - 001 ")) is None


def test_normalise_keeps_fullwidth_digits_so_validation_rejects_them():
    # Given a fullwidth tax code typed with an East Asian input method
    value = normalise_tax_code("０１０１２３４５６７")
    # Then normalising does not silently turn it into something else, and validation refuses it
    assert value == "０１０１２３４５６７"
    with pytest.raises(ValidationError):
        validate_tax_code(value)
