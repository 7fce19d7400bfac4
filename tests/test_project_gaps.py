"""What a project page says where the facts are not known: an unknown period or
programme said in words, an end without a start told as ended or ending, and partner
details without a separator left dangling."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests.factories import OrganisationFactory, ProjectPageFactory, add_partners

pytestmark = pytest.mark.django_db


def facts(client, page):
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    return {
        row.dt.get_text(strip=True): row.dd.get_text(" ", strip=True)
        for row in html.select(".project__facts dl > div")
    }, html


def test_an_unknown_period_and_programme_are_said_to_be_unknown(client, tree):
    project = ProjectPageFactory(
        parent=tree.project_index.sv, start_date=None, end_date=None, programme=None
    )
    shown, _html = facts(client, project)
    assert shown["Period"] == "Okänd"
    assert shown["Program"] == "Okänd"


def test_a_project_known_only_by_its_end_says_it_ended_or_ends(tree):
    today = timezone.localdate()
    past = ProjectPageFactory.build(
        start_date=None, end_date=datetime.date(2025, 12, 31), date_precision="year"
    )
    coming = ProjectPageFactory.build(
        start_date=None, end_date=today + datetime.timedelta(days=400), date_precision="year"
    )
    assert past.period == "avslutades 2025"
    assert coming.period == f"slutar {coming.end_date.year}"


@pytest.mark.parametrize(
    ("city", "country", "detail"),
    [
        ("Vasa", "FI", "Partner · Vasa, Finland"),
        ("", "FI", "Partner · Finland"),
        ("", "", "Partner"),
    ],
)
def test_a_partners_details_join_only_what_is_there(client, tree, city, country, detail):
    organisation = OrganisationFactory(city=city, country=country)
    project = ProjectPageFactory(parent=tree.project_index.sv)
    add_partners(project, [organisation], lead=False)
    _facts, html = facts(client, project)
    shown = html.select_one(".organisation-list__detail").get_text(" ", strip=True)
    assert " ".join(shown.split()) == detail
