"""Query budgets: every public page type renders uncached in at most ten queries, and in
as many with a few projects, articles and organisations as with many.

Each address is requested twice and the second request is counted: the first fills what
is kept until content changes (the chrome, the route, the restricted sections, image
renditions: cleantech_site/shared_data.py), as the first visitor after a publish does.
The page cache is off in the test settings, so each counted request renders the page.
"""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cleantech_site import page_cache
from news.models import ArticleRelatedProject

from . import factories as f

BUDGET = 10
FEW, MANY = 3, 25


def addresses(tree):
    project_index = tree.project_index.sv.url
    return {
        "home": tree.home.sv.url,
        "standard page": tree.standard.sv.url,
        "project index": project_index,
        "project index, filtered": f"{project_index}?programme={tree.programme.sv.slug}",
        "project page": tree.ongoing_project.sv.url,
        "news index": tree.news_index.sv.url,
        "article": tree.article.sv.url,
        "search results": "/sv/search/?q=projekt",
        "booking form": tree.booking.sv.url,
    }


def queries_per_page(client, tree):
    counts = {}
    for name, url in addresses(tree).items():
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[name] = len(queries)
    return counts


def add_content(tree, count):
    """`count` more projects (each with a partner organisation of its own) and articles
    about the project page that is counted, which also gains partners and focus areas."""
    project = tree.ongoing_project.sv
    programme = tree.programme.sv
    day = datetime.date(2024, 1, 1)
    organisations = f.OrganisationFactory.create_batch(count)
    for number, organisation in enumerate(organisations):
        other = f.ProjectPageFactory(
            parent=tree.project_index.sv,
            title=f"Projekt extra {number}",
            programme=programme,
            start_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=number),
        )
        f.add_partners(other, [organisation])
        article = f.ArticlePageFactory(
            parent=tree.news_index.sv,
            title=f"Projektnytt {number}",
            date=day - datetime.timedelta(days=number),
        )
        ArticleRelatedProject.objects.create(article=article, project=project, sort_order=0)
    f.add_partners(project, organisations, lead=False)
    f.add_focus_areas(project, [f.FocusAreaFactory() for _ in range(3)])
    # What publishing does: content changed, everything kept by generation is stale.
    page_cache.clear()


def test_every_page_type_renders_within_the_query_budget(client, tree):
    add_content(tree, FEW)
    counts = queries_per_page(client, tree)
    over = {name: count for name, count in counts.items() if count > BUDGET}
    assert not over, f"over {BUDGET} queries: {over} (all: {counts})"


def test_query_counts_do_not_grow_with_the_content(client, tree):
    add_content(tree, FEW)
    few = queries_per_page(client, tree)
    add_content(tree, MANY - FEW)
    many = queries_per_page(client, tree)
    assert many == few


def test_a_second_visit_writes_nothing_to_the_shared_cache(client, tree, settings, tmp_path):
    """What is kept is written once; rendering a page again only reads it. Wagtail stored
    every rendition it read back into the cache (cleantech_site/renditions_cache.py): on a
    cache directory, a file written per picture size on every request."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        },
    }
    written = {}
    for name, address in addresses(tree).items():
        assert client.get(address).status_code == 200
        before = {path: path.stat().st_mtime_ns for path in (tmp_path / "cache").iterdir()}
        client.get(address)
        after = {path: path.stat().st_mtime_ns for path in (tmp_path / "cache").iterdir()}
        changed = [path for path, mtime in after.items() if before.get(path) != mtime]
        if changed:
            written[name] = len(changed)
    assert written == {}
