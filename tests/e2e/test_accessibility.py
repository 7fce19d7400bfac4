"""In a real browser: no axe violations, and the page works from the keyboard."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

PATHS = [
    "/sv/",
    "/fi/meista/",
    "/en/privacy-policy/",
    "/fi/ei-ole/",
    "/sv/nyheter/",
    "/fi/uutiset/cleantech-kvarken-eu-esimerkki/",
    "/en/search/?q=Kvarken",
    "/sv/nyheter/?year=abc",
]


def test_pages_have_no_axe_violations(site, page):
    axe = Axe()
    for path in PATHS:
        page.goto(site.url + path)
        results = axe.run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
        violations = [
            (violation["id"], [node["target"] for node in violation["nodes"]])
            for violation in results.response["violations"]
        ]
        assert violations == [], f"{path}: {violations}"


def test_skip_link_and_switcher_work_from_the_keyboard(site, page):
    page.goto(site.url + "/sv/om-oss/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # the switcher takes the visitor to the Finnish translation of the same page
    page.get_by_role("navigation", name="Välj språk").get_by_role("link", name="Suomi").click()
    page.wait_for_url("**/fi/meista/")
    assert page.locator("html").get_attribute("lang") == "fi"
    assert page.get_by_role("heading", level=1).inner_text() == "Meistä"


def test_narrow_screen_has_no_horizontal_scroll(site, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(site.url + "/fi/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()
