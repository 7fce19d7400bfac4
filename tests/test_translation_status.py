"""The translation status report and dashboard panel: what needs translating, syncing or
publishing per language, each with the link that does it."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail_localize.models import TranslationSource

from home.translation_status import DRAFT, MISSING, OUTDATED, translation_status

from . import factories as f

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/translation-status/"


def statuses(page):
    """{language: status} of the rows about the Swedish `page`."""
    return {
        row.locale.language_code: row.status
        for row in translation_status()
        if row.source_page_id == page.pk
    }


def report_rows(client):
    response = client.get(REPORT)
    assert response.status_code == 200
    results = BeautifulSoup(response.content, "html.parser").find(id="listing-results")
    table = results.find("table")
    if table is None:
        return []
    return [
        [
            (cell.get_text(" ", strip=True), [a["href"] for a in cell.find_all("a")])
            for cell in tr.find_all(["td", "th"])
        ]
        for tr in table.find("tbody").find_all("tr")
    ]


def test_report_lists_a_page_changed_after_its_translation_until_synced_and_published(
    admin_client, tree, django_capture_on_commit_callbacks
):
    article = tree.article.sv
    assert statuses(article) == {}

    article.title = "Ny rubrik efter översättningen"
    article.save_revision().publish()

    assert statuses(article) == {"fi": OUTDATED, "en": OUTDATED}
    source = TranslationSource.objects.get(object_id=article.translation_key)
    sync_url = reverse("wagtail_localize:update_translations", args=[source.pk])
    rows = [row for row in report_rows(admin_client) if row[0][0] == article.title]
    assert [row[3] for row in rows] == [("Synkronisera", [sync_url])] * 2

    # wagtail-localize publishes the synced translations once the sync is committed.
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(sync_url, {"publish_translations": "on"})
    assert response.status_code == 302

    assert statuses(article) == {}
    assert not [row for row in report_rows(admin_client) if row[0][0] == article.title]
    tree.article["fi"].refresh_from_db()
    assert tree.article["fi"].title == "Ny rubrik efter översättningen"


def test_a_synced_translation_stays_listed_as_a_draft_until_it_is_published(admin_client, tree):
    article = tree.article.sv
    article.title = "Ändrad rubrik"
    article.save_revision().publish()
    source = TranslationSource.objects.get(object_id=article.translation_key)

    admin_client.post(reverse("wagtail_localize:update_translations", args=[source.pk]), {})

    assert statuses(article) == {"fi": DRAFT, "en": DRAFT}


def test_report_lists_an_untranslated_page_with_the_link_that_translates_it(admin_client, tree):
    page = f.StandardPageFactory(parent=tree.home.sv, title="Bara på svenska")

    assert statuses(page) == {"fi": MISSING, "en": MISSING}
    translate_url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    rows = [row for row in report_rows(admin_client) if row[0][0] == "Bara på svenska"]
    assert [(row[1][0], row[3]) for row in rows] == [
        ("English", ("Översätt", [translate_url])),
        ("Suomi", ("Översätt", [translate_url])),
    ]


def test_report_lists_an_unpublished_translation_with_its_edit_link(admin_client, tree):
    finnish = tree.standard["fi"]
    finnish.unpublish()

    assert statuses(tree.standard.sv) == {"fi": DRAFT}
    edit_url = reverse("wagtailadmin_pages:edit", args=[finnish.pk])
    rows = [row for row in report_rows(admin_client) if row[0][0] == tree.standard.sv.title]
    assert [row[3] for row in rows] == [("Redigera översättning", [edit_url])]


def test_swedish_drafts_are_not_listed_for_translation(tree):
    page = f.StandardPageFactory(parent=tree.home.sv, live=False)
    assert statuses(page) == {}


def test_the_status_takes_as_many_queries_for_many_pages_as_for_one(tree):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            translation_status()
        return len(queries)

    f.StandardPageFactory(parent=tree.home.sv)
    one = count_queries()
    for _ in range(5):
        f.StandardPageFactory(parent=tree.home.sv)
    tree.standard["fi"].unpublish()
    assert count_queries() == one


def test_dashboard_panel_links_to_the_work_and_the_report(admin_client, tree):
    page = f.StandardPageFactory(parent=tree.home.sv, title="Ny sida utan översättning")
    response = admin_client.get("/admin/")
    panel = BeautifulSoup(response.content, "html.parser").find(id="translation-status-section")
    links = {a["href"] for a in panel.find_all("a")}
    assert reverse("wagtail_localize:submit_page_translation", args=[page.pk]) in links
    assert REPORT in links


def test_report_is_refused_to_editors_who_cannot_translate(client, django_user_model, tree):
    user = django_user_model.objects.create_user("reader", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    refused = client.get(REPORT)
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    response = client.get("/admin/")
    assert response.status_code == 200
    assert b'id="translation-status-section"' not in response.content
