"""Factories for the pages and images the tests build."""

import factory
import wagtail_factories
from wagtail.models import Locale

from home.models import HomePage, StandardPage


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


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Bild {n}")


def locale(code):
    return Locale.objects.get_or_create(language_code=code)[0]
