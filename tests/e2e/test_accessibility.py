"""In a real browser: no axe violations, and the page works from the keyboard.

No page scrolling sideways on narrow screens is test_layout.py's to show."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def audited_paths(tree):
    """A page of every type in every language, and the pages a visitor meets otherwise: a
    missing page, search results and a listing filter given nonsense."""
    paths = []
    for language in ("sv", "fi", "en"):
        paths += [
            tree.home[language].url,
            tree.standard[language].url,
            tree.project_index[language].url,
            tree.ongoing_project[language].url,
            tree.news_index[language].url,
            tree.article[language].url,
            tree.booking[language].url,
            f"/{language}/ei-ole/",
            f"/{language}/search/?q={tree.article[language].title.split()[0]}",
        ]
    return paths + [tree.finished_project.sv.url, f"{tree.news_index.sv.url}?year=abc"]


def test_pages_have_no_axe_violations(site, tree, page):
    axe = Axe()
    for path in audited_paths(tree):
        response = page.goto(site.url + path)
        assert response.status == (404 if path.endswith("/ei-ole/") else 200), path
        results = axe.run(page, options={"runOnly": AXE_RULES})
        violations = [
            (violation["id"], [node["target"] for node in violation["nodes"]])
            for violation in results.response["violations"]
        ]
        assert violations == [], f"{path}: {violations}"


def test_skip_link_and_switcher_work_from_the_keyboard(site, tree, page):
    page.goto(site.url + tree.standard.sv.url)
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # the switcher takes the visitor to the Finnish translation of the same page
    page.get_by_role("navigation", name="Välj språk").get_by_role("link", name="Suomi").click()
    finnish = tree.standard["fi"]
    page.wait_for_url(f"**{finnish.url}")
    assert page.locator("html").get_attribute("lang") == "fi"
    assert page.get_by_role("heading", level=1).inner_text() == finnish.title
