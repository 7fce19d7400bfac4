"""Existing bookings store their choice answers as the Swedish question's choices, as new
ones do, and get the organiser and organisation the bookings list shows."""

from collections import defaultdict

from django.conf import settings
from django.db import migrations

from forms import values


def store_choices_once(apps, schema_editor):
    Booking = apps.get_model("forms", "Booking")
    FormField = apps.get_model("forms", "FormField")
    Page = apps.get_model("wagtailcore", "Page")
    fields = defaultdict(list)
    for field in FormField.objects.order_by("sort_order", "pk"):
        fields[field.page_id].append(field)
    pages = {
        row["pk"]: (row["translation_key"], row["locale__language_code"])
        for row in Page.objects.filter(pk__in=list(fields)).values(
            "pk", "translation_key", "locale__language_code"
        )
    }
    source_page = {
        key: pk for pk, (key, language) in pages.items() if language == settings.LANGUAGE_CODE
    }
    for booking in Booking.objects.iterator():
        key, _language = pages.get(booking.page_id, (None, None))
        own = fields.get(booking.page_id, [])
        source = fields.get(source_page.get(key), own)
        questions = values.Questions(own, source)
        booking.form_data = questions.to_source(booking.form_data)
        for name, value in values.listed_answers(booking.form_data, questions).items():
            setattr(booking, name, value)
        booking.save(update_fields=["form_data", "organiser", "organisation"])


class Migration(migrations.Migration):
    dependencies = [
        ("forms", "0004_booking_list_columns"),
    ]

    operations = [
        migrations.RunPython(store_choices_once, migrations.RunPython.noop),
    ]
