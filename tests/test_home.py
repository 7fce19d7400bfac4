"""The home page editors compose: the call to book a visit, featured projects, the
organisation in numbers; and the parts of the page chrome every page shares (title,
menu button, footer, partner lists)."""

import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from cleantech_site import page_cache
from home.models import HomeFeaturedProject, HomePage, organisation_in_numbers
from home.templatetags.site_tags import with_site_name
from tests.factories import ImageFactory, OrganisationFactory, ProjectPageFactory, add_partners
from tests.tree import SITE_NAME

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _forget_the_numbers():
    """The numbers are cached by content generation; factories make live pages without
    publishing them (which is what moves the generation on), so no test may leave the
    numbers of its own data behind for the next."""
    cache.clear()
    yield
    cache.clear()


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def feature(home, *projects):
    """Choose `projects` (Swedish pages) for `home`, in this order."""
    for position, project in enumerate(projects):
        HomeFeaturedProject.objects.create(
            page=home, project=project, sort_order=position, locale=home.locale
        )


def card_titles(page):
    return [
        a.get_text(strip=True) for a in page.select("#featured-heading ~ ul .project-card__title a")
    ]


def test_the_home_page_title_is_the_site_name_once(client, tree):
    Page.objects.filter(pk=tree.home.sv.pk).update(title=SITE_NAME)
    assert soup(client.get("/sv/")).title.get_text() == SITE_NAME


def test_other_pages_are_titled_with_the_site_name_after_them(client, tree):
    page = soup(client.get(tree.standard.sv.url))
    assert page.title.get_text() == f"{tree.standard.sv.title} | {SITE_NAME}"


def test_the_title_filter_escapes_the_site_name_and_keeps_the_rendered_title():
    assert with_site_name("Om &amp; oss", "A & B") == "Om &amp; oss | A &amp; B"
    assert with_site_name("  ", "A & B") == "A &amp; B"
    assert with_site_name("A &amp; B", "A & B") == "A &amp; B"


@pytest.mark.parametrize("language", ["sv", "fi", "en"])
def test_featured_projects_are_the_editors_choice_in_their_order_and_language(
    client, tree, language
):
    home = tree.home[language]
    feature(home, tree.finished_project.sv, tree.ongoing_project.sv)
    page = soup(client.get(home.url))
    assert card_titles(page) == [
        tree.finished_project[language].title,
        tree.ongoing_project[language].title,
    ]


def test_without_a_choice_the_newest_projects_are_featured(client, tree):
    page = soup(client.get("/sv/"))
    # the ongoing project started later than the finished one
    assert card_titles(page) == [tree.ongoing_project.sv.title, tree.finished_project.sv.title]


def test_an_unpublished_featured_project_is_left_out(client, tree):
    feature(tree.home.sv, tree.finished_project.sv, tree.ongoing_project.sv)
    tree.finished_project.sv.unpublish()
    assert card_titles(soup(client.get("/sv/"))) == [tree.ongoing_project.sv.title]


def test_the_numbers_are_counted_from_the_live_projects_of_the_language(tree):
    numbers = organisation_in_numbers(tree.home["fi"].locale_id)
    # two projects; a Swedish and a Finnish partner, the Swedish one in both projects
    assert (numbers.projects, numbers.partners, numbers.countries) == (2, 2, 2)
    assert numbers.eu_funding == [("EUR", 600_000 + 250_000)]


def test_the_numbers_follow_new_projects_and_partners(client, tree):
    project = ProjectPageFactory(parent=tree.project_index.sv, eu_contribution=None)
    add_partners(project, [OrganisationFactory(country="NO", nuts_code="")])
    numbers = organisation_in_numbers(tree.home.sv.locale_id)
    assert (numbers.projects, numbers.partners, numbers.countries) == (3, 3, 3)
    figures = [
        li.find(class_="numbers__figure").get_text(" ", strip=True)
        for li in soup(client.get("/sv/")).select(".numbers__list li")
    ]
    assert figures[:3] == ["3", "3", "3"]


@pytest.mark.parametrize("language", ["sv", "fi", "en"])
def test_the_calls_to_book_lead_to_the_booking_page_in_the_language(client, tree, language):
    HomePage.objects.filter(translation_key=tree.home.sv.translation_key).update(
        booking_page=tree.booking.sv, booking_label="Boka", booking_heading="Kom hit"
    )
    page = soup(client.get(tree.home[language].url))
    links = [a["href"] for a in page.select("main a.button")]
    assert links == [tree.booking[language].url] * 2


