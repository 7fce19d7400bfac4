"""Booking handling in the admin: one list for all forms and languages, answers in the
reader's language, filters, editing, erasure, the dashboard panel, and who may see
bookings at all. Exports: tests/test_booking_exports.py."""

import importlib
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.models import GroupPagePermission, ModelLogEntry
from wagtail.users.models import UserProfile

from forms.models import Booking, BookingEmail
from tests.bookings import (
    answers,
    choices,
    fresh_limits,  # noqa: F401 (an autouse fixture)
    key,
    label,
    post,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def bookings(client, tree):
    """One booking in each language: sv, fi, en."""
    for language in ("sv", "fi", "en"):
        page = tree.booking[language]
        assert post(client, page, answers(page, name=f"Organiser {language}")).status_code == 200
    return {booking.language: booking for booking in Booking.objects.all()}


@pytest.fixture
def listing():
    """The one bookings list, with `params` as its query."""

    def get(admin_client, **params):
        return admin_client.get(reverse("bookings:index"), params)

    return get


def headings(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [th.get_text(" ", strip=True) for th in html.select("table.listing thead th")]


def rows(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        for row in html.select("table.listing tbody tr")
    ]


def column(response, heading):
    index = headings(response).index(heading)
    return [row[index] for row in rows(response)]


def in_english(user):
    """Switch `user`'s admin to English."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()


def test_one_list_in_the_menu_shows_every_language_with_the_handlers_columns_first(
    admin_client, bookings, listing, tree
):
    response = listing(admin_client)
    assert response.status_code == 200
    assert headings(response)[:7] == [
        "Mottagen",
        "Organisatör",
        "Organisation",
        "Önskade datum",
        "Gruppens storlek",
        "Status",
        "Språk",
    ]
    assert sorted(column(response, "Språk")) == ["engelska", "finska", "svenska"]
    assert sorted(column(response, "Organisatör")) == [
        "Organiser en",
        "Organiser fi",
        "Organiser sv",
    ]
    assert set(column(response, "Organisation")) == {"Vaasan kaupunki"}
    assert set(column(response, "Gruppens storlek")) == {"12"}
    assert set(column(response, "Status")) == {"Ny"}
    # Each booking opens from its organiser's name.
    html = BeautifulSoup(response.content, "html.parser")
    link = html.find("a", string=lambda text: text and "Organiser fi" in text)
    assert link["href"] == reverse("bookings:edit", args=[bookings["fi"].pk])
    # The menu has Bookings and no longer Wagtail's Forms, which listed them per page.
    home = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("bookings:index") in home and "Bokningar" in home
    assert reverse("wagtailforms:index") not in home
    # A form page's own submissions link leads to the same list.
    for language in ("sv", "fi"):
        url = reverse("wagtailforms:list_submissions", args=[tree.booking[language].pk])
        assert admin_client.get(url)["Location"] == reverse("bookings:index")


def test_the_same_choice_reads_the_same_in_the_list_whatever_language_it_was_sent_in(
    admin_client, admin_user, client, listing, tree
):
    english = tree.booking["en"]
    english.form_fields.filter(clean_name=key("aim")).update(choices="Business\nStudy visit\nOther")
    swedish = tree.booking.sv
    post(client, english, answers(english, aim="Study visit", name="From England"))
    post(client, swedish, answers(swedish, aim="Studiebesök", name="Från Sverige"))
    # Stored once, as the Swedish source choice.
    assert {booking.form_data[key("aim")] for booking in Booking.objects.all()} == {"Studiebesök"}
    aim = label(swedish, "aim")
    assert column(listing(admin_client), aim) == ["Studiebesök", "Studiebesök"]
    # An admin who reads English sees the English choice for both.
    in_english(admin_user)
    response = listing(admin_client)
    assert column(response, label(english, "aim")) == ["Study visit", "Study visit"]
    assert sorted(column(response, "Language")) == ["English", "Swedish"]


def test_the_list_filters_by_status_language_and_date_and_finds_by_name(
    admin_client, bookings, listing
):
    Booking.objects.filter(pk=bookings["fi"].pk).update(status=Booking.Status.CONFIRMED)
    Booking.objects.filter(pk=bookings["en"].pk).update(
        submit_time=timezone.now() - timedelta(days=40)
    )
    assert column(listing(admin_client, status="confirmed"), "Språk") == ["finska"]
    assert sorted(column(listing(admin_client, language=["sv", "en"]), "Språk")) == [
        "engelska",
        "svenska",
    ]
    assert column(listing(admin_client, q="organiser fi"), "Språk") == ["finska"]
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    assert sorted(column(listing(admin_client, date_from=since), "Språk")) == [
        "finska",
        "svenska",
    ]


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


def test_staff_set_status_handler_agreed_date_and_notes(
    admin_client, admin_user, bookings, listing, tree
):
    booking = bookings["fi"]
    tree.booking.sv.form_fields.filter(clean_name=key("name")).update(staff_label="Bokare")
    url = reverse("bookings:edit", args=[booking.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    html = BeautifulSoup(page.content, "html.parser")
    received = date_format(timezone.localtime(booking.submit_time), "SHORT_DATE_FORMAT")
    # Titled by its organiser and the day it came.
    assert f"Organiser fi, {received}" in html.title.get_text()
    assert str(booking) == f"Organiser fi, {received}"
    text = html.get_text(" ")
    assert "Aino Virtanen, Vaasan kaupunki" in text
    assert "finska" in text
    # The questions are shown in the admin's language, by their staff labels where given.
    assert "Bokare" in text
    assert label(tree.booking.sv, "email") in text
    assert label(tree.booking["fi"], "email") not in text

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
    assert response["Location"] == reverse("bookings:index")
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
    response = listing(admin_client)
    states = dict(zip(column(response, "Språk"), column(response, "E-post"), strict=True))
    assert states == {
        "svenska": "Ej skickad: 2 misslyckades",
        "finska": "Skickad",
        "engelska": "Skickad",
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
        reverse("bookings:index"),
        reverse("bookings:index") + "?export=csv",
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


def test_the_dashboard_lists_new_bookings_for_those_who_handle_them(
    admin_client, bookings, client, editor
):
    Booking.objects.filter(pk=bookings["sv"].pk).update(status=Booking.Status.IN_PROGRESS)
    home = BeautifulSoup(admin_client.get(reverse("wagtailadmin_home")).content, "html.parser")
    panel = home.find(id="unhandled-bookings-heading").find_parent("section")
    assert "2 nya bokningar att hantera" in panel.get_text(" ", strip=True)
    assert [link.get_text() for link in panel.select("li a")] == [
        str(bookings["en"]),
        str(bookings["fi"]),
    ]
    client.force_login(editor)
    outsider = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "unhandled-bookings-heading" not in outsider
    assert "Organiser" not in outsider


def test_migrating_stores_old_answers_as_the_source_choices(client, tree):
    migration = importlib.import_module("forms.migrations.0005_stable_choice_answers")
    english = tree.booking["en"]
    english.form_fields.filter(clean_name=key("aim")).update(choices="Business\nStudy visit\nOther")
    post(client, english, answers(english, aim="Study visit"))
    # As bookings were stored before: the choice as the English form offered it.
    old = Booking.objects.get()
    old.form_data[key("aim")] = "Study visit"
    old.organiser = ""
    old.save(update_fields=["form_data", "organiser"])
    migration.store_choices_once(django_apps, None)
    booking = Booking.objects.get()
    assert booking.form_data[key("aim")] == "Studiebesök"
    assert booking.organiser == "Aino Virtanen"


def test_an_answer_is_kept_as_sent_while_the_languages_offer_different_choices(client, tree):
    """A choice added in one language and not yet in the other: positions say nothing."""
    finnish = tree.booking["fi"]
    swedish_choices = choices(tree.booking.sv, "aim")
    finnish.form_fields.filter(clean_name=key("aim")).update(
        choices="\n".join(["Uusi vaihtoehto", *choices(finnish, "aim")])
    )
    sent = choices(finnish, "aim")[1]
    assert post(client, finnish, answers(finnish, aim=sent)).status_code in (200, 302)
    stored = Booking.objects.get().form_data[key("aim")]
    # Stored at the same position in the Swedish list it would be another choice.
    assert stored == sent != swedish_choices[1]
