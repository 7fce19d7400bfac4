"""The demo content: real wagtail-localize translations, and a loader that is safe to rerun."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail_localize.models import Translation

pytestmark = pytest.mark.django_db


def tree():
    return sorted(
        Page.objects.values_list("path", "slug", "locale__language_code", "translation_key", "live")
    )


def test_loading_twice_leaves_the_same_tree(demo):
    before = tree()
    output = io.StringIO()
    call_command("load_demo_content", stdout=output)
    assert tree() == before
    assert "created" not in output.getvalue()


def test_every_demo_page_is_translated_through_wagtail_localize(demo):
    for page in demo.values():
        translations = page.get_translations().live()
        assert sorted(t.locale.language_code for t in translations) == ["en", "fi"]
        for translation in translations:
            # made from the Swedish page by wagtail-localize, not an unrelated page
            assert Translation.objects.filter(
                source__object_id=page.translation_key,
                target_locale=translation.locale,
            ).exists()
            assert translation.title != page.title or page.title == "North Sweden Cleantech"


def test_demo_images_have_alt_text(client, demo):
    from bs4 import BeautifulSoup

    for language in ("sv", "fi", "en"):
        page = BeautifulSoup(client.get(f"/{language}/").content, "html.parser")
        images = page.select("main img")
        assert images, "the home page shows the Kvarken illustration"
        assert all(len(img["alt"]) > 20 for img in images)


def test_ensure_admin_creates_one_account_and_prints_its_password(db, monkeypatch, client):
    monkeypatch.delenv("ADMIN_USERNAME", raising=False)
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    output = io.StringIO()
    call_command("ensure_admin", stdout=output)
    password = output.getvalue().split("with password: ")[1].split()[0]
    assert client.login(username="admin", password=password)
    assert client.get("/admin/").status_code == 200
    again = io.StringIO()
    call_command("ensure_admin", stdout=again)
    assert "exists" in again.getvalue()
    assert password not in again.getvalue()


def test_ensure_admin_uses_the_given_credentials(db, monkeypatch, client):
    monkeypatch.setenv("ADMIN_USERNAME", "redaktor")
    monkeypatch.setenv("ADMIN_PASSWORD", "a-long-chosen-passphrase")
    output = io.StringIO()
    call_command("ensure_admin", stdout=output)
    assert "a-long-chosen-passphrase" not in output.getvalue()
    assert client.login(username="redaktor", password="a-long-chosen-passphrase")
