"""The admin: editors can open, edit and translate every page type."""

import pytest
from wagtail.models import Page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("key", ["home", "about"])
def test_edit_view_opens_for_each_page_type(admin_client, demo, key):
    page = demo[key]
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert page.title in response.content.decode()


def test_home_page_edit_view_has_a_footer_tab(admin_client, demo):
    content = admin_client.get(f"/admin/pages/{demo['home'].pk}/edit/").content.decode()
    assert "Sidfot" in content or "Footer" in content
    assert 'name="contact_email"' in content


def test_editing_a_page_through_the_admin_publishes_the_change(admin_client, demo, client):
    about = demo["about"]
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
    page = client.get("/sv/om-oss/").content.decode()
    assert "Ny ingress." in page


def test_creating_a_standard_page_rejects_missing_title(admin_client, demo):
    url = f"/admin/pages/add/home/standardpage/{demo['home'].pk}/"
    response = admin_client.post(url, {"title": "", "slug": "", "body-count": "0"})
    assert response.status_code == 200
    assert Page.objects.filter(slug="").count() == 0
    assert "error" in response.content.decode()
