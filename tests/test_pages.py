"""Standard pages and the shared content blocks."""

from dataclasses import fields

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamValue
from wagtail.models import Page, get_page_models

from home.blocks import BodyBlock, CallToActionBlock
from home.models import StandardPage
from home.templatetags.site_tags import json_ld
from tests.factories import ImageFactory, StandardPageFactory, locale
from tests.tree import LANGUAGES

pytestmark = pytest.mark.django_db


def body(*blocks):
    return StreamValue(BodyBlock(), list(blocks), is_lazy=False)


def test_every_block_renders(client, tree):
    image = ImageFactory(title="Kustbild")
    about = tree.standard.sv
    page = StandardPageFactory(
        parent=tree.home.sv,
        slug="block",
        body=[
            ("heading", {"text": "Rubrik här", "level": "h2"}),
            ("heading", {"text": "Underrubrik", "level": "h3"}),
            ("paragraph", "<p>Första stycket.</p>"),
            (
                "image",
                {
                    "image": image,
                    "alt_text": "En kust i kvällsljus",
                    "caption": "Kvarken",
                    "credit": "Maria",
                },
            ),
            (
                "image",
                {
                    "image": image,
                    "alt_text": "En ritad karta över Kvarken",
                    "caption": "",
                    "credit": "Byrån",
                    "kind": "illustration",
                },
            ),
            ("quote", {"quote": "Det fungerade.", "attribution": "Peter Hedman"}),
            ("call_to_action", {"label": "", "page": about, "external_url": ""}),
            (
                "call_to_action",
                {"label": "Läs mer", "page": None, "external_url": "https://example.org/"},
            ),
        ],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    main = BeautifulSoup(response.content, "html.parser").find("main")
    assert main.find("h2").get_text() == "Rubrik här"
    assert main.find("h3").get_text() == "Underrubrik"
    assert "Första stycket." in main.get_text()
    # responsive image in modern formats with the editor's alt text
    picture = main.find("picture")
    types = [source["type"] for source in picture.find_all("source")]
    assert types == ["image/avif", "image/webp"]
    assert picture.find("img")["alt"] == "En kust i kvällsljus"
    assert "srcset" in picture.find("img").attrs
    credits = [span.get_text() for span in main.select("figcaption .credit")]
    assert credits == ["Foto: Maria", "Illustration: Byrån"]
    assert main.find("blockquote").get_text(strip=True) == "Det fungerade."
    links = [(a.get_text(), a["href"]) for a in main.select(".block-cta a")]
    assert links == [(about.title, about.url), ("Läs mer", "https://example.org/")]


def test_call_to_action_to_a_page_follows_the_translation(client, tree):
    page = StandardPageFactory(
        parent=tree.home["en"],
        slug="cta",
        locale=locale("en"),
        body=[("call_to_action", {"label": "", "page": tree.standard.sv, "external_url": ""})],
    )
    main = BeautifulSoup(client.get(page.url).content, "html.parser").find("main")
    link = main.select_one(".block-cta a")
    english = tree.standard["en"]
    assert (link.get_text(), link["href"]) == (english.title, english.url)


@pytest.mark.parametrize(
    ("value", "field"),
    [
        ({"label": "Gå", "page": None, "external_url": ""}, "page"),
        ({"label": "", "page": None, "external_url": "https://example.org/"}, "label"),
    ],
)
def test_call_to_action_needs_one_target_and_a_text(value, field):
    block = CallToActionBlock()
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python(value))
    assert field in error.value.block_errors


def test_call_to_action_rejects_both_targets(tree):
    block = CallToActionBlock()
    value = block.to_python(
        {"label": "x", "page": tree.standard.sv.pk, "external_url": "https://example.org/"}
    )
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert "page" in error.value.block_errors


def test_image_block_requires_alt_text():
    block = BodyBlock().child_blocks["image"]
    image = ImageFactory()
    with pytest.raises(ValidationError) as error:
        block.clean(
            block.to_python({"image": image.pk, "alt_text": "", "caption": "", "credit": ""})
        )
    assert "alt_text" in error.value.block_errors


@pytest.mark.parametrize("name", ["heading", "paragraph", "quote", "call_to_action"])
def test_block_previews_are_available(admin_client, name):
    block = StandardPage._meta.get_field("body").stream_block.child_blocks[name]
    assert block.is_previewable
    response = admin_client.get("/admin/block-preview/", {"id": block.definition_prefix})
    assert response.status_code == 200
    assert b'href="/static/css/site.css"' in response.content


@pytest.mark.parametrize("count", [2, 12])
def test_query_count_does_not_grow_with_the_menu(client, tree, django_assert_num_queries, count):
    """The chrome's queries are fixed: 2 or 12 menu pages cost the same."""
    home = tree.home.sv
    in_menu = home.get_children().live().in_menu().count()
    for number in range(count):
        StandardPageFactory(parent=home, show_in_menus=True, slug=f"meny-{number}")
    url = tree.standard.sv.url
    client.get(url)  # warm the site-root cache, as a running server has it
    with django_assert_num_queries(QUERIES_PER_STANDARD_PAGE):
        response = client.get(url)
    assert response.status_code == 200
    menu = BeautifulSoup(response.content, "html.parser").select(".main-nav a")
    assert len(menu) == count + in_menu


# The route, the chrome and the view restrictions are kept until content changes
# (cleantech_site/shared_data.py), and so are the restricted sections, so Wagtail's check of
# the page's view restrictions runs no query: what is left is loading the page itself.
QUERIES_PER_STANDARD_PAGE = 1


def test_open_graph_meta_in_the_page_language(client, tree):
    finnish = tree.standard["fi"]
    head = BeautifulSoup(client.get(finnish.url).content, "html.parser").head
    meta = {tag["property"]: tag["content"] for tag in head.select("meta[property]")}
    assert meta["og:title"] == finnish.title
    assert meta["og:description"] == finnish.intro
    assert meta["og:locale"] == "fi_FI"
    assert meta["og:url"] == f"http://testserver{finnish.url}"
    assert meta["og:type"] == "website"
    assert head.select_one('meta[name="twitter:card"]')["content"] == "summary"


def test_json_ld_cannot_break_out_of_its_script_element():
    html = json_ld({"name": "</script><script>alert(1)</script> & more"})
    assert html.count("</script>") == 1
    assert "\\u003c/script\\u003e" in html
    assert html.startswith('<script type="application/ld+json">')


def tree_pages(tree):
    """Every page of the test tree in every language, as (handle, page) pairs."""
    pages = []
    for field in fields(tree):
        family = getattr(tree, field.name)
        if isinstance(family.sv, Page):
            assert set(family) == set(LANGUAGES), field.name
            pages.extend((field.name, family[language]) for language in LANGUAGES)
    return pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_of_the_tree_answers_in_its_language(client, tree, language):
    answered = set()
    for handle, page in tree_pages(tree):
        if page.locale.language_code != language:
            continue
        assert page.url.startswith(f"/{language}/"), handle
        response = client.get(page.url)
        assert response.status_code == 200, (handle, page.url)
        html = BeautifulSoup(response.content, "html.parser")
        assert html.html["lang"] == language, (handle, page.url)
        assert html.find("h1").get_text(strip=True) == page.title, (handle, page.url)
        answered.add(type(page))
    # the tree holds a page of every type the site has, so every template was rendered
    assert answered == {model for model in get_page_models() if model._meta.app_label in SITE_APPS}


SITE_APPS = {"home", "projects", "news", "forms"}
