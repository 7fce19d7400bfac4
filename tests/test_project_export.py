"""Open data: the CSV and JSON exports of each language's projects."""

import csv
import io
import json

import pytest
from wagtail.models import PageViewRestriction

from projects.export import COLUMNS, neutralise
from projects.models import ProjectIndexPage
from tests.factories import (
    OrganisationFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    add_partners,
    locale,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexes(demo):
    return {
        index.locale.language_code: index
        for index in ProjectIndexPage.objects.select_related("locale")
    }


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def json_document(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)


@pytest.mark.parametrize("language", ["sv", "fi", "en"])
def test_each_language_exports_its_own_projects(client, indexes, language):
    index = indexes[language]
    rows = csv_rows(client.get(index.url + "export/csv/"))
    document = json_document(client.get(index.url + "export/json/"))
    assert len(rows) == 5 == document["count"] == len(document["projects"])
    assert {row["language"] for row in rows} == {language}
    assert {project["language"] for project in document["projects"]} == {language}
    # the identifier is shared by a project's three languages, so the files can be joined
    swedish = csv_rows(client.get(indexes["sv"].url + "export/csv/"))
    assert {row["identifier"] for row in rows} == {row["identifier"] for row in swedish}
    for row in rows:
        assert row["url"].startswith(f"http://testserver/{language}/")


def test_csv_has_kohesio_like_columns_and_values(client, indexes):
    response = client.get(indexes["en"].url + "export/csv/")
    assert response["Content-Disposition"] == 'attachment; filename="projects-en.csv"'
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.content.startswith("\ufeff".encode())
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header == COLUMNS
    rows = {row["title"]: row for row in csv_rows(response)}
    kvarken = rows["Cleantech Kvarken"]
    assert kvarken["start_date"] == "2015"
    assert kvarken["end_date"] == "2018"
    assert kvarken["cofinancing_rate"] == "60"
    assert kvarken["fund"] == "ERDF"
    assert kvarken["programme"] == "Interreg Botnia-Atlantica"
    assert kvarken["status"] == "completed"
    assert "City of Vaasa (FI, FI195)" in kvarken["co_financiers"]
    # a summary with commas survives as one quoted cell
    assert kvarken["summary"].count(",") >= 2
    green = rows["Innovation for Green Transition"]
    assert (green["total_budget"], green["currency"]) == ("27000000", "SEK")
    assert green["eu_contribution"] == ""
    assert green["lead_partner"] == "Skellefteå Science City"
    assert green["partners"].startswith("Skellefteå Science City (lead, SE, SE331); ")


def test_json_lists_partners_with_country_and_nuts_code(client, indexes):
    document = json_document(client.get(indexes["fi"].url + "export/json/"))
    assert document["language"] == "fi"
    assert document["columns"] == COLUMNS
    projects = {project["title"]: project for project in document["projects"]}
    bothnia = projects["Bothnia Green Energy"]
    assert bothnia["programme"] == "Interreg Aurora"
    assert bothnia["start_date"] == ""
    assert bothnia["end_date"] == "2025"
    assert bothnia["partners"][0] == {
        "name": "Merenkurkun neuvosto",
        "country": "",
        "nuts_code": "",
        "city": "",
        "role": "coordinator",
    }
    assert {
        "name": "Kokkolan Energia",
        "country": "FI",
        "nuts_code": "FI1D5",
        "city": "Kokkola",
        "role": "partner",
    } in bothnia["partners"]
    green = projects["Innovation for Green Transition"]
    assert green["total_budget"] == 27_000_000
    assert green["eu_contribution"] is None
    assert len(green["co_financiers"]) == 17


@pytest.fixture
def awkward(demo):
    """An index whose only public project has text a spreadsheet could run as formulas."""
    index = ProjectIndexPageFactory(parent=demo["home"], slug="knepigt")
    project = ProjectPageFactory(
        parent=index,
        slug="formel",
        title='=HYPERLINK("http://example.com/x","klicka")',
        summary='+SUM(1,2) med "citat", kommatecken\noch en ny rad',
        region="@regionen",
        reference="-42",
    )
    add_partners(project, [OrganisationFactory(name="=1+1"), OrganisationFactory(name="Vanlig")])
    draft = ProjectPageFactory(parent=index, slug="utkast", title="Utkast")
    draft.unpublish()
    private = ProjectPageFactory(parent=index, slug="privat", title="Privat")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    return index


def test_csv_cells_are_never_formulas_and_are_quoted(client, awkward):
    response = client.get(awkward.url + "export/csv/")
    (row,) = csv_rows(response)
    assert row["title"] == '\'=HYPERLINK("http://example.com/x","klicka")'
    assert row["summary"] == '\'+SUM(1,2) med "citat", kommatecken\noch en ny rad'
    assert row["region"] == "'@regionen"
    assert row["project_number"] == "'-42"
    assert row["lead_partner"] == "'=1+1"
    # quotes are doubled inside a quoted cell, so the file parses back to the same text
    assert b'"\'+SUM(1,2) med ""citat"", kommatecken\noch en ny rad"' in response.content


def test_exports_leave_out_drafts_and_private_projects(client, awkward):
    rows = csv_rows(client.get(awkward.url + "export/csv/"))
    document = json_document(client.get(awkward.url + "export/json/"))
    assert [row["project_number"] for row in rows] == ["'-42"]
    assert [project["project_number"] for project in document["projects"]] == ["-42"]
    # JSON is data, not a spreadsheet: its text is exactly what the editor wrote
    assert document["projects"][0]["title"].startswith("=HYPERLINK")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Umeå", "Umeå"),
        ("", ""),
        (12, 12),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


@pytest.mark.parametrize("count", [2, 8])
def test_export_queries_do_not_grow_with_projects(client, demo, django_assert_num_queries, count):
    index = ProjectIndexPageFactory(parent=demo["home"], slug="exportbudget")
    organisations = [OrganisationFactory() for _ in range(3)]
    for number in range(count):
        add_partners(ProjectPageFactory(parent=index, slug=f"e-{number}"), organisations)
    client.get(index.url + "export/json/")
    with django_assert_num_queries(QUERIES_PER_EXPORT):
        rows = csv_rows(client.get(index.url + "export/csv/"))
    assert len(rows) == count


QUERIES_PER_EXPORT = 13


def test_export_of_an_untranslated_language_is_empty_not_an_error(client, demo):
    index = ProjectIndexPageFactory(
        parent=demo["home"].get_translation(locale("en")), slug="empty", locale=locale("en")
    )
    assert csv_rows(client.get(index.url + "export/csv/")) == []
    assert json_document(client.get(index.url + "export/json/"))["count"] == 0
