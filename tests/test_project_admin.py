"""The communicator's path through the admin: create a project with its partners, funders
and figures, publish it, translate it with wagtail-localize, publish the translations; and
the clear messages the admin gives when the facts do not add up."""

from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import StringSegment, Translation

from projects.models import Organisation, ProjectPage
from tests.factories import (
    FundingProgrammeFactory,
    ImageFactory,
    OrganisationFactory,
    locale,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(tree):
    return tree.project_index.sv


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=("projects", "projectpage", index.pk))


def project_form(**overrides):
    """The add form as the admin posts it, with valid data unless overridden."""
    data = {
        "title": "Testprojekt",
        "slug": "testprojekt",
        "summary": "En sammanfattning.",
        "hero_image": "",
        "hero_image_alt": "",
        "body": streamfield([]),
        "start_date": "2024-01-01",
        "end_date": "2026-12-31",
        "date_precision": "day",
        "programme": "",
        "eu_fund": "ERDF",
        "reference": "",
        "currency": "EUR",
        "total_budget": "1000000",
        "eu_contribution": "600000",
        "cofinancing_rate": "60",
        "region": "",
        "results": rich_text(""),
        "showcase_distinction": "",
        "showcase_reason": "",
        "contact_name": "",
        "contact_role": "",
        "contact_email": "",
        "contact_phone": "",
        "predecessor": "",
        "keep_eu_url": "",
        "kohesio_url": "",
        "partners": inline_formset([]),
        "co_financiers": inline_formset([]),
        "focus_area_links": inline_formset([]),
        "key_figures": inline_formset([]),
        "gallery_images": inline_formset([]),
        "seo_title": "",
        "search_description": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def field_errors(response):
    """The error messages shown in the admin form, by field name."""
    page = BeautifulSoup(response.content, "html.parser")
    errors = {}
    for field in page.select("[data-field-wrapper]"):
        messages = [node.get_text(" ", strip=True) for node in field.select(".error-message")]
        if messages:
            name = field.select_one("[name]")
            errors[name["name"] if name else "?"] = " ".join(messages)
    return errors


# The admin refuses facts that do not add up, with a clear message in the editor's language.


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"start_date": "2026-01-01", "end_date": "2025-12-31"},
            "end_date",
            "Projektet kan inte sluta innan det börjar.",
        ),
        (
            {"cofinancing_rate": "120", "eu_contribution": "", "total_budget": ""},
            "cofinancing_rate",
            "Medfinansieringsgraden kan inte vara mer än 100 procent.",
        ),
        ({"total_budget": "-5"}, "total_budget", "Ett belopp kan inte vara negativt."),
        ({"eu_contribution": "-1"}, "eu_contribution", "Ett belopp kan inte vara negativt."),
        ({"cofinancing_rate": "-3"}, "cofinancing_rate", "En andel kan inte vara negativ."),
        (
            {"cofinancing_rate": "75"},
            "cofinancing_rate",
            "Andelen stämmer inte med beloppen: EU-bidraget är 60 procent av den totala "
            "budgeten. Rätta andelen eller beloppen.",
        ),
        (
            {"eu_contribution": "2000000", "cofinancing_rate": ""},
            "eu_contribution",
            "EU-bidraget kan inte vara större än den totala budgeten.",
        ),
        (
            {"keep_eu_url": "https://example.org/projekt/1"},
            "keep_eu_url",
            "Det här ska vara en adress på keep.eu.",
        ),
    ],
)
def test_admin_rejects_facts_that_do_not_add_up(admin_client, index, overrides, field, message):
    response = admin_client.post(
        add_url(index), project_form(**overrides, **{"action-publish": "1"})
    )
    assert response.status_code == 200
    assert field_errors(response).get(field) == message
    assert not ProjectPage.objects.filter(slug="testprojekt").exists()


def test_a_rate_within_rounding_of_the_amounts_is_accepted(admin_client, index):
    data = project_form(total_budget="1000000", eu_contribution="604000", cofinancing_rate="60")
    response = admin_client.post(add_url(index), {**data, "action-publish": "1"})
    assert response.status_code == 302
    assert ProjectPage.objects.get(slug="testprojekt").live


def test_admin_rejects_two_lead_partners_and_duplicates(admin_client, index):
    first, second = OrganisationFactory(), OrganisationFactory()
    partners = inline_formset(
        [
            {"organisation": first.pk, "role": "lead"},
            {"organisation": second.pk, "role": "lead"},
            {"organisation": first.pk, "role": "partner"},
        ]
    )
    response = admin_client.post(add_url(index), project_form(partners=partners))
    assert response.status_code == 200
    errors = field_errors(response)
    assert errors["partners-1-role"] == (
        "Ett projekt har en enda huvudpartner; välj en annan roll här."
    )
    assert errors["partners-2-organisation"] == (
        "Organisationen finns redan med ovanför; ta bara med den en gång."
    )


def test_hero_image_needs_alternative_text(admin_client, index):
    response = admin_client.post(add_url(index), project_form(hero_image=ImageFactory().pk))
    assert field_errors(response)["hero_image_alt"] == (
        "Beskriv toppbilden för den som inte kan se den."
    )


