"""Turns the fields editors set up on a booking page into a Django form."""

from django import forms
from django.conf import settings
from django.forms.boundfield import BoundField
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from . import fields

SINGLE_LINE_MAX_LENGTH = 255
EMAIL_MAX_LENGTH = 254
URL_MAX_LENGTH = 2000


class BookingBoundField(BoundField):
    """A field of the booking form. Its help text and errors are tied to its input by
    Django's own aria-describedby (<id>_helptext, <id>_error)."""

    @property
    def summary_target(self):
        """The element the error summary links to: the first input of the field."""
        widget = self.field.widget
        return widget.id_for_label(self.auto_id) or self.auto_id


class BookingForm(BaseForm):
    bound_field_class = BookingBoundField

    def clean(self):
        """Listing fewer participants than the group size is fine; more is not."""
        cleaned_data = super().clean()
        sizes = [
            cleaned_data[name]
            for name, field in self.fields.items()
            if isinstance(field, fields.GroupSizeField) and cleaned_data.get(name)
        ]
        if not sizes:
            return cleaned_data
        size = max(sizes)
        for name, field in self.fields.items():
            listed = cleaned_data.get(name)
            if isinstance(field, fields.ParticipantListField) and listed and len(listed) > size:
                self.add_error(
                    name,
                    forms.ValidationError(
                        _(
                            "You have listed %(listed)d participants for a group of %(size)d. "
                            "Remove participants or change the group size."
                        ),
                        code="more_than_group",
                        params={"listed": len(listed), "size": size},
                    ),
                )
        return cleaned_data


class BookingFormBuilder(FormBuilder):
    """Wagtail's field types with limits on every text, plus our own booking types."""

    def create_singleline_field(self, field, options):
        options["max_length"] = SINGLE_LINE_MAX_LENGTH
        return fields.TextField(**options)

    def create_multiline_field(self, field, options):
        options["max_length"] = settings.BOOKING_TEXT_MAX_LENGTH
        options.setdefault("widget", forms.Textarea(attrs={"rows": 5}))
        return fields.TextField(**options)

    def create_organisation_field(self, field, options):
        options["max_length"] = SINGLE_LINE_MAX_LENGTH
        options.setdefault("widget", forms.TextInput(attrs={"autocomplete": "organization"}))
        return fields.TextField(**options)

    def create_phone_field(self, field, options):
        return fields.PhoneField(**options)

    def create_email_field(self, field, options):
        options["max_length"] = EMAIL_MAX_LENGTH
        options.setdefault("widget", forms.EmailInput(attrs={"autocomplete": "email"}))
        # Our own wording, so it matches the participant list's and no installed app's
        # catalogue decides it.
        options.setdefault("error_messages", {"invalid": _("Enter a valid e-mail address.")})
        return fields.EmailField(**options)

    def create_url_field(self, field, options):
        options["max_length"] = URL_MAX_LENGTH
        return fields.URLField(**options)

    def create_hidden_field(self, field, options):
        options["max_length"] = SINGLE_LINE_MAX_LENGTH
        options.setdefault("widget", forms.HiddenInput)
        return fields.TextField(**options)

    def create_number_field(self, field, options):
        options["max_digits"] = 15
        return forms.DecimalField(**options)

    def create_date_field(self, field, options):
        options.setdefault("widget", fields.DateInput)
        return forms.DateField(**options)

    def create_group_size_field(self, field, options):
        options.pop("initial", None)
        return fields.GroupSizeField(**options)

    def create_preferred_dates_field(self, field, options):
        return fields.PreferredDatesField(**options)

    def create_participants_field(self, field, options):
        return fields.ParticipantListField(
            min_rows=field.min_rows, max_rows=field.max_rows, **options
        )

    def get_form_class(self):
        return type("BookingForm", (BookingForm,), self.formfields)
