"""Every public page costs at most 100 KB to transfer: its HTML and the style sheets and
scripts it links, compressed, pictures apart. Measured on the Swedish pages (the other
languages render the same templates with texts of about the same length)."""

from dataclasses import fields

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from bench.pageweight import linked_assets, page_weight

pytestmark = pytest.mark.django_db

CAP = 100 * 1024


def read_static(path):
    found = finders.find(path.removeprefix(settings.STATIC_URL))
    assert found, f"the page links {path}, which is not among the static files"
    with open(found, "rb") as file:
        return file.read()


def swedish_addresses(tree):
    addresses = {}
    for field in fields(tree):
        family = getattr(tree, field.name)
        if isinstance(family.sv, Page):
            addresses[field.name] = family.sv.url
    with translation.override("sv"):
        addresses["search"] = reverse("search") + "?q=vind"
    focus = tree.focus_area.sv.slug
    addresses["project_index_filtered"] = f"{tree.project_index.sv.url}?focus={focus}"
    return addresses


def test_every_public_page_transfers_at_most_100_kb_compressed(client, tree):
    weights = {}
    for handle, address in swedish_addresses(tree).items():
        response = client.get(address)
        assert response.status_code == 200, address
        weights[handle] = page_weight(response.content, read_static)
    too_heavy = {handle: weight for handle, weight in weights.items() if weight["total"] > CAP}
    assert not too_heavy, too_heavy
    assert {"home", "ongoing_project", "article", "booking", "search"} <= set(weights)


def test_page_weight_counts_the_scripts_the_page_links(client, tree):
    html = client.get(tree.home.sv.url).content
    assert f"{settings.STATIC_URL}js/site.js" in linked_assets(html)
    weight = page_weight(html, read_static)
    assert weight["assets"] > 1000
    assert weight["total"] == weight["html"] + weight["assets"]
