"""Visit bookings: real posts of the test tree's booking form in each language, the
e-mails they owe, validation, spam refusal, retention and the caching headers of the
form page."""

import io
import logging
import smtplib
import time
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.core import mail, signing
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from wagtail_localize.fields import get_translatable_fields

from forms import spam
from forms.models import Booking, BookingEmail, FormField
from tests.bookings import (
    PEOPLE,
    answers,
    choices,
    fresh_limits,  # noqa: F401 (an autouse fixture)
    future,
    key,
    label,
    post,
    token_for,
)
from tests.tree import QUESTIONS

pytestmark = pytest.mark.django_db


class BrokenBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def main(response):
    return BeautifulSoup(response.content, "html.parser").find("main")


CONFIRMATION_SUBJECTS = {
    "sv": "Vi har tagit emot er besöksbokning",
    "fi": "Olemme vastaanottaneet vierailuvarauksesi",
    "en": "We have received your visit booking",
}
LANGUAGE_NAMES = {"sv": "svenska", "fi": "finska", "en": "engelska"}
THANKS = {
    "sv": "Tack, er bokning har skickats",
    "fi": "Kiitos, varauksesi on lähetetty",
    "en": "Thank you, your booking has been sent",
}


@pytest.mark.parametrize("language", ["sv", "fi", "en"])
def test_a_booking_is_stored_with_its_language_and_participants_and_mailed(
    client, django_capture_on_commit_callbacks, tree, language
):
    page = tree.booking[language]
    sent = answers(page)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, page, sent)

    assert response.status_code == 200
    assert THANKS[language] in main(response).get_text()
    booking = Booking.objects.get()
    assert booking.language == language
    assert booking.page_id == page.pk
    assert booking.status == Booking.Status.NEW
    assert booking.form_data[key("participants")] == [
        dict(zip(("name", "organisation", "role", "email"), person, strict=True))
        for person in PEOPLE
    ]
    assert booking.form_data[key("group_size")] == 12
    assert booking.form_data[key("dates")] == [
        sent[f"{key('dates')}_0"],
        sent[f"{key('dates')}_1"],
    ]
    # Choices are stored as the Swedish question names them, whatever the form's language.
    assert booking.form_data[key("aim")] == choices(tree.booking.sv, "aim")[1]

    staff_addresses = page.staff_addresses()
    assert staff_addresses == ["staff@example.com"]
    staff, confirmation = sorted(mail.outbox, key=lambda message: message.to != staff_addresses)
    # Staff: in Swedish, with a link to the booking in the admin, replies go to the organiser.
    assert staff.to == staff_addresses
    assert staff.subject == f"Ny besöksbokning (bokning {booking.pk})"
    assert "http://testserver" + reverse("bookings:edit", args=[booking.pk]) in staff.body
    # The visitor's language is named in the staff's language.
    assert f"skickad på {LANGUAGE_NAMES[language]})" in staff.body
    assert staff.reply_to == ["aino@example.fi"]
    assert (
        f"{label(tree.booking.sv, 'participants')}:\n"
        "Aino Virtanen, Vaasan kaupunki, Kehitysjohtaja <aino@example.fi>\n" in staff.body
    )
    # The organiser: in the language they used, a receipt that repeats no free text
    # (tests/test_booking_delivery.py has the details).
    assert confirmation.to == ["aino@example.fi"]
    assert confirmation.subject == CONFIRMATION_SUBJECTS[language]
    assert f"{label(page, 'group_size')}: 12\n" in confirmation.body
    assert "Erik Lind" not in confirmation.body
    assert confirmation.reply_to == staff_addresses[:1]
    assert all(email.sent_at and email.attempts == 1 for email in BookingEmail.objects.all())


def test_every_language_stores_answers_under_the_same_keys(client, tree):
    for language in ("sv", "fi", "en"):
        page = tree.booking[language]
        assert post(client, page, answers(page)).status_code == 200
    keys = {tuple(sorted(booking.form_data)) for booking in Booking.objects.all()}
    assert keys == {tuple(sorted(question.clean_name for question in QUESTIONS.values()))}
    assert sorted(Booking.objects.values_list("language", flat=True)) == ["en", "fi", "sv"]


