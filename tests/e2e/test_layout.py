"""In a real browser: no page scrolls sideways on a small phone, a common phone or a laptop.

Every page type is loaded once per language and measured at each width, by resizing one
page rather than opening a page per width. A full-page screenshot of each is kept in
LAYOUT_SCREENSHOT_DIR (default artifacts/screenshots, not committed), so a reviewer can
see what the numbers say. Long single words are what overflow in practice, so pages with
long titles are built for the test besides the tree's short ones.
"""

import os
from pathlib import Path

import pytest
from django.core.cache import cache
from wagtail.models import Page

from tests import factories as f

pytestmark = pytest.mark.browser

WIDTHS = (320, 390, 1366)
HEIGHT = 800
LANGUAGES = ("sv", "fi", "en")
SCREENSHOTS = Path(
    os.environ.get("LAYOUT_SCREENSHOT_DIR")
    or Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
)

# A title of one long word in each language, as the accessibility statement has, and a
# project title of several long words.
LONG_PAGE_TITLES = {
    "sv": "Tillgänglighetsredogörelse",
    "fi": "Saavutettavuusseloste",
    "en": "Internationalisation",
}
LONG_PROJECT_TITLES = {
    "sv": "Energilagringsdemonstrationsanläggningen vid Kvarkens vätgasinfrastruktur",
    "fi": "Energianvarastointidemonstraatiolaitos Merenkurkun vetyinfrastruktuurissa",
    "en": "Electrochemical energy-storage demonstrator for cross-border hydrogen infrastructure",
}

# The parts of the page that stick out past the right edge of the window, deepest first:
# an element counts when its box or its own content (a long word in a heading) reaches
# past the edge and none of its children does, so the culprit is named rather than the
# containers it stretches. The widest such element is reported.
WIDEST_OVERFLOW = """
() => {
    const limit = window.innerWidth;
    // What an element clips (overflow other than visible, as visually hidden text has)
    // makes no page wider, nor does anything inside it.
    const clips = (element) => getComputedStyle(element).overflowX !== "visible";
    const clipped = (element) => {
        for (let parent = element.parentElement; parent; parent = parent.parentElement) {
            if (parent !== document.body && parent !== document.documentElement && clips(parent)) {
                return true;
            }
        }
        return false;
    };
    const reach = (element) => {
        const box = element.getBoundingClientRect();
        const content = clips(element) ? box.width : Math.max(box.width, element.scrollWidth);
        return box.left + content + window.scrollX;
    };
    const over = (element) => reach(element) > limit + 0.5 && !clipped(element);
    const culprits = [...document.body.querySelectorAll("*")].filter(
        (element) => over(element) && ![...element.children].some(over)
    );
    if (!culprits.length) return null;
    const widest = culprits.reduce((a, b) => (reach(b) - reach(a) > 0 ? b : a));
    const box = widest.getBoundingClientRect();
    return {
        tag: widest.tagName.toLowerCase(),
        classes: widest.className && typeof widest.className === "string" ? widest.className : "",
        width: Math.round(reach(widest) - box.left - window.scrollX),
        right: Math.round(reach(widest)),
        text: (widest.textContent || "").trim().slice(0, 40),
    };
}
"""


@pytest.fixture
def long_titles(tree, committed_db):
    """A standard page and a project page with long titles in each language, removed after
    the test: a browser test's data is committed, and other tests count the tree's pages."""
    made = {language: {} for language in LANGUAGES}
    try:
        for language in LANGUAGES:
            made[language]["long-title-page"] = f.StandardPageFactory(
                parent=tree.home[language],
                title=LONG_PAGE_TITLES[language],
                slug=f"lang-titel-{language}",
            )
            made[language]["long-title-project"] = f.ProjectPageFactory(
                parent=tree.project_index[language],
                title=LONG_PROJECT_TITLES[language],
                slug=f"langt-projekt-{language}",
                summary=LONG_PROJECT_TITLES[language],
                programme=tree.programme[language],
            )
        cache.clear()
        yield made
    finally:
        for pages in made.values():
            for page in pages.values():
                Page.objects.get(pk=page.pk).delete()
        cache.clear()


def page_paths(tree, long_titles, language):
    """Every page type a visitor meets in `language`, by a name for the screenshot."""
    return {
        "home": tree.home[language].url,
        "project-index": tree.project_index[language].url,
        "project": tree.ongoing_project[language].url,
        "news-index": tree.news_index[language].url,
        "article": tree.article[language].url,
        "standard": tree.standard[language].url,
        "search": f"/{language}/search/?q={tree.article[language].title.split()[0]}",
        "booking": tree.booking[language].url,
        "booking-errors": tree.booking[language].url,
        "not-found": f"/{language}/finns-inte/",
        **{name: page.url for name, page in long_titles[language].items()},
    }


def show(page, url, name):
    response = page.goto(url)
    expected = 404 if name == "not-found" else 200
    assert response.status == expected, f"{url}: {response.status}"
    if name == "booking-errors":
        # Sent empty: the page comes back with the error summary and an error per field.
        page.locator("form.booking-form [type=submit]").click()
        page.locator("[data-error-summary]").wait_for()


def test_no_page_scrolls_sideways_at_phone_and_laptop_widths(
    site, tree, long_titles, page, settings
):
    settings.BOOKING_MIN_FILL_SECONDS = 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    overflowing = []
    for language in LANGUAGES:
        for name, path in page_paths(tree, long_titles, language).items():
            page.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
            show(page, site.url + path, name)
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": HEIGHT})
                scroll_width, window_width = page.evaluate(
                    "[document.documentElement.scrollWidth, window.innerWidth]"
                )
                # JPEG: a long page's screenshot is a fraction of a PNG's size to keep.
                page.screenshot(
                    path=SCREENSHOTS / f"{language}-{name}-{width}.jpg",
                    full_page=True,
                    type="jpeg",
                    quality=70,
                )
                if scroll_width > window_width:
                    culprit = page.evaluate(WIDEST_OVERFLOW)
                    overflowing.append(f"{language} {name} at {width} px: {scroll_width} px wide")
                    if culprit:
                        overflowing[-1] += (
                            f', widest part <{culprit["tag"]} class="{culprit["classes"]}">'
                            f" {culprit['width']} px reaching {culprit['right']} px"
                            f" ({culprit['text']!r})"
                        )
    assert overflowing == [], "pages wider than the window:\n" + "\n".join(overflowing)
