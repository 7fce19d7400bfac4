"""Project showcases: pages in every language, status, filters, pagination, query budgets,
structured data and the read-only API."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from projects.models import ProjectIndexPage, ProjectPage, Status
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
    locale,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ("sv", "fi", "en")
CO_FUNDED = {
    "sv": "Medfinansieras av Europeiska unionen",
    "fi": "Euroopan unionin osarahoittama",
    "en": "Co-funded by the European Union",
}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def showcase(demo):
    """The Swedish demo project index and its projects, by key."""
    index = ProjectIndexPage.objects.get(locale__language_code="sv")
    projects = {
        page.slug: page for page in ProjectPage.objects.child_of(index).filter(locale=index.locale)
    }
    return {"index": index, **projects}


def in_language(page, language):
    return page.get_translation(locale(language))


# Pages in every language


@pytest.mark.parametrize("language", LANGUAGES)
def test_project_index_in_each_language(client, showcase, language):
    index = in_language(showcase["index"], language)
    response = client.get(index.url)
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == language
    assert page.find("h1").get_text(strip=True) == index.title
    cards = page.select(".project-card__title a")
    assert len(cards) == 5
    # responsive images in AVIF and WebP, with a JPEG fallback and the card's alt text
    picture = page.select_one(".project-card picture")
    assert [s["type"] for s in picture.select("source")] == ["image/avif", "image/webp"]
    assert picture.img["src"].endswith(".jpg") and "srcset" in picture.img.attrs
    assert len(picture.img["alt"]) > 20
    # every card links to a project in the same language
    for card in cards:
        assert card["href"].startswith(f"/{language}/")
    assert {a["href"] for a in page.select(".open-data a")} == {
        f"{index.url}export/csv/",
        f"{index.url}export/json/",
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_cleantech_kvarken_in_each_language(client, showcase, language):
    project = in_language(showcase["cleantech-kvarken"], language)
    response = client.get(project.url)
    assert response.status_code == 200
    page = soup(response)
    main = page.find("main")
    assert page.html["lang"] == language
    assert main.find("h1").get_text(strip=True) == "Cleantech Kvarken"
    # the EU emblem and the funding statement in the page's language, before the title
    statement = main.select_one(".eu-funding")
    assert statement.get_text(strip=True) == CO_FUNDED[language]
    assert statement.find("img")["src"].endswith("img/eu-emblem.svg")
    assert statement.find_next("h1") is not None
    # the same figures in every language, with the translated labels
    figures = [
        node.get_text(" ", strip=True).split(" ")[0] for node in main.select(".key-figures__number")
    ]
    assert figures == ["200", "97", "60"]
    assert project.summary in main.get_text()
    assert main.select_one(".showcase h2").get_text(strip=True) == project.showcase_distinction
    assert "Inforegio" in main.select_one(".showcase").get_text()
    # all seven co-financiers in order, named in the page's language
    co_financiers = [li.get_text(strip=True) for li in main.select(".project__facts ol")[1]("li")]
    assert len(co_financiers) == 7
    expected_city = {"sv": "Vasa stad", "fi": "Vaasan kaupunki", "en": "City of Vaasa"}
    assert co_financiers[-1] == expected_city[language]
    assert "Peter Hedman" in main.select_one(".project-contact").get_text()
    # the follow-up project, in the same language
    follow_up = in_language(showcase["future-cleantech-solutions"], language)
    related = main.select_one(".related-projects a")
    assert (related.get_text(strip=True), related["href"]) == (follow_up.title, follow_up.url)


@pytest.mark.parametrize("language", LANGUAGES)
def test_follow_up_links_back_to_its_predecessor(client, showcase, language):
    project = in_language(showcase["future-cleantech-solutions"], language)
    main = soup(client.get(project.url)).find("main")
    link = main.select_one(".related-projects a")
    assert link["href"] == in_language(showcase["cleantech-kvarken"], language).url
    # no programme or fund is known for it, so no EU statement is claimed
    assert main.select_one(".eu-funding") is None


def test_project_in_sek_shows_its_budget(client, showcase):
    project = showcase["innovation-for-green-transition"]
    facts = soup(client.get(project.url)).select_one(".project__facts dl").get_text(" ")
    assert "27\xa0000\xa0000 SEK" in facts
    english = in_language(project, "en")
    facts = soup(client.get(english.url)).select_one(".project__facts dl").get_text(" ")
    assert "27,000,000 SEK" in facts
    assert (
        "Skellefteå Science City"
        in soup(client.get(english.url)).select_one(".organisation-list li").get_text()
    )


def test_demo_projects_carry_the_facts(showcase):
    kvarken = showcase["cleantech-kvarken"]
    assert kvarken.programme.name == "Interreg Botnia-Atlantica"
    assert kvarken.fund_code == "ERDF"
    assert kvarken.cofinancing_rate == Decimal(60)
    assert kvarken.period == "2015–2018"
    assert kvarken.status == Status.COMPLETED
    assert [row.organisation.name for row in kvarken.co_financiers.all()] == [
        "Region Västerbotten",
        "Umeå kommun",
        "Umeå Energi",
        "Örnsköldsviks kommun",
        "Österbottens förbund",
        "Vasaregionens Utveckling AB",
        "Vasa stad",
    ]
    assert (kvarken.contact_name, kvarken.contact_role) == ("Peter Hedman", "Projektledare")
    assert [(f.number, f.unit) for f in kvarken.key_figures.all()][:2] == [
        (Decimal(200), "företag"),
        (Decimal(97), "%"),
    ]
    follow_up = showcase["future-cleantech-solutions"]
    assert follow_up.predecessor_id == kvarken.pk
    # unknown facts stay empty rather than invented
    assert follow_up.start_date is None and follow_up.total_budget is None
    green = showcase["innovation-for-green-transition"]
    assert (green.total_budget, green.currency) == (Decimal(27_000_000), "SEK")
    assert green.partners.get(role="lead").organisation.name == "Skellefteå Science City"
    assert green.co_financiers.count() == 17
    bothnia = showcase["bothnia-green-energy"]
    assert bothnia.programme.name == "Interreg Aurora"
    assert {row.organisation.country for row in bothnia.partners.all()} == {"SE", "FI", ""}


def test_translated_projects_point_at_translated_snippets(showcase):
    kvarken_fi = in_language(showcase["cleantech-kvarken"], "fi")
    assert kvarken_fi.programme.locale.language_code == "fi"
    organisations = [row.organisation for row in kvarken_fi.co_financiers.all()]
    assert {o.locale.language_code for o in organisations} == {"fi"}
    assert organisations[4].name == "Pohjanmaan liitto"
    # synchronised facts are the same as in Swedish
    assert kvarken_fi.cofinancing_rate == showcase["cleantech-kvarken"].cofinancing_rate
    assert kvarken_fi.start_date == showcase["cleantech-kvarken"].start_date


def test_loading_the_demo_again_adds_no_snippets(showcase):
    from django.core.management import call_command

    from projects.models import FocusArea, FundingProgramme, Organisation

    models = (Organisation, FundingProgramme, FocusArea, ProjectPage)
    before = [model.objects.count() for model in models]
    Organisation.objects.filter(name="Vasa stad").update(name="Vasa stad (ändrat)")
    call_command("load_demo_content", stdout=io.StringIO())
    assert [model.objects.count() for model in models] == before


def test_the_page_tree_is_consistent_after_loading_the_demo(showcase):
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
def listing(demo):
    """A separate Swedish project index with projects that differ in every filter."""
    today = timezone.localdate()
    year = datetime.timedelta(days=365)
    index = ProjectIndexPageFactory(parent=demo["home"], slug="filterprojekt")
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
        {"country": "SE\x00"},
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
    error = page.select_one(f"#id_{field}_error")
    assert error.get_text(strip=True) == "Det finns inget sådant val här. Välj ett i listan."
    assert page.select_one(f'select[name="{field}"]')["aria-describedby"] == f"id_{field}_error"
    assert b"<script>alert(1)" not in response.content


@pytest.fixture
def long_listing(demo):
    index = ProjectIndexPageFactory(parent=demo["home"], slug="manga-projekt")
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


QUERIES_PER_PROJECT_INDEX = 21


@pytest.mark.parametrize("count", [5, 50])
def test_index_queries_do_not_grow_with_projects(client, demo, django_assert_num_queries, count):
    index = ProjectIndexPageFactory(parent=demo["home"], slug="budget")
    build_projects(index, count)
    client.get(index.url)  # warm the site-root and rendition caches, as a running server has
    with django_assert_num_queries(QUERIES_PER_PROJECT_INDEX):
        response = client.get(index.url, {"status": "completed", "page": "1"})
    assert response.status_code == 200
    assert len(soup(response).select(".project-card")) == min(count, ProjectIndexPage.per_page)
    assert len(soup(response).select(".project-card picture")) == min(count, 12)


QUERIES_PER_PROJECT_PAGE = 28


@pytest.mark.parametrize("rows", [1, 12])
def test_project_page_queries_do_not_grow_with_rows(client, demo, django_assert_num_queries, rows):
    index = ProjectIndexPageFactory(parent=demo["home"], slug="rader")
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


def test_demo_project_page_stays_within_the_budget(client, showcase, django_assert_max_num_queries):
    url = showcase["cleantech-kvarken"].url
    client.get(url)
    # one more than a page without news: the news section links the news index
    with django_assert_max_num_queries(QUERIES_PER_PROJECT_PAGE + 1):
        assert client.get(url).status_code == 200


# Structured data, Open Graph, API


def json_ld(response):
    return [
        json.loads(script.string)
        for script in soup(response).select('script[type="application/ld+json"]')
    ]


def test_project_json_ld_describes_funders_and_partners(client, showcase):
    project = in_language(showcase["bothnia-green-energy"], "en")
    (data,) = json_ld(client.get(project.url))
    assert data["@type"] == "Project"
    assert data["name"] == "Bothnia Green Energy"
    assert data["url"] == "http://testserver" + project.url
    assert data["dissolutionDate"] == "2025"
    roles = [(m["roleName"], m["member"]["name"]) for m in data["member"]]
    assert roles[0] == ("Coordinator", "Kvarken Council")
    assert ("Partner", "Vaasan Sähkö") in roles
    assert data["funding"]["@type"] == "MonetaryGrant"
    assert data["funding"]["name"] == "Interreg Aurora"
    assert data["funder"][0]["name"] == "European Union"
    assert data["contactPoint"]["name"] == "Sofia Törmä"
    assert data["image"].startswith("http://testserver/")


def test_grant_amount_in_json_ld(client, demo):
    index = ProjectIndexPageFactory(parent=demo["home"], slug="belopp")
    project = ProjectPageFactory(parent=index, slug="belopp", currency="SEK")
    (data,) = json_ld(client.get(project.url))
    assert data["funding"]["amount"] == {
        "@type": "MonetaryAmount",
        "currency": "SEK",
        "value": 600000,
    }
    assert data["foundingDate"] == "2020-01-01"


def test_home_page_describes_the_organisation(client, demo):
    (data,) = json_ld(client.get("/fi/"))
    assert data["@type"] == "Organization"
    assert data["name"] == "North Sweden Cleantech"
    assert data["url"] == "http://testserver/fi/"
    assert data["email"] == "info@example.com"
    assert data["logo"].endswith("/static/img/logo.svg")


def test_open_graph_uses_the_hero_image(client, showcase):
    project = in_language(showcase["cleantech-kvarken"], "fi")
    head = soup(client.get(project.url)).head
    meta = {tag["property"]: tag["content"] for tag in head.select("meta[property]")}
    assert meta["og:title"] == "Cleantech Kvarken"
    assert meta["og:description"] == project.summary
    assert meta["og:image"].startswith("http://testserver/media/images/")
    assert meta["og:image:alt"] == project.hero_image_alt
    assert meta["og:image:width"] == "1200"
    assert abs(int(meta["og:image:height"]) - 630) <= 1  # the crop rounds to whole pixels
    assert head.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"


def test_read_only_api_lists_projects_with_their_facts(client, showcase):
    response = client.get(
        "/api/v2/pages/",
        {"type": "projects.ProjectPage", "locale": "fi", "fields": "summary,status,fund,currency"},
    )
    assert response.status_code == 200
    items = response.json()["items"]
    assert len(items) == 5
    kvarken = next(item for item in items if item["title"] == "Cleantech Kvarken")
    assert kvarken["status"] == "completed"
    assert kvarken["fund"] == "ERDF"
    assert kvarken["summary"] == in_language(showcase["cleantech-kvarken"], "fi").summary
    assert client.post("/api/v2/pages/", {}).status_code == 405


def test_api_hides_drafts(client, showcase):
    draft = ProjectPageFactory(parent=showcase["index"], slug="api-utkast", title="API-utkast")
    draft.unpublish()
    response = client.get("/api/v2/pages/", {"type": "projects.ProjectPage", "limit": 20})
    assert "API-utkast" not in [item["title"] for item in response.json()["items"]]