def test_clean_names_are_synchronised_and_cannot_be_overridden(tree):
    fields = {field.field_name: field for field in get_translatable_fields(FormField)}
    clean_name = fields["clean_name"]
    assert clean_name.is_synchronized(FormField()) and not clean_name.is_translated(FormField())
    assert not clean_name.is_overridable(FormField())
    assert fields["label"].is_translated(FormField())
    assert fields["choices"].is_translated(FormField())
    sv, fi = tree.booking.sv, tree.booking["fi"]
    assert list(fi.form_fields.values_list("clean_name", flat=True)) == list(
        sv.form_fields.values_list("clean_name", flat=True)
    )
    # Labels and choices, by contrast, are the translator's.
    assert label(fi, "aim") != label(sv, "aim")
    assert choices(fi, "aim") != choices(sv, "aim")


def test_a_failing_mail_server_loses_nothing_and_the_retry_command_sends(
    client, settings, django_capture_on_commit_callbacks, caplog, tree
):
    settings.EMAIL_BACKEND = "tests.test_bookings.BrokenBackend"
    page = tree.booking["fi"]
    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True):
        response = post(client, page, answers(page))

    assert response.status_code == 200
    assert THANKS["fi"] in main(response).get_text()
    booking = Booking.objects.get()
    emails = list(booking.emails.all())
    assert [email.kind for email in emails] == ["confirmation", "staff"]
    assert all(email.sent_at is None and email.attempts == 1 for email in emails)
    assert all(email.error.startswith("SMTPServerDisconnected") for email in emails)
    # The log names the booking, never the person.
    assert f"Booking {booking.pk}: the staff e-mail was not sent" in caplog.text
    for personal in ("Aino", "Virtanen", "aino@example.fi", "Vaasan"):
        assert personal not in caplog.text

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    output = io.StringIO()
    call_command("send_booking_emails", stdout=output)
    assert "sent: 2, failed: 0" in output.getvalue()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "aino@example.fi",
        *page.staff_addresses(),
    ]
    assert Booking.objects.count() == 1
    # Run again: nothing is sent twice.
    call_command("send_booking_emails", stdout=io.StringIO())
    assert len(mail.outbox) == 2


def test_an_error_while_sending_still_shows_the_thank_you_page(
    client, monkeypatch, django_capture_on_commit_callbacks, tree
):
    def broken(booking_id):
        raise RuntimeError("the database went away after the commit")

    monkeypatch.setattr("forms.mail.deliver_for_booking", broken)
    page = tree.booking.sv
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post(client, page, answers(page))
    assert len(callbacks) == 1
    assert response.status_code == 200
    assert THANKS["sv"] in main(response).get_text()
    assert Booking.objects.count() == 1
    assert BookingEmail.objects.filter(sent_at__isnull=True).count() == 2


def test_the_retry_command_reports_what_still_fails(client, settings, tree):
    page = tree.booking.sv
    post(client, page, answers(page))  # on_commit never runs here: the e-mails wait
    settings.EMAIL_BACKEND = "tests.test_bookings.BrokenBackend"
    with pytest.raises(CommandError, match="could not be sent"):
        call_command("send_booking_emails", stdout=io.StringIO())
    assert set(BookingEmail.objects.values_list("attempts", flat=True)) == {1}


def test_an_email_being_sent_elsewhere_is_not_sent_again(client, tree):
    page = tree.booking.sv
    post(client, page, answers(page))
    BookingEmail.objects.update(claimed_until=timezone.now() + timedelta(minutes=5))
    call_command("send_booking_emails", stdout=io.StringIO())
    assert mail.outbox == []
    BookingEmail.objects.update(claimed_until=timezone.now() - timedelta(minutes=1))
    call_command("send_booking_emails", stdout=io.StringIO())
    assert len(mail.outbox) == 2


def test_without_staff_address_or_organiser_email_nothing_is_owed(client, tree):
    page = tree.booking.sv
    page.to_address = ""
    page.save()
    page.form_fields.filter(field_type="email").update(required=False)
    assert post(client, page, answers(page, email="")).status_code == 200
    assert not BookingEmail.objects.exists()


