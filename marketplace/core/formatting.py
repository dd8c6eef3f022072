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


def vnd_short(amount: int, *, language: str = "vi") -> str:
    """An amount in đồng rounded for a sentence: 1200000000 -> "1,2 tỷ ₫" (Vietnamese) or
    "VND 1.2 billion" (English); 300000000 -> "300 triệu ₫" / "VND 300 million"."""
    units = (
        (1_000_000_000, "tỷ", "billion"),
        (1_000_000, "triệu", "million"),
        (1_000, "nghìn", "thousand"),
    )
    for size, vi_unit, en_unit in units:
        if amount >= size:
            number = f"{amount / size:.1f}".removesuffix(".0")
            if language == "vi":
                return f"{number.replace('.', ',')} {vi_unit} ₫"
            return f"VND {number} {en_unit}"
    return f"{amount} ₫" if language == "vi" else f"VND {amount}"
