"""The booking page as a page: its query budget, its translations, its place in the tree
and in the menu, and its admin screens."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail_localize.models import Translation

from forms.models import FormField, FormPage
from tests.bookings import label
from tests.factories import FormFieldFactory, FormPageFactory
from tests.tree import QUESTIONS

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
def test_query_count_does_not_grow_with_the_fields(client, tree, django_assert_num_queries, count):
    """The form page's queries are fixed: 5 or 50 questions cost the same."""
    page = FormPageFactory(parent=tree.home.sv, privacy_page=tree.standard.sv)
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


# The route, the chrome, the privacy link and the questions' markup are kept until content
# changes (cleantech_site/shared_data.py); the tokens are new on every request.
QUERIES_PER_FORM_PAGE = 2


def test_the_booking_page_is_translated_with_its_questions_and_privacy_link(tree):
    sv = tree.booking.sv
    assert sv.get_parent().specific == tree.home.sv
    urls = set()
    for language in ("sv", "fi", "en"):
        page = tree.booking[language]
        assert page.live
        assert page.url == f"/{language}/{page.slug}/"
        urls.add(page.url)
        assert page.translation_key == sv.translation_key
        if language != "sv":
            assert Translation.objects.filter(
                source__object_id=sv.translation_key, target_locale=page.locale
            ).exists()
        assert page.form_fields.count() == len(QUESTIONS)
        # The privacy link is synchronised: every language points at the Swedish page.
        assert page.privacy_page_id == tree.standard.sv.pk
    assert len(urls) == 3


def test_a_booking_page_shown_in_menus_is_in_the_main_menu_in_its_language(client, tree):
    def main_menu():
        html = BeautifulSoup(client.get(tree.home["en"].url).content, "html.parser")
        return [link.get_text(strip=True) for link in html.select(".main-nav a")]

    page = tree.booking["en"]
    page.show_in_menus = False
    page.save_revision().publish()
    assert page.title not in main_menu()
    page.show_in_menus = True
    page.save_revision().publish()
    assert page.title in main_menu()
    assert tree.booking.sv.title not in main_menu()


def test_every_language_asks_the_same_questions_in_the_same_order(tree):
    """A translation keeps the Swedish form's questions, their types and their order."""
    expected = [(question.clean_name, question.field_type) for question in QUESTIONS.values()]
    for language in ("sv", "fi", "en"):
        fields = tree.booking[language].form_fields.values_list("clean_name", "field_type")
        assert list(fields) == expected, language


def test_form_pages_go_under_home_pages(tree):
    assert FormPage.can_create_at(tree.home.sv)
    assert not FormPage.can_create_at(tree.standard.sv)
    assert not FormPage.can_create_at(tree.booking.sv)
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


def test_the_landing_page_preview_renders(admin_client, tree):
    page = tree.booking.sv
    for mode in ("form", "landing"):
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/preview/?mode={mode}")
        assert response.status_code == 200, mode


def test_editors_can_open_the_booking_page_in_the_admin(admin_client, tree):
    page = tree.booking.sv
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    # The participant list is offered as a field type, and the page's questions are there.
    assert "Deltagarlista" in response.content.decode()
    html = BeautifulSoup(response.content, "html.parser")
    labels = [
        field["value"] for field in html.select('input[name^="form_fields-"][name$="-label"]')
    ]
    assert labels == [label(page, handle) for handle in QUESTIONS]


def test_the_form_is_rendered_once_but_its_tokens_are_new_for_every_visitor(client, tree):
    url = tree.booking.sv.url
    pages = [BeautifulSoup(client.get(url).content, "html.parser") for _ in range(2)]
    tokens = [page.select_one("input[name=_token]")["value"] for page in pages]
    assert tokens[0] != tokens[1]
    assert all(page.select_one("input[name=csrfmiddlewaretoken]") for page in pages)
    first, second = ([str(field) for field in page.select(".form-field")] for page in pages)
    assert len(first) == len(QUESTIONS)
    assert first == second
