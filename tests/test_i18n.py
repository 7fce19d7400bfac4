"""Languages: prefixes, the root redirect, the switcher, hreflang and translated UI."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from home.models import HomePage
from tests.factories import StandardPageFactory
from tests.tree import translate

pytestmark = pytest.mark.django_db

SKIP_LINK = {"sv": "Hoppa till innehållet", "fi": "Siirry sisältöön", "en": "Skip to content"}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("sv-SE,sv;q=0.9", "/sv/"),
        ("fi-FI,fi;q=0.9,en;q=0.5", "/fi/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("de-DE,de;q=0.9", "/sv/"),
        ("", "/sv/"),
    ],
)
def test_root_redirects_by_accept_language(client, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize("language", ["sv", "fi", "en"])
def test_home_page_in_each_language(client, tree, language):
    home = tree.home[language]
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == language
    assert page.find("a", class_="skip-link").get_text(strip=True) == SKIP_LINK[language]
    assert page.find("h1").get_text(strip=True) == home.title
    # the intro is the page's own translation, not the Swedish text
    assert page.find("p", class_="lead").get_text(strip=True) == home.intro


def test_footer_links_to_the_privacy_and_accessibility_pages_in_each_language(
    client, tree, django_capture_on_commit_callbacks
):
    accessibility = StandardPageFactory(parent=tree.home.sv, slug="tillganglighet")
    # wagtail-localize publishes a translation when the transaction commits
    with django_capture_on_commit_callbacks(execute=True):
        translate(accessibility)
    # the links are synchronised: every language's home page points at the Swedish pages
    HomePage.objects.filter(translation_key=tree.home.sv.translation_key).update(
        accessibility_page=accessibility
    )
    for language in ("sv", "fi", "en"):
        page = soup(client.get(f"/{language}/"))
        links = [(a.get_text(strip=True), a["href"]) for a in page.select(".site-footer__links a")]
        locale = tree.home[language].locale
        expected = [tree.standard[language], accessibility.get_translation(locale)]
        assert links == [(link.title, link.url) for link in expected], language


def test_intros_differ_between_languages(client, tree):
    intros = {
        language: soup(client.get(f"/{language}/")).find("p", class_="lead").get_text()
        for language in ("sv", "fi", "en")
    }
    assert len(set(intros.values())) == 3


def switcher(response):
    return {
        a["hreflang"]: (a["href"], "language-switcher__fallback" in a.get("class", []))
        for a in soup(response).select(".language-switcher a")
    }


def hreflang_links(response):
    return {
        link["hreflang"]: link["href"]
        for link in soup(response).select('link[rel="alternate"][hreflang]')
    }


def test_switcher_links_to_the_translations_of_the_page(client, tree):
    response = client.get(tree.standard["fi"].url)
    assert response.status_code == 200
    assert switcher(response) == {
        language: (tree.standard[language].url, False) for language in ("sv", "fi", "en")
    }


def test_switcher_falls_back_to_home_pages_for_an_untranslated_page(client, tree):
    StandardPageFactory(parent=tree.home.sv, title="Bara på svenska", slug="bara-svenska")
    response = client.get("/sv/bara-svenska/")
    assert response.status_code == 200
    links = switcher(response)
    assert links["sv"] == ("/sv/bara-svenska/", False)
    # never the same page in the wrong language: the other languages' home pages
    assert links["fi"] == ("/fi/", True)
    assert links["en"] == ("/en/", True)
    # and a screen reader hears why, in the language of the link
    fallback = soup(response).select_one('.language-switcher a[hreflang="fi"] .visually-hidden')
    assert fallback["class"] == ["visually-hidden"]
    assert fallback.get_text() == "(etusivu: tätä sivua ei ole suomeksi)"


def test_hreflang_lists_live_translations_and_x_default(client, tree):
    response = client.get(tree.standard["en"].url)
    urls = {
        language: f"http://testserver{tree.standard[language].url}"
        for language in ("sv", "fi", "en")
    }
    assert hreflang_links(response) == {**urls, "x-default": urls["sv"]}
    home = hreflang_links(client.get("/fi/"))
    assert home["x-default"] == "http://testserver/"
    assert home["fi"] == "http://testserver/fi/"


def test_hreflang_leaves_out_missing_and_unpublished_translations(client, tree):
    tree.standard["en"].unpublish()
    response = client.get(tree.standard.sv.url)
    assert set(hreflang_links(response)) == {"sv", "fi", "x-default"}
    assert switcher(response)["en"] == ("/en/", True)


@pytest.mark.parametrize(
    ("language", "text"),
    [("sv", "Sidan hittades inte"), ("fi", "Sivua ei löytynyt"), ("en", "Page not found")],
)
def test_404_in_each_language(client, tree, language, text):
    response = client.get(f"/{language}/finns-inte/")
    assert response.status_code == 404
    page = soup(response)
    assert page.html["lang"] == language
    assert page.find("h1").get_text(strip=True) == text
    # the visitor can find the way home in their language
    assert page.select_one("main a")["href"] == f"/{language}/"


def test_main_menu_lists_pages_of_the_current_language(client, tree):
    in_menu = [tree.standard, tree.booking]
    keys = [family.sv.translation_key for family in in_menu]
    Page.objects.filter(translation_key__in=keys).update(show_in_menus=True)
    menu = [a.get_text(strip=True) for a in soup(client.get("/fi/")).select(".main-nav a")]
    assert menu == [family["fi"].title for family in in_menu]
    current = soup(client.get(tree.standard["en"].url)).select_one(".main-nav a[aria-current]")
    assert current.get_text(strip=True) == tree.standard["en"].title
    assert current["aria-current"] == "page"
