"""Site search: the visitor's language only, paginated, matches marked, any query safe."""

import pytest
from bs4 import BeautifulSoup

from search.highlight import excerpt, highlight, pattern
from tests.factories import StandardPageFactory, locale

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def result_links(client, language, query, **params):
    response = client.get(f"/{language}/search/", {"q": query, **params})
    assert response.status_code == 200
    return [a["href"] for a in soup(response).select(".search-results h2 a")]


def test_a_swedish_word_finds_the_swedish_article_only(client, news_demo):
    swedish = news_demo["showcase"]
    finnish = swedish.get_translation(locale("fi"))
    # "Vasaregionen" is in the Swedish lead; the Finnish one says "Vaasan seudun"
    assert swedish.url in result_links(client, "sv", "Vasaregionen")
    assert finnish.url not in result_links(client, "sv", "Vasaregionen")
    assert result_links(client, "fi", "Vasaregionen") == []


def test_a_finnish_word_finds_the_finnish_article_only(client, news_demo):
    swedish = news_demo["showcase"]
    finnish = swedish.get_translation(locale("fi"))
    assert finnish.url in result_links(client, "fi", "esimerkkihankkeesta")
    assert swedish.url not in result_links(client, "fi", "esimerkkihankkeesta")
    assert result_links(client, "sv", "esimerkkihankkeesta") == []


@pytest.mark.parametrize("language", ["sv", "fi", "en"])
def test_a_word_in_every_language_finds_only_pages_of_the_current_one(client, news_demo, language):
    links = result_links(client, language, "Kvarken")
    assert news_demo["showcase"].get_translation(locale(language)).url in links
    assert all(link.startswith(f"/{language}/") for link in links)


def test_results_mark_the_matches_and_escape_the_text(client, demo):
    StandardPageFactory(
        parent=demo["home"],
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


def test_results_are_paginated_and_any_page_number_answers(client, demo):
    for number in range(12):
        StandardPageFactory(
            parent=demo["home"], slug=f"sjobod-{number}", title=f"Sjöbod nummer {number}"
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


ODD_QUERIES = [
    "",
    " ",
    "x" * 5000,
    '"',
    '"Kvarken',
    "'; DROP TABLE wagtailcore_page; --",
    "' OR 1=1 --",
    "Kvarken AND OR NOT",
    "NEAR(a b) col:umn * ^ ( ) [ ] { } -",
    "%_\\",
    "\x00Kvarken\x01\x1f\x7f",
    "🌍🔋 Kvarken 👩‍👩‍👧",
    "<script>alert(1)</script>",
    "ÅÄÖ åäö",
    "a",
]


@pytest.mark.parametrize("language", ["sv", "fi"])
@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_answer_200(client, news_demo, language, query):
    response = client.get(f"/{language}/search/", {"q": query, "page": "-1"})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_a_very_long_query_gets_an_error_next_to_the_field(client, demo):
    response = client.get("/en/search/", {"q": "x" * 5000})
    assert response.status_code == 200
    html = soup(response)
    field = html.select_one(".search-form input[name=q]")
    assert field["aria-invalid"] == "true"
    error = html.select_one(".search-form .errorlist")
    assert error["id"] in field["aria-describedby"]
    assert "at most 200 characters" in error.get_text()
    assert html.select_one(".search-results") is None


def test_control_characters_are_dropped_from_the_query(client, news_demo):
    links = result_links(client, "sv", "\x00Vasaregionen\x07")
    assert news_demo["showcase"].url in links


@pytest.mark.parametrize("language", ["sv", "fi", "en"])
def test_search_page_renders_in_every_language(client, demo, language):
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
def test_every_page_has_a_labelled_search_form_in_the_header(client, demo, language, label, button):
    html = soup(client.get(f"/{language}/"))
    form = html.select_one("header form[role=search]")
    assert form["action"] == f"/{language}/search/"
    field = form.find("input", attrs={"name": "q"})
    assert form.find("label", attrs={"for": field["id"]}).get_text(strip=True) == label
    assert form.find("button").get_text(strip=True) == button


@pytest.mark.parametrize("count", [5, 50])
def test_search_query_count_does_not_grow(client, demo, django_assert_num_queries, count):
    for number in range(count):
        StandardPageFactory(parent=demo["home"], slug=f"vindkraft-{number}", title="Vindkraft")
    client.get("/sv/search/", {"q": "vindkraft"})
    with django_assert_num_queries(QUERIES_PER_SEARCH):
        response = client.get("/sv/search/", {"q": "vindkraft"})
    assert len(soup(response).select(".search-results li")) == min(count, 10)


QUERIES_PER_SEARCH = 10
