"""Open data: every live, public project of one language as CSV and as JSON.

The columns follow the EU's project databases (Kohesio, keep.eu): identifier, title,
summary, period, budgets with their currency, co-financing rate, fund, programme and the
partners with their country and NUTS region. The identifier is the project's translation
key, the same in every language, so the three files can be joined.
"""

import csv
import io
import json

from django.http import HttpResponse
from django.utils import timezone, translation

from cleantech_site.spreadsheets import neutralise

COLUMNS = [
    "identifier",
    "language",
    "title",
    "summary",
    "status",
    "start_date",
    "end_date",
    "total_budget",
    "eu_contribution",
    "currency",
    "cofinancing_rate",
    "fund",
    "fund_name",
    "programme",
    "project_number",
    "lead_partner",
    "partners",
    "co_financiers",
    "focus_areas",
    "region",
    "keep_eu_url",
    "kohesio_url",
    "url",
]


def plain_number(value):
    """A Decimal as an int when it is whole, else a float; None stays None."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def organisation_record(organisation, role=None):
    record = {
        "name": organisation.name,
        "country": organisation.country,
        "nuts_code": organisation.nuts_code,
        "city": organisation.city,
    }
    if role is not None:
        record["role"] = role
    return record


def project_record(project, request):
    """One project as a dictionary of plain values, partners as lists of dictionaries."""
    partners = [
        organisation_record(row.organisation, role=row.role) for row in project.partners.all()
    ]
    lead = next((row.organisation.name for row in project.partners.all() if row.role == "lead"), "")
    return {
        "identifier": str(project.translation_key),
        "language": project.locale.language_code,
        "title": project.title,
        "summary": project.summary,
        "status": str(project.status or ""),
        "start_date": project.start_iso,
        "end_date": project.end_iso,
        "total_budget": plain_number(project.total_budget),
        "eu_contribution": plain_number(project.eu_contribution),
        "currency": project.currency
        if project.total_budget is not None or project.eu_contribution is not None
        else "",
        "cofinancing_rate": plain_number(project.cofinancing_rate),
        "fund": project.fund_code,
        "fund_name": str(project.fund_name),
        "programme": project.programme.name if project.programme else "",
        "project_number": project.reference,
        "lead_partner": lead,
        "partners": partners,
        "co_financiers": [
            organisation_record(row.organisation) for row in project.co_financiers.all()
        ],
        "focus_areas": [link.focus_area.name for link in project.focus_area_links.all()],
        "region": project.region,
        "keep_eu_url": project.keep_eu_url,
        "kohesio_url": project.kohesio_url,
        "url": project.get_full_url(request),
    }


def _organisation_cell(records):
    parts = []
    for record in records:
        codes = ", ".join(
            value for value in (record.get("role"), record["country"], record["nuts_code"]) if value
        )
        parts.append(f"{record['name']} ({codes})")
    return "; ".join(parts)


def csv_row(record):
    row = []
    for column in COLUMNS:
        value = record[column]
        if column in ("partners", "co_financiers"):
            value = _organisation_cell(value)
        elif column == "focus_areas":
            value = "; ".join(value)
        elif value is None:
            value = ""
        row.append(neutralise(value))
    return row


def _filename(index, extension):
    return f"{index.slug}-{index.locale.language_code}.{extension}"


def csv_response(index, request):
    with translation.override(index.locale.language_code):
        records = [project_record(project, request) for project in index.export_projects()]
    buffer = io.StringIO()
    # A byte-order mark tells spreadsheet programs the file is UTF-8 (å, ä, ö).
    buffer.write("\ufeff")
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(csv_row(record) for record in records)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(index, "csv")}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def json_response(index, request):
    with translation.override(index.locale.language_code):
        records = [project_record(project, request) for project in index.export_projects()]
    document = {
        "language": index.locale.language_code,
        "source": index.get_full_url(request),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "count": len(records),
        "columns": COLUMNS,
        "projects": records,
    }
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{_filename(index, "json")}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
