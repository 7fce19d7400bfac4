"""Factories for project pages and the snippets they refer to."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

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

from .factories import locale


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
