"""Site search: the visitor's language only, paginated, matches marked, any query safe."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from home.models import StandardPage
from search.highlight import excerpt, highlight, pattern
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def result_links(client, language, query, **params):
    response = client.get(f"/{language}/search/", {"q": query, **params})
    assert response.status_code == 200
    return [a["href"] for a in soup(response).select(".search-results h2 a")]


# A Swedish and a Finnish word, each only in its own language's lead of the article.
SWEDISH_WORD = "isbrytare"
FINNISH_WORD = "jäänmurtaja"


@pytest.fixture
def article(tree):
    """The tree's article, its Swedish and Finnish leads in words of their own language."""
    leads = {
        "sv": f"Hamnen fick en ny {SWEDISH_WORD} i vintras.",
        "fi": f"Satama sai uuden {FINNISH_WORD} talvella.",
    }
    for language, lead in leads.items():
        page = tree.article[language]
        page.lead = lead
        page.save_revision().publish()
    return tree.article


def test_a_swedish_word_finds_the_swedish_article_only(client, article):
    assert article.sv.url in result_links(client, "sv", SWEDISH_WORD)
    assert article["fi"].url not in result_links(client, "sv", SWEDISH_WORD)
    assert result_links(client, "fi", SWEDISH_WORD) == []


def test_a_finnish_word_finds_the_finnish_article_only(client, article):
    assert article["fi"].url in result_links(client, "fi", FINNISH_WORD)
    assert article.sv.url not in result_links(client, "fi", FINNISH_WORD)
    assert result_links(client, "sv", FINNISH_WORD) == []


@pytest.mark.parametrize("language", ["sv", "fi", "en"])
def test_a_word_in_every_language_finds_only_pages_of_the_current_one(client, tree, language):
    word = tree.article.sv.title.split()[0]
    assert all(word in page.title for page in tree.article.values())
    links = result_links(client, language, word)
    assert tree.article[language].url in links
    assert all(link.startswith(f"/{language}/") for link in links)


def test_results_mark_the_matches_and_escape_the_text(client, tree):
    StandardPageFactory(
        parent=tree.home.sv,
        slug="markup",
        title="<b>Isbrytare</b> & annat",
        intro="Om isbrytare i Kvarken <script>alert(1)</script>",
    )
    response = client.get("/sv/search/", {"q": "isbrytare"})
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    result = soup(response).select_one(".search-results li")
    title = result.find("h2").find("a")
    assert str(title).endswith("&lt;b&gt;<mark>Isbrytare</mark>&lt;/b&gt; &amp; annat</a>")
    assert [mark.get_text() for mark in result.find_all("mark")] == ["Isbrytare", "isbrytare"]
    assert "&lt;script&gt;" in str(result.find("p"))


def test_highlight_never_cuts_into_escaped_characters():
    matcher = pattern("amp lt")
    assert highlight("a & b < c amp", matcher) == "a &amp; b &lt; c <mark>amp</mark>"
    assert highlight("<mark>", pattern("mark")) == "&lt;<mark>mark</mark>&gt;"
    assert highlight("nothing here", None) == "nothing here"


def test_excerpt_starts_near_the_first_match():
    text = ("ord " * 200) + "Kvarken " + ("ord " * 200)
    html = excerpt(text, pattern("kvarken"))
    assert html.startswith("… ") and html.endswith(" …")
    assert "<mark>Kvarken</mark>" in html
    assert len(html) < 300


def test_results_are_paginated_and_any_page_number_answers(client, tree):
    for number in range(12):
        StandardPageFactory(
            parent=tree.home.sv, slug=f"sjobod-{number}", title=f"Sjöbod nummer {number}"
        )
    first = result_links(client, "sv", "sjöbod")
    second = result_links(client, "sv", "sjöbod", page=2)
    assert len(first) == 10 and len(second) == 2
    assert not set(first) & set(second)
    assert result_links(client, "sv", "sjöbod", page="x") == first
    assert result_links(client, "sv", "sjöbod", page="9" * 30) == second
    response = client.get("/sv/search/", {"q": "sjöbod"})
    html = soup(response)
    assert html.select_one(".search-summary").get_text(strip=True) == ("12 sidor matchar ”sjöbod”.")
    assert html.select_one('.pagination a[rel="next"]')["href"] == "?q=sj%C3%B6bod&page=2"


# "Vindkraft" is in pages of the tree in every language, so odd queries also meet results.
ODD_QUERIES = [
    "",
    " ",
    "x" * 5000,
    '"',
    '"Vindkraft',
    "'; DROP TABLE wagtailcore_page; --",
    "' OR 1=1 --",
    "Vindkraft AND OR NOT",
    "NEAR(a b) col:umn * ^ ( ) [ ] { } -",
    "%_\\",
    "Vindkraft\x01\x1f\x7f",
    "🌍🔋 Vindkraft 👩‍👩‍👧",
    "<script>alert(1)</script>",
    "ÅÄÖ åäö",
    "a",
]


