"""How stored answers read for people: in the admin, in exports and in e-mails.

Answers are stored as the form cleaned them (JSON: strings, numbers, ISO dates, lists,
and a list of dicts for a participant list), except choices: those are stored as the
source language's choice (`Questions`), so one choice is one value whichever language
the form was in, and each reader sees it in their own language. `readable` turns one
answer into text in the active language.
"""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .builder import BookingFormBuilder


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


# Question types whose answers are chosen from the question's choices.
CHOICE_TYPES = ("radio", "dropdown", "checkboxes", "multiselect")


def choice_list(field):
    """The choices of the question `field`, split as the form builder splits them."""
    return [value for value, _label in BookingFormBuilder([]).get_formatted_field_choices(field)]


def translate_choice(value, from_choices, to_choices):
    """A choice answer (text, or a list of them) moved from one list of choices to the
    choice at the same position in another. Answers not among `from_choices` stay as they
    are, so nothing a visitor sent is lost when an editor changes the choices later; and
    lists of different lengths (a choice added or dropped in one language and not yet in
    the other) say nothing about which choice is which, so the answer stays as sent."""
    if len(from_choices) != len(to_choices):
        return value

    def one(item):
        try:
            position = from_choices.index(item)
        except ValueError:
            return item
        return to_choices[position] if position < len(to_choices) else item

    if isinstance(value, list):
        return [one(item) for item in value]
    return one(value) if isinstance(value, str) else value


class Questions:
    """The questions of one form as a reader sees them, beside the source questions.

    Choice answers are stored as the source (Swedish) question's choice at the same
    position, whatever language the form was sent in, so the same choice is one stored
    value: `to_source` turns a visitor's answers into what is stored, and `shown` turns a
    stored answer into the choice of the reader's language. `fields` are the questions in
    the reader's language (or the visitor's, when storing); `source_fields` the source
    page's. Questions are matched by clean_name, which translations cannot change.
    """

    def __init__(self, fields, source_fields):
        self.fields = list(fields)
        source_by_name = {field.clean_name: field for field in source_fields}
        self.choices = {
            field.clean_name: (
                choice_list(source_by_name.get(field.clean_name, field)),
                choice_list(field),
            )
            for field in self.fields
            if field.field_type in CHOICE_TYPES
        }

    def to_source(self, data):
        """`data` (answers keyed by clean_name) with choices as the source names them."""
        stored = dict(data)
        for name, (source, own) in self.choices.items():
            if name in stored:
                stored[name] = translate_choice(stored[name], own, source)
        return stored

    def shown(self, data, name):
        """The stored answer to the question `name`, its choices in the reader's language."""
        value = data.get(name)
        if name in self.choices:
            source, own = self.choices[name]
            value = translate_choice(value, source, own)
        return value

    def answers(self, data, field_types=None, staff=False):
        """(label, text) for each question, in the reader's language; only the questions of
        `field_types` when given; staff labels where the editor gave them when `staff`."""
        return [
            (
                (staff and field.staff_label) or field.label,
                readable(self.shown(data, field.clean_name), field.field_type),
            )
            for field in self.fields
            if field_types is None or field.field_type in field_types
        ]

    def first(self, field_type):
        """The first question of `field_type`, or None."""
        return next((field for field in self.fields if field.field_type == field_type), None)


def listed_answers(data, questions):
    """The organiser and organisation the bookings list shows, from answers keyed by
    clean_name: the answer to the form's first single-line question (the form asks the
    person booking for their name there), and the answer to its organisation question,
    else the organisation of the first participant."""
    name_question = questions.first("singleline")
    organiser = data.get(name_question.clean_name) if name_question else ""
    organisation_question = questions.first("organisation")
    organisation = data.get(organisation_question.clean_name) if organisation_question else ""
    if not organisation:
        participants = questions.first("participants")
        people = data.get(participants.clean_name) if participants else None
        first = people[0] if is_participant_list(people) else {}
        organisation = first.get("organisation")
    return {
        "organiser": str(organiser or "")[:255],
        "organisation": str(organisation or "")[:255],
    }
