"""What the booking form asks of the organiser and how it speaks: the organisation and an
optional phone number, one form of address in Finnish, and a confirmation signed by the
organisation rather than the page."""

import re
from email.header import decode_header, make_header
from email.utils import parseaddr

import polib
import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from forms import builder, fields
from forms.fields import PreferredDatesWidget
from forms.models import Booking
from home.management.commands import load_demo_content
from tests import factories as f
from tests.bookings import (
    answers,
    fresh_limits,  # noqa: F401 (an autouse fixture)
    post,
)
from tests.tree import SITE_NAME

pytestmark = pytest.mark.django_db

# Endings of the plural (or formal) "you" in Finnish: imperatives (valitkaa, antakaa),
# verbs (olette, haluatteko) and possessives (varauksenne).
FINNISH_PLURAL_YOU = re.compile(r"\w+(?:kaa|kää|tte|tteko|ttekö|nne)\b", re.IGNORECASE)

# What the booking form and its e-mails say to a visitor, beyond the editors' questions.
VISITOR_MESSAGES = [
    "This text contains characters that cannot be read. Please type it again without them.",
    "Enter a phone number of 5 to 15 digits. It may start with + and the country code.",
    "Enter a number from 1 to %(largest)s.",
    "Choose dates from today onwards.",
    "List at least one participant.",
    "Participant %(number)d: enter a name.",
    "Participant %(number)d: enter a valid e-mail address.",
    "Enter a valid e-mail address.",
    "You have listed %(listed)d participants for a group of %(size)d. "
    "Remove participants or change the group size.",
    "Please correct the following",
    "Thank you, your booking has been sent",
    "Your booking number is %(number)s.",
    "We have received your visit booking",
    "Thank you for your booking request. We have received it and will get back to you to "
    "plan the visit.",
    "If something is wrong or your plans change, reply to this e-mail.",
]


def add_question(booking, clean_name, field_type, labels, required=False):
    """Add a question to the booking form family `booking` in every language, as a
    translation would: one translation key, the Swedish clean_name."""
    source = f.FormFieldFactory(
        page=booking.sv,
        sort_order=100 + len(labels[0]),
        clean_name=clean_name,
        field_type=field_type,
        required=required,
        label=labels[0],
    )
    for language, label in zip(("fi", "en"), labels[1:], strict=True):
        f.FormFieldFactory(
            page=booking[language],
            locale=booking[language].locale,
            translation_key=source.translation_key,
            sort_order=source.sort_order,
            clean_name=clean_name,
            field_type=field_type,
            required=required,
            label=label,
        )


@pytest.fixture
def organiser_questions(tree):
    add_question(
        tree.booking,
        "organisation",
        "organisation",
        ("Din organisation", "Organisaatiosi", "Your organisation"),
        required=True,
    )
    add_question(
        tree.booking, "phone", "phone", ("Ditt telefonnummer", "Puhelinnumerosi", "Your phone")
    )
    return tree.booking


@pytest.mark.parametrize(
    "typed", ["+46 90 123 45 67", "090-12 34 56", "(06) 317 1234", "+358401234567", "12345"]
)
def test_a_phone_number_is_kept_as_typed(typed):
    assert fields.PhoneField(required=False).clean(typed) == typed


@pytest.mark.parametrize(
    "typed", ["ring mig", "1234", "+46 90 123 45 67 89 012", "46+90", "090 123 45 67 ext 2"]
)
def test_a_phone_number_with_letters_or_the_wrong_number_of_digits_is_refused(typed):
    with translation.override("fi"):
        with pytest.raises(ValidationError) as refused:
            fields.PhoneField(required=False).clean(typed)
        assert refused.value.messages == [
            "Anna puhelinnumero, jossa on 5–15 numeroa. Sen alussa voi olla + ja maatunnus."
        ]


