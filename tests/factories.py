"""Factories for the pages, snippets, images and booking questions the tests build."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from forms.models import FormField, FormPage
from home.models import HomePage, StandardPage
from news.models import ArticlePage, NewsIndexPage
from projects.models import (
    FocusArea,
    FundingProgramme,
    Organisation,
    ProjectFocusArea,
    ProjectIndexPage,
    ProjectKeyFigure,
    ProjectPage,
    ProjectPartner,
)


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


class OrganisationFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = "company"
    city = "Umeå"
    country = "SE"
    nuts_code = "SE331"
    locale = factory.LazyFunction(lambda: locale("sv"))

    class Meta:
        model = Organisation


class FundingProgrammeFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Program {n}")
    slug = factory.Sequence(lambda n: f"program-{n}")
    fund = "ERDF"
    period_start = 2021
    period_end = 2027
    locale = factory.LazyFunction(lambda: locale("sv"))

    class Meta:
        model = FundingProgramme


class FocusAreaFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Tema {n}")
    slug = factory.Sequence(lambda n: f"tema-{n}")
    locale = factory.LazyFunction(lambda: locale("sv"))

    class Meta:
        model = FocusArea


class ProjectIndexPageFactory(wagtail_factories.PageFactory):
    title = "Testprojekt"
    slug = factory.Sequence(lambda n: f"testprojekt-{n}")
    intro = "Projekt för tester."

    class Meta:
        model = ProjectIndexPage


class ProjectPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Projekt {n}")
    slug = factory.Sequence(lambda n: f"projekt-{n}")
    summary = "Ett projekt som finns för att testerna ska ha något att visa."
    start_date = datetime.date(2020, 1, 1)
    end_date = datetime.date(2022, 12, 31)
    currency = "EUR"
    total_budget = Decimal(1_000_000)
    eu_contribution = Decimal(600_000)
    cofinancing_rate = Decimal(60)

    class Meta:
        model = ProjectPage


def add_partners(project, organisations, lead=True):
    """Partner rows in the given order; the first is the lead partner when `lead`."""
    for order, organisation in enumerate(organisations):
        role = "lead" if lead and order == 0 else "partner"
        ProjectPartner.objects.create(
            project=project, organisation=organisation, role=role, sort_order=order
        )


def add_focus_areas(project, areas):
    for order, area in enumerate(areas):
        ProjectFocusArea.objects.create(project=project, focus_area=area, sort_order=order)


def add_key_figures(project, count):
    for order in range(count):
        ProjectKeyFigure.objects.create(
            project=project, number=order + 1, unit="st", label=f"Tal {order}", sort_order=order
        )


class FormPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Formulär {n}")
    slug = factory.Sequence(lambda n: f"formular-{n}")
    intro = "Ett formulär för tester."
    costs_notice = "Besökare betalar sina egna kostnader."
    privacy_text = "Vi sparar uppgifterna i ett år."
    to_address = "staff@example.com"

    class Meta:
        model = FormPage


class FormFieldFactory(factory.django.DjangoModelFactory):
    label = factory.Sequence(lambda n: f"Fråga {n}")
    field_type = "singleline"
    required = False

    class Meta:
        model = FormField
