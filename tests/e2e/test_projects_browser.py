"""Project pages in a real browser: no axe violations, and filters that work without
JavaScript, as a plain form."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

PATHS = [
    "/sv/projekt/",
    "/fi/hankkeet/cleantech-kvarken/",
    "/en/projects/innovation-for-green-transition/",
    "/en/projects/?status=finished&country=FI",
]


def test_project_pages_have_no_axe_violations(site, page):
    axe = Axe()
    for path in PATHS:
        page.goto(site.url + path)
        results = axe.run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
        violations = [
            (violation["id"], [node["target"] for node in violation["nodes"]])
            for violation in results.response["violations"]
        ]
        assert violations == [], f"{path}: {violations}"


def test_filters_work_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + "/en/projects/")
    page.get_by_label("Programme").select_option(label="Interreg Aurora")
    page.get_by_label("Partner country").select_option(label="Finland")
    page.get_by_role("button", name="Show projects").click()
    page.wait_for_url("**/en/projects/?*")
    assert "programme=interreg-aurora" in page.url
    assert "country=FI" in page.url
    titles = page.locator(".project-card__title").all_inner_texts()
    assert titles == ["Bothnia Green Energy"]
    # the chosen values stay selected, and the way back is a plain link
    assert page.get_by_label("Partner country").input_value() == "FI"
    page.get_by_role("link", name="Clear the filters").click()
    assert len(page.locator(".project-card").all()) == 5
    context.close()


def test_project_page_fits_a_narrow_screen(site, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(site.url + "/fi/hankkeet/innovation-for-green-transition/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.get_by_text("Euroopan unionin osarahoittama").is_visible()
    context.close()
