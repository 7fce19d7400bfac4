"""A new translation of a live page is a draft that no visitor can reach until its
translator publishes it: not the page, its index, the sitemap, the feed, search, the API,
the projects export, nor the language switcher and hreflang of the source page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from . import factories as f


@pytest.fixture
def live_swedish_pages(tree):
    """A published project and news article, not yet translated."""
    project = f.ProjectPageFactory(
        parent=tree.project_index.sv,
        title="Solvärme i skolorna",
        slug="solvarme-i-skolorna",
        start_date=timezone.localdate() - datetime.timedelta(days=30),
        end_date=timezone.localdate() + datetime.timedelta(days=300),
        programme=tree.programme.sv,
    )
    project.save_revision().publish()
    article = f.ArticlePageFactory(
        parent=tree.news_index.sv,
        title="Solvärmen tänds i skolorna",
        slug="solvarmen-tands",
        date=timezone.localdate(),
    )
    article.save_revision().publish()
    return {"project": project, "article": article}


def translate_in_admin(admin_client, page, language, run_on_commit):
    """The admin's "Translate this page" action, as an editor submits it. wagtail-localize
    publishes when the transaction commits, so what it leaves for then is run too."""
    with run_on_commit(execute=True):
        response = admin_client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            {"locales": [f.locale(language).pk]},
        )
    assert response.status_code == 302
    return page.get_translation(f.locale(language)).specific


def where_visitors_find(client, tree, page, source):
    """Each public place, and whether `page` (a Finnish page) is found there."""
    url = page.get_url()
    full_url = page.get_full_url()
    api = client.get("/api/v2/pages/", {"locale": "fi", "slug": page.slug}).json()
    places = {
        "page": client.get(url).status_code == 200,
        "sitemap": full_url in client.get("/sitemap.xml").text,
        "search": url in client.get("/fi/search/", {"q": "skolorna"}).text,
        "api": [item["id"] for item in api["items"]] == [page.pk],
        "switcher and hreflang": url in client.get(source.url).text,
    }
    if page.specific_class.__name__ == "ProjectPage":
        index = tree.project_index["fi"]
        export = client.get(index.url + index.reverse_subpage("export_json"))
        places["index"] = url in client.get(index.url).text
        places["export"] = url in export.text
    else:
        places["index"] = url in client.get(tree.news_index["fi"].url).text
        places["feed"] = url in client.get("/fi/feed/").text
    return places


@pytest.mark.parametrize("kind", ["project", "article"])
def test_a_new_translation_of_a_live_page_is_hidden_until_it_is_published(
    admin_client, client, tree, live_swedish_pages, kind, django_capture_on_commit_callbacks
):
    source = live_swedish_pages[kind]
    finnish = translate_in_admin(admin_client, source, "fi", django_capture_on_commit_callbacks)

    assert not finnish.live
    found = where_visitors_find(client, tree, finnish, source)
    assert [place for place, seen in found.items() if seen] == []

    finnish.get_latest_revision().publish()

    found = where_visitors_find(client, tree, finnish, source)
    assert [place for place, seen in found.items() if not seen] == []
