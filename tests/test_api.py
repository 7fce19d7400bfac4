"""The API's find/ view: a public address with its language prefix finds that page; what
the API does not find is a JSON 404 of its own, not a redirect to a page address."""

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
    assert response.status_code == 404


def test_find_by_html_path_skips_drafts(client, tree):
    page = tree.standard["en"]
    page.unpublish()
    response = client.get("/api/v2/pages/find/", {"html_path": f"/en/{page.slug}/"})
    assert response.status_code == 404


def test_an_unknown_page_is_a_json_404_not_a_language_redirect(client, tree):
    response = client.get("/api/v2/pages/999999/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "message" in response.json()


def test_unprefixed_page_addresses_are_still_sent_to_their_language(client, tree):
    page = tree.standard.sv
    response = client.get(f"/{page.slug}/")
    assert response.status_code == 302
    assert response["Location"] == page.url
