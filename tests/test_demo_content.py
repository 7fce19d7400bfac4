"""The demo loader: the data files in demo/ become a trilingual site, and loading again
changes nothing. This is the one test that loads the demo content; the rest of the suite
builds what it needs with factories. Also the commands that make an admin account."""

import io
import uuid

import pytest
import yaml
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from home.management.commands import load_demo_content
from home.models import HomePage
from projects.models import Organisation, ProjectIndexPage


def demo_data():
    with (load_demo_content.DEMO_FOLDER / "content.yaml").open(encoding="utf-8") as file:
        return yaml.safe_load(file)


def page_count(spec):
    return 1 + sum(page_count(child) for child in spec.get("children", []))


def tree():
    return sorted(
        Page.objects.values_list("path", "slug", "locale__language_code", "translation_key", "live")
    )


def load():
    output = io.StringIO()
    call_command("load_demo_content", stdout=output)
    return output.getvalue()


@pytest.mark.demo
def test_the_demo_loads_into_an_empty_database_and_again_without_changes(empty_database, client):
    data = demo_data()
    first = load()
    assert "created" in first
    before = tree()
    # An editor renames an organisation: the rerun finds it by its key, keeps the new
    # name and makes no second one.
    organisations = Organisation.objects.count()
    renamed = Organisation.objects.filter(locale__language_code="sv").first()
    renamed.name = "Omdöpt av en redaktör"
    renamed.save()

    second = load()
    assert "Nothing to add" in second
    assert "created" not in second
    assert tree() == before
    assert Organisation.objects.count() == organisations
    renamed.refresh_from_db()
    assert renamed.name == "Omdöpt av en redaktör"
    # Translated slugs would otherwise leave redirects from addresses never published.
    assert Redirect.objects.count() == 0

    sources = Page.objects.filter(depth__gt=1, locale__language_code="sv").specific()
    assert len(sources) == page_count(data["pages"])
    for page in sources:
        translations = page.get_translations().live()
        assert sorted(t.locale.language_code for t in translations) == ["en", "fi"]
        for translation in translations:
            # made from the Swedish page through wagtail-localize, not an unrelated page
            assert Translation.objects.filter(
                source__object_id=page.translation_key, target_locale=translation.locale
            ).exists()
        for version in [page, *translations]:
            response = client.get(version.url)
            assert response.status_code == 200, version.url
            html = BeautifulSoup(response.content, "html.parser")
            pictures = html.select(f"main img[src^='{settings.MEDIA_URL}']")
            assert all(img.get("alt", "").strip() for img in pictures), version.url

    # Snippets are translated the same way, each into both languages.
    snippet_count = sum(len(entries) for entries in data["snippets"].values())
    assert TranslationSource.objects.count() == len(sources) + snippet_count
    for source in TranslationSource.objects.all():
        languages = source.translations.values_list("target_locale__language_code", flat=True)
        assert sorted(languages) == ["en", "fi"]

    images = get_image_model().objects.all()
    assert len(images) == len(data["images"])
    assert all(image.description.strip() for image in images)

    # The facts: Cleantech Kvarken's partnership spans both sides of Kvarken, so the
    # Finnish partner filter lists it, in every language.
    kvarken = uuid.uuid5(load_demo_content.NAMESPACE, "page/cleantech-kvarken")
    only_swedish = uuid.uuid5(load_demo_content.NAMESPACE, "page/innovation-site")
    for index in ProjectIndexPage.objects.live():
        listed = BeautifulSoup(client.get(index.url, {"country": "FI"}).content, "html.parser")
        links = {a["href"] for a in listed.select("main a[href]")}
        pages = Page.objects.filter(locale=index.locale)
        assert pages.get(translation_key=kvarken).url in links, index.url
        assert pages.get(translation_key=only_swedish).url not in links, index.url

    # Nothing in the demo shows made-up contact details.
    home = HomePage.objects.get(locale__language_code="sv")
    assert not home.contact_email and not home.contact_phone


def test_a_missing_translation_file_is_a_command_error(tmp_path, monkeypatch):
    (tmp_path / "content.yaml").write_text(
        (load_demo_content.DEMO_FOLDER / "content.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    monkeypatch.setattr(load_demo_content, "DEMO_FOLDER", tmp_path)
    with pytest.raises(CommandError, match="fi.po"):
        call_command("load_demo_content", stdout=io.StringIO())


def test_ensure_admin_creates_one_account_and_prints_its_password(db, monkeypatch, client):
    monkeypatch.delenv("ADMIN_USERNAME", raising=False)
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    output = io.StringIO()
    call_command("ensure_admin", stdout=output)
    password = output.getvalue().split("with password: ")[1].split()[0]
    # Through the sign-in page: the throttle's backend needs the request.
    signed_in = client.post("/admin/login/", {"username": "admin", "password": password})
    assert signed_in.status_code == 302
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
    signed_in = client.post(
        "/admin/login/", {"username": "redaktor", "password": "a-long-chosen-passphrase"}
    )
    assert signed_in.status_code == 302
