"""Factories for the pages and images the tests build."""

import datetime

import factory
import wagtail_factories
from wagtail.models import Locale

from home.models import HomePage, StandardPage
from news.models import ArticlePage, NewsIndexPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Testhem"
    slug = factory.Sequence(lambda n: f"testhem-{n}")
    intro = "En startsida för tester."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Sida {n}")
    slug = factory.Sequence(lambda n: f"sida-{n}")
    intro = "En vanlig sida."

    class Meta:
        model = StandardPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Nyhetsarkiv {n}")
    slug = factory.Sequence(lambda n: f"nyhetsarkiv-{n}")
    intro = "Nyheter för tester."

    class Meta:
        model = NewsIndexPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Artikel {n}")
    slug = factory.Sequence(lambda n: f"artikel-{n}")
    lead = "En ingress för tester."
    date = datetime.date(2024, 5, 1)

    class Meta:
        model = ArticlePage


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Bild {n}")


def locale(code):
    return Locale.objects.get_or_create(language_code=code)[0]