def test_a_double_submit_stores_one_booking(client, tree):
    page = tree.booking["en"]
    token = token_for(client, page)
    first = post(client, page, answers(page), token=token)
    second = post(client, page, answers(page), token=token)
    assert first.status_code == second.status_code == 200
    booking = Booking.objects.get()
    assert f"Your booking number is {booking.pk}." in main(second).get_text()
    assert BookingEmail.objects.count() == 2


LONG = "x" * 4001


@pytest.mark.parametrize(
    ("changes", "handle", "message"),
    [
        ({"name": ""}, "name", "obligatoriskt"),
        ({"aim": None}, "aim", "obligatoriskt"),
        ({"dates": ["", ""]}, "dates", "obligatoriskt"),
        ({"aim_details": LONG}, "aim_details", "4000"),
        ({"name": "x" * 256}, "name", "255"),
        ({"email": "aino.example.fi"}, "email", "giltig e-postadress"),
        ({"group_size": "0"}, "group_size", "från 1 till 500"),
        ({"group_size": "10000"}, "group_size", "från 1 till 500"),
        ({"group_size": "tolv"}, "group_size", "heltal"),
        ({"group_size": "9" * 5000}, "group_size", "heltal"),
        ({"dates": ["2020-01-01"]}, "dates", "från och med i dag"),
        ({"dates": [future(30), "den femte"]}, "dates", "giltigt datum"),
        ({"group_size": "1"}, "participants", "Ni har listat 2 deltagare för en grupp på 1"),
        (
            {"participants": [("", "Umeå Energi", "VD", "")]},
            "participants",
            "Deltagare 1: ange ett namn.",
        ),
        (
            {"participants": [("Anna", "", "", "anna(at)example.se")]},
            "participants",
            "Deltagare 1: ange en giltig e-postadress.",
        ),
        ({"participants": [("A" * 201, "", "", "")]}, "participants", "högst 200 tecken"),
        ({"focus_areas": ["Kärnkraft"]}, "focus_areas", "Välj ett giltigt alternativ"),
        ({"wishes": "Kaffe\x07\x1b[31m"}, "wishes", "inte går att läsa"),
        ({"participants": [("Anna\x08", "", "", "")]}, "participants", "inte går att läsa"),
    ],
)
def test_bad_input_gets_errors_next_to_the_field_and_stores_nothing(
    client, django_capture_on_commit_callbacks, tree, changes, handle, message
):
    page = tree.booking.sv
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, page, answers(page, **changes))
    assert response.status_code == 200
    html = main(response)
    errors = html.find(id=f"id_{key(handle)}_error")
    assert errors is not None, f"no errors shown next to {handle}"
    assert message in errors.get_text()
    # The summary at the top links to the field's first input.
    summary_links = [a["href"] for a in html.select(".error-summary a")]
    assert summary_links
    for href in summary_links:
        assert html.find(id=href[1:]) is not None, href
    assert errors.find_parent(class_="form-field--error")
    assert Booking.objects.count() == 0
    assert mail.outbox == []


def test_error_messages_are_in_the_page_language(client, tree):
    page = tree.booking["fi"]
    response = post(client, page, answers(page, group_size="0", name=""))
    errors = main(response).select(".errorlist")
    texts = " ".join(error.get_text() for error in errors)
    assert "Anna luku väliltä 1–500." in texts
    assert "Tämä kenttä on pakollinen." in texts
    assert main(response).select_one(".error-summary h2").get_text() == "Korjaa seuraavat kohdat"


def test_the_group_size_maximum_is_a_setting(client, settings, tree):
    settings.BOOKING_MAX_GROUP_SIZE = 20
    page = tree.booking["en"]
    response = post(client, page, answers(page, group_size="21"))
    assert "Enter a number from 1 to 20." in main(response).get_text()
    assert post(client, page, answers(page, group_size="20")).status_code == 200
    assert Booking.objects.count() == 1


def test_fewer_participants_than_the_group_size_is_fine(client, tree):
    page = tree.booking.sv
    data = answers(page, group_size="40", participants=None)
    assert post(client, page, data).status_code == 200
    assert Booking.objects.get().form_data[key("participants")] == []


