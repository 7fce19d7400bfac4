"""The API's find/ view: a public address with its language prefix finds that page."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["sv", "fi", "en"])
@pytest.mark.parametrize("handle", ["booking", "ongoing_project", "home"])
def test_find_by_html_path_understands_language_prefixes(client, tree, handle, language):
    page = getattr(tree, handle)[language]
    response = client.get("/api/v2/pages/find/", {"html_path": page.url})
    assert response.status_code == 302
    assert response["Location"].startswith(f"http://testserver/api/v2/pages/{page.id}/")


def test_find_by_html_path_without_a_prefix_routes_from_the_site_root(client, tree):
    page = tree.standard.sv
    response = client.get("/api/v2/pages/find/", {"html_path": f"/{page.slug}/"})
    assert response.status_code == 302
    assert response["Location"].startswith(f"http://testserver/api/v2/pages/{page.id}/")


def test_find_by_html_path_does_not_mix_languages(client, tree):
    """The Swedish slug under /fi/ is no address of the Finnish tree."""
    swedish, finnish = tree.booking.sv, tree.booking["fi"]
    assert swedish.slug != finnish.slug
    response = client.get("/api/v2/pages/find/", {"html_path": f"/fi/{swedish.slug}/"})
    assert not response.get("Location", "").startswith("http://testserver/api/v2/pages/")


def test_find_by_html_path_skips_drafts(client, tree):
    page = tree.standard["en"]
    page.unpublish()
    response = client.get("/api/v2/pages/find/", {"html_path": f"/en/{page.slug}/"})
    assert not response.get("Location", "").startswith("http://testserver/api/v2/pages/")
