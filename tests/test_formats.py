"""Dates and numbers by language: British English, Swedish and Finnish conventions, the
same in pages, feeds and e-mails."""

import calendar
import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.template import Context, Template
from django.utils import translation

from projects.models import ProjectKeyFigure
from tests.bookings import answers, fresh_limits, future, post  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def text_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "1 June 2021"), ("sv", "1 juni 2021"), ("fi", "1. kesäkuuta 2021")],
)
def test_an_article_date_is_written_as_its_language_writes_it(client, tree, language, expected):
    assert tree.older_article[language].date == datetime.date(2021, 6, 1)
    assert expected in text_of(client, tree.older_article[language].url)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "1 January 2019 – 31 December 2021"),
        ("sv", "1 januari 2019 – 31 december 2021"),
        ("fi", "1. tammikuuta 2019 – 31. joulukuuta 2021"),
    ],
)
def test_a_project_period_is_written_as_its_language_writes_it(client, tree, language, expected):
    assert expected in text_of(client, tree.finished_project[language].url)


def test_english_pages_never_use_american_dates(client, tree):
    for url in (tree.older_article["en"].url, tree.finished_project["en"].url):
        text = text_of(client, url)
        assert "June 1, 2021" not in text and "Jan. 1, 2019" not in text


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "97%"), ("sv", f"97{NBSP}%"), ("fi", f"97{NBSP}%")],
)
def test_percent_places_the_sign_as_the_language_does(language, expected):
    template = Template("{% load number_tags %}{{ value|percent }}|{{ half|percent }}")
    with translation.override(language):
        rendered = template.render(Context({"value": 97, "half": "12.50"}))
    decimal = "12.5" if language == "en" else "12,5"
    assert rendered == f"{expected}|{expected.replace('97', decimal)}"


@pytest.mark.parametrize(
    ("language", "rate", "figure"),
    [("en", "50%", "97%"), ("sv", f"50{NBSP}%", f"97{NBSP}%"), ("fi", f"50{NBSP}%", f"97{NBSP}%")],
)
def test_project_pages_write_percentages_as_their_language_does(
    client, tree, language, rate, figure
):
    page = tree.finished_project[language]
    ProjectKeyFigure.objects.create(
        project=page, locale=page.locale, number=97, unit="%", label="Nöjda", sort_order=9
    )
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert figure in [span.get_text() for span in html.select(".key-figures__number")]
    assert page.cofinancing_rate == 50
    assert rate in [dd.get_text() for dd in html.select("dd")]


@pytest.mark.parametrize("language", ["sv", "fi", "en"])
def test_feed_dates_stay_in_the_rfc_format_in_every_language(client, tree, language):
    response = client.get(f"/{language}/feed/")
    items = ET.fromstring(response.content).findall("./channel/item")  # noqa: S314 - our own feed
    dates = {item.findtext("title"): item.findtext("pubDate") for item in items}
    assert dates[tree.older_article[language].title].startswith("Tue, 01 Jun 2021 00:00:00 ")


def test_the_english_confirmation_e_mail_writes_british_dates(client, tree):
    page = tree.booking["en"]
    days = [future(30), future(37)]
    post(client, page, answers(page, dates=days))
    call_command("send_booking_emails", stdout=io.StringIO())
    (confirmation,) = [message for message in mail.outbox if message.to == ["aino@example.fi"]]
    for day in map(datetime.date.fromisoformat, days):
        assert f"{day.day} {calendar.month_name[day.month]} {day.year}" in confirmation.body
        assert f"{calendar.month_abbr[day.month]}. {day.day}," not in confirmation.body
