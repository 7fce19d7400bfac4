"""A project with every fact filled in, and its follow-up, translated into Finnish and English.

The tree's two projects keep the shared tree small; the facts they leave out (a showcase
distinction, co-financiers, a contact person, dates known only by year, a budget in SEK,
a coordinator, a follow-up project without EU funding, led by a cross-border body that
belongs to no country) are built here by the tests of the
project page, its structured data and the open-data exports that need them.
"""

import datetime
from decimal import Decimal

from django.test import TestCase

from projects.models import ProjectCoFinancier, ProjectPage, ProjectPartner

from .factories import OrganisationFactory, ProjectPageFactory
from .tree import Family, translate


def family(page):
    """`page` in every language it has, fresh from the database."""
    return family_of(type(page), page.translation_key)


def family_of(model, translation_key):
    translations = model.objects.filter(translation_key=translation_key).select_related(
        "locale", "programme"
    )
    return Family((item.locale.language_code, item) for item in translations)


def translate_and_publish(page):
    """Translate `page` into Finnish and English and publish the translations.

    wagtail-localize publishes a page translation when the transaction commits; a test's
    transaction never does, so the callbacks are run here."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        translate(page)
    return family(page)


def build_showcase(tree):
    """(showcase, follow_up): two new project families under the tree's project index."""
    showcase = ProjectPageFactory(
        parent=tree.project_index.sv,
        title="Skyltfönster för solenergi",
        slug="skyltfonster",
        summary="Företag i två länder, bland dem en stad, byggde solparker tillsammans.",
        start_date=datetime.date(2015, 1, 1),
        end_date=datetime.date(2018, 12, 31),
        date_precision="year",
        programme=tree.programme.sv,
        currency="SEK",
        total_budget=Decimal(27_000_000),
        eu_contribution=None,
        cofinancing_rate=None,
        region="Kusten",
        showcase_distinction="Ett EU-skyltfönsterprojekt",
        showcase_reason="Utvalt av kommissionen för sina resultat.",
        contact_name="Karin Kontaktperson",
        contact_role="Projektledare",
        contact_email="karin@example.se",
        hero_image=tree.ongoing_project.sv.hero_image,
        hero_image_alt="Solpaneler på ett tak i snö.",
    )
    for order, (organisation, role) in enumerate(
        [(tree.finnish_partner.sv, "coordinator"), (tree.lead_partner.sv, "partner")]
    ):
        ProjectPartner.objects.create(
            project=showcase, organisation=organisation, role=role, sort_order=order
        )
    for order, organisation in enumerate([tree.lead_partner.sv, tree.finnish_partner.sv]):
        ProjectCoFinancier.objects.create(
            project=showcase, organisation=organisation, sort_order=order
        )
    showcase.save_revision().publish()
    showcase_family = translate_and_publish(showcase)

    follow_up = ProjectPageFactory(
        parent=tree.project_index.sv,
        title="Solenergi vidare",
        slug="solenergi-vidare",
        start_date=None,
        end_date=None,
        programme=None,
        eu_fund="",
        total_budget=None,
        eu_contribution=None,
        cofinancing_rate=None,
        predecessor=ProjectPage.objects.get(pk=showcase.pk),
    )
    cross_border = OrganisationFactory(
        name="Gränsrådet", kind="region", country="", nuts_code="", city=""
    )
    translate(cross_border)
    ProjectPartner.objects.create(project=follow_up, organisation=cross_border, role="coordinator")
    follow_up.save_revision().publish()
    return showcase_family, translate_and_publish(follow_up)
