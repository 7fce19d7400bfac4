"""The booking page as a page: its query budget, its place in the tree and the demo."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail_localize.models import Translation

from forms.models import FormField, FormPage
from tests.bookings import SLUGS, FormFieldFactory, FormPageFactory, booking_page

pytestmark = pytest.mark.django_db

FIELD_TYPES = [
    "singleline",
    "multiline",
    "email",
    "dropdown",
    "checkboxes",
    "group_size",
    "preferred_dates",
    "participants",
    "radio",
    "date",
]


@pytest.mark.parametrize("count", [5, 50])
def test_query_count_does_not_grow_with_the_fields(client, demo, django_assert_num_queries, count):
    """The form page's queries are fixed: 5 or 50 questions cost the same."""
    page = FormPageFactory(parent=demo["home"], privacy_page=demo["privacy"])
    for number in range(count):
        field_type = FIELD_TYPES[number % len(FIELD_TYPES)]
        FormFieldFactory(
            page=page,
            field_type=field_type,
            choices="Ett\nTvå\nTre" if field_type in ("dropdown", "checkboxes", "radio") else "",
        )
    client.get(page.url)  # warm the site-root cache, as a running server has it
    with django_assert_num_queries(QUERIES_PER_FORM_PAGE):
        response = client.get(page.url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert len(html.select(".booking-form .form-field")) == count


QUERIES_PER_FORM_PAGE = 15


def test_the_booking_page_is_a_translated_demo_page_in_the_menu(client, demo):
    sv = booking_page("sv")
    assert sv.get_parent().specific == demo["home"]
    assert sv.show_in_menus
    for language, slug in SLUGS.items():
        page = booking_page(language)
        assert page.live and page.slug == slug
        assert page.translation_key == sv.translation_key
        if language != "sv":
            assert Translation.objects.filter(
                source__object_id=sv.translation_key, target_locale=page.locale
            ).exists()
        assert page.form_fields.count() == 12
        assert page.privacy_page_id == demo["privacy"].pk
    main_nav = BeautifulSoup(client.get("/en/").content, "html.parser").select(".main-nav a")
    assert "Book a visit" in [link.get_text() for link in main_nav]


def test_the_demo_form_asks_the_nine_questions_and_the_organisers_details():
    types = list(booking_page("sv").form_fields.values_list("field_type", flat=True))
    assert types == [
        "radio",
        "multiline",
        "checkboxes",
        "multiline",
        "multiline",
        "multiline",
        "preferred_dates",
        "group_size",
        "participants",
        "singleline",
        "email",
        "multiline",
    ]


def test_form_pages_go_under_home_pages(demo):
    assert FormPage.can_create_at(demo["home"])
    assert not FormPage.can_create_at(demo["about"])
    assert not FormPage.can_create_at(booking_page("sv"))
    assert not FormPage.can_create_at(Page.get_first_root_node())


def test_a_participant_list_needs_sensible_row_limits():
    field = FormField(label="Deltagare", field_type="participants", min_rows=10, max_rows=5)
    with pytest.raises(ValidationError) as error:
        field.full_clean(exclude=["page", "locale", "translation_key"])
    assert "min_rows" in error.value.message_dict
    too_many = FormField(label="Deltagare", field_type="participants", max_rows=500)
    with pytest.raises(ValidationError) as error:
        too_many.full_clean(exclude=["page", "locale", "translation_key"])
    assert "max_rows" in error.value.message_dict


def test_the_landing_page_preview_renders(admin_client):
    page = booking_page("sv")
    for mode in ("form", "landing"):
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/preview/?mode={mode}")
        assert response.status_code == 200, mode


def test_editors_can_open_the_booking_page_in_the_admin(admin_client):
    page = booking_page("sv")
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert b"Deltagarlista" in response.content
