"""A news article's way from a communicator's draft to the Finnish site, in a real browser.

The communicator writes the Swedish article and submits it; a publisher approves it. The
communicator sends it to translation and writes the Finnish text in wagtail-localize's
editor; the new translation is a draft that no visitor reaches until the publisher
publishes it, and then its /fi/ address shows the Finnish text.
"""

import pytest
from wagtail.models import Page
from wagtail_localize.models import TranslatableObject, TranslationSource

from news.models import ArticlePage
from roles.definitions import COMMUNICATORS, PUBLISHERS
from tests.staff import in_role

pytestmark = pytest.mark.browser

PASSWORD = "pw-for-tests-only"  # noqa: S105 (the password tests.staff gives its accounts)

SV_TITLE = "Solparken i Vasa växer"
SV_LEAD = "Parken får tio nya hektar paneler i vår."
FI_TITLE = "Vaasan aurinkopuisto kasvaa"
FI_LEAD = "Puisto saa keväällä kymmenen hehtaaria lisää paneeleja."


@pytest.fixture
def staff(site):
    communicator = in_role(COMMUNICATORS, username="journey-communicator")
    publisher = in_role(PUBLISHERS, username="journey-publisher")
    yield communicator, publisher
    communicator.delete()
    publisher.delete()


@pytest.fixture
def created_pages(site):
    """Deletes what the journey created, so the committed tree stays as it was."""
    yield
    articles = ArticlePage.objects.filter(title__in=[SV_TITLE, FI_TITLE])
    keys = set(articles.values_list("translation_key", flat=True))
    for article in articles.order_by("-locale__language_code"):
        Page.objects.get(pk=article.pk).delete()
    TranslationSource.objects.filter(object_id__in=keys).delete()
    TranslatableObject.objects.filter(translation_key__in=keys).delete()


def sign_in(page, site, user):
    page.goto(f"{site.url}/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{site.url}/admin/")


def press_action(page, name):
    """Press an action of the edit view's footer, opening its menu when it is not the first."""
    button = page.get_by_role("button", name=name, exact=True)
    if not button.is_visible():
        page.get_by_role("button", name="More actions").click()
    button.click()


def translate_segment(editor, source_text, translation):
    """Fill one segment in wagtail-localize's editor: the row showing the Swedish text."""
    row = editor.get_by_role("listitem").filter(has_text=source_text).last
    row.get_by_role("button", name="Translate", exact=True).click()
    row.get_by_role("textbox").fill(translation)
    row.get_by_role("button", name="Save", exact=True).click()
    row.get_by_text(translation).wait_for()


def test_a_communicator_writes_translates_and_a_publisher_publishes_a_finnish_article(
    site, tree, page, browser, staff, created_pages
):
    communicator, publisher = staff
    news_index = tree.news_index.sv

    # The communicator writes the Swedish article and submits it for approval.
    sign_in(page, site, communicator)
    page.goto(f"{site.url}/admin/pages/add/news/articlepage/{news_index.pk}/")
    page.get_by_role("textbox", name="Title*").fill(SV_TITLE)
    page.get_by_role("textbox", name="Lead*").fill(SV_LEAD)
    press_action(page, "Submit to Publishers' approval")
    page.wait_for_url(f"{site.url}/admin/pages/{news_index.pk}/")
    article = ArticlePage.objects.get(title=SV_TITLE)
    assert not article.live

    # The publisher approves it; it goes live.
    publisher_context = browser.new_context()
    reviewer = publisher_context.new_page()
    sign_in(reviewer, site, publisher)
    reviewer.goto(f"{site.url}/admin/pages/{article.pk}/edit/")
    press_action(reviewer, "Approve and Publish")
    reviewer.wait_for_url(f"{site.url}/admin/pages/{news_index.pk}/")
    article.refresh_from_db()
    assert article.live

    # The communicator sends it to translation into Finnish.
    page.goto(f"{site.url}/admin/pages/{article.pk}/edit/")
    page.get_by_role("button", name="Actions", exact=True).click()
    page.get_by_role("link", name="Translate this page").click()
    page.get_by_label("English").uncheck()
    page.get_by_label("Suomi").check()
    page.get_by_role("button", name="Submit").click()

    # wagtail-localize's editor opens on the Finnish draft.
    translate_segment(page, SV_TITLE, FI_TITLE)
    translate_segment(page, SV_LEAD, FI_LEAD)
    finnish = ArticlePage.objects.get(
        translation_key=article.translation_key, locale__language_code="fi"
    )
    # A draft: a visitor gets no page at its address yet.
    finnish_url = site.url + finnish.get_url_parts()[2]
    visitor = browser.new_page()
    assert not finnish.live
    assert visitor.goto(finnish_url).status == 404

    # The publisher publishes the translation from the same editor.
    reviewer.goto(f"{site.url}/admin/pages/{finnish.pk}/edit/")
    reviewer.get_by_role("button", name="Publish in Suomi").click()
    reviewer.get_by_text("published").first.wait_for()
    publisher_context.close()

    finnish.refresh_from_db()
    assert finnish.live and finnish.title == FI_TITLE
    response = visitor.goto(finnish_url)
    assert response.status == 200
    assert visitor.get_by_role("heading", name=FI_TITLE).is_visible()
    assert visitor.get_by_text(FI_LEAD).is_visible()
    visitor.close()
