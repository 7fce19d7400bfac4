"""News: the index, articles, the home page's latest news and the feeds."""

import datetime
import json

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail_localize.models import Translation

from home.mixins import PictureKind
from news.models import ArticlePage
from tests.factories import (
    ArticlePageFactory,
    ImageFactory,
    NewsIndexPageFactory,
    locale,
)
from tests.tree import SITE_NAME

pytestmark = pytest.mark.django_db

LANGUAGES = ["sv", "fi", "en"]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def translated(page, language):
    return page.get_translation(locale(language)).specific


def make_articles(index, count, image=None):
    """`count` articles under `index`, one a day back from 1 June 2024, newest first."""
    first = datetime.date(2024, 6, 1)
    return [
        ArticlePageFactory(
            parent=index,
            title=f"Artikel nummer {number}",
            slug=f"artikel-nummer-{number}",
            date=first - datetime.timedelta(days=number),
            hero_image=image or ImageFactory(),
            hero_image_alt="En testbild med en beskrivning",
        )
        for number in range(count)
    ]


# Every page type in every language


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("handle", ["news_index", "article", "older_article"])
def test_news_pages_render_in_every_language(client, tree, handle, language):
    page = getattr(tree, handle)[language]
    response = client.get(page.url)
    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == language
    assert page.url.startswith(f"/{language}/")
    assert html.find("h1").get_text(strip=True) == page.title


def test_news_pages_are_translated_through_wagtail_localize(tree):
    for family in (tree.news_index, tree.article, tree.older_article):
        page = family.sv
        translations = page.get_translations().live()
        assert sorted(t.locale.language_code for t in translations) == ["en", "fi"]
        for translation in translations:
            assert Translation.objects.filter(
                source__object_id=page.translation_key, target_locale=translation.locale
            ).exists()
            assert translation.title != page.title


# Articles


@pytest.mark.parametrize(
    ("language", "byline"),
    [
        ("sv", "Text och foto: Maria Mattsson"),
        ("fi", "Teksti ja kuva: Maria Mattsson"),
        ("en", "Text and photo: Maria Mattsson"),
    ],
)
def test_byline_names_one_person_once_when_they_wrote_and_photographed(
    client, tree, language, byline
):
    article = ArticlePageFactory(
        parent=tree.news_index[language],
        locale=locale(language),
        slug="en-person",
        author="Maria Mattsson",
        photographer="maria mattsson ",
    )
    html = soup(client.get(article.url))
    assert html.select_one(".byline").get_text(" ", strip=True) == byline


def test_byline_tells_writer_and_photographer_apart(client, tree):
    article = tree.article["en"]
    assert article.author != article.photographer
    html = soup(client.get(article.url))
    parts = [span.get_text(strip=True) for span in html.select(".byline span")]
    assert parts == [f"Text: {article.author}", f"Photo: {article.photographer}"]


def test_article_without_byline_shows_none_and_credits_the_organisation(client, tree):
    article = ArticlePageFactory(
        parent=tree.news_index["en"], locale=locale("en"), slug="no-byline", author=""
    )
    html = soup(client.get(article.url))
    assert html.select_one(".byline") is None
    data = json.loads(html.find("script", type="application/ld+json").string)
    assert data["author"] == [data["publisher"]]
    assert data["publisher"]["name"] == SITE_NAME
    assert data["publisher"]["url"] == "http://testserver/en/"


def test_hero_image_with_alt_text_and_credit(client, tree):
    page = tree.article["fi"]
    figure = soup(client.get(page.url)).select_one(".article__hero")
    img = figure.find("img")
    assert img["alt"] == page.hero_image_alt
    assert [s["type"] for s in figure.find_all("source")] == ["image/avif", "image/webp"]
    assert figure.select_one(".credit").get_text(strip=True) == f"Kuva: {page.photographer}"


@pytest.mark.parametrize(
    ("kind", "language", "credit"),
    [
        (PictureKind.ILLUSTRATION, "sv", "Illustration: Byrån"),
        (PictureKind.ILLUSTRATION, "fi", "Kuvitus: Byrån"),
        (PictureKind.PHOTO, "sv", "Foto: Byrån"),
    ],
)
def test_the_credit_says_what_kind_of_picture_it_is(client, tree, kind, language, credit):
    page = tree.article[language]
    ArticlePage.objects.filter(pk=page.pk).update(hero_image_credit="Byrån", hero_image_kind=kind)
    figure = soup(client.get(page.url)).select_one(".article__hero")
    assert figure.select_one(".credit").get_text(strip=True) == credit


def test_hero_image_needs_alt_text(db):
    article = ArticlePage(title="x", slug="x", lead="x", hero_image=ImageFactory())
    with pytest.raises(ValidationError) as error:
        article.clean()
    assert "hero_image_alt" in error.value.message_dict


