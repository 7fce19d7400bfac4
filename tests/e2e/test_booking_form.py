"""In a real browser: a visitor books a visit in Finnish, with and without JavaScript."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache

from forms.models import Booking
from tests.bookings import choices, future, key, label

pytestmark = pytest.mark.browser

THANKS = "Kiitos, varauksesi on lähetetty"


@pytest.fixture
def form(tree):
    """The Finnish booking page: the one these journeys fill in."""
    return tree.booking["fi"]


@pytest.fixture
def booking_site(site, settings):
    cache.clear()
    # A browser fills the form faster than a person; the time trap has its own tests.
    settings.BOOKING_MIN_FILL_SECONDS = 0
    yield site
    cache.clear()


def field(page, form, handle):
    """The input of the question `handle`, found by its label as the visitor reads it."""
    return page.get_by_label(label(form, handle))


def participants_group(page, form):
    return page.get_by_role("group", name=label(form, "participants"), exact=True)


def fill_the_questions(page, form):
    page.get_by_label(choices(form, "aim")[0], exact=True).check()
    field(page, form, "aim_details").fill("Tutustumme tuulivoimaan.")
    page.get_by_label(choices(form, "focus_areas")[0], exact=True).check()
    page.get_by_label("Ensimmäinen vaihtoehto").fill(future(40))
    field(page, form, "group_size").fill("8")
    field(page, form, "name").fill("Aino Virtanen")
    field(page, form, "email").fill("aino@example.fi")


def fill_participant(row, name, organisation, role, email=""):
    row.get_by_label("Nimi", exact=True).fill(name)
    row.get_by_label("Organisaatio").fill(organisation)
    row.get_by_label("Rooli tai tehtävänimike").fill(role)
    row.get_by_label("Sähköposti (vapaaehtoinen)").fill(email)


def participant_names():
    return [person["name"] for person in Booking.objects.get().form_data[key("participants")]]


def test_a_visitor_adds_and_removes_participant_rows(booking_site, form, page):
    page.goto(booking_site.url + form.url)
    people = participants_group(page, form)
    rows = people.locator("[data-participant-row]")
    assert rows.count() == 1  # the script keeps one empty row to start with
    add = people.get_by_role("button", name="Lisää osallistuja")
    for _click in range(3):
        add.click()
    assert rows.count() == 4
    # The new row's first field has the focus, and the change is announced.
    assert page.evaluate("document.activeElement.name") == f"{key('participants')}-3-name"
    assert people.locator("[data-participant-status]").inner_text() == "Osallistuja lisätty."

    fill_participant(people.get_by_role("group", name="Osallistuja 2"), "Aino", "Vasek", "CEO")
    fill_participant(people.get_by_role("group", name="Osallistuja 3"), "Bo", "Merinova", "CTO")
    fill_participant(
        people.get_by_role("group", name="Osallistuja 4"),
        "Carita",
        "Wärtsilä",
        "VP",
        "c@example.fi",
    )
    people.get_by_role("button", name="Poista osallistuja 3").click()
    assert rows.count() == 3
    assert (
        people.get_by_role("group", name="Osallistuja 3")
        .get_by_label("Nimi", exact=True)
        .input_value()
        == "Carita"
    )

    fill_the_questions(page, form)
    page.get_by_role("button", name="Lähetä varaus").click()
    page.get_by_role("heading", name=THANKS).wait_for()

    booking = Booking.objects.get()
    assert booking.language == "fi"
    assert booking.form_data[key("participants")] == [
        {"name": "Aino", "organisation": "Vasek", "role": "CEO", "email": ""},
        {"name": "Carita", "organisation": "Wärtsilä", "role": "VP", "email": "c@example.fi"},
    ]


def test_the_form_works_without_javascript(booking_site, form, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(booking_site.url + form.url)
    people = participants_group(page, form)
    assert people.locator("[data-participant-row]").count() == 5
    assert not people.get_by_role("button", name="Lisää osallistuja").is_visible()

    # A first try with a mistake: the error is shown next to the field and at the top.
    fill_the_questions(page, form)
    field(page, form, "group_size").fill("0")
    fill_participant(people.get_by_role("group", name="Osallistuja 1"), "Aino", "Vasek", "CEO")
    page.get_by_role("button", name="Lähetä varaus").click()
    summary = page.get_by_role("alert")
    assert "Anna luku väliltä 1–500." in summary.inner_text()
    summary.get_by_role("link").first.click()
    assert page.evaluate("location.hash") == f"#id_{key('group_size')}"
    assert Booking.objects.count() == 0

    field(page, form, "group_size").fill("8")
    fill_participant(people.get_by_role("group", name="Osallistuja 3"), "Bo", "Merinova", "CTO")
    page.get_by_role("button", name="Lähetä varaus").click()
    page.get_by_role("heading", name=THANKS).wait_for()
    assert participant_names() == ["Aino", "Bo"]
    context.close()


def test_the_form_has_no_axe_violations_with_and_without_errors(booking_site, form, page):
    axe = Axe()
    page.goto(booking_site.url + form.url)
    participants_group(page, form).get_by_role("button", name="Lisää osallistuja").click()
    for state in ("empty", "errors"):
        if state == "errors":
            page.get_by_role("button", name="Lähetä varaus").click()
            page.get_by_role("alert").wait_for()
        results = axe.run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
        violations = [
            (violation["id"], [node["target"] for node in violation["nodes"]])
            for violation in results.response["violations"]
        ]
        assert violations == [], f"{state}: {violations}"
