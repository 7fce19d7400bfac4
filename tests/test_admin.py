"""The admin: editors can open, edit and translate every page type."""

import json

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.models import Page, get_page_models

from home.models import StandardPage

pytestmark = pytest.mark.django_db

# One page of each type in the test tree, by handle.
PAGE_OF_EACH_TYPE = [
    "home",
    "standard",
    "project_index",
    "ongoing_project",
    "news_index",
    "article",
    "booking",
]
OUR_APPS = {"home", "projects", "news", "forms"}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_the_admin_tests_cover_every_page_type_of_the_site(tree):
    covered = {type(getattr(tree, handle).sv) for handle in PAGE_OF_EACH_TYPE}
    ours = {model for model in get_page_models() if model._meta.app_label in OUR_APPS}
    assert covered == ours


@pytest.mark.parametrize("handle", PAGE_OF_EACH_TYPE)
def test_edit_view_opens_for_each_page_type_with_the_page_in_its_form(admin_client, tree, handle):
    page = getattr(tree, handle).sv
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    form = soup(response).find("form", id="page-edit-form")
    assert form.find("input", attrs={"name": "title"})["value"] == page.title
    assert form.find("input", attrs={"name": "slug"})["value"] == page.slug


@pytest.mark.parametrize("handle", PAGE_OF_EACH_TYPE)
def test_translation_editor_opens_for_each_page_type(admin_client, tree, handle):
    """A translated page opens in wagtail-localize's editor, showing that translation."""
    page = getattr(tree, handle)["fi"]
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    editor = soup(response).select_one(".js-translation-editor")
    props = json.loads(editor["data-props"])
    assert props["object"]["title"] == page.title
    assert props["locale"]["code"] == "fi"
    assert props["sourceLocale"]["code"] == "sv"


def test_home_page_edit_view_has_a_footer_tab_with_the_contact_details(admin_client, tree):
    response = admin_client.get(f"/admin/pages/{tree.home.sv.pk}/edit/")
    html = soup(response)
    with translation.override("sv"):
        footer = translation.gettext("Footer")
    tabs = {next(tab.stripped_strings): tab["href"] for tab in html.select('a[role="tab"]')}
    panel = html.select_one(tabs[footer])
    assert panel["role"] == "tabpanel"
    field = panel.find("input", attrs={"name": "contact_email"})
    assert field["value"] == tree.home.sv.contact_email


def test_editing_a_page_through_the_admin_publishes_the_change(admin_client, tree, client):
    about = tree.standard.sv
    edit = admin_client.get(f"/admin/pages/{about.pk}/edit/")
    assert edit.status_code == 200
    data = {
        "title": "Om föreningen",
        "slug": about.slug,
        "intro": "Ny ingress.",
        "body-count": "0",
        "action-publish": "publish",
    }
    response = admin_client.post(f"/admin/pages/{about.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    about.refresh_from_db()
    assert about.title == "Om föreningen"
    assert about.live_revision == about.latest_revision
    page = client.get(about.url).content.decode()
    assert "Ny ingress." in page


@pytest.mark.parametrize("field", ["title", "slug"])
def test_creating_a_page_without_title_or_slug_shows_the_error_at_each_field(
    admin_client, tree, field
):
    home = tree.home.sv
    pages_before = StandardPage.objects.count()
    url = f"/admin/pages/add/home/standardpage/{home.pk}/"
    response = admin_client.post(url, {"title": "", "slug": "", "body-count": "0"})
    assert response.status_code == 200
    assert StandardPage.objects.count() == pages_before
    assert Page.objects.filter(slug="").count() == 0
    html = soup(response)
    with translation.override("sv"):
        required = translation.gettext("This field is required.")
    assert field_errors(html, field) == [required]
    # the field says it is invalid and points a screen reader at its error
    wrapper = html.select_one(f'[data-field][data-contentpath="{field}"]')
    field_input = wrapper.find("input", attrs={"name": field})
    assert field_input["aria-invalid"] == "true"
    assert wrapper.select_one("[data-field-errors]")["id"] in field_input["aria-describedby"]
    # a field that was fine carries no error
    assert field_errors(html, "intro") == []


def field_errors(html, field):
    """The error messages the admin shows next to one field of the page form."""
    wrapper = html.select_one(f'[data-field][data-contentpath="{field}"]')
    return [message.get_text(strip=True) for message in wrapper.select(".error-message")]
