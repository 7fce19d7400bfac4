"""Standard pages and the shared content blocks."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamValue

from home.blocks import BodyBlock, CallToActionBlock
from tests.factories import ImageFactory, StandardPageFactory, locale

pytestmark = pytest.mark.django_db


def body(*blocks):
    return StreamValue(BodyBlock(), list(blocks), is_lazy=False)


def test_every_block_renders(client, demo):
    image = ImageFactory(title="Kustbild")
    page = StandardPageFactory(
        parent=demo["home"],
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
            ("quote", {"quote": "Det fungerade.", "attribution": "Peter Hedman"}),
            ("call_to_action", {"label": "", "page": demo["about"], "external_url": ""}),
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
    assert "Foto: Maria" in main.find("figcaption").get_text()
    assert main.find("blockquote").get_text(strip=True) == "Det fungerade."
    links = [(a.get_text(), a["href"]) for a in main.select(".block-cta a")]
    assert links == [("Om oss", "/sv/om-oss/"), ("Läs mer", "https://example.org/")]


def test_call_to_action_to_a_page_follows_the_translation(client, demo):
    page = StandardPageFactory(
        parent=demo["home"].get_translation(locale("en")),
        slug="cta",
        locale=locale("en"),
        body=[("call_to_action", {"label": "", "page": demo["about"], "external_url": ""})],
    )
    main = BeautifulSoup(client.get(page.url).content, "html.parser").find("main")
    link = main.select_one(".block-cta a")
    assert (link.get_text(), link["href"]) == ("About us", "/en/about-us/")


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


def test_call_to_action_rejects_both_targets(demo):
    block = CallToActionBlock()
    value = block.to_python(
        {"label": "x", "page": demo["about"].pk, "external_url": "https://example.org/"}
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
    from home.models import StandardPage

    block = StandardPage._meta.get_field("body").stream_block.child_blocks[name]
    assert block.is_previewable
    response = admin_client.get("/admin/block-preview/", {"id": block.definition_prefix})
    assert response.status_code == 200
    assert b'href="/static/css/site.css"' in response.content


@pytest.mark.parametrize("count", [2, 12])
def test_query_count_does_not_grow_with_the_menu(client, demo, django_assert_num_queries, count):
    """The chrome's queries are fixed: 2 or 12 menu pages cost the same."""
    for number in range(count):
        StandardPageFactory(parent=demo["home"], show_in_menus=True, slug=f"meny-{number}")
    client.get("/sv/om-oss/")  # warm the site-root cache, as a running server has it
    with django_assert_num_queries(QUERIES_PER_STANDARD_PAGE):
        response = client.get("/sv/om-oss/")
    assert response.status_code == 200
    in_menu = demo["home"].get_children().live().in_menu().count()
    assert len(BeautifulSoup(response.content, "html.parser").select(".main-nav a")) == in_menu


QUERIES_PER_STANDARD_PAGE = 13


def test_open_graph_meta_in_the_page_language(client, demo):
    head = BeautifulSoup(client.get("/fi/meista/").content, "html.parser").head
    meta = {tag["property"]: tag["content"] for tag in head.select("meta[property]")}
    assert meta["og:title"] == "Meistä"
    assert meta["og:locale"] == "fi_FI"
    assert meta["og:url"] == "http://testserver/fi/meista/"
    assert meta["og:type"] == "website"
    assert head.select_one('meta[name="twitter:card"]')["content"] == "summary"


def test_json_ld_cannot_break_out_of_its_script_element():
    from home.templatetags.site_tags import json_ld

    html = json_ld({"name": "</script><script>alert(1)</script> & more"})
    assert html.count("</script>") == 1
    assert "\\u003c/script\\u003e" in html
    assert html.startswith('<script type="application/ld+json">')