def test_more_rows_than_the_list_takes_are_refused(client, tree):
    page = tree.booking.sv
    rows = [(f"Person {number}", "", "", "") for number in range(60)]
    response = post(client, page, answers(page, group_size="100", participants=rows))
    assert response.status_code == 200
    assert (
        "högst så här många deltagare: 50"
        in main(response).find(id=f"id_{key('participants')}_error").get_text()
    )
    assert Booking.objects.count() == 0


def test_a_thousand_participant_rows_are_refused_cleanly(client, tree):
    page = tree.booking.sv
    rows = [(f"Person {number}", "Org", "Roll", "") for number in range(1000)]
    data = answers(page, group_size="500", participants=rows)
    response = post(client, page, data)
    # Django refuses a post of more than 1,000 fields before any view runs: 400, not 500.
    assert response.status_code == 400
    assert Booking.objects.count() == 0


def test_invalid_utf8_is_refused_with_the_400_page_and_stores_nothing(client, tree):
    """Undecodable forms (and NUL characters) never reach the form: tests/test_bad_input.py."""
    page = tree.booking.sv
    token = token_for(client, page)
    body = urlencode({**answers(page), "_token": token}, doseq=True)
    name = key("name")
    assert f"{name}=Aino+Virtanen" in body
    body = body.replace(f"{name}=Aino+Virtanen", f"{name}=Aino%FF%FEVirtanen")
    response = client.post(page.url, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "Det som skickades var för stort" in response.content.decode()
    assert Booking.objects.count() == 0


def test_the_form_page_is_never_cached(client, tree):
    page = tree.booking.sv
    response = client.get(page.url)
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    thanks = post(client, page, answers(page))
    assert "no-store" in thanks["Cache-Control"]


def test_the_page_shows_the_costs_notice_and_privacy_text_with_its_link(client, tree):
    page = tree.booking["fi"]
    assert page.costs_notice and page.privacy_text
    response = client.get(page.url)
    html = main(response)
    assert page.costs_notice in html.select_one(".notice").get_text()
    privacy = html.select_one(".form-privacy")
    assert page.privacy_text in privacy.get_text()
    # The privacy policy in the page's language, though the link is set on the Swedish page.
    assert privacy.find("a")["href"] == tree.standard["fi"].url
    # Every visible field has a label or a legend.
    for field in html.select(".form-field"):
        assert field.find("label") or field.find("legend")


# Spam


@pytest.fixture
def human_speed(settings, monkeypatch):
    """The time trap at its default, and a clock that can move the post into the future."""
    settings.BOOKING_MIN_FILL_SECONDS = 3
    clock = {"offset": 0.0}
    real_time = time.time
    monkeypatch.setattr(spam.time, "time", lambda: real_time() + clock["offset"])
    return clock


def test_a_submit_at_human_speed_passes(client, human_speed, tree):
    page = tree.booking.sv
    token = token_for(client, page)
    human_speed["offset"] = 40  # forty seconds to fill in the form
    assert post(client, page, answers(page), token=token).status_code == 200
    assert Booking.objects.count() == 1


def test_a_too_fast_submit_is_refused_politely_and_keeps_the_answers(client, human_speed, tree):
    page = tree.booking.sv
    response = post(client, page, answers(page))
    assert response.status_code == 200
    html = main(response)
    assert "snabbare än en människa" in html.select_one(".form-message").get_text()
    assert html.find(id=f"id_{key('name')}")["value"] == "Aino Virtanen"
    assert Booking.objects.count() == 0


def test_a_filled_honeypot_is_refused(client, tree):
    page = tree.booking.sv
    token = token_for(client, page)
    response = client.post(
        page.url, {**answers(page), "_token": token, "_website": "http://spam.example"}
    )
    assert response.status_code == 400
    assert "Vi kunde inte ta emot formuläret" in main(response).get_text()
    assert Booking.objects.count() == 0


def test_a_forged_timestamp_is_refused(client, human_speed, tree):
    page = tree.booking.sv
    token = token_for(client, page)
    payload = signing.loads(token, salt=spam.TOKEN_SALT)
    # Claim the form was shown an hour ago, without the site's key...
    payload["issued"] -= 3600
    forged = signing.dumps(payload, key="not-the-site-key", salt=spam.TOKEN_SALT)
    # ...or by editing the signed value by hand.
    head, _sep, tail = token.partition(":")
    edited = (
        signing.b64_encode(
            signing.b64_decode(head.encode()).replace(b'"issued":', b'"issued":1')
        ).decode()
        + ":"
        + tail
    )
    for bad in (forged, edited, "", "nonsense:abc:def"):
        response = post(client, page, answers(page), token=bad)
        assert response.status_code == 400
        assert "Vi kunde inte ta emot formuläret" in main(response).get_text()
    assert Booking.objects.count() == 0


def test_a_token_from_another_page_is_refused(client, tree):
    sv, fi = tree.booking.sv, tree.booking["fi"]
    response = post(client, sv, answers(sv), token=token_for(client, fi))
    assert response.status_code == 400
    assert Booking.objects.count() == 0


def test_an_expired_form_is_sent_again_by_the_visitor(client, settings, tree):
    settings.BOOKING_TOKEN_MAX_AGE = -1
    page = tree.booking["en"]
    response = post(client, page, answers(page))
    assert response.status_code == 200
    assert "open for a long time" in main(response).get_text()
    assert Booking.objects.count() == 0


def test_a_client_over_the_rate_limit_is_refused(client, settings, tree):
    settings.BOOKING_RATE_LIMIT_POSTS = 3
    page = tree.booking.sv
    for _attempt in range(3):
        post(client, page, answers(page, name=""))  # three posts with an error
    response = post(client, page, answers(page))
    assert response.status_code == 429
    assert "många gånger på kort tid" in main(response).get_text()
    assert Booking.objects.count() == 0
    # Another visitor is not affected.
    other = post(client, page, answers(page), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200
    assert Booking.objects.count() == 1


def test_the_rate_limit_reads_the_address_through_trusted_proxies(client, settings, tree):
    settings.BOOKING_RATE_LIMIT_POSTS = 1
    settings.BOOKING_TRUSTED_PROXY_COUNT = 1
    page = tree.booking.sv
    first = post(client, page, answers(page), HTTP_X_FORWARDED_FOR="198.51.100.1")
    second = post(client, page, answers(page), HTTP_X_FORWARDED_FOR="198.51.100.2")
    third = post(client, page, answers(page), HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert [first.status_code, second.status_code, third.status_code] == [200, 200, 429]


def test_staff_read_an_english_booking_with_staff_labels_and_swedish_choices(
    client, django_capture_on_commit_callbacks, tree
):
    english = tree.booking["en"]
    english.form_fields.filter(clean_name=key("aim")).update(choices="Business\nStudy visit\nOther")
    tree.booking.sv.form_fields.filter(clean_name=key("name")).update(staff_label="Bokare")
    with django_capture_on_commit_callbacks(execute=True):
        post(client, english, answers(english, aim="Study visit"))
    booking = Booking.objects.get()
    assert booking.form_data[key("aim")] == "Studiebesök"
    staff = next(message for message in mail.outbox if message.to == ["staff@example.com"])
    assert f"{label(tree.booking.sv, 'aim')}:\nStudiebesök\n" in staff.body
    assert "Bokare:\nAino Virtanen\n" in staff.body
    assert label(tree.booking.sv, "name") not in staff.body
    assert "Study visit" not in staff.body
    # The organiser's receipt stays in English.
    confirmation = next(message for message in mail.outbox if message is not staff)
    assert confirmation.subject == CONFIRMATION_SUBJECTS["en"]


def test_a_booking_is_named_by_its_organiser_and_logged_by_its_number(client, tree):
    page = tree.booking.sv
    post(client, page, answers(page))
    booking = Booking.objects.get()
    received = date_format(timezone.localtime(booking.submit_time), "SHORT_DATE_FORMAT")
    assert str(booking) == f"Aino Virtanen, {received}"
    assert booking.organisation == "Vaasan kaupunki"
    assert booking.log_title == f"Bokning {booking.pk}"
