"""How stored answers read for people: in the admin, in exports and in e-mails.

Answers are stored as the form cleaned them (JSON: strings, numbers, ISO dates, lists,
and a list of dicts for a participant list). These functions turn one answer into text
in the active language.
"""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _


def participant_line(participant):
    """One participant on one line: name, organisation, role <e-mail>."""
    text = ", ".join(
        part
        for part in (
            participant.get("name"),
            participant.get("organisation"),
            participant.get("role"),
        )
        if part
    )
    if participant.get("email"):
        text = f"{text} <{participant['email']}>"
    return text


def is_participant_list(value):
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _as_date(value):
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def readable(value, field_type=None):
    """One stored answer as text; lists of participants one per line."""
    if value is None or value == "" or value == []:
        return ""
    if is_participant_list(value):
        return "\n".join(participant_line(participant) for participant in value)
    if field_type in ("date", "preferred_dates"):
        days = value if isinstance(value, list) else [value]
        return ", ".join(
            date_format(day, "DATE_FORMAT") if (day := _as_date(item)) else str(item)
            for item in days
        )
    if field_type == "checkbox" or isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