def test_the_phone_and_organisation_inputs_tell_the_browser_what_they_hold():
    phone = fields.PhoneField(required=False).widget
    organisation = builder.BookingFormBuilder([]).create_organisation_field(None, {}).widget
    assert (phone.input_type, phone.attrs["autocomplete"]) == ("tel", "tel")
    assert organisation.attrs["autocomplete"] == "organization"


def test_the_organisers_organisation_and_phone_are_stored_and_listed_for_staff(
    client, django_capture_on_commit_callbacks, organiser_questions
):
    page = organiser_questions["en"]
    data = answers(page) | {"organisation": "Vaasan kaupunki", "phone": "+358 6 325 1111"}
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, page, data)

    assert response.status_code == 200
    booking = Booking.objects.get()
    # The bookings list's organisation column is the organiser's, not a participant's.
    assert booking.organisation == "Vaasan kaupunki"
    assert booking.form_data["phone"] == "+358 6 325 1111"
    staff = next(message for message in mail.outbox if message.to == ["staff@example.com"])
    assert "+358 6 325 1111" in staff.body


def test_a_wrong_phone_number_is_refused_in_the_forms_language(client, organiser_questions):
    page = organiser_questions["sv"]
    response = post(client, page, answers(page) | {"organisation": "X", "phone": "ring mig"})

    assert response.status_code == 200
    assert not Booking.objects.exists()
    assert "Ange ett telefonnummer med 5–15 siffror." in response.content.decode()


def test_the_phone_number_may_be_left_out(client, organiser_questions):
    page = organiser_questions["fi"]
    post(client, page, answers(page) | {"organisation": "Herrfors", "phone": ""})
    assert Booking.objects.get().form_data["phone"] == ""


def test_the_finnish_booking_messages_address_the_visitor_in_the_singular():
    with translation.override("fi"):
        finnish = {message: translation.gettext(message) for message in VISITOR_MESSAGES}
    untranslated = [message for message, text in finnish.items() if text == message]
    assert not untranslated
    plural = {text: FINNISH_PLURAL_YOU.findall(text) for text in finnish.values()}
    assert {text: words for text, words in plural.items() if words} == {}


def test_the_finnish_demo_booking_form_addresses_the_visitor_in_the_singular():
    catalogue = polib.pofile(str(load_demo_content.DEMO_FOLDER / "locale" / "fi.po"))
    form_texts = [entry.msgstr for entry in catalogue if "form page:" in entry.comment]
    assert len(form_texts) > 10
    plural = {text: FINNISH_PLURAL_YOU.findall(text) for text in form_texts}
    assert {text: words for text, words in plural.items() if words} == {}


@pytest.mark.parametrize("language", ["sv", "fi", "en"])
def test_the_preferred_date_labels_are_all_of_a_kind(language):
    with translation.override(language):
        labels = [str(label) for label in PreferredDatesWidget.choices]
    # "Ensimmäinen vaihtoehto / Toinen vaihtoehto / Kolmas vaihtoehto": one noun, three
    # ordinals (Swedish joins them into one word: förstahandsval, andrahandsval, ...).
    endings = {label.split()[-1][-3:] for label in labels}
    assert len(set(labels)) == 3 and len(endings) == 1, labels


def test_the_confirmation_is_signed_with_the_organisation_not_the_page(
    client, django_capture_on_commit_callbacks, tree
):
    page = tree.booking["en"]
    with django_capture_on_commit_callbacks(execute=True):
        post(client, page, answers(page))

    confirmation = next(message for message in mail.outbox if message.to == ["aino@example.fi"])
    home = tree.home["en"]
    organisation = home.contact_heading or SITE_NAME
    closing = confirmation.body.rstrip().split("\n\n")[-1].splitlines()
    assert closing[:2] == ["Kind regards,", organisation]
    assert page.title not in confirmation.body
    # The inbox shows who wrote: the organisation's name beside the sender's address.
    sent = confirmation.message()
    name, address = parseaddr(str(make_header(decode_header(sent["From"]))))
    assert (name, address) == (organisation, settings.DEFAULT_FROM_EMAIL)
