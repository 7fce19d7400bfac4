"""Helpers for the booking tests: answers to the tree's booking questions, and posting them.

Questions are named by their handles in `tests.tree.QUESTIONS`; the post data carries each
answer under that question's clean_name, and choices are read from the page's own
questions, so every language posts what its visitors see.
"""

import datetime
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.tree import QUESTIONS

TOKEN = re.compile(r'name="_token" value="([^"]+)"')

# Two participants as (name, organisation, role, e-mail): the second gives no e-mail.
PEOPLE = [
    ("Aino Virtanen", "Vaasan kaupunki", "Kehitysjohtaja", "aino@example.fi"),
    ("Erik Lind", "Region Västerbotten", "Handläggare", ""),
]


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    """Each test starts with an empty rate-limit count and no time trap to wait out.
    A booking test module that imports it gets it for each of its tests."""
    cache.clear()
    settings.BOOKING_MIN_FILL_SECONDS = 0
    yield
    cache.clear()


def key(handle):
    """Where the answer to the question `handle` is posted and stored."""
    return QUESTIONS[handle].clean_name


def question(page, handle):
    """The FormField row of `page` asking the question `handle`."""
    return page.form_fields.get(clean_name=key(handle))


def label(page, handle):
    return question(page, handle).label


def choices(page, handle):
    """The choices of the question `handle`, as `page` offers them in its language."""
    return [line.strip() for line in question(page, handle).choices.splitlines() if line.strip()]


def future(days=30):
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def participant_rows(rows, handle="participants"):
    """Form data for participant rows given as (name, organisation, role, email)."""
    data = {}
    for index, row in enumerate(rows):
        for part, value in zip(("name", "organisation", "role", "email"), row, strict=True):
            data[f"{key(handle)}-{index}-{part}"] = value
    return data


def date_inputs(days, handle="dates"):
    """Form data for the preferred dates' three inputs; inputs not given are left empty."""
    days = list(days)
    return {
        f"{key(handle)}_{index}": day for index, day in enumerate(days + [""] * (3 - len(days)))
    }


def answers(page, **changes):
    """A complete, valid booking for `page` in its language, with two participants.

    `changes` are keyed by question handle: None leaves the question out of the post,
    `dates` takes a list of up to three dates, `participants` a list of rows as in
    `participant_rows`; other values are posted as given.
    """
    given = {
        "aim": choices(page, "aim")[1],
        "aim_details": "Vi vill se hur energibolagen samarbetar över Kvarken.",
        "focus_areas": choices(page, "focus_areas")[:2],
        "companies": "Små energiföretag.",
        "wishes": "",
        "dates": [future(30), future(37)],
        "group_size": "12",
        "participants": PEOPLE,
        "name": "Aino Virtanen",
        "email": "aino@example.fi",
        "message": "",
    }
    unknown = set(changes) - set(QUESTIONS)
    assert not unknown, f"no such question in the tree: {unknown}"
    given.update(changes)
    data = {}
    for handle, value in given.items():
        if value is None:
            continue
        if QUESTIONS[handle].field_type == "participants":
            data.update(participant_rows(value, handle))
        elif QUESTIONS[handle].field_type == "preferred_dates":
            data.update(date_inputs(value, handle))
        else:
            data[key(handle)] = value
    return data


def token_for(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return TOKEN.search(response.content.decode()).group(1)


def post(client, page, data, token=None, **extra):
    """Show the form, then send `data` with the token it was shown with."""
    if token is None:
        token = token_for(client, page)
    return client.post(page.url, {**data, "_token": token, "_website": ""}, **extra)