def test_organisation_nuts_code_must_match_its_country(admin_client):
    url = reverse("wagtailsnippets_projects_organisation:add") + "?locale=sv"
    data = {"name": "Testbolaget", "kind": "company", "city": "Vasa", "country": "FI"}
    response = admin_client.post(url, {**data, "nuts_code": "SE331"})
    assert response.status_code == 200
    assert field_errors(response)["nuts_code"] == "En NUTS-kod i det här landet börjar med FI."
    response = admin_client.post(url, {**data, "nuts_code": "fi195"})
    assert response.status_code == 302
    assert Organisation.objects.get(name="Testbolaget").nuts_code == "FI195"


# The whole path, as a communicator takes it


SWEDISH_ORGANISATIONS = {
    "Kustens Energi AB": {"fi": "Rannikon Energia Oy", "en": "Coast Energy Ltd"},
    "Vasa Innovation": {"fi": "Vaasan Innovaatio", "en": "Vaasa Innovation"},
    "Regionförbundet": {"fi": "Maakuntaliitto", "en": "The Regional Council"},
}

# Every string the new page has, in Swedish, with its Finnish and English translation.
PAGE_STRINGS = {
    "Havsvind i Kvarken": {"fi": "Merituuli Merenkurkussa", "en": "Offshore wind in Kvarken"},
    "havsvind-i-kvarken": {"fi": "merituuli-merenkurkussa", "en": "offshore-wind-in-kvarken"},
    "Företag på båda sidor om Kvarken planerar havsvind tillsammans.": {
        "fi": "Yritykset Merenkurkun molemmin puolin suunnittelevat merituulivoimaa yhdessä.",
        "en": "Companies on both sides of Kvarken plan offshore wind together.",
    },
    "Kvarkenregionen": {"fi": "Merenkurkun alue", "en": "The Kvarken region"},
    "Projektet kartlade leverantörer.": {
        "fi": "Hanke kartoitti toimittajia.",
        "en": "The project mapped suppliers.",
    },
    "Arbetet började med en förstudie.": {
        "fi": "Työ alkoi esiselvityksellä.",
        "en": "The work began with a feasibility study.",
    },
    "Projektledare": {"fi": "Projektipäällikkö", "en": "Project manager"},
    "företag": {"fi": "yritystä", "en": "companies"},
    "deltog i workshoppar": {"fi": "osallistui työpajoihin", "en": "took part in workshops"},
    "%": {"fi": "%", "en": "%"},
    "vill fortsätta": {"fi": "haluaa jatkaa", "en": "want to continue"},
}


