"""The language switcher on search results and filtered lists keeps what was asked."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def switcher(client, url, params):
    """The switcher's links by language code: (path, query pairs, link element)."""
    response = client.get(url, params)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    links = {}
    for a in html.select(".language-switcher a"):
        address = urlsplit(a["href"])
        links[a["hreflang"]] = (address.path, parse_qsl(address.query), a)
    return links


def test_search_results_link_the_same_search_in_every_language(client, tree):
    links = switcher(client, "/sv/search/", {"q": "vindkraft över", "page": "2"})
    for language in ("sv", "fi", "en"):
        path, query, a = links[language]
        assert path == f"/{language}/search/"
        assert query == [("q", "vindkraft över")]
        assert "language-switcher__fallback" not in a.get("class", [])
        assert a.find(class_="visually-hidden") is None


def test_search_page_without_query_links_the_bare_search(client, tree):
    links = switcher(client, "/fi/search/", {})
    assert {language: (path, query) for language, (path, query, _a) in links.items()} == {
        "sv": ("/sv/search/", []),
        "fi": ("/fi/search/", []),
        "en": ("/en/search/", []),
    }


def test_project_filters_go_along_without_the_page_number_or_strangers(client, tree):
    params = {"country": "FI", "programme": "interreg-norr", "page": "3", "utm_source": "x"}
    links = switcher(client, tree.project_index.sv.url, params)
    for language in ("fi", "en"):
        path, query, _a = links[language]
        assert path == tree.project_index[language].url
        assert sorted(query) == [("country", "FI"), ("programme", "interreg-norr")]


def test_the_news_project_filter_names_the_project_in_the_other_language(client, tree):
    project = tree.ongoing_project
    links = switcher(client, tree.news_index.sv.url, {"project": project.sv.pk, "year": "2021"})
    for language in ("fi", "en"):
        path, query, _a = links[language]
        assert path == tree.news_index[language].url
        assert sorted(query) == [("project", str(project[language].pk)), ("year", "2021")]


def test_the_news_project_filter_still_filters_after_switching(client, tree):
    project = tree.ongoing_project
    path, query, _a = switcher(client, tree.news_index.sv.url, {"project": project.sv.pk})["fi"]
    response = client.get(path, dict(query))
    html = BeautifulSoup(response.content, "html.parser")
    shown = {a["href"] for a in html.select("main article a, main li a")}
    assert tree.article["fi"].url in shown
    assert tree.older_article["fi"].url not in shown


def test_unfiltered_pages_link_without_a_query(client, tree):
    links = switcher(client, tree.article.sv.url, {"q": "vindkraft"})
    assert links["fi"][0] == tree.article["fi"].url
    assert links["fi"][1] == []


def test_a_missing_page_still_links_the_home_pages_as_fallbacks(client, tree):
    response = client.get("/sv/finns-inte/", {"q": "x"})
    assert response.status_code == 404
    html = BeautifulSoup(response.content, "html.parser")
    link = html.select_one('.language-switcher a[hreflang="fi"]')
    assert link["href"] == tree.home["fi"].url
    assert "language-switcher__fallback" in link["class"]
