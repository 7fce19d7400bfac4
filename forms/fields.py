"""The Django form fields a booking form is built from.

Besides Wagtail's own field types, editors can add a group size, preferred dates and a
participant list. Every text a visitor types has a maximum length and may not contain
control characters (or the replacement character that stands in for invalid UTF-8), so
nothing unreadable reaches the database, the e-mails or the exports.

The widgets' templates are in forms/templates/ rather than the project's templates/:
Django's default form renderer looks in installed apps only.
"""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# C0 controls other than tab, line feed and carriage return; DEL; and U+FFFD, which the
# request parser puts where the browser sent bytes that are not UTF-8.
UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
UNREADABLE_MESSAGE = _(
    "This text contains characters that cannot be read. Please type it again without them."
)


def check_readable(value):
    if value and UNREADABLE.search(value):
        raise ValidationError(UNREADABLE_MESSAGE, code="unreadable")


class ReadableTextMixin:
    """Refuse control characters and invalid UTF-8 with a message, instead of storing them."""

    def validate(self, value):
        check_readable(value)
        super().validate(value)


class TextField(ReadableTextMixin, forms.CharField):
    pass


class EmailField(ReadableTextMixin, forms.EmailField):
    pass


class URLField(ReadableTextMixin, forms.URLField):
    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


# A phone number as people write one: digits, spaces and the usual separators, with a
# leading + for the country code. Five digits is the shortest local number, fifteen the
# longest international one (ITU-T E.164).
PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()./-]+$")
PHONE_DIGITS = (5, 15)
PHONE_MAX_LENGTH = 32


class TelInput(forms.TextInput):
    input_type = "tel"


class PhoneField(TextField):
    """A phone number, kept as typed (spaces and all) once it is shown to be one."""

    default_error_messages = {
        "invalid": _(
            "Enter a phone number of 5 to 15 digits. It may start with + and the country code."
        ),
    }

    def __init__(self, **kwargs):
        kwargs["max_length"] = PHONE_MAX_LENGTH
        kwargs.setdefault("widget", TelInput(attrs={"autocomplete": "tel"}))
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if not value:
            return
        digits = sum(character.isdigit() for character in value)
        fewest, most = PHONE_DIGITS
        if not PHONE_CHARACTERS.match(value) or not fewest <= digits <= most:
            raise ValidationError(self.error_messages["invalid"], code="invalid")


