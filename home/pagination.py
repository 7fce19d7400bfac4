"""Pages of a list (projects, news) read by one prepared query per page.

A list's query (cleantech_site/prepared.py) reads one page of rows, each carrying how many
match in all (`listed_count`, a window count), so a page of the list needs no second
query to count it.
"""

from django.core.paginator import Page, Paginator


def page_number(value):
    """A page number from the address bar: anything that is not a number, or is below 1,
    is page 1. Numbers past the last page are clamped to it by listed_page()."""
    try:
        number = int(str(value)[:12])
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


def listed_page(listed, number, per_page):
    """Page `number` of the list that `listed(number)` reads, clamped to the last page, as
    Django's paginator page. One query; two more for a number past the last page."""
    rows = listed(number)
    if not rows and number > 1:
        rows = listed(1)
        last = -(-rows[0].listed_count // per_page) if rows else 1
        if last > 1:
            rows = listed(last)
        number = last
    count = rows[0].listed_count if rows else 0
    return Page(rows, number, Paginator(range(count), per_page))


def empty_page(per_page):
    """The one page of an empty list."""
    return Page([], 1, Paginator([], per_page))
