"""Booking handling in the admin: one list for all languages, filters, exports, editing,
erasure, and who may see bookings at all."""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, ModelLogEntry

from forms.models import Booking, BookingEmail
from tests.bookings import answers, key, label, post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    cache.clear()
    settings.BOOKING_MIN_FILL_SECONDS = 0
    yield
    cache.clear()


@pytest.fixture
def bookings(client, tree):
    """One booking in each language: sv, fi, en."""
    for language in ("sv", "fi", "en"):
        page = tree.booking[language]
        assert post(client, page, answers(page, name=f"Organiser {language}")).status_code == 200
    return {booking.language: booking for booking in Booking.objects.all()}


@pytest.fixture
def listing(tree):
    """The bookings list of the Swedish booking page, with `params` as its query."""

    def get(admin_client, **params):
        url = reverse("wagtailforms:list_submissions", args=[tree.booking.sv.pk])
        return admin_client.get(url, params)

    return get


def rows(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all("td")[1:]]
        for row in html.select("table.listing tbody tr")
    ]


def column(response, heading):
    html = BeautifulSoup(response.content, "html.parser")
    headings = [th.get_text(strip=True) for th in html.select("table.listing thead th")[1:]]
    index = headings.index(heading)
    return [row[index] for row in rows(response)]


def test_one_list_shows_every_language_with_its_language(admin_client, bookings, listing, tree):
    response = listing(admin_client)
    assert response.status_code == 200
    assert sorted(column(response, "Språk")) == ["English", "Suomi", "Svenska"]
    assert set(column(response, "Status")) == {"Ny"}
    # Questions are headed with the Swedish page's labels, whichever language answered.
    names = column(response, label(tree.booking.sv, "name"))
    assert sorted(names) == ["Organiser en", "Organiser fi", "Organiser sv"]
    # Participants are readable: one per line.
    html = BeautifulSoup(response.content, "html.parser")
    cell = html.find(string=lambda text: text and "Aino Virtanen, Vaasan kaupunki" in text)
    assert cell is not None
    assert cell.find_next("br") is not None
    # The same list from the Finnish page.
    finnish = admin_client.get(
        reverse("wagtailforms:list_submissions", args=[tree.booking["fi"].pk])
    )
    assert len(rows(finnish)) == 3


def test_the_list_filters_by_status_language_and_date(admin_client, bookings, listing):
    Booking.objects.filter(pk=bookings["fi"].pk).update(status=Booking.Status.CONFIRMED)
    Booking.objects.filter(pk=bookings["en"].pk).update(
        submit_time=timezone.now() - timedelta(days=40)
    )
    assert column(listing(admin_client, status="confirmed"), "Språk") == ["Suomi"]
    assert sorted(column(listing(admin_client, language=["sv", "en"]), "Språk")) == [
        "English",
        "Svenska",
    ]
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    assert sorted(column(listing(admin_client, date_from=since), "Språk")) == ["Suomi", "Svenska"]


def test_the_list_costs_the_same_queries_for_few_and_many_bookings(
    admin_client, client, listing, tree
):
    page = tree.booking.sv
    counts = []
    for total in (2, 6):
        while Booking.objects.count() < total:
            post(client, page, answers(page))
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert len(rows(listing(admin_client))) == total
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_csv_export_has_one_cell_per_answer_and_one_participant_per_line(
    admin_client, client, listing, tree
):
    page = tree.booking["fi"]
    people = [
        ("=HYPERLINK(1)", "Org A", "Chief", ""),
        ("Bo Ek", "Org B", "", "bo@example.se"),
    ]
    post(client, page, answers(page, participants=people))
    response = listing(admin_client, export="csv")
    assert response.status_code == 200
    table = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    heading, row = table[0], table[1]
    cell = row[heading.index(label(tree.booking.sv, "participants"))]
    assert cell == "'=HYPERLINK(1), Org A, Chief\nBo Ek, Org B <bo@example.se>"
    assert row[heading.index("Språk")] == "Suomi"
    assert row[heading.index("Status")] == "Ny"