class GroupSizeField(forms.IntegerField):
    """How many people are coming: a whole number from 1 to the configured maximum."""

    def __init__(self, **kwargs):
        self.largest = settings.BOOKING_MAX_GROUP_SIZE
        kwargs.setdefault("widget", forms.NumberInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"min": 1, "max": self.largest, "step": 1})
        return attrs

    def to_python(self, value):
        if isinstance(value, str) and len(value) > 20:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value is not None and not 1 <= value <= self.largest:
            raise ValidationError(
                _("Enter a number from 1 to %(largest)s."),
                code="out_of_range",
                params={"largest": self.largest},
            )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class PreferredDatesWidget(forms.MultiWidget):
    template_name = "forms/widgets/preferred_dates.html"
    choices = (_("First choice"), _("Second choice"), _("Third choice"))

    def __init__(self, attrs=None):
        super().__init__([DateInput() for _choice in self.choices], attrs)

    def decompress(self, value):
        value = list(value or [])
        return (value + [None] * len(self.choices))[: len(self.choices)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, label in zip(context["widget"]["subwidgets"], self.choices, strict=True):
            subwidget["label"] = label
        return context

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else id_


class PreferredDatesField(forms.MultiValueField):
    """Up to three dates the group would like to come, none of them in the past."""

    widget = PreferredDatesWidget

    def __init__(self, **kwargs):
        kwargs.pop("max_length", None)
        kwargs.pop("initial", None)
        dates = [forms.DateField(required=False) for _choice in PreferredDatesWidget.choices]
        super().__init__(dates, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        chosen = []
        for day in data_list or []:
            if day and day not in chosen:
                chosen.append(day)
        return chosen

    def validate(self, value):
        super().validate(value)
        today = timezone.localdate()
        if any(day < today for day in value or []):
            raise ValidationError(_("Choose dates from today onwards."), code="past")


PARTICIPANT_PARTS = (
    # (key, label, input type, maximum length)
    ("name", _("Name"), "text", 200),
    ("organisation", _("Organisation"), "text", 200),
    ("role", _("Role or title"), "text", 200),
    ("email", _("E-mail (optional)"), "email", 254),
)
PARTICIPANT_KEYS = tuple(key for key, *_rest in PARTICIPANT_PARTS)
# Rows shown when the page is read without JavaScript (the script shows one and adds more).
EMPTY_ROWS_WITHOUT_SCRIPT = 5
# At most this many row errors are listed; the rest would only bury the first ones.
MAX_ROW_ERRORS = 10


class ParticipantListWidget(forms.Widget):
    """Rows of name, organisation, role and e-mail, named `<field>-<row>-<part>`."""

    template_name = "forms/widgets/participant_list.html"
    use_fieldset = True

    def __init__(self, min_rows=0, max_rows=50, attrs=None):
        super().__init__(attrs)
        self.min_rows = min_rows
        self.max_rows = max_rows

    def _row_pattern(self, name):
        return re.compile(rf"^{re.escape(name)}-(\d{{1,4}})-({'|'.join(PARTICIPANT_KEYS)})$")

    def value_from_datadict(self, data, files, name):
        pattern = self._row_pattern(name)
        rows = {}
        for key in data:
            match = pattern.match(key)
            if match:
                rows.setdefault(int(match[1]), {})[match[2]] = data.get(key) or ""
        return [
            {part: rows[index].get(part, "") for part in PARTICIPANT_KEYS} for index in sorted(rows)
        ]

    def value_omitted_from_data(self, data, files, name):
        pattern = self._row_pattern(name)
        return not any(pattern.match(key) for key in data)

    def format_value(self, value):
        return value if isinstance(value, list) else []

    def _row(self, name, id_, index, values):
        parts = []
        for key, label, input_type, max_length in PARTICIPANT_PARTS:
            value = values.get(key, "") if isinstance(values, dict) else ""
            parts.append(
                {
                    "key": key,
                    "label": label,
                    "type": input_type,
                    "max_length": max_length,
                    "name": f"{name}-{index}-{key}",
                    "id": f"{id_}_{index}_{key}",
                    "value": value if isinstance(value, str) else "",
                }
            )
        number = index + 1 if isinstance(index, int) else index
        return {"index": index, "number": number, "parts": parts}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        id_ = context["widget"]["attrs"].get("id") or f"id_{name}"
        rows = self.format_value(value)
        shown = max(len(rows), min(max(self.min_rows, EMPTY_ROWS_WITHOUT_SCRIPT), self.max_rows))
        rows = rows + [{}] * (shown - len(rows))
        context["widget"].update(
            {
                "id": id_,
                "min_rows": self.min_rows,
                "max_rows": self.max_rows,
                "rows": [self._row(name, id_, index, row) for index, row in enumerate(rows)],
                "template_row": self._row(name, id_, "__index__", {}),
            }
        )
        return context

    def id_for_label(self, id_):
        return f"{id_}_0_name" if id_ else id_


class ParticipantListField(forms.Field):
    """The people in the group, as a list of dicts; rows left empty are dropped."""

    widget = ParticipantListWidget
    default_error_messages = {
        "required": _("List at least one participant."),
    }

    def __init__(self, *, min_rows=0, max_rows=50, **kwargs):
        kwargs.pop("max_length", None)
        kwargs.pop("initial", None)
        self.min_rows = min_rows
        self.max_rows = max_rows
        kwargs.setdefault("widget", ParticipantListWidget(min_rows=min_rows, max_rows=max_rows))
        super().__init__(**kwargs)

    def to_python(self, value):
        """Numbered rows as typed, so messages can name the row the visitor sees."""
        if not isinstance(value, list):
            return []
        rows = []
        for number, row in enumerate(value, start=1):
            row = {key: str(row.get(key, "")).strip() for key in PARTICIPANT_KEYS}
            if any(row.values()):
                rows.append((number, row))
        return rows

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        errors = []
        if len(value) < self.min_rows:
            errors.append(
                ValidationError(
                    _("Fill in at least this many participants: %(count)d."),
                    code="too_few",
                    params={"count": self.min_rows},
                )
            )
        if len(value) > self.max_rows:
            errors.append(
                ValidationError(
                    _("The list takes at most this many participants: %(count)d."),
                    code="too_many",
                    params={"count": self.max_rows},
                )
            )
        for number, row in value:
            errors.extend(self.row_errors(number, row))
        if errors:
            raise ValidationError(errors[:MAX_ROW_ERRORS])

    def row_errors(self, number, row):
        errors = []
        for key, label, _input_type, max_length in PARTICIPANT_PARTS:
            text = row[key]
            if UNREADABLE.search(text):
                errors.append(
                    ValidationError(
                        _("Participant %(number)d, %(part)s: %(problem)s"),
                        code="unreadable",
                        params={"number": number, "part": label, "problem": UNREADABLE_MESSAGE},
                    )
                )
            elif len(text) > max_length:
                errors.append(
                    ValidationError(
                        _("Participant %(number)d, %(part)s: at most %(count)d characters."),
                        code="max_length",
                        params={"number": number, "part": label, "count": max_length},
                    )
                )
        if not row["name"]:
            errors.append(
                ValidationError(
                    _("Participant %(number)d: enter a name."),
                    code="name",
                    params={"number": number},
                )
            )
        if row["email"] and len(row["email"]) <= 254 and not UNREADABLE.search(row["email"]):
            try:
                validate_email(row["email"])
            except ValidationError:
                errors.append(
                    ValidationError(
                        _("Participant %(number)d: enter a valid e-mail address."),
                        code="email",
                        params={"number": number},
                    )
                )
        return errors

    def clean(self, value):
        rows = super().clean(value)
        return [row for _number, row in rows]

    def has_changed(self, initial, data):
        return bool(self.to_python(data))
