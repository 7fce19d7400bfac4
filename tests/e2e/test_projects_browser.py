"""Project pages in a real browser: no axe violations, and filters that work without
JavaScript, as a plain form."""

from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser


def test_project_pages_have_no_axe_violations(site, tree, page):
    paths = [
        tree.project_index.sv.url,
        tree.ongoing_project["fi"].url,
        tree.finished_project["en"].url,
        # a value that is not a choice: the page shows the error next to its field
        tree.project_index["en"].url + "?status=finished&country=FI",
    ]
    axe = Axe()
    for path in paths:
        page.goto(site.url + path)
        results = axe.run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
        violations = [
            (violation["id"], [node["target"] for node in violation["nodes"]])
            for violation in results.response["violations"]
        ]
        assert violations == [], f"{path}: {violations}"


def test_filters_work_without_javascript(site, tree, browser):
    index = tree.project_index["en"]
    programme = tree.programme["en"]
    country = tree.finnish_partner["en"].country
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + index.url)
    page.get_by_label("Programme").select_option(label=programme.name)
    page.get_by_label("Partner country").select_option(value=country)
    page.get_by_role("button", name="Show projects").click()
    page.wait_for_url(f"**{index.url}?*")
    query = parse_qs(urlsplit(page.url).query)
    assert query["programme"] == [programme.slug]
    assert query["country"] == [country]
    titles = page.locator(".project-card__title").all_inner_texts()
    assert titles == [tree.ongoing_project["en"].title]
    # the chosen values stay selected, and the way back is a plain link
    assert page.get_by_label("Partner country").input_value() == country
    page.get_by_role("link", name="Clear the filters").click()
    assert page.locator(".project-card__title").all_inner_texts() == [
        tree.ongoing_project["en"].title,
        tree.finished_project["en"].title,
    ]
    context.close()


def test_project_page_fits_a_narrow_screen(site, tree, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(site.url + tree.ongoing_project["fi"].url)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.get_by_text("Euroopan unionin osarahoittama").is_visible()
    context.close()