def test_xlsx_export_keeps_participants_in_one_cell(admin_client, bookings, listing, tree):
    response = listing(admin_client, export="xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    heading = list(values[0])
    cells = [row[heading.index(label(tree.booking.sv, "participants"))] for row in values[1:]]
    assert len(cells) == 3
    assert all(
        cell == "Aino Virtanen, Vaasan kaupunki, Kehitysjohtaja <aino@example.fi>\n"
        "Erik Lind, Region Västerbotten, Handläggare"
        for cell in cells
    )
    assert sorted(row[heading.index("Språk")] for row in values[1:]) == [
        "English",
        "Suomi",
        "Svenska",
    ]


def test_staff_set_status_handler_agreed_date_and_notes(
    admin_client, admin_user, bookings, listing, tree
):
    booking = bookings["fi"]
    url = reverse("bookings:edit", args=[booking.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    text = BeautifulSoup(page.content, "html.parser").get_text(" ")
    assert "Organiser fi" in text and "Aino Virtanen, Vaasan kaupunki" in text
    assert "Suomi" in text
    # The questions are shown in the admin's language, the answers as they were sent.
    assert label(tree.booking.sv, "name") in text
    assert label(tree.booking["fi"], "name") not in text

    agreed = (timezone.localdate() + timedelta(days=45)).isoformat()
    response = admin_client.post(
        url,
        {
            "status": "confirmed",
            "handler": admin_user.pk,
            "agreed_date": agreed,
            "notes": "Lunch at the harbour booked.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailforms:list_submissions", args=[booking.page_id])
    booking.refresh_from_db()
    assert booking.status == "confirmed"
    assert booking.handler == admin_user
    assert booking.agreed_date.isoformat() == agreed
    assert booking.notes == "Lunch at the harbour booked."
    # What the organiser sent cannot be changed here.
    assert booking.form_data[key("name")] == "Organiser fi"
    assert column(listing(admin_client, status="confirmed"), "Handläggare") == [
        admin_user.get_username()
    ]


def test_failed_emails_are_shown_to_staff(admin_client, bookings, listing):
    BookingEmail.objects.filter(booking=bookings["sv"]).update(
        attempts=2, error="SMTPServerDisconnected: Connection unexpectedly closed"
    )
    BookingEmail.objects.exclude(booking=bookings["sv"]).update(sent_at=timezone.now())
    states = dict(
        zip(
            column(listing(admin_client), "Språk"),
            column(listing(admin_client), "E-post"),
            strict=True,
        )
    )
    assert states == {
        "Svenska": "Ej skickad: 2 misslyckades",
        "Suomi": "Skickad",
        "English": "Skickad",
    }
    edit = admin_client.get(reverse("bookings:edit", args=[bookings["sv"].pk]))
    assert "SMTPServerDisconnected" in edit.content.decode()


def test_deleting_one_booking_erases_it_and_logs_no_personal_data(admin_client, bookings):
    booking = bookings["en"]
    url = reverse("bookings:delete", args=[booking.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url)
    assert response.status_code == 302
    assert not Booking.objects.filter(pk=booking.pk).exists()
    assert not BookingEmail.objects.filter(booking_id=booking.pk).exists()
    assert Booking.objects.count() == 2
    entry = ModelLogEntry.objects.get(action="wagtail.delete", object_id=str(booking.pk))
    assert entry.label == f"Bokning {booking.pk}"


def test_wagtails_own_delete_of_selected_submissions_works_across_languages(
    admin_client, bookings, tree
):
    page = tree.booking.sv
    url = reverse("wagtailforms:delete_submissions", args=[page.pk])
    response = admin_client.post(f"{url}?selected-submissions={bookings['fi'].pk}")
    assert response.status_code == 302
    assert sorted(Booking.objects.values_list("language", flat=True)) == ["en", "sv"]


@pytest.fixture
def editor(django_user_model):
    """An admin user who may not edit the booking page."""
    group = Group.objects.create(name="Outsiders")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user("outsider", password="pw-for-tests-only")
    user.groups.add(group)
    return user


def test_people_who_may_not_edit_the_form_cannot_see_or_change_bookings(client, editor, bookings):
    booking = bookings["sv"]
    client.force_login(editor)
    for url in (
        reverse("wagtailforms:list_submissions", args=[booking.page_id]),
        reverse("bookings:edit", args=[booking.pk]),
        reverse("bookings:delete", args=[booking.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert b"Organiser sv" not in response.content
    client.post(reverse("bookings:edit", args=[booking.pk]), {"status": "declined"})
    client.post(reverse("bookings:delete", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.status == "new"


def test_page_editors_handle_bookings_only_with_the_booking_permissions(
    client, editor, bookings, tree
):
    group = editor.groups.get()
    GroupPagePermission.objects.create(
        group=group,
        page=tree.home.sv,
        permission=Permission.objects.get(codename="change_page"),
    )
    client.force_login(editor)
    booking = bookings["fi"]
    edit_url = reverse("bookings:edit", args=[booking.pk])
    client.post(edit_url, {"status": "in_progress"})
    booking.refresh_from_db()
    assert booking.status == "new"

    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="forms", codename__in=["view_booking", "change_booking"]
        )
    )
    response = client.post(edit_url, {"status": "in_progress"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == "in_progress"
