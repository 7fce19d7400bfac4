"""In a real browser: a visitor books a visit with the keyboard alone.

Only page.keyboard is used: Tab to reach a field, keyboard.type to write in it, Space and
the arrow keys for radio buttons and checkboxes, Enter and Space on buttons. Tab only
moves forward here, a few stops at a time, so a field out of order or out of reach fails.
"""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from forms.models import Booking
from tests.bookings import choices, key

pytestmark = pytest.mark.browser

THANKS = "Kiitos, varauksesi on lähetetty"
# Presses of Tab from one field to the next at the most: a date input left empty is four
# stops (day, month, year, the calendar button), and two of them may lie between fields.
MOST_TABS = 12

FOCUSED = """() => {
    const element = document.activeElement;
    return {
        name: element.getAttribute("name") || "",
        text: element.textContent.trim(),
        tag: element.tagName.toLowerCase(),
    };
}"""


@pytest.fixture
def finnish_visitor(site, browser, settings):
    """A page in a browser set to Finnish, so the date inputs ask for day, month, year."""
    cache.clear()
    settings.BOOKING_MIN_FILL_SECONDS = 0
    context = browser.new_context(locale="fi-FI")
    yield context.new_page()
    context.close()
    cache.clear()


def tab_to(page, name=None, text=None):
    """Press Tab until the field called `name` (or the button reading `text`) has the focus."""
    for _press in range(MOST_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if (name is not None and focused["name"] == name) or (
            text is not None and focused["text"] == text
        ):
            return
    raise AssertionError(f"{name or text} not reached with {MOST_TABS} presses of Tab")


def type_into(page, name, text):
    tab_to(page, name)
    page.keyboard.type(text)


def type_date(page, name, day):
    """A date input in a Finnish browser: day, month and year in turn."""
    tab_to(page, name)
    page.keyboard.type(f"{day:%d}{day:%m}{day:%Y}")


def focused_is(page, selector):
    return page.evaluate(f"document.activeElement.matches({selector!r})")


def test_a_visitor_books_with_the_keyboard_alone(site, tree, finnish_visitor):
    page = finnish_visitor
    form = tree.booking["fi"]
    page.goto(site.url + form.url)

    # From the top of the page: past the skip link, the header and the language switcher.
    for _press in range(20):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED)["name"] == key("aim"):
            break
    # A radio group is one stop: Space chooses the first answer, an arrow key the next.
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    type_into(page, key("aim_details"), "Tutustumme tuulivoimaan.")
    tab_to(page, key("focus_areas"))
    page.keyboard.press("Space")
    type_date(page, f"{key('dates')}_0", timezone.localdate() + datetime.timedelta(days=40))
    type_into(page, key("group_size"), "8")

    # Participants: the first row is there; Enter adds a second, Space a third, which the
    # visitor then removes with Enter.
    participants = key("participants")
    type_into(page, f"{participants}-0-name", "Aino")
    type_into(page, f"{participants}-0-organisation", "Vasek")
    tab_to(page, text="Lisää osallistuja")
    page.keyboard.press("Enter")
    assert focused_is(page, f"[name='{participants}-1-name']")
    page.keyboard.type("Bo")
    type_into(page, f"{participants}-1-organisation", "Merinova")
    tab_to(page, text="Lisää osallistuja")
    page.keyboard.press("Space")
    assert focused_is(page, f"[name='{participants}-2-name']")
    page.keyboard.type("Carita")
    tab_to(page, text="Poista osallistuja 3")
    page.keyboard.press("Enter")
    assert page.locator("[data-participant-row]").count() == 2

    type_into(page, key("name"), "Aino Virtanen")
    type_into(page, key("email"), "aino.example.fi")
    tab_to(page, text="Lähetä varaus")
    page.keyboard.press("Enter")

    # The mistake is announced: the summary has the focus, the field names its error.
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert focused_is(page, "[data-error-summary]")
    email = page.locator(f"[name='{key('email')}']")
    assert email.get_attribute("aria-invalid") == "true"
    described_by = email.get_attribute("aria-describedby").split()
    errors = [page.locator(f"#{id}").inner_text() for id in described_by]
    assert any("sähköpostiosoite" in error.lower() for error in errors), errors
    assert summary.get_by_role("link").count() == 1
    assert Booking.objects.count() == 0

    # The summary's link takes the visitor into the field, where the address is typed again.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focused_is(page, f"[name='{key('email')}']")
    page.keyboard.press("Control+A")
    page.keyboard.type("aino@example.fi")
    tab_to(page, text="Lähetä varaus")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=THANKS).wait_for()

    booking = Booking.objects.get()
    assert booking.language == "fi"
    data = booking.form_data
    assert data[key("email")] == "aino@example.fi"
    assert data[key("aim")] == choices(form, "aim")[1]
    assert data[key("focus_areas")] == [choices(form, "focus_areas")[0]]
    assert data[key("group_size")] == 8
    assert [person["name"] for person in data[participants]] == ["Aino", "Bo"]