def put_translation(client, translation, segment, value):
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    response = client.put(
        url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (200, 201), response.content


def translate_strings(client, instance, language, strings):
    """Type a translation for every string of `instance`, as the translation editor does."""
    translation = Translation.objects.get(
        source__object_id=instance.translation_key, target_locale=locale(language)
    )
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    assert segments.exists()
    for segment in segments:
        put_translation(client, translation, segment, strings[segment.string.data][language])
    return translation


def test_communicator_creates_translates_and_publishes_a_project(
    admin_client, tree, index, django_capture_on_commit_callbacks
):
    # 1. The organisations are added as snippets, in Swedish.
    add_organisation = reverse("wagtailsnippets_projects_organisation:add") + "?locale=sv"
    for name, country, nuts in (
        ("Kustens Energi AB", "SE", "SE331"),
        ("Vasa Innovation", "FI", "FI195"),
        ("Regionförbundet", "FI", ""),
    ):
        response = admin_client.post(
            add_organisation,
            {"name": name, "kind": "company", "city": "", "country": country, "nuts_code": nuts},
        )
        assert response.status_code == 302, field_errors(response)
    coast, vasa, council = (
        Organisation.objects.get(name=name, locale=locale("sv")) for name in SWEDISH_ORGANISATIONS
    )
    energy = tree.focus_area.sv
    programme = FundingProgrammeFactory(name="Interreg Aurora test", slug="aurora-test")

    # 2. The project, with partners, a co-financier and key figures, is created and published.
    data = project_form(
        title="Havsvind i Kvarken",
        slug="havsvind-i-kvarken",
        summary="Företag på båda sidor om Kvarken planerar havsvind tillsammans.",
        body=streamfield([("paragraph", rich_text("<p>Arbetet började med en förstudie.</p>"))]),
        programme=programme.pk,
        eu_fund="",
        region="Kvarkenregionen",
        results=rich_text("<p>Projektet kartlade leverantörer.</p>"),
        contact_name="Anna Andersson",
        contact_role="Projektledare",
        contact_email="anna@example.com",
        keep_eu_url="https://keep.eu/projects/99999/",
        partners=inline_formset(
            [
                {"organisation": vasa.pk, "role": "lead"},
                {"organisation": coast.pk, "role": "partner"},
            ]
        ),
        co_financiers=inline_formset([{"organisation": council.pk}]),
        focus_area_links=inline_formset([{"focus_area": energy.pk}]),
        key_figures=inline_formset(
            [
                {"number": "120", "unit": "företag", "label": "deltog i workshoppar"},
                {"number": "85", "unit": "%", "label": "vill fortsätta"},
            ]
        ),
    )
    response = admin_client.post(add_url(index), {**data, "action-publish": "action-publish"})
    assert response.status_code == 302, field_errors(response)
    project = ProjectPage.objects.get(slug="havsvind-i-kvarken", locale=locale("sv"))
    assert project.live
    assert [row.organisation for row in project.partners.all()] == [vasa, coast]

    # 3. It is submitted for translation into Finnish and English.
    fi, en = locale("fi"), locale("en")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtail_localize:submit_page_translation", args=[project.pk]),
            {"locales": [fi.pk, en.pk]},
        )
    assert response.status_code == 302
    # wagtail-localize brought the organisations along, to be translated too
    for organisation in (coast, vasa, council):
        assert organisation.has_translation(fi) and organisation.has_translation(en)

    # 4. The translator translates the organisations' names and the page's strings...
    for language in ("fi", "en"):
        for organisation in (coast, vasa, council):
            name = {organisation.name: SWEDISH_ORGANISATIONS[organisation.name]}
            translate_strings(admin_client, organisation, language, name)
            target = organisation.get_translation(locale(language))
            edit = reverse("wagtailsnippets_projects_organisation:edit", args=[target.pk])
            with django_capture_on_commit_callbacks(execute=True):
                assert admin_client.post(edit, {"action": "publish"}).status_code == 302
        translate_strings(admin_client, project, language, PAGE_STRINGS)

        # ...and publishes the page from the translation editor.
        target = project.get_translation(locale(language))
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(
                reverse("wagtailadmin_pages:edit", args=[target.pk]), {"action": "publish"}
            )
        assert response.status_code == 302

    # 5. All three render with their own text and the same figures.
    for language in ("sv", "fi", "en"):
        page = project.get_translation(locale(language))
        assert page.live
        response = admin_client.get(page.url)
        assert response.status_code == 200
        main = BeautifulSoup(response.content, "html.parser").find("main")
        title = "Havsvind i Kvarken"
        if language != "sv":
            title = PAGE_STRINGS[title][language]
        assert main.find("h1").get_text(strip=True) == title
        assert page.url == f"/{language}/{index.get_translation(locale(language)).slug}/" + (
            PAGE_STRINGS["havsvind-i-kvarken"].get(language, "havsvind-i-kvarken") + "/"
        )
        figures = [n.get_text(" ", strip=True) for n in main.select(".key-figures__number")]
        units = {"sv": "företag", "fi": "yritystä", "en": "companies"}
        # English writes "85%", Swedish and Finnish "85 %" with a no-break space.
        space = "" if language == "en" else "\u00a0"
        assert figures == [f"120 {units[language]}", f"85{space}%"]
        lead = main.select_one(".organisation-list__name").get_text(strip=True)
        expected_lead = "Vasa Innovation"
        if language != "sv":
            expected_lead = SWEDISH_ORGANISATIONS["Vasa Innovation"][language]
        assert lead == expected_lead
        facts = main.select_one(".project__facts dl").get_text(" ", strip=True)
        assert f"60{space}%" in facts
        assert "Anna Andersson" in main.get_text()
        # the synchronised facts are those of the Swedish page
        assert (page.total_budget, page.cofinancing_rate, page.keep_eu_url) == (
            project.total_budget,
            project.cofinancing_rate,
            project.keep_eu_url,
        )


SNIPPETS = {
    "organisation": "finnish_partner",
    "fundingprogramme": "programme",
    "focusarea": "focus_area",
}


@pytest.mark.parametrize("model", SNIPPETS)
def test_snippet_admin_lists_the_languages_snippets_and_opens_the_add_form(
    admin_client, tree, model
):
    family = getattr(tree, SNIPPETS[model])
    listing = admin_client.get(reverse(f"wagtailsnippets_projects_{model}:list"), {"locale": "fi"})
    assert listing.status_code == 200
    names = [
        link.get_text(strip=True)
        for link in BeautifulSoup(listing.content, "html.parser").select("table tbody td a")
    ]
    assert family["fi"].name in names
    assert family.sv.name not in names
    add = admin_client.get(reverse(f"wagtailsnippets_projects_{model}:add"))
    assert add.status_code == 200
    assert BeautifulSoup(add.content, "html.parser").select_one('input[name="name"]') is not None


def test_project_editors_render_in_both_source_and_translation(admin_client, tree):
    project = tree.ongoing_project.sv
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[project.pk]))
    assert response.status_code == 200
    title = BeautifulSoup(response.content, "html.parser").select_one('input[name="title"]')
    assert title["value"] == project.title
    # the Finnish page opens in wagtail-localize's translation editor
    finnish = tree.ongoing_project["fi"]
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[finnish.pk]))
    assert response.status_code == 200
    assert b'class="js-translation-editor"' in response.content
    preview = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[project.pk]))
    assert preview.status_code == 200
    heading = BeautifulSoup(preview.content, "html.parser").find("h1")
    assert heading.get_text(strip=True) == project.title
