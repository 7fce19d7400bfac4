"""Page addresses worked out once per worker and language (KnownURLMixin,
cleantech_site/shared_data.py), and still right after the things they follow change."""

from unittest import mock

import pytest
from django.test import override_settings
from wagtail.models import Page, Site
from wagtail.models import pages as wagtail_pages

pytestmark = pytest.mark.django_db


def test_an_address_is_reversed_once(tree):
    project = tree.ongoing_project["fi"]
    expected = Page.objects.get(pk=project.pk).get_url()  # a plain Page: Wagtail's own
    project.get_url()
    with mock.patch.object(wagtail_pages, "reverse", wraps=wagtail_pages.reverse) as reverse:
        assert project.get_url() == expected
        assert tree.ongoing_project["fi"].get_url() == expected
    reverse.assert_not_called()


def test_a_new_slug_gives_a_new_address(tree):
    project = tree.finished_project.sv
    before = project.get_url()
    project.slug = "nytt-namn"
    project.save_revision().publish()
    project.refresh_from_db()
    assert project.get_url() == before.replace(before.rstrip("/").rsplit("/", 1)[1], "nytt-namn")
    assert project.get_url() != before


def test_a_changed_site_gives_new_full_addresses(tree):
    article = tree.article["en"]
    site = Site.objects.get(is_default_site=True)
    assert article.get_full_url().startswith(f"http://{site.hostname}")
    site.hostname = "cleantech.example"
    site.port = 443
    site.save()
    # A page object keeps the site root paths it first read (Wagtail's own): a fresh one.
    fresh = type(article).objects.get(pk=article.pk)
    assert fresh.get_full_url().startswith("https://cleantech.example/en/")


def test_a_changed_setting_forgets_the_addresses(tree):
    standard = tree.standard.sv
    standard.get_url()
    reversing = mock.patch.object(wagtail_pages, "reverse", wraps=wagtail_pages.reverse)
    with reversing as reverse, override_settings(WAGTAILADMIN_BASE_URL="http://admin.example"):
        standard.get_url()
    reverse.assert_called_once()
