"""The bookings list's CSV and XLSX exports, made for a spreadsheet program set to Swedish:
a byte-order mark, the site's local time, numbers and dates as such, and each choice in
the reader's language whichever language the booking was sent in."""

import codecs
import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from forms.models import Booking
from tests.bookings import (
    answers,
    fresh_limits,  # noqa: F401 (an autouse fixture)
    key,
    label,
    post,
)

pytestmark = pytest.mark.django_db

# A winter afternoon in UTC: 13:07 UTC is 14:07 in Stockholm.
RECEIVED = datetime.datetime(2026, 11, 27, 13, 7, 39, 221492, tzinfo=datetime.UTC)


def export(admin_client, export_format):
    response = admin_client.get(reverse("bookings:index"), {"export": export_format})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_the_same_choice_from_the_english_and_swedish_forms_exports_as_one_answer_with_bom(
    admin_client, client, tree
):
    english = tree.booking["en"]
    english.form_fields.filter(clean_name=key("aim")).update(choices="Business\nStudy visit\nOther")
    swedish = tree.booking.sv
    people = [("=HYPERLINK(1)", "Org A", "Chief", ""), ("Bo Ek", "Org B", "", "bo@example.se")]
    post(client, english, answers(english, aim="Study visit", participants=people))
    post(client, swedish, answers(swedish, aim="Studiebesök"))
    Booking.objects.update(submit_time=RECEIVED)

    content = export(admin_client, "csv")
    # Excel reads UTF-8 (å, ä, ö) only after a byte-order mark.
    assert content.startswith(codecs.BOM_UTF8)
    heading, *rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert len(rows) == 2
    by_language = {row[heading.index("Språk")]: row for row in rows}
    assert set(by_language) == {"engelska", "svenska"}
    aim = heading.index(label(swedish, "aim"))
    assert [row[aim] for row in rows] == ["Studiebesök", "Studiebesök"]
    # Times as the site's clock showed them, as the admin shows them.
    assert {row[heading.index("Mottagen")] for row in rows} == {"2026-11-27 14:07:39"}
    # One cell per answer, one participant per line, no formula.
    cell = by_language["engelska"][heading.index(label(swedish, "participants"))]
    assert cell == "'=HYPERLINK(1), Org A, Chief\nBo Ek, Org B <bo@example.se>"


def test_xlsx_keeps_group_size_as_a_number_and_times_and_dates_as_dates(admin_client, client, tree):
    page = tree.booking["fi"]
    sent = answers(page)
    post(client, page, sent)
    agreed = datetime.date(2027, 3, 4)
    Booking.objects.update(submit_time=RECEIVED, agreed_date=agreed)

    sheet = openpyxl.load_workbook(io.BytesIO(export(admin_client, "xlsx"))).active
    heading, row = (list(values) for values in sheet.values)
    cell = dict(zip(heading, row, strict=True))
    assert cell[label(tree.booking.sv, "group_size")] == 12
    assert cell["Mottagen"] == datetime.datetime(2026, 11, 27, 14, 7, 39)
    assert cell["Överenskommet besöksdatum"] == agreed
    dates = label(tree.booking.sv, "dates")
    first_choice = datetime.date.fromisoformat(sent[f"{key('dates')}_0"])
    assert cell[f"{dates}: Förstahandsval"] == first_choice
    assert cell["Språk"] == "finska"
    assert cell["Organisatör"] == "Aino Virtanen"
    assert cell[label(tree.booking.sv, "participants")] == (
        "Aino Virtanen, Vaasan kaupunki, Kehitysjohtaja <aino@example.fi>\n"
        "Erik Lind, Region Västerbotten, Handläggare"
    )


def test_a_question_named_like_a_booking_column_keeps_its_own_answer(admin_client, client, tree):
    """Questions are named from their labels: "Organisation" must not take the place of
    the booking's own organisation column, nor lose its answer to it."""
    swedish = tree.booking.sv
    company = swedish.form_fields.get(clean_name=key("companies"))
    company.clean_name = "organisation"
    company.save(update_fields=["clean_name"])
    data = answers(swedish)
    data["organisation"] = data.pop(key("companies"))
    post(client, swedish, data)

    content = export(admin_client, "csv")
    heading, row = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert row[heading.index(company.label)] == data["organisation"]
    assert row[heading.index("Organisation")] == Booking.objects.get().organisation
