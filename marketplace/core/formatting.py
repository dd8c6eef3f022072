"""Numbers as Vietnamese readers write them.

Amounts are written the Vietnamese way in both languages ("1.200.000.000 ₫"): the currency is
Vietnamese, the ₫ sign makes the dots unambiguous, and one spelling keeps pages, e-mails and
exports consistent.
"""


def group_thousands(amount: int) -> str:
    """1200000 -> "1.200.000"."""
    return f"{amount:,}".replace(",", ".")


def vnd(value):
    """12000000 -> "12.000.000 ₫"; None or "" -> ""; anything that is not a whole number is
    returned unchanged (it is also a template filter, where a wrong value must not crash)."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        try:
            amount = int(value.strip())
        except ValueError:
            return value
    else:
        try:
            amount = int(value)
        except (TypeError, ValueError, OverflowError):
            return value
        if amount != value:  # 1.5 or Decimal("1.5"): not an amount in đồng
            return value
    return f"{group_thousands(amount)} ₫"


_SHORT_UNITS = (
    (1_000_000_000, "tỷ", "billion"),
    (1_000_000, "triệu", "million"),
    (1_000, "nghìn", "thousand"),
)


def _number(value: float, language: str) -> str:
    text = f"{value:.1f}".removesuffix(".0")
    return text.replace(".", ",") if language == "vi" else text


def vnd_short_range(low: int, high: int, *, language: str = "vi") -> str:
    """A range in one unit when the low end reads well in the high end's unit:
    900000000–1200000000 -> "0,9–1,2 tỷ ₫" / "VND 0.9–1.2 billion"; otherwise both ends in
    their own units ("50 triệu ₫–1,2 tỷ ₫")."""
    if low == high:
        return vnd_short(low, language=language)
    for size, vi_unit, en_unit in _SHORT_UNITS:
        if high >= size:
            if low / size < 0.1:
                break
            numbers = f"{_number(low / size, language)}–{_number(high / size, language)}"
            return f"{numbers} {vi_unit} ₫" if language == "vi" else f"VND {numbers} {en_unit}"
    return f"{vnd_short(low, language=language)}–{vnd_short(high, language=language)}"


def vnd_short(amount: int, *, language: str = "vi") -> str:
    """An amount in đồng rounded for a sentence: 1200000000 -> "1,2 tỷ ₫" (Vietnamese) or
    "VND 1.2 billion" (English); 300000000 -> "300 triệu ₫" / "VND 300 million"."""
    for size, vi_unit, en_unit in _SHORT_UNITS:
        if amount >= size:
            number = _number(amount / size, language)
            return f"{number} {vi_unit} ₫" if language == "vi" else f"VND {number} {en_unit}"
    return f"{amount} ₫" if language == "vi" else f"VND {amount}"
