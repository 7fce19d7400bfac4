"""Text cells that a spreadsheet program will not run.

Excel, LibreOffice and Google Sheets read a CSV cell that begins with =, +, -, @ or a
control character as a formula, so text a visitor or an editor typed could run in the
reader's spreadsheet ("CSV injection"). Every CSV export of the site passes its text
through `neutralise`: an apostrophe in front makes the cell plain text, and spreadsheet
programs hide it. XLSX files need no such prefix: their cells carry a type, and text
cells stay text.
"""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value):
    """`value` as a cell no spreadsheet will run as a formula; anything but text as is."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value
