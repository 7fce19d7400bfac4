"""What a worker keeps in its own memory until content changes (cleantech_site/process_memory.py):
values kept by generation (shared_data.py), cached pages (page_cache.py) and the markup of
pictures (home/templatetags/site_images.py).
"""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from wagtail.images import get_image_model
from wagtail.models import Page

from cleantech_site import page_cache, shared_data
from cleantech_site.process_memory import ProcessMemory
from tests.factories import ArticlePageFactory, ImageFactory

pytestmark = pytest.mark.django_db

Rendition = get_image_model().get_rendition_model()


def test_memory_answers_only_for_the_generation_a_value_was_kept_in():
    memory = ProcessMemory()
    memory.set(1, "key", "one")
    assert memory.get(1, "key") == "one"
    assert memory.get(2, "key") is None
    memory.set(2, "other", "two")
    # A newer generation drops what was kept under the older one.
    assert memory.get(1, "key") is None
    assert memory.get(2, "other") == "two"
    # A request still serving the older generation keeps nothing for the newer one.
    memory.set(1, "footer", "old")
    assert memory.get(2, "footer") is None


def test_memory_forgets_after_its_time():
    lasting = ProcessMemory(seconds=60)
    lasting.set(1, "key", "one")
    assert lasting.get(1, "key") == "one"
    memory = ProcessMemory(seconds=0)
    memory.set(1, "key", "one")
    assert memory.get(1, "key") is None


def test_memory_is_bounded():
    memory = ProcessMemory(limit=3)
    for number in range(10):
        memory.set(1, number, str(number))
    assert len(memory) <= 3
    assert memory.get(1, 9) == "9"


def test_kept_values_outlive_the_shared_cache_within_a_generation(client, tree, settings):
    """Once read, a worker answers from memory: the shared cache's copy may be evicted."""
    calls = []

    def compute():
        calls.append(1)
        return {"answer": len(calls)}

    request = client.get(tree.home.sv.url).wsgi_request
    first = shared_data.by_generation(request, ("test",), compute)
    page_cache.backend().delete(shared_data._full_key(request, ("test",)))
    again = shared_data.by_generation(request, ("test",), compute)
    assert first == again == {"answer": 1}
    # Each caller gets its own copy, as from the shared cache.
    assert again is not first
    page_cache.clear()
    fresh = client.get(tree.home.sv.url).wsgi_request
    assert shared_data.by_generation(fresh, ("test",), compute) == {"answer": 2}


def picture_urls(response):
    page = BeautifulSoup(response.content, "html.parser")
    picture = page.select_one("main picture")
    urls = [picture.img["src"]]
    for source in picture.select("source"):
        urls += [part.split()[0] for part in source["srcset"].split(",")]
    return urls


def test_pictures_and_cuts_are_kept_until_content_changes(client, tree):
    # Wagtail's renditions cache outlives rolled-back rows, and a new image may get an
    # earlier test's primary key: start from an empty cache.
    cache.clear()
    image = ImageFactory()
    article = ArticlePageFactory(
        parent=tree.news_index.sv,
        slug="bild",
        hero_image=image,
        hero_image_alt="En kust",
    )
    # The picture's sizes and the cut for Open Graph and JSON-LD.
    sizes = Rendition.objects.filter(image=image)
    first = picture_urls(client.get(article.url))
    assert sizes.exists()
    # Renditions deleted behind the site's back, without a change anyone published:
    # the worker still has the markup and looks nothing up.
    sizes.delete()
    assert picture_urls(client.get(article.url)) == first
    assert not sizes.exists()
    # Any change to content (here, what every publish does) cuts them again.
    page_cache.clear()
    response = client.get(article.url)
    files = {rendition.url for rendition in sizes.all()}
    assert set(picture_urls(response)) <= files
    shared = BeautifulSoup(response.content, "html.parser").find("meta", property="og:image")
    assert urlsplit(shared["content"]).path in files


def test_picture_markup_follows_the_alt_text(client, tree):
    image = ImageFactory()
    pages = [
        ArticlePageFactory(
            parent=tree.news_index.sv, slug=f"bild-{alt}", hero_image=image, hero_image_alt=alt
        )
        for alt in ("Hamnen", "Skogen")
    ]
    alts = [
        BeautifulSoup(client.get(page.url).content, "html.parser").select_one("main picture img")[
            "alt"
        ]
        for page in pages
    ]
    assert alts == ["Hamnen", "Skogen"]


def footer_text(client, url):
    page = BeautifulSoup(client.get(url).content, "html.parser")
    return page.select_one("footer").get_text(" ", strip=True)


def test_the_footer_is_rendered_once_per_language_until_content_changes(client, tree):
    home = tree.home.sv
    type(home).objects.filter(pk=home.pk).update(contact_email="forr@example.org")
    page_cache.clear()
    assert "forr@example.org" in footer_text(client, tree.standard.sv.url)
    # Changed without a publish: every page of the language keeps the footer it had.
    type(home).objects.filter(pk=home.pk).update(contact_email="nu@example.org")
    assert "forr@example.org" in footer_text(client, tree.article.sv.url)
    # In another language it is a footer of its own.
    assert footer_text(client, tree.standard["fi"].url) != footer_text(client, tree.standard.sv.url)
    page_cache.clear()
    assert "nu@example.org" in footer_text(client, tree.article.sv.url)


def menu_marks(client, url):
    page = BeautifulSoup(client.get(url).content, "html.parser")
    return {a.get_text(): a.get("aria-current") for a in page.select(".main-nav a")}


def test_the_kept_menu_marks_each_page_where_it_lies(client, tree):
    Page.objects.filter(pk__in=[tree.standard.sv.pk, tree.project_index.sv.pk]).update(
        show_in_menus=True
    )
    page_cache.clear()
    about, projects = tree.standard.sv.title, tree.project_index.sv.title
    for _ in range(2):  # the second time from what the worker kept
        on_about = menu_marks(client, tree.standard.sv.url)
        on_project = menu_marks(client, tree.ongoing_project.sv.url)
        on_home = menu_marks(client, tree.home.sv.url)
        assert on_about[about] == "page" and on_about[projects] is None
        assert on_project[projects] == "true" and on_project[about] is None
        assert set(on_home.values()) == {None}