def test_article_open_graph_and_news_article_json_ld(client, tree):
    page = tree.article["en"]
    published = page.date.isoformat()
    head = soup(client.get(page.url)).head
    meta = {tag["property"]: tag["content"] for tag in head.select("meta[property]")}
    assert meta["og:type"] == "article"
    assert meta["og:title"] == page.title
    assert meta["og:description"] == page.lead
    assert meta["og:image"].startswith("http://testserver/media/images/")
    assert meta["og:image:alt"] == page.hero_image_alt
    assert meta["article:published_time"] == published
    assert head.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"

    data = json.loads(head.find("script", type="application/ld+json").string)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == page.title
    assert data["inLanguage"] == "en"
    assert data["datePublished"] == published
    assert data["mainEntityOfPage"] == f"http://testserver{page.url}"
    assert data["image"]["url"] == meta["og:image"]


def test_json_ld_names_a_different_photographer_as_contributor(client, tree):
    page = tree.article["en"]
    html = soup(client.get(page.url))
    data = json.loads(html.find("script", type="application/ld+json").string)
    assert data["author"] == [{"@type": "Person", "name": page.author}]
    assert data["contributor"] == [{"@type": "Person", "name": page.photographer}]
    # the photographer is the creator of the image
    assert data["image"]["creator"] == {"@type": "Person", "name": page.photographer}


def test_json_ld_names_one_person_who_wrote_and_photographed_once(client, tree):
    article = ArticlePageFactory(
        parent=tree.news_index["en"],
        locale=locale("en"),
        slug="one-person",
        author="Maria Mattsson",
        photographer="Maria Mattsson",
        hero_image=tree.article["en"].hero_image,
        hero_image_alt="A test picture of the coast",
    )
    data = json.loads(
        soup(client.get(article.url)).find("script", type="application/ld+json").string
    )
    assert data["author"] == [{"@type": "Person", "name": "Maria Mattsson"}]
    assert "contributor" not in data
    assert data["image"]["creator"] == {"@type": "Person", "name": "Maria Mattsson"}


def test_publication_date_is_synchronised_to_translations(tree):
    dates = {tree.older_article[code].date for code in LANGUAGES}
    assert dates == {tree.older_article.sv.date}
    # a different date from the other article, so a copied value would show
    assert tree.older_article.sv.date != tree.article.sv.date


# The index


def test_index_lists_newest_first_and_paginates(client, tree):
    index = NewsIndexPageFactory(parent=tree.home.sv, slug="arkiv")
    articles = make_articles(index, 12)

    def titles(query=""):
        response = client.get(index.url + query)
        assert response.status_code == 200
        return [a.get_text(strip=True) for a in soup(response).select(".article-card__title a")]

    assert titles() == [a.title for a in articles[:10]]
    assert titles("?page=2") == [a.title for a in articles[10:]]
    # garbage and out-of-range page numbers answer with a real page, as on the project list
    assert titles("?page=abc") == titles()
    assert titles("?page=99999999999999999999999") == titles("?page=2")
    assert titles("?page=3") == titles("?page=2")
    assert titles("?page=-3") == titles("?page=0") == titles()
    pagination = soup(client.get(index.url)).select_one("nav.pagination")
    assert pagination["aria-label"] == "Sidor"
    assert pagination.select_one('a[rel="next"]')["href"] == "?page=2"


def test_index_filters_by_year_without_javascript(client, tree):
    index = NewsIndexPageFactory(parent=tree.home.sv, slug="arkiv")
    ArticlePageFactory(parent=index, slug="gammal", title="Gammal nyhet", date="2019-03-01")
    ArticlePageFactory(parent=index, slug="ny", title="Ny nyhet", date="2025-03-01")

    html = soup(client.get(index.url, {"year": "2019"}))
    assert [a.get_text() for a in html.select(".article-card__title a")] == ["Gammal nyhet"]
    form = html.select_one("form.news-filters")
    assert form["method"] == "get"
    select = form.find("select", attrs={"name": "year"})
    assert form.find("label", attrs={"for": select["id"]}).get_text(strip=True) == "År"
    assert [o["value"] for o in select.find_all("option")] == ["", "2025", "2019"]
    assert select.find("option", selected=True)["value"] == "2019"


@pytest.mark.parametrize("year", ["abc", "1850", "2019'--", "9" * 40])
def test_index_answers_a_bad_year_with_an_error_next_to_the_field(client, tree, year):
    response = client.get(tree.news_index.sv.url, {"year": year})
    assert response.status_code == 200
    html = soup(response)
    select = html.find("select", attrs={"name": "year"})
    assert select["aria-invalid"] == "true"
    error = html.select_one(".news-filters .errorlist")
    assert error["id"] in select["aria-describedby"]
    assert "Välj ett giltigt alternativ" in error.get_text()
    # the list is shown unfiltered
    assert [a.get_text(strip=True) for a in html.select(".article-card__title a")] == [
        tree.article.sv.title,
        tree.older_article.sv.title,
    ]


def test_pagination_keeps_the_year(client, tree):
    index = NewsIndexPageFactory(parent=tree.home.sv, slug="arkiv")
    make_articles(index, 11)
    html = soup(client.get(index.url, {"year": "2024"}))
    assert html.select_one('.pagination a[rel="next"]')["href"] == "?year=2024&page=2"