def test_no_call_to_book_without_a_button_text(client, tree):
    HomePage.objects.filter(pk=tree.home.sv.pk).update(booking_page=tree.booking.sv)
    assert soup(client.get("/sv/")).select("main a.button") == []


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_featured_projects_cost_the_same_queries_however_many(client, tree):
    home = tree.home.sv
    HomePage.objects.filter(pk=home.pk).update(
        booking_page=tree.booking.sv, booking_label="Boka", booking_heading="Kom hit"
    )
    feature(home, tree.ongoing_project.sv)  # one project, with a picture
    client.get("/sv/")  # Wagtail learns the site's root paths once; the numbers are cached
    one = count_queries(client, "/sv/")
    more = [
        ProjectPageFactory(
            parent=tree.project_index.sv,
            hero_image=tree.ongoing_project.sv.hero_image,
            hero_image_alt="Vindkraftverk vid kusten.",
        )
        for _ in range(3)
    ]
    feature(home, tree.finished_project.sv, *more)
    client.get("/sv/")  # the numbers of the new content are counted and cached
    assert count_queries(client, "/sv/") == one
    assert len(card_titles(soup(client.get("/sv/")))) == 5


def test_the_menu_and_its_button_are_in_the_page_from_the_start(client, tree):
    page = soup(client.get("/sv/"))
    menu = page.find(id="site-menu")
    # without the script every menu link is there to follow
    assert [a.get_text(strip=True) for a in menu.select(".main-nav a")] == [
        p.title for p in tree.home.sv.get_children().live().in_menu()
    ]
    # the button is there before any script runs, so the bar never changes height
    button = page.select_one(".site-header__bar button.menu-button")
    assert button.get_text(strip=True) == "Meny"
    assert button["aria-controls"] == "site-menu" and button["aria-expanded"] == "false"
    scripts = [s["src"] for s in page.find_all("script", src=True)]
    assert any(src.endswith("js/site.js") for src in scripts)
    assert page.find("script", src=False, type=lambda t: t != "application/ld+json") is None


def test_the_font_comes_from_this_site(client, tree):
    page = soup(client.get("/sv/"))
    sheets = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    assert all(href.startswith("/static/") for href in sheets)
    loader = page.find("script", src=re.compile(r"js/site\.js$"))
    fonts = [loader[name] for name in ("data-latin", "data-latin-ext")]
    assert all(font.startswith(f"{settings.STATIC_URL}fonts/") for font in fonts)
    for font in fonts:
        found = settings.BASE_DIR / "static" / font.removeprefix(settings.STATIC_URL)
        assert found.is_file() and found.suffix == ".woff2"
    # Nothing in the style sheet waits for a font from elsewhere.
    assert "url(" not in page.find("style").string


def test_without_scripts_the_menu_style_sheet_is_loaded_in_noscript(client, tree):
    noscript = soup(client.get("/sv/")).find("head").find("noscript")
    assert noscript.find("link", rel="stylesheet")["href"].startswith("/static/css/no-script")


def test_the_footer_shows_only_the_contact_details_that_are_set(client, tree):
    HomePage.objects.filter(pk=tree.home.sv.pk).update(
        contact_address="Storgatan 1\nUmeå", contact_email="", contact_phone=""
    )
    # written past publishing, so the kept chrome is cleared as publishing would
    page_cache.clear()
    footer = soup(client.get("/sv/")).find("footer")
    assert "Storgatan 1" in footer.address.get_text()
    assert footer.select('a[href^="mailto:"], a[href^="tel:"]') == []
    HomePage.objects.filter(pk=tree.home.sv.pk).update(contact_address="")
    page_cache.clear()
    assert soup(client.get("/sv/")).find("footer").address is None


def test_partners_are_a_list_without_a_dangling_separator(client, tree):
    project = ProjectPageFactory(parent=tree.project_index.sv)
    add_partners(
        project, [OrganisationFactory(name="Gränsrådet", city="", country="", nuts_code="")]
    )
    page = soup(client.get(project.url))
    partners = page.select("ul.organisation-list li")
    assert len(partners) == 1
    assert (
        not partners[0].select_one(".organisation-list__detail").get_text(strip=True).endswith("·")
    )


def test_only_the_first_card_picture_is_fetched_at_once(client, tree):
    """The first card is in view on a phone: its picture is the page's largest paint."""
    for _ in range(2):
        ProjectPageFactory(
            parent=tree.project_index.sv,
            hero_image=ImageFactory(),
            hero_image_alt="En hamn i morgonljus.",
        )
    page_cache.clear()  # factory pages are not published through Wagtail
    for address in ("/sv/", tree.project_index.sv.url):
        images = soup(client.get(address)).select(".project-card__image img")
        assert len(images) >= 3
        first, *rest = images
        assert first.get("fetchpriority") == "high" and first.get("loading") is None
        assert all(img.get("loading") == "lazy" and not img.get("fetchpriority") for img in rest)


def test_the_header_draws_the_same_logo_as_the_logo_file(client, tree):
    """The header carries the logo inline; the JSON-LD and the favicon use the file."""
    drawn = soup(client.get("/sv/")).select_one(".site-header__brand svg")
    assert drawn["aria-hidden"] == "true"
    file = BeautifulSoup(
        (settings.BASE_DIR / "static" / "img" / "logo.svg").read_text(), "html.parser"
    ).svg
    assert drawn.decode_contents() == file.decode_contents()
    assert drawn["viewbox"] == file["viewbox"]
