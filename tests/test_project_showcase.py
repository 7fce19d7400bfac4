"""A fully described project and its follow-up (tests/project_showcase.py) as visitors
and machines read them: facts, co-financiers, contact, links between the two, budgets by
language and structured data.

Every test here uses the `showcase` fixture, which is built once for this module
(tests/conftest.py): a test that must not see the two projects belongs elsewhere."""

import pytest

from projects.models import Status
from tests.test_projects import LANGUAGES, json_ld, soup

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", LANGUAGES)
def test_showcase_distinction_co_financiers_and_contact_in_each_language(
    client, showcase, language
):
    project = showcase[0][language]
    main = soup(client.get(project.url)).find("main")
    distinction = main.select_one(".showcase")
    assert distinction.find("h2").get_text(strip=True) == project.showcase_distinction
    assert project.showcase_reason in distinction.get_text()
    # the co-financiers in the editor's order, named in the page's language
    co_financiers = [
        li.get_text(strip=True) for li in main.select(".project__facts .organisation-list")[1]("li")
    ]
    assert co_financiers == [row.organisation.name for row in project.co_financiers.all()]
    assert {row.organisation.locale.language_code for row in project.co_financiers.all()} == {
        language
    }
    contact = main.select_one(".project-contact").get_text(" ", strip=True)
    assert project.contact_name in contact
    assert project.contact_role in contact


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_project_and_its_follow_up_link_each_other_in_each_language(client, showcase, language):
    project, follow_up = showcase[0][language], showcase[1][language]
    main = soup(client.get(project.url)).find("main")
    link = main.select_one(".related-projects a")
    assert (link.get_text(strip=True), link["href"]) == (follow_up.title, follow_up.url)
    main = soup(client.get(follow_up.url)).find("main")
    link = main.select_one(".related-projects a")
    assert (link.get_text(strip=True), link["href"]) == (project.title, project.url)
    # no programme or fund is known for the follow-up, so no EU statement is claimed
    assert main.select_one(".eu-funding") is None


def test_a_project_without_amounts_shows_no_invented_budget(client, showcase):
    follow_up = showcase[1].sv
    assert follow_up.start_date is None and follow_up.total_budget is None
    facts = soup(client.get(follow_up.url)).select_one(".project__facts dl").get_text(" ")
    assert "SEK" not in facts and "EUR" not in facts
    assert follow_up.status is None and follow_up.period == ""


def test_project_in_sek_shows_its_budget_in_the_readers_number_format(client, showcase):
    project = showcase[0]
    facts = soup(client.get(project.sv.url)).select_one(".project__facts dl").get_text(" ")
    assert "27\xa0000\xa0000 SEK" in facts
    english = soup(client.get(project["en"].url))
    assert "27,000,000 SEK" in english.select_one(".project__facts dl").get_text(" ")
    first_partner = project["en"].partners.first().organisation
    assert first_partner.name in english.select_one(".organisation-list li").get_text()


def test_facts_are_worked_out_from_what_the_editor_entered(tree, showcase):
    project = showcase[0].sv
    # dates known only by year are shown as years; the status comes from the dates
    assert project.period == "2015–2018"
    assert project.status == Status.COMPLETED
    # no fund of its own: the programme's
    assert project.eu_fund == ""
    assert project.fund_code == tree.programme.sv.fund == "ERDF"
    assert tree.ongoing_project.sv.status == Status.ONGOING
    assert tree.finished_project.sv.status == Status.COMPLETED
    # the editor's order of partners, with one lead partner
    ongoing = tree.ongoing_project.sv
    assert [row.organisation for row in ongoing.partners.all()] == [
        tree.lead_partner.sv,
        tree.finnish_partner.sv,
    ]
    assert ongoing.partners.get(role="lead").organisation == tree.lead_partner.sv


def test_project_json_ld_describes_funders_and_partners(client, tree, showcase):
    project = showcase[0]["en"]
    (data,) = json_ld(client.get(project.url))
    assert data["@type"] == "Project"
    assert data["name"] == project.title
    assert data["url"] == "http://testserver" + project.url
    assert (data["foundingDate"], data["dissolutionDate"]) == ("2015", "2018")
    roles = [(m["roleName"], m["member"]["name"]) for m in data["member"]]
    assert roles == [
        ("Coordinator", tree.finnish_partner["en"].name),
        ("Partner", tree.lead_partner["en"].name),
    ]
    assert data["funding"]["@type"] == "MonetaryGrant"
    assert data["funding"]["name"] == tree.programme["en"].name
    # the EU first, then the co-financiers
    assert [funder["name"] for funder in data["funder"]] == [
        "European Union",
        tree.lead_partner["en"].name,
        tree.finnish_partner["en"].name,
    ]
    assert data["award"] == project.showcase_distinction
    assert data["contactPoint"]["name"] == project.contact_name
    assert data["contactPoint"]["contactType"] == project.contact_role
    assert data["image"].startswith("http://testserver/")
