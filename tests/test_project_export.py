"""Open data: the CSV and JSON exports of each language's projects."""

import csv
import io
import json

import pytest
from wagtail.models import PageViewRestriction

from projects.export import COLUMNS, neutralise
from tests.factories import (
    OrganisationFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    add_partners,
    locale,
)
from tests.project_showcase import build_showcase

pytestmark = pytest.mark.django_db


@pytest.fixture
def showcase(tree):
    """A fully described project and its follow-up, each in every language."""
    return build_showcase(tree)


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def json_document(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)


def export_url(index, kind):
    return f"{index.url}export/{kind}/"


@pytest.mark.parametrize("language", ["sv", "fi", "en"])
def test_each_language_exports_its_own_projects(client, tree, language):
    index = tree.project_index[language]
    rows = csv_rows(client.get(export_url(index, "csv")))
    document = json_document(client.get(export_url(index, "json")))
    assert len(rows) == 2 == document["count"] == len(document["projects"])
    assert [row["title"] for row in rows] == [
        tree.ongoing_project[language].title,
        tree.finished_project[language].title,
    ]
    assert {row["language"] for row in rows} == {language}
    assert {project["language"] for project in document["projects"]} == {language}
    # the identifier is shared by a project's three languages, so the files can be joined
    swedish = csv_rows(client.get(export_url(tree.project_index.sv, "csv")))
    assert {row["identifier"] for row in rows} == {row["identifier"] for row in swedish}
    for row in rows:
        assert row["url"].startswith(f"http://testserver/{language}/")


def test_csv_has_kohesio_like_columns_and_values(client, tree, showcase):
    index = tree.project_index["en"]
    response = client.get(export_url(index, "csv"))
    assert response["Content-Disposition"] == (f'attachment; filename="{index.slug}-en.csv"')
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.content.startswith("\ufeff".encode())
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header == COLUMNS
    rows = {row["title"]: row for row in csv_rows(response)}
    lead, finnish = tree.lead_partner["en"], tree.finnish_partner["en"]

    ongoing = rows[tree.ongoing_project["en"].title]
    assert ongoing["status"] == "ongoing"
    assert ongoing["start_date"] == tree.ongoing_project["en"].start_date.isoformat()
    assert ongoing["cofinancing_rate"] == "60"
    assert (ongoing["total_budget"], ongoing["eu_contribution"]) == ("1000000", "600000")
    assert ongoing["fund"] == "ERDF"
    assert ongoing["programme"] == tree.programme["en"].name
    assert ongoing["lead_partner"] == lead.name
    assert ongoing["partners"] == (
        f"{lead.name} (lead, SE, {lead.nuts_code}); {finnish.name} (partner, FI, FI195)"
    )
    assert ongoing["focus_areas"] == tree.focus_area["en"].name

    project = showcase[0]["en"]
    described = rows[project.title]
    # dates known by the year only are exported as years
    assert (described["start_date"], described["end_date"]) == ("2015", "2018")
    assert described["status"] == "completed"
    assert (described["total_budget"], described["currency"]) == ("27000000", "SEK")
    assert described["eu_contribution"] == ""
    assert described["lead_partner"] == ""
    assert (
        described["co_financiers"]
        == f"{lead.name} (SE, {lead.nuts_code}); {finnish.name} (FI, FI195)"
    )
    # a summary with commas survives as one quoted cell
    assert described["summary"] == project.summary
    assert project.summary.count(",") >= 2


def test_json_lists_partners_with_country_and_nuts_code(client, tree, showcase):
    index = tree.project_index["fi"]
    document = json_document(client.get(export_url(index, "json")))
    assert document["language"] == "fi"
    assert document["source"] == f"http://testserver{index.url}"
    assert document["columns"] == COLUMNS
    projects = {project["title"]: project for project in document["projects"]}
    described = projects[showcase[0]["fi"].title]
    assert described["programme"] == tree.programme["fi"].name
    assert (described["start_date"], described["end_date"]) == ("2015", "2018")
    finnish, lead = tree.finnish_partner["fi"], tree.lead_partner["fi"]
    assert described["partners"] == [
        {
            "name": finnish.name,
            "country": "FI",
            "nuts_code": "FI195",
            "city": finnish.city,
            "role": "coordinator",
        },
        {
            "name": lead.name,
            "country": "SE",
            "nuts_code": lead.nuts_code,
            "city": lead.city,
            "role": "partner",
        },
    ]
    assert described["total_budget"] == 27_000_000
    assert described["eu_contribution"] is None
    assert [row["name"] for row in described["co_financiers"]] == [lead.name, finnish.name]
    # unknown facts stay empty: no dates, no country for a cross-border body
    follow_up = projects[showcase[1]["fi"].title]
    assert (follow_up["start_date"], follow_up["end_date"], follow_up["currency"]) == ("", "", "")
    (cross_border,) = follow_up["partners"]
    assert cross_border["country"] == cross_border["nuts_code"] == cross_border["city"] == ""
    assert cross_border["role"] == "coordinator"


@pytest.fixture
def awkward(tree):
    """An index whose only public project has text a spreadsheet could run as formulas."""
    index = ProjectIndexPageFactory(parent=tree.home.sv, slug="knepigt")
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
def test_export_queries_do_not_grow_with_projects(client, tree, django_assert_num_queries, count):
    index = ProjectIndexPageFactory(parent=tree.home.sv, slug="exportbudget")
    organisations = [OrganisationFactory() for _ in range(3)]
    for number in range(count):
        add_partners(ProjectPageFactory(parent=index, slug=f"e-{number}"), organisations)
    client.get(index.url + "export/json/")
    with django_assert_num_queries(QUERIES_PER_EXPORT):
        rows = csv_rows(client.get(index.url + "export/csv/"))
    assert len(rows) == count


QUERIES_PER_EXPORT = 9


def test_export_of_an_untranslated_language_is_empty_not_an_error(client, tree):
    index = ProjectIndexPageFactory(parent=tree.home["en"], slug="empty", locale=locale("en"))
    assert csv_rows(client.get(index.url + "export/csv/")) == []
    assert json_document(client.get(index.url + "export/json/"))["count"] == 0