@pytest.mark.parametrize("language", ["sv", "fi"])
@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_answer_200(client, tree, language, query):
    response = client.get(f"/{language}/search/", {"q": query, "page": "-1"})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_a_very_long_query_gets_an_error_next_to_the_field(client, tree):
    response = client.get("/en/search/", {"q": "x" * 5000})
    assert response.status_code == 200
    html = soup(response)
    field = html.select_one(".search-form input[name=q]")
    assert field["aria-invalid"] == "true"
    error = html.select_one(".search-form .errorlist")
    assert error["id"] in field["aria-describedby"]
    assert "at most 200 characters" in error.get_text()
    assert html.select_one(".search-results") is None


def test_control_characters_are_dropped_from_the_query(client, article):
    links = result_links(client, "sv", f"\x01{SWEDISH_WORD}\x07")
    assert article.sv.url in links


@pytest.mark.parametrize("language", ["sv", "fi", "en"])
def test_search_page_renders_in_every_language(client, tree, language):
    response = client.get(f"/{language}/search/")
    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == language
    assert html.select_one('meta[name="robots"]')["content"] == "noindex, follow"
    label = html.select_one(".search-form label")
    assert label["for"] == html.select_one(".search-form input")["id"]
    assert html.select_one(".search-results") is None


@pytest.mark.parametrize(
    ("language", "label", "button"),
    [
        ("sv", "Sök på webbplatsen", "Sök"),
        ("fi", "Hae sivustolta", "Hae"),
        ("en", "Search the website", "Search"),
    ],
)
def test_every_page_has_a_labelled_search_form_in_the_header(client, tree, language, label, button):
    html = soup(client.get(f"/{language}/"))
    form = html.select_one("header form[role=search]")
    assert form["action"] == f"/{language}/search/"
    field = form.find("input", attrs={"name": "q"})
    assert form.find("label", attrs={"for": field["id"]}).get_text(strip=True) == label
    assert form.find("button").get_text(strip=True) == button


@pytest.mark.parametrize("count", [5, 50])
def test_search_query_count_does_not_grow(client, tree, django_assert_num_queries, count):
    for number in range(count):
        StandardPageFactory(parent=tree.home.sv, slug=f"vagbrytare-{number}", title="Vågbrytare")
    client.get("/sv/search/", {"q": "vågbrytare"})
    with django_assert_num_queries(QUERIES_PER_SEARCH):
        response = client.get("/sv/search/", {"q": "vågbrytare"})
    assert len(soup(response).select(".search-results li")) == min(count, 10)


# the count, the matches, and the specific pages of the one page type found; on SQLite the
# matches are their ranked keys, then the pages (search/sqlite_ranking.py)
QUERIES_PER_SEARCH = 4 if connection.vendor == "sqlite" else 3


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's full-text ranking")
def test_sqlite_ranking_gives_wagtails_results_in_wagtails_order(tree):
    """The one-read ranking (search/sqlite_ranking.py) finds what Wagtail's SQLite backend
    finds, in its order: better matches first, equal ones by the highest key."""
    # Importable on SQLite only.
    from wagtail.search.backends.database.sqlite.sqlite import (
        SQLiteSearchBackend as WagtailsSQLiteSearchBackend,
    )

    from search.sqlite_ranking import RankedSQLiteSearchBackend, keys_are_numbers

    ours = get_search_backend()
    assert isinstance(ours, RankedSQLiteSearchBackend)
    wagtails = WagtailsSQLiteSearchBackend({})
    for number in range(8):
        # Equal pages (equal scores), shorter and longer titles, the word in the intro only.
        title = ["Vågbrytare", "Vågbrytare i hamnen", "Om hamnen"][number % 3]
        StandardPageFactory(
            parent=tree.home.sv, slug=f"vag-{number}", title=title, intro="En vågbrytare."
        )
    # Indexed afresh, equal pages score equally: ties for the order to break.
    call_command("update_index", verbosity=0)
    searched = [
        Page.objects.live().filter(locale=tree.home.sv.locale).specific(),
        StandardPage.objects.live(),  # a page type, keyed by its page
    ]
    for pages in searched:
        for query, operator in [
            ("vågbrytare", "and"),
            ("vågbrytare hamnen", "and"),
            ("hamnen", "or"),
        ]:
            expected = wagtails.search(query, pages, operator=operator)
            found = ours.search(query, pages, operator=operator)
            assert found.count() == expected.count() > 2
            for start, stop in [(0, 10), (0, 3), (2, 5), (3, None)]:
                assert [p.pk for p in found[start:stop]] == [p.pk for p in expected[start:stop]]
                assert found[start:stop].count() == expected[start:stop].count()
    # Unranked searches are Wagtail's own.
    unranked = ours.search("vågbrytare", pages, order_by_relevance=False)
    assert [p.pk for p in unranked] == [
        p.pk for p in wagtails.search("vågbrytare", pages, order_by_relevance=False)
    ]
    # Equal matches are ordered by the highest key as a number ("100" after "99"), for a
    # page type too, whose key is its page's.
    assert keys_are_numbers(Page) and keys_are_numbers(StandardPage)
