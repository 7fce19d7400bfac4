"""Helpers for the booking tests: the demo booking page and a valid set of answers."""

import datetime
import re

from django.utils import timezone

from forms.models import FormPage

TOKEN = re.compile(r'name="_token" value="([^"]+)"')


def booking_page(language):
    """The demo booking page in `language`, with its fields."""
    return FormPage.objects.get(slug__in=SLUGS.values(), locale__language_code=language)


SLUGS = {"sv": "boka-besok", "fi": "varaa-vierailu", "en": "book-a-visit"}


def choices(page, clean_name):
    field = page.form_fields.get(clean_name=clean_name)
    return [line.strip() for line in field.choices.splitlines() if line.strip()]


def future(days=30):
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def participants(*rows):
    """Form data for participant rows given as (name, organisation, role, email)."""
    data = {}
    for index, (name, organisation, role, email) in enumerate(rows):
        data.update(
            {
                f"deltagare-{index}-name": name,
                f"deltagare-{index}-organisation": organisation,
                f"deltagare-{index}-role": role,
                f"deltagare-{index}-email": email,
            }
        )
    return data


def answers(page, **changes):
    """A complete, valid booking for `page`, in that page's language, with two participants."""
    data = {
        "besokets_huvudsyfte": choices(page, "besokets_huvudsyfte")[1],
        "beskriv_syftet_narmare": "Vi vill se hur energibolagen samarbetar över Kvarken.",
        "fokusomraden": choices(page, "fokusomraden")[:2],
        "beratta_mer_om_era_fokusomraden": "Vätgas och fjärrvärme.",
        "vill_ni_traffa_foretag_vilka_slags_foretag_i_sa_fall": "Små energiföretag.",
        "sarskilda_onskemal": "",
        "onskade_datum_0": future(30),
        "onskade_datum_1": future(37),
        "onskade_datum_2": "",
        "forvantat_antal_deltagare": "12",
        **participants(
            ("Aino Virtanen", "Vaasan kaupunki", "Kehitysjohtaja", "aino@example.fi"),
            ("Erik Lind", "Region Västerbotten", "Handläggare", ""),
        ),
        "ditt_namn": "Aino Virtanen",
        "din_e_postadress": "aino@example.fi",
        "meddelande": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def token_for(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return TOKEN.search(response.content.decode()).group(1)


def post(client, page, data, token=None, **extra):
    """Show the form, then send `data` with the token it was shown with."""
    if token is None:
        token = token_for(client, page)
    return client.post(page.url, {**data, "_token": token, "_website": ""}, **extra)
