"""Small things that cost editors time: the first admin account can save its preferences,
organisations can be created from the chooser, empty inline rows do not block publishing,
help texts name the real menus, and machine translation follows DEEPL_API_KEY."""

import io
import json
import runpy

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from cleantech_site.settings import base
from projects.models import Organisation, ProjectPage
from projects.models.pages import ProjectCoFinancier, ProjectFocusArea, ProjectPartner
from tests.test_project_admin import add_url, project_form

from . import factories as f

pytestmark = pytest.mark.django_db

# Read again with another environment; the settings module in use is left as it is.
BASE_SETTINGS = base.__file__


def form_data(form):
    """What a browser posts for `form` as rendered, without pressing any button."""
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in {"submit", "button", "file"}:
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            data[name] = chosen.get("value", chosen.get_text()) if chosen else ""
        elif field.name == "textarea":
            data[name] = field.get_text()
        elif field.get("type") in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    return data


# ensure_admin


def test_ensure_admin_fills_name_and_email_so_the_account_can_switch_to_swedish(
    monkeypatch, client
):
    monkeypatch.setenv("ADMIN_USERNAME", "forsta")
    monkeypatch.setenv("ADMIN_PASSWORD", "a-long-chosen-passphrase")
    monkeypatch.delenv("ADMIN_FIRST_NAME", raising=False)
    monkeypatch.setenv("ADMIN_LAST_NAME", "Redaktör")
    monkeypatch.delenv("ADMIN_EMAIL", raising=False)
    call_command("ensure_admin", stdout=io.StringIO())
    client.post("/admin/login/", {"username": "forsta", "password": "a-long-chosen-passphrase"})

    page = BeautifulSoup(client.get("/admin/account/").content, "html.parser")
    data = form_data(page.find("form", id="w-editor-form"))
    data["locale-preferred_language"] = "sv"
    response = client.post("/admin/account/", data)

    assert response.status_code == 302
    user = response.wsgi_request.user
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.email) == (
        "Site",
        "Redaktör",
        "forsta@localhost",
    )
    assert user.wagtail_userprofile.preferred_language == "sv"


def test_ensure_admin_fills_only_what_an_existing_account_lacks(monkeypatch, django_user_model):
    django_user_model.objects.create_superuser("admin", email="", first_name="Karin")
    monkeypatch.delenv("ADMIN_USERNAME", raising=False)
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    monkeypatch.setenv("ADMIN_FIRST_NAME", "Inte")
    monkeypatch.setenv("ADMIN_EMAIL", "webb@example.se")
    call_command("ensure_admin", stdout=io.StringIO())

    user = django_user_model.objects.get(username="admin")
    assert (user.first_name, user.last_name, user.email) == (
        "Karin",
        "Administrator",
        "webb@example.se",
    )


# Organisations from the chooser


def test_an_organisation_is_created_from_the_chooser_and_chosen(admin_client):
    choose_url = reverse("wagtailsnippetchoosers_projects_organisation:choose")
    create_url = reverse("wagtailsnippetchoosers_projects_organisation:create")
    chooser = json.loads(admin_client.get(choose_url).content)
    assert create_url in chooser["html"]
    assert "Ny organisation" in chooser["html"]

    response = admin_client.post(
        create_url, {"name": "Kvarkenrådet", "kind": "other", "city": "Vasa", "country": "FI"}
    )

    chosen = json.loads(response.content)
    assert chosen["step"] == "chosen"
    organisation = Organisation.objects.get(pk=chosen["result"]["id"])
    assert (organisation.name, organisation.country, organisation.locale.language_code) == (
        "Kvarkenrådet",
        "FI",
        "sv",
    )


# Empty inline rows


def test_empty_inline_rows_are_left_out_instead_of_blocking_publishing(admin_client, tree):
    index = tree.project_index.sv
    data = project_form(
        partners=inline_formset([{"organisation": "", "role": "partner"}]),
        co_financiers=inline_formset([{"organisation": ""}]),
        focus_area_links=inline_formset([{"focus_area": ""}]),
        key_figures=inline_formset([{"number": "", "unit": "", "label": ""}]),
        gallery_images=inline_formset([{"image": "", "alt_text": "", "caption": ""}]),
    )
    response = admin_client.post(add_url(index), {**data, "action-publish": "1"})

    assert response.status_code == 302
    project = ProjectPage.objects.get(slug="testprojekt")
    assert project.live
    assert not project.partners.exists()
    assert not project.key_figures.exists()


def test_a_half_filled_inline_row_is_still_refused_at_its_field(admin_client, tree):
    index = tree.project_index.sv
    data = project_form(
        key_figures=inline_formset([{"number": "200", "unit": "", "label": ""}]),
    )
    response = admin_client.post(add_url(index), {**data, "action-publish": "1"})

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    label = page.find(attrs={"name": "key_figures-0-label"})
    wrapper = label.find_parent(attrs={"data-field-wrapper": True})
    assert wrapper.select(".error-message")


# Help texts


@pytest.mark.parametrize(
    ("model", "field", "menu"),
    [
        (ProjectPartner, "organisation", "Projektdata → Organisationer"),
        (ProjectCoFinancier, "organisation", "Projektdata → Organisationer"),
        (ProjectFocusArea, "focus_area", "Projektdata → Fokusområden"),
        (ProjectPage, "programme", "Projektdata → Finansieringsprogram"),
    ],
)
def test_help_texts_name_the_menus_as_the_swedish_admin_shows_them(
    admin_client, model, field, menu
):
    with translation.override("sv"):
        help_text = str(model._meta.get_field(field).help_text)
    assert menu in help_text
    assert "Snippets" not in help_text
    sidebar = admin_client.get("/admin/").content.decode()
    for label in menu.split(" → "):
        assert f'"label": "{json.dumps(label)[1:-1]}"' in sidebar


# Machine translation


def test_machine_translation_follows_deepl_api_key(monkeypatch):
    monkeypatch.setenv("DEEPL_API_KEY", "a-key:fx")
    configured = runpy.run_path(BASE_SETTINGS)
    assert configured["WAGTAILLOCALIZE_MACHINE_TRANSLATOR"] == {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": "a-key:fx"},
    }
    monkeypatch.setenv("DEEPL_API_KEY", " ")
    assert runpy.run_path(BASE_SETTINGS)["WAGTAILLOCALIZE_MACHINE_TRANSLATOR"] is None
    monkeypatch.delenv("DEEPL_API_KEY")
    assert runpy.run_path(BASE_SETTINGS)["WAGTAILLOCALIZE_MACHINE_TRANSLATOR"] is None


def test_the_editor_machine_translates_with_the_configured_translator(admin_client, settings, tree):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
        "OPTIONS": {},
    }
    page = f.StandardPageFactory(parent=tree.home.sv, title="Grön vätgas i norr")
    source, _created = TranslationSource.get_or_create_from_instance(page)
    finnish = Translation.objects.create(source=source, target_locale=f.locale("fi"))
    finnish.save_target(publish=False)
    target = page.get_translation(f.locale("fi"))

    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))
    assert reverse("wagtail_localize:machine_translate", args=[finnish.pk]) in (
        editor.content.decode()
    )
    response = admin_client.post(
        reverse("wagtail_localize:machine_translate", args=[finnish.pk]),
        {"next": reverse("wagtailadmin_pages:edit", args=[target.pk])},
    )

    assert response.status_code == 302
    translated = StringTranslation.objects.filter(
        translation_of__data="Grön vätgas i norr", locale=f.locale("fi")
    ).get()
    assert translated.data == "norr i vätgas Grön"
