"""Vietnamese formats. Django's own module leaves NUMBER_GROUPING unset, so amounts such as
5000000000 VND were printed without separators; and its DATE_FORMAT starts with a capital
"Ngày", which reads badly inside a sentence. Anything not set here falls back to Django's."""

DATE_FORMAT = r"j \t\há\n\g n \nă\m Y"
DATETIME_FORMAT = r"H:i, j \t\há\n\g n \nă\m Y"
NUMBER_GROUPING = 3
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
