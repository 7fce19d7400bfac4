"""British English: "12 February 2019", "12/02/2019", a 24-hour clock, weeks from Monday.

Read by Django through FORMAT_MODULE_PATH for the "en" language; names Django does not
find here come from its own "en" formats.
"""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1

# What forms accept: ISO first (what date inputs send), then day before month, never the
# American month first.
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2019-02-12
    "%d/%m/%Y",  # 12/02/2019
    "%d/%m/%y",  # 12/02/19
    "%d %B %Y",  # 12 February 2019
    "%d %b %Y",  # 12 Feb 2019
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%y %H:%M",
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
