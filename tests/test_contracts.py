"""Framework contracts kept: Wagtail's form page returns its submission, commands fail with
CommandError, every CSV export shares one formula guard, listings share one pagination
template, and development e-mails link to the address the site was served on."""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.cache import cache
from django.core.management import CommandError, call_command

from cleantech_site.spreadsheets import neutralise
from forms.models import Booking, BookingEmail
from forms.views import BookingListView
from projects import export
from tests.factories import (
    ArticlePageFactory,
    FormFieldFactory,
    FormPageFactory,
    NewsIndexPageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def form_page(tree):
    """A booking page with a name and an e-mail question, staff e-mail on."""
    page = FormPageFactory(parent=tree.home["sv"])
    FormFieldFactory(page=page, label="Namn", field_type="singleline", required=True)
    FormFieldFactory(page=page, label="E-post", field_type="email", required=True)
    return page


@pytest.fixture(autouse=True)
def no_time_trap(settings):
    cache.clear()
    settings.BOOKING_MIN_FILL_SECONDS = 0
    yield
    cache.clear()


def names(page):
    fields = list(page.get_form_fields())
    return fields[0].clean_name, fields[1].clean_name


# Wagtail's contract: process_form_submission(form) returns the submission it stored.


def test_process_form_submission_returns_the_stored_submission(form_page):
    name, email = names(form_page)
    form = form_page.get_form(
        {name: "Aino", email: "aino@example.fi"}, page=form_page, user=AnonymousUser()
    )
    assert form.is_valid(), form.errors
    submission = form_page.process_form_submission(form)
    assert isinstance(submission, form_page.get_submission_class())
    assert isinstance(submission, Booking)
    stored = Booking.objects.get()
    assert stored == submission
    assert stored.form_data == {name: "Aino", email: "aino@example.fi"}
    # The e-mails the booking owes are stored with it, as for a visitor's post.
    assert sorted(stored.emails.values_list("kind", flat=True)) == ["confirmation", "staff"]


def token(client, page):
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    return html.find("input", attrs={"name": "_token"})["value"]


def test_a_visitor_post_still_shows_the_thank_you_page_with_the_booking(client, form_page):
    name, email = names(form_page)
    data = {
        name: "Aino",
        email: "aino@example.fi",
        "_website": "",
        "_token": token(client, form_page),
    }
    response = client.post(form_page.url, data)
    assert response.status_code == 200
    booking = Booking.objects.get()
    assert response.context["form_submission"] == booking
    assert "no-cache" in response["Cache-Control"]
    # The same form sent again stores nothing more.
    client.post(form_page.url, data)
    assert Booking.objects.count() == 1


# Links in the e-mails: the served address in development, WAGTAILADMIN_BASE_URL elsewhere.


def post_booking(client, page, host):
    name, email = names(page)
    data = {name: "Aino", email: "aino@example.fi", "_website": ""}
    data["_token"] = token(client, page)
    client.post(page.url, data, HTTP_HOST=host)
    return Booking.objects.get()


def staff_email_body():
    (staff,) = [message for message in mail.outbox if message.to == ["staff@example.com"]]
    return staff.body


@pytest.mark.parametrize(
    ("follow_request", "recorded", "link"),
    [
        # development: the address the site was served on, whatever the port
        (True, "http://127.0.0.1:8131", "http://127.0.0.1:8131"),
        # elsewhere: the configured public address, and nothing recorded
        (False, "", "https://www.example.org"),
    ],
)
def test_email_links_follow_the_served_address_only_in_development(
    client, form_page, settings, django_capture_on_commit_callbacks, follow_request, recorded, link
):
    settings.BOOKING_LINKS_FOLLOW_REQUEST = follow_request
    settings.WAGTAILADMIN_BASE_URL = "https://www.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        booking = post_booking(client, form_page, "127.0.0.1:8131")
    assert booking.base_url == recorded
    body = staff_email_body()
    assert f"{link}/admin/bookings/{booking.pk}/" in body
    assert body.count("/admin/bookings/") == 1


def test_the_worker_builds_the_link_later_from_what_the_booking_recorded(
    client, form_page, settings
):
    settings.BOOKING_LINKS_FOLLOW_REQUEST = True
    booking = post_booking(client, form_page, "localhost:8131")  # on_commit never runs here
    assert mail.outbox == []
    call_command("send_booking_emails", stdout=io.StringIO())
    assert f"http://localhost:8131/admin/bookings/{booking.pk}/" in staff_email_body()


# Management commands fail with CommandError.


def test_send_booking_emails_fails_with_a_command_error_while_some_fail(
    client, form_page, settings
):
    post_booking(client, form_page, "testserver")
    settings.EMAIL_BACKEND = "tests.test_contracts.BrokenBackend"
    with pytest.raises(CommandError, match="2 booking e-mails could not be sent"):
        call_command("send_booking_emails", stdout=io.StringIO())
    assert set(BookingEmail.objects.values_list("attempts", flat=True)) == {1}


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")


def test_purge_bookings_refuses_a_retention_of_less_than_a_day(form_page, settings):
    Booking.objects.create(page=form_page, form_data={}, language="sv")
    settings.BOOKING_RETENTION_DAYS = 0
    with pytest.raises(CommandError, match="BOOKING_RETENTION_DAYS"):
        call_command("purge_bookings", stdout=io.StringIO())
    assert Booking.objects.count() == 1


def test_ensure_admin_refuses_an_empty_user_name(monkeypatch):
    monkeypatch.setenv("ADMIN_USERNAME", " ")
    with pytest.raises(CommandError, match="ADMIN_USERNAME"):
        call_command("ensure_admin", stdout=io.StringIO())


def test_compile_translations_names_the_catalogue_it_cannot_read(tmp_path, settings):
    broken = tmp_path / "sv" / "LC_MESSAGES" / "django.po"
    broken.parent.mkdir(parents=True)
    broken.write_text('msgid "a"\nmsgstr "b" "\n', encoding="utf-8")
    settings.LOCALE_PATHS = [tmp_path]
    with pytest.raises(CommandError, match="sv/LC_MESSAGES/django.po"):
        call_command("compile_translations", stdout=io.StringIO())


# One spreadsheet-formula guard for every CSV export.


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("-2", "'-2"), ("\nx", "'\nx"), ("Umeå", "Umeå"), (3, 3)],
)
def test_one_guard(value, expected):
    assert neutralise(value) == expected


