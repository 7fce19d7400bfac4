"""Project showcases: pages in every language, status, filters, pagination, query budgets,
structured data and the read-only API."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import Page, PageViewRestriction

from projects.models import ProjectIndexPage, Status
from projects.models.pages import status_for
from tests.factories import (
    FocusAreaFactory,
    FundingProgrammeFactory,
    ImageFactory,
    OrganisationFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    add_focus_areas,
    add_key_figures,
    add_partners,
)
from tests.tree import SITE_NAME

pytestmark = pytest.mark.django_db

LANGUAGES = ("sv", "fi", "en")
CO_FUNDED = {
    "sv": "Medfinansieras av Europeiska unionen",
    "fi": "Euroopan unionin osarahoittama",
    "en": "Co-funded by the European Union",
}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


# Pages in every language


@pytest.mark.parametrize("language", LANGUAGES)
def test_project_index_in_each_language(client, tree, language):
    index = tree.project_index[language]
    ongoing = tree.ongoing_project[language]
    response = client.get(index.url)
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == language
    assert page.find("h1").get_text(strip=True) == index.title
    cards = page.select(".project-card__title a")
    # the newest first, each linking to the project in the same language
    assert [(a.get_text(strip=True), a["href"]) for a in cards] == [
        (ongoing.title, ongoing.url),
        (tree.finished_project[language].title, tree.finished_project[language].url),
    ]
    assert all(card["href"].startswith(f"/{language}/") for card in cards)
    # responsive images in AVIF and WebP, with a JPEG fallback and the card's alt text
    picture = page.select_one(".project-card picture")
    assert [s["type"] for s in picture.select("source")] == ["image/avif", "image/webp"]
    assert picture.img["src"].endswith(".jpg") and "srcset" in picture.img.attrs
    assert picture.img["alt"] == ongoing.hero_image_alt
    # the card's facts, named and written in the page's language
    with translation.override(language):
        expected = [
            (gettext("Period"), ongoing.period),
            (gettext("Status"), str(Status.ONGOING.label)),
            (gettext("Programme"), ongoing.programme.name),
        ]
    facts = page.select_one(".project-card__facts")
    assert [(row.dt.get_text(), row.dd.get_text()) for row in facts.find_all("div")] == expected
    assert facts.select_one(".status")["class"] == ["status", f"status--{Status.ONGOING}"]
    assert {a["href"] for a in page.select(".open-data a")} == {
        f"{index.url}export/csv/",
        f"{index.url}export/json/",
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_project_page_in_each_language(client, tree, language):
    project = tree.ongoing_project[language]
    response = client.get(project.url)
    assert response.status_code == 200
    page = soup(response)
    main = page.find("main")
    assert page.html["lang"] == language
    assert main.find("h1").get_text(strip=True) == project.title
    assert project.summary in main.get_text()
    # the EU emblem and the funding statement in the page's language, before the title
    statement = main.select_one(".eu-funding")
    assert statement.get_text(strip=True) == CO_FUNDED[language]
    emblem = statement.find("svg")
    assert emblem["aria-hidden"] == "true" and len(emblem.find_all("use")) == 12
    assert statement.find_next("h1") is not None
    # the same figures in every language, with the labels of the page's language
    figures = [
        (
            node.select_one(".key-figures__number").get_text(" ", strip=True).split(" ")[0],
            node.select_one(".key-figures__label").get_text(strip=True),
        )
        for node in main.select(".key-figures li")
    ]
    swedish_rows = tree.ongoing_project.sv.key_figures.all()
    swedish_numbers = [str(row.number.normalize()) for row in swedish_rows]
    assert figures == [
        (number, row.label)
        for number, row in zip(swedish_numbers, project.key_figures.all(), strict=True)
    ]
    assert len(figures) == 2
    # the partners in order, named in the page's language
    partners = [n.get_text(strip=True) for n in main.select(".organisation-list__name")]
    assert partners == [tree.lead_partner[language].name, tree.finnish_partner[language].name]


def test_translated_projects_point_at_translated_snippets(tree):
    swedish, finnish = tree.ongoing_project.sv, tree.ongoing_project["fi"]
    assert finnish.programme == tree.programme["fi"]
    assert [row.organisation for row in finnish.partners.all()] == [
        tree.lead_partner["fi"],
        tree.finnish_partner["fi"],
    ]
    assert [link.focus_area for link in finnish.focus_area_links.all()] == [tree.focus_area["fi"]]
    # synchronised facts are the same as in Swedish
    for name in ("cofinancing_rate", "start_date", "end_date", "total_budget", "eu_fund"):
        assert getattr(finnish, name) == getattr(swedish, name)


def test_the_translated_page_tree_is_consistent(tree):
    # treebeard's own check: depths, child counts and paths all agree
    assert all(problems == [] for problems in Page.find_problems())


# Status comes from the dates


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (datetime.date(2030, 1, 1), datetime.date(2031, 1, 1), Status.PLANNED),
        (datetime.date(2020, 1, 1), datetime.date(2030, 1, 1), Status.ONGOING),
        (datetime.date(2020, 1, 1), None, Status.ONGOING),
        (datetime.date(2020, 1, 1), datetime.date(2021, 1, 1), Status.COMPLETED),
        (None, datetime.date(2021, 1, 1), Status.COMPLETED),
        (None, None, None),
    ],
)
def test_status_is_derived_from_the_dates(start, end, expected):
    assert status_for(start, end, datetime.date(2026, 6, 1)) == expected


def test_a_project_ending_today_is_ongoing():
    today = timezone.localdate()
    assert status_for(today - datetime.timedelta(days=10), today, today) == Status.ONGOING


# Filters


@pytest.fixture
def listing(tree):
    """A separate Swedish project index with projects that differ in every filter."""
    today = timezone.localdate()
    year = datetime.timedelta(days=365)
    index = ProjectIndexPageFactory(parent=tree.home.sv, slug="filterprojekt")
    aurora, botnia = FundingProgrammeFactory(slug="aurora"), FundingProgrammeFactory(slug="botnia")
    energy, water = FocusAreaFactory(slug="energi"), FocusAreaFactory(slug="vatten")
    swedish, finnish = OrganisationFactory(), OrganisationFactory(country="FI", nuts_code="FI195")
    specs = {
        "planned-aurora-energy-se": (today + year, today + 3 * year, aurora, [energy], [swedish]),
        "ongoing-aurora-water-fi": (today - year, today + year, aurora, [water], [finnish]),
        "ongoing-botnia-energy-both": (
            today - year,
            today + year,
            botnia,
            [energy, water],
            [swedish, finnish],
        ),
        "completed-botnia-energy-fi": (today - 3 * year, today - year, botnia, [energy], [finnish]),
    }
    for slug, (start, end, programme, areas, partners) in specs.items():
        project = ProjectPageFactory(
            parent=index, slug=slug, title=slug, start_date=start, end_date=end, programme=programme
        )
        add_focus_areas(project, areas)
        add_partners(project, partners)
    return index


def listed(client, index, **params):
    response = client.get(index.url, params)
    assert response.status_code == 200
    return sorted(a.get_text(strip=True) for a in soup(response).select(".project-card__title a"))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {},
            [
                "completed-botnia-energy-fi",
                "ongoing-aurora-water-fi",
                "ongoing-botnia-energy-both",
                "planned-aurora-energy-se",
            ],
        ),
        ({"status": "ongoing"}, ["ongoing-aurora-water-fi", "ongoing-botnia-energy-both"]),
        ({"status": "planned"}, ["planned-aurora-energy-se"]),
        ({"status": "completed"}, ["completed-botnia-energy-fi"]),
        ({"programme": "aurora"}, ["ongoing-aurora-water-fi", "planned-aurora-energy-se"]),
        ({"focus": "vatten"}, ["ongoing-aurora-water-fi", "ongoing-botnia-energy-both"]),
        (
            {"country": "FI"},
            ["completed-botnia-energy-fi", "ongoing-aurora-water-fi", "ongoing-botnia-energy-both"],
        ),
        ({"status": "ongoing", "programme": "botnia"}, ["ongoing-botnia-energy-both"]),
        (
            {"focus": "energi", "country": "FI"},
            ["completed-botnia-energy-fi", "ongoing-botnia-energy-both"],
        ),
        (
            {"status": "ongoing", "programme": "aurora", "focus": "vatten", "country": "FI"},
            ["ongoing-aurora-water-fi"],
        ),
        ({"status": "planned", "country": "FI"}, []),
    ],
)
def test_filters_combine(client, listing, params, expected):
    assert listed(client, listing, **params) == expected


def test_filter_form_works_without_javascript(client, listing):
    page = soup(client.get(listing.url, {"status": "ongoing"}))
    form = page.select_one(".project-filters form")
    assert form["method"] == "get"
    assert form["action"] == listing.url
    assert form.select_one('button[type="submit"]')
    for select in form.select("select"):
        # every field has a visible label tied to it
        assert form.select_one(f'label[for="{select["id"]}"]').get_text(strip=True)
    assert form.select_one('select[name="status"] option[selected]')["value"] == "ongoing"
    # only choices that lead somewhere are offered
    countries = [o["value"] for o in form.select('select[name="country"] option')]
    assert countries == ["", "FI", "SE"]


def test_filter_choices_follow_what_is_published(client, listing):
    def focus_choices():
        page = soup(client.get(listing.url))
        # in the order of the areas' names, which the factory numbers
        return sorted(o["value"] for o in page.select('select[name="focus"] option'))

    assert focus_choices() == ["", "energi", "vatten"]
    project = ProjectPageFactory(parent=listing, slug="vind", title="vind", live=False)
    add_focus_areas(project, [FocusAreaFactory(slug="vind")])
    assert focus_choices() == ["", "energi", "vatten"]  # a draft is not offered
    project.save_revision().publish()
    assert focus_choices() == ["", "energi", "vatten", "vind"]


def test_empty_state_offers_the_way_back(client, listing):
    page = soup(client.get(listing.url, {"status": "planned", "country": "FI"}))
    empty = page.select_one(".project-empty")
    assert empty is not None
    assert empty.find("a")["href"] == listing.url


@pytest.mark.parametrize(
    "params",
    [
        {"status": "finished"},
        {"status": "' OR 1=1 --"},
        {"programme": "<script>alert(1)</script>"},
        {"focus": "energi'; DROP TABLE projects_projectpage; --"},
        {"country": "XX"},
        {"programme": "ä" * 5000},
        {"status": ["ongoing", "bogus"]},
    ],
)
def test_unknown_filter_values_give_an_empty_list_and_a_message(client, listing, params):
    response = client.get(listing.url, params)
    assert response.status_code == 200
    page = soup(response)
    assert page.select(".project-card") == []
    field = next(iter(params))
    error = page.select_one(f"#id_{field}_error li")
    # a hidden "Fel:" tells screen-reader users it is an error
    assert (
        error.get_text(" ", strip=True) == "Fel: Det finns inget sådant val här. Välj ett i listan."
    )
    assert page.select_one(f'select[name="{field}"]')["aria-describedby"] == f"id_{field}_error"
    assert b"<script>alert(1)" not in response.content


@pytest.fixture
def long_listing(tree):
    index = ProjectIndexPageFactory(parent=tree.home.sv, slug="manga-projekt")
    for number in range(30):
        ProjectPageFactory(
            parent=index,
            slug=f"p-{number:02d}",
            title=f"P {number:02d}",
            start_date=datetime.date(1990 + number, 1, 1),
            end_date=datetime.date(1990 + number, 12, 31),
        )
    return index


def card_titles(response):
    return [a.get_text(strip=True) for a in soup(response).select(".project-card__title a")]


@pytest.mark.parametrize(
    ("page_param", "first_title"),
    [
        ("1", "P 29"),
        ("2", "P 17"),
        ("3", "P 05"),
        ("4", "P 05"),  # past the end: the last page
        ("99999999999999999999999999999999", "P 05"),
        ("9" * 5000, "P 05"),
        ("0", "P 29"),
        ("-3", "P 29"),
        ("abc", "P 29"),
        ("1.5", "P 29"),
        ("1 OR 1=1", "P 29"),
        ("", "P 29"),
    ],
)
def test_page_numbers_are_clamped(client, long_listing, page_param, first_title):
    response = client.get(long_listing.url, {"page": page_param})
    assert response.status_code == 200
    assert card_titles(response)[0] == first_title
    # counted in all, on the page asked for and on the last page it was clamped to
    assert soup(response).select_one(".project-count").get_text(strip=True) == "30 projekt"


def test_pagination_keeps_the_filters(client, long_listing):
    response = client.get(long_listing.url, {"status": "completed"})
    page = soup(response)
    assert page.select_one(".project-count").get_text(strip=True) == "30 projekt"
    nav = page.select_one("nav.pagination")
    assert nav["aria-label"]
    next_link = nav.select_one('a[rel="next"]')["href"]
    assert next_link == "?status=completed&page=2"
    assert nav.select_one('a[aria-current="page"]').get_text(strip=True).endswith("1")
    second = client.get(long_listing.url + next_link)
    assert card_titles(second)[0] == "P 17"
    assert soup(second).select_one('a[rel="prev"]')["href"] == "?status=completed&page=1"


def test_private_and_draft_projects_are_not_listed(client, listing):
    hidden = ProjectPageFactory(parent=listing, slug="hemlig", title="hemlig")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    draft = ProjectPageFactory(parent=listing, slug="utkast", title="utkast")
    draft.unpublish()
    assert "hemlig" not in listed(client, listing)
    assert "utkast" not in listed(client, listing)


# Query budgets


def build_projects(index, count, partners_each=5):
    organisations = [OrganisationFactory() for _ in range(partners_each)]
    programme = FundingProgrammeFactory()
    area = FocusAreaFactory()
    for number in range(count):
        project = ProjectPageFactory(
            parent=index,
            slug=f"budget-{number}",
            programme=programme,
            hero_image=ImageFactory(),
            hero_image_alt="En bild",
        )
        add_partners(project, organisations)
        add_focus_areas(project, [area])


# The route, the chrome, the restricted sections and the filters' choices are kept until
# content changes (cleantech_site/shared_data.py); these are the page's own queries: the
# route's page, and a page of projects that carries their count.
QUERIES_PER_PROJECT_INDEX = 2


@pytest.mark.parametrize("count", [5, 50])
def test_index_queries_do_not_grow_with_projects(client, tree, django_assert_num_queries, count):
    index = ProjectIndexPageFactory(parent=tree.home.sv, slug="budget")
    build_projects(index, count)
    client.get(index.url)  # warm the site-root and rendition caches, as a running server has
    with django_assert_num_queries(QUERIES_PER_PROJECT_INDEX):
        response = client.get(index.url, {"status": "completed", "page": "1"})
    assert response.status_code == 200
    assert len(soup(response).select(".project-card")) == min(count, ProjectIndexPage.per_page)
    assert len(soup(response).select(".project-card picture")) == min(count, 12)


QUERIES_PER_PROJECT_PAGE = 8


@pytest.mark.parametrize("rows", [1, 12])
def test_project_page_queries_do_not_grow_with_rows(client, tree, django_assert_num_queries, rows):
    index = ProjectIndexPageFactory(parent=tree.home.sv, slug="rader")
    project = ProjectPageFactory(
        parent=index,
        slug="rader",
        programme=FundingProgrammeFactory(),
        hero_image=ImageFactory(),
        hero_image_alt="En bild",
    )
    add_partners(project, [OrganisationFactory(logo=ImageFactory()) for _ in range(rows)])
    add_key_figures(project, rows)
    add_focus_areas(project, [FocusAreaFactory() for _ in range(rows)])
    for organisation in [OrganisationFactory() for _ in range(rows)]:
        project.co_financiers.create(organisation=organisation)
    client.get(project.url)
    with django_assert_num_queries(QUERIES_PER_PROJECT_PAGE):
        response = client.get(project.url)
    main = soup(response).find("main")
    assert len(main.select(".key-figures li")) == rows
    assert len(main.select(".organisation-list__logo")) == rows


def test_the_tree_project_with_news_stays_within_the_budget(
    client, tree, django_assert_max_num_queries
):
    project = tree.ongoing_project.sv
    url = project.url
    client.get(url)
    # one more than a page without news: the news section links the news index
    with django_assert_max_num_queries(QUERIES_PER_PROJECT_PAGE + 1):
        response = client.get(url)
    assert soup(response).select_one("section.project-news") is not None


# Structured data, Open Graph, API


def json_ld(response):
    return [
        json.loads(script.string)
        for script in soup(response).select('script[type="application/ld+json"]')
    ]


def test_grant_amount_in_json_ld(client, tree):
    project = ProjectPageFactory(parent=tree.project_index.sv, slug="belopp", currency="SEK")
    (data,) = json_ld(client.get(project.url))
    assert data["funding"]["amount"] == {
        "@type": "MonetaryAmount",
        "currency": "SEK",
        "value": 600000,
    }
    assert data["foundingDate"] == "2020-01-01"


def test_home_page_describes_the_organisation(client, tree):
    home = tree.home["fi"]
    (data,) = json_ld(client.get("/fi/"))
    assert data["@type"] == "Organization"
    assert data["name"] == SITE_NAME
    assert data["url"] == "http://testserver/fi/"
    assert data["email"] == home.contact_email
    assert data["description"] == home.intro
    assert data["logo"].endswith("/static/img/logo.svg")


def test_open_graph_uses_the_hero_image(client, tree):
    project = tree.ongoing_project["fi"]
    head = soup(client.get(project.url)).head
    meta = {tag["property"]: tag["content"] for tag in head.select("meta[property]")}
    assert meta["og:title"] == project.title
    assert meta["og:description"] == project.summary
    assert meta["og:image"].startswith("http://testserver/media/images/")
    assert meta["og:image:alt"] == project.hero_image_alt
    # cropped to 1200 × 630, or to that shape when the picture is smaller
    width, height = int(meta["og:image:width"]), int(meta["og:image:height"])
    assert width == min(1200, project.hero_image.width)
    assert abs(height - width * 630 / 1200) <= 2  # the crop rounds to whole pixels
    assert head.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"


def test_read_only_api_lists_projects_with_their_facts(client, tree):
    response = client.get(
        "/api/v2/pages/",
        {"type": "projects.ProjectPage", "locale": "fi", "fields": "summary,status,fund,currency"},
    )
    assert response.status_code == 200
    items = {item["title"]: item for item in response.json()["items"]}
    ongoing, finished = tree.ongoing_project["fi"], tree.finished_project["fi"]
    assert set(items) == {ongoing.title, finished.title}
    assert items[ongoing.title]["status"] == "ongoing"
    assert items[finished.title]["status"] == "completed"
    assert items[ongoing.title]["fund"] == "ERDF"
    assert items[ongoing.title]["currency"] == "EUR"
    assert items[ongoing.title]["summary"] == ongoing.summary
    assert client.post("/api/v2/pages/", {}).status_code == 405


def test_api_hides_drafts(client, tree):
    draft = ProjectPageFactory(parent=tree.project_index.sv, slug="api-utkast", title="API-utkast")
    draft.unpublish()
    response = client.get("/api/v2/pages/", {"type": "projects.ProjectPage", "limit": 20})
    titles = [item["title"] for item in response.json()["items"]]
    assert tree.ongoing_project.sv.title in titles
    assert "API-utkast" not in titles