# The home page


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_shows_the_latest_articles_of_its_language(client, tree, language):
    html = soup(client.get(tree.home[language].url))
    section = html.select_one("section.latest-news")
    links = [a["href"] for a in section.select(".article-card__title a")]
    assert links == [tree.article[language].url, tree.older_article[language].url]
    assert section.select("a")[-1]["href"] == tree.news_index[language].url


# Feeds


@pytest.mark.parametrize("language", LANGUAGES)
def test_feed_holds_the_articles_in_its_language(client, tree, language):
    response = client.get(f"/{language}/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.language == language
    assert feed.feed.link == f"http://testserver{tree.news_index[language].url}"
    article = tree.article[language]
    entries = {entry.title: entry for entry in feed.entries}
    assert list(entries) == [article.title, tree.older_article[language].title]
    entry = entries[article.title]
    assert entry.link == f"http://testserver{article.url}"
    assert entry.summary == article.lead
    assert entry.author == article.author
    # midnight in Umeå is 22:00 or 23:00 UTC the day before
    day_before = article.date - datetime.timedelta(days=1)
    assert entry.published_parsed[:3] == (day_before.year, day_before.month, day_before.day)
    assert entry.published_parsed.tm_hour in (22, 23)
    # and nothing from the other languages
    others = {tree.article[code].title for code in LANGUAGES if code != language}
    assert not others & set(entries)


NEWS = {"sv": "nyheter", "fi": "uutiset", "en": "news"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_announces_the_feed_of_its_language(client, tree, language):
    for url in (tree.home[language].url, tree.article[language].url):
        link = soup(client.get(url)).head.find("link", rel="alternate", type="application/rss+xml")
        assert link["href"] == f"/{language}/feed/"
        assert link["title"] == f"{SITE_NAME}: {NEWS[language]}"
    feed = feedparser.parse(client.get(f"/{language}/feed/").content)
    assert feed.feed.title == link["title"]


# Query budgets: the same for 5 and 50 articles


@pytest.fixture
def archive(tree):
    """An empty news index under the Swedish home page."""
    return NewsIndexPageFactory(parent=tree.home.sv, slug="arkiv")


@pytest.mark.parametrize("count", [5, 50])
def test_index_query_count_does_not_grow(client, archive, django_assert_num_queries, count):
    make_articles(archive, count)
    client.get(archive.url)  # renditions are made once, on the first view
    with django_assert_num_queries(QUERIES_PER_NEWS_INDEX):
        response = client.get(archive.url)
    assert len(soup(response).select(".article-card")) == min(count, 10)


@pytest.mark.parametrize("count", [5, 50])
def test_article_query_count_does_not_grow(client, archive, django_assert_num_queries, count):
    articles = make_articles(archive, count)
    article = articles[-1]
    client.get(article.url)
    with django_assert_num_queries(QUERIES_PER_ARTICLE):
        response = client.get(article.url)
    assert len(soup(response).select(".more-news li")) == 3


@pytest.mark.parametrize("count", [5, 50])
def test_home_page_query_count_does_not_grow(client, archive, django_assert_num_queries, count):
    make_articles(archive, count)
    client.get("/sv/")
    with django_assert_num_queries(QUERIES_PER_HOME_PAGE):
        response = client.get("/sv/")
    assert len(soup(response).select(".latest-news .article-card")) == 3


@pytest.mark.parametrize("count", [5, 50])
def test_feed_query_count_does_not_grow(client, archive, django_assert_num_queries, count):
    make_articles(archive, count, image=ImageFactory())
    client.get("/sv/feed/")
    with django_assert_num_queries(QUERIES_PER_FEED):
        response = client.get("/sv/feed/")
    # the newest twenty: these articles and the tree's two
    assert len(feedparser.parse(response.content).entries) == min(count + 2, 20)


# The route, the chrome, the restricted sections and the filters' choices are kept until
# content changes (cleantech_site/shared_data.py); these are the page's own queries (the
# index's: the route's page, and a page of articles that carries their count).
QUERIES_PER_NEWS_INDEX = 2
QUERIES_PER_ARTICLE = 3
# and the featured projects with their pictures (home/models.py)
QUERIES_PER_HOME_PAGE = 5
QUERIES_PER_FEED = 5


def test_editors_can_open_the_news_forms_in_the_admin(admin_client, tree):
    index, article = tree.news_index.sv, tree.article.sv
    for url in (
        f"/admin/pages/add/news/articlepage/{index.pk}/",
        f"/admin/pages/{article.pk}/edit/",
        f"/admin/pages/{index.pk}/edit/",
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
    form = soup(admin_client.get(f"/admin/pages/{article.pk}/edit/"))
    assert form.find("input", attrs={"name": "hero_image_alt"})["value"] == article.hero_image_alt
    # one news section per language: the home page offers no second one
    assert not index.can_create_at(index.get_parent())
