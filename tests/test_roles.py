"""Each staff role can do its work and nothing more (roles/definitions.py)."""

import pytest
from django.urls import reverse, reverse_lazy

from forms.models import Booking
from roles.definitions import BOOKING_HANDLERS, COMMUNICATORS, PUBLISHERS

from . import factories as f
from .bookings import answers, post
from .staff import edit_form_data, edit_url, in_role

pytestmark = pytest.mark.django_db

USER_MANAGEMENT = [
    reverse_lazy("wagtailusers_users:index"),
    reverse_lazy("wagtailusers_users:add"),
    reverse_lazy("wagtailusers_groups:index"),
]


def refused(response):
    """Wagtail answers an admin view someone may not use with a 403, or, for a page a
    browser opened, by sending them to the dashboard with a "no permission" message."""
    if response.status_code == 302:
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code in (403, 404)


@pytest.fixture
def article(tree):
    page = f.ArticlePageFactory(
        parent=tree.news_index.sv, title="Solceller på taket", slug="solceller-pa-taket"
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def booking(client, tree, settings):
    settings.BOOKING_MIN_FILL_SECONDS = 0
    page = tree.booking.sv
    assert post(client, page, answers(page, name="Organiser Lund")).status_code == 200
    return Booking.objects.get()


def test_a_communicator_edits_submits_and_translates_but_cannot_publish(
    client, tree, article, django_capture_on_commit_callbacks
):
    client.force_login(in_role(COMMUNICATORS))
    old_lead = article.lead

    publish = edit_form_data(client, article, lead="Ny ingress.", **{"action-publish": "1"})
    assert client.post(edit_url(article), publish).status_code == 302
    article.refresh_from_db()
    assert article.lead == old_lead
    assert article.get_latest_revision_as_object().lead == "Ny ingress."
    assert "Ny ingress." not in client.get(article.url).text

    submit = edit_form_data(client, article, **{"action-submit": "1"})
    assert client.post(edit_url(article), submit).status_code == 302
    assert article.current_workflow_state.status == "in_progress"

    # Pages of every language, and their translation.
    assert client.get(edit_url(tree.article["fi"])).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[article.pk]),
            {"locales": [f.locale("fi").pk]},
        )
    assert response.status_code == 302
    assert not article.get_translation(f.locale("fi")).live


def test_a_publisher_publishes(client, article):
    client.force_login(in_role(PUBLISHERS))
    data = edit_form_data(client, article, lead="Publicerad ingress.", **{"action-publish": "1"})
    assert client.post(edit_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.lead == "Publicerad ingress."
    assert "Publicerad ingress." in client.get(article.url).text


def test_a_booking_handler_sees_exports_updates_and_erases_bookings(client, tree, booking):
    client.force_login(in_role(BOOKING_HANDLERS))
    listing = reverse("bookings:index")
    assert "Organiser Lund" in client.get(listing).text
    export = client.get(listing, {"export": "csv"})
    assert export.status_code == 200
    assert "Organiser Lund" in export.getvalue().decode("utf-8-sig")

    edit = reverse("bookings:edit", args=[booking.pk])
    assert client.post(edit, {"status": "in_progress"}).status_code == 302
    booking.refresh_from_db()
    assert booking.status == "in_progress"

    assert client.post(reverse("bookings:delete", args=[booking.pk])).status_code == 302
    assert not Booking.objects.filter(pk=booking.pk).exists()


def test_a_booking_handler_may_not_edit_pages(client, tree):
    client.force_login(in_role(BOOKING_HANDLERS))
    for page in (tree.article.sv, tree.booking.sv, tree.home["fi"]):
        assert refused(client.get(edit_url(page)))
        assert refused(client.get(edit_url(page), headers={"x-requested-with": "XMLHttpRequest"}))
    add = f"/admin/pages/add/news/articlepage/{tree.news_index.sv.pk}/"
    assert refused(client.get(add))


@pytest.mark.parametrize("role", [COMMUNICATORS, PUBLISHERS])
def test_page_editors_do_not_see_bookings(client, tree, booking, role):
    client.force_login(in_role(role))
    listing = reverse("bookings:index")
    assert refused(client.get(listing))
    assert refused(client.get(reverse("bookings:edit", args=[booking.pk])))


@pytest.mark.parametrize("role", [COMMUNICATORS, PUBLISHERS, BOOKING_HANDLERS])
def test_no_role_reaches_user_management(client, role):
    client.force_login(in_role(role))
    assert all(refused(client.get(url)) for url in USER_MANAGEMENT)


def test_administrators_reach_user_management(admin_client):
    assert [admin_client.get(url).status_code for url in USER_MANAGEMENT] == [200] * 3