def test_both_exports_use_the_shared_guard(client, tree, monkeypatch, form_page):
    seen = []

    def spy(value):
        seen.append(value)
        return neutralise(value)

    monkeypatch.setattr(export, "neutralise", spy)
    monkeypatch.setattr("forms.views.neutralise", spy)

    index = ProjectIndexPageFactory(parent=tree.home["sv"], slug="formler")
    ProjectPageFactory(parent=index, slug="formel", title="=1+1")
    rows = client.get(index.url + "export/csv/").content.decode("utf-8-sig").splitlines()
    assert "=1+1" in seen
    assert rows[1].split(",")[2] == "'=1+1"

    seen.clear()
    view = BookingListView()
    assert view.preprocess_field_value("namn", "@SUM(A1)", view.FORMAT_CSV) == "'@SUM(A1)"
    assert seen == ["@SUM(A1)"]
    # XLSX cells keep their text: Wagtail stores them as text, never as formulas.
    assert view.preprocess_field_value("namn", "@SUM(A1)", view.FORMAT_XLSX) == "@SUM(A1)"


# One pagination template for the project list, the news list and the search.


@pytest.fixture
def long_listings(tree):
    projects = ProjectIndexPageFactory(parent=tree.home["sv"], slug="manga-projekt")
    for number in range(14):
        ProjectPageFactory(parent=projects, slug=f"p-{number}", title=f"Sjöbod projekt {number}")
    news = NewsIndexPageFactory(parent=tree.home["sv"], slug="manga-nyheter")
    for number in range(12):
        ArticlePageFactory(parent=news, slug=f"n-{number}", title=f"Sjöbod nyhet {number}")
    return projects, news


def test_the_three_listings_share_one_pagination_template(client, long_listings):
    projects, news = long_listings
    responses = [
        client.get(projects.url),
        client.get(news.url),
        client.get("/sv/search/", {"q": "sjöbod"}),
    ]
    for response in responses:
        assert response.status_code == 200
        names_used = [template.name for template in response.templates]
        assert "includes/pagination.html" in names_used
        assert not [
            name
            for name in names_used
            if "pagination" in name and name != "includes/pagination.html"
        ]
        nav = BeautifulSoup(response.content, "html.parser").select_one("nav.pagination")
        assert nav["aria-label"]
        assert nav.select_one('a[aria-current="page"]').get_text(strip=True).endswith("1")
        assert nav.select_one('a[rel="next"]')["href"].endswith("page=2")
