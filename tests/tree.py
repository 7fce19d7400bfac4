"""The small trilingual site every test runs against, built once per test session.

Swedish pages and snippets are made with factories and translated into Finnish and English
through wagtail-localize, from a PO file filled in the way a translator's file arrives.
Tests reach pages, snippets and booking questions through the handles of `Tree`, never
through the wording of the demo content, so editing a demo sentence breaks no test here.

    home ─┬─ standard                       (also the footer's privacy and accessibility page)
          ├─ project_index ─┬─ ongoing_project     (lead partner in SE, partner in FI)
          │                 └─ finished_project    (one Swedish partner, another programme)
          ├─ news_index ─┬─ article                (about ongoing_project, hero image)
          │              └─ older_article          (about finished_project)
          └─ booking                                (the visit booking form, QUESTIONS)
"""

import datetime
from dataclasses import dataclass, fields
from decimal import Decimal

from django.test import Client
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Collection, Page, Site
from wagtail_localize.models import Translation, TranslationSource

from news.models import ArticleRelatedProject

from . import factories as f

LANGUAGES = ("sv", "fi", "en")
SITE_NAME = "Testsajten"
TARGETS = ("fi", "en")

# Booking questions by handle: (clean_name, field_type, required, sv label, sv choices).
# Tests post answers under QUESTIONS[handle].clean_name.
QUESTION_SPECS = {
    "aim": ("aim", "radio", True, "Syfte", "Affärer\nStudiebesök\nAnnat"),
    "aim_details": ("aim_details", "multiline", True, "Beskriv syftet", ""),
    "focus_areas": ("focus_areas", "checkboxes", False, "Fokus", "Energi\nVatten\nBatterier"),
    "companies": ("companies", "multiline", False, "Företag att träffa", ""),
    "wishes": ("wishes", "multiline", False, "Önskemål", ""),
    "dates": ("dates", "preferred_dates", True, "Datum", ""),
    "group_size": ("group_size", "group_size", True, "Antal deltagare", ""),
    "participants": ("participants", "participants", False, "Deltagare", ""),
    "name": ("name", "singleline", True, "Ditt namn", ""),
    "email": ("email", "email", True, "Din e-postadress", ""),
    "message": ("message", "multiline", False, "Meddelande", ""),
}


@dataclass(frozen=True)
class Question:
    clean_name: str
    field_type: str


QUESTIONS = {
    handle: Question(clean_name, field_type)
    for handle, (clean_name, field_type, *_rest) in QUESTION_SPECS.items()
}


class Family(dict):
    """One page or snippet in every language: family["fi"] is its Finnish translation."""

    @property
    def sv(self):
        return self["sv"]


@dataclass
class Tree:
    home: Family
    standard: Family
    project_index: Family
    ongoing_project: Family
    finished_project: Family
    news_index: Family
    article: Family
    older_article: Family
    booking: Family
    programme: Family
    other_programme: Family
    focus_area: Family
    other_focus_area: Family
    lead_partner: Family
    finnish_partner: Family

    @classmethod
    def load(cls, keys):
        """Fresh objects for one test, from the translation keys the session build recorded."""
        wanted = {}
        for field in fields(cls):
            model, translation_key = keys[field.name]
            queryset = model.objects.filter(translation_key=translation_key)
            if issubclass(model, Page):
                queryset = queryset.specific()
            wanted[field.name] = Family(
                (item.locale.language_code, item) for item in queryset.select_related("locale")
            )
        return cls(**wanted)


def translation_text(text, language):
    """What the test translator writes for a Swedish string: marked with its language."""
    return f"{text} ({language})"


def translate(instance, strings=None):
    """Translate `instance` into Finnish and English through wagtail-localize.

    A PO file is exported for each language and filled in: strings found in
    `strings[language]` get that translation, others get `translation_text`. Slugs get the
    language as a suffix so each language has its own URLs.
    """
    strings = strings or {}
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    slug = getattr(instance, "slug", None)
    for language in TARGETS:
        locale = f.locale(language)
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale
        )
        po = translation.export_po()
        given = strings.get(language, {})
        for entry in po:
            if entry.msgid in given:
                entry.msgstr = given[entry.msgid]
            elif slug and entry.msgid == slug:
                entry.msgstr = slugify(f"{slug}-{language}")
            else:
                entry.msgstr = translation_text(entry.msgid, language)
        translation.import_po(po)
        translation.save_target(publish=True)
    return instance


def _titles(sv, fi, en):
    return {"fi": {sv: fi}, "en": {sv: en}}


def build():
    """Build the tree in the test database and return the keys `Tree.load` needs."""
    for language in LANGUAGES:
        f.locale(language)
    today = timezone.localdate()

    # After a test that emptied the database there is not even a root page or collection.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=f.locale("sv"))
    )
    image = f.ImageFactory(title="Testbild")
    home = f.HomePageFactory(
        parent=root,
        title="Cleantech testhem",
        slug="testhem",
        intro="Startsidans ingress om vindkraft.",
        contact_heading="Testorganisationen",
        contact_email="kontakt@example.se",
    )
    for page in root.get_children().exclude(pk=home.pk):
        page.delete()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "testserver", "port": 80, "root_page": home, "site_name": SITE_NAME},
    )
    standard = f.StandardPageFactory(
        parent=home, title="Om oss", slug="om-oss", intro="Vilka vi är."
    )
    home.privacy_page = standard
    home.accessibility_page = standard
    home.save_revision().publish()

    programme = f.FundingProgrammeFactory(name="Interreg Norr", slug="interreg-norr")
    other_programme = f.FundingProgrammeFactory(name="Botnia-Atlantica", slug="botnia-atlantica")
    focus_area = f.FocusAreaFactory(name="Vindkraft", slug="vindkraft")
    other_focus_area = f.FocusAreaFactory(name="Vätgas", slug="vatgas")
    lead_partner = f.OrganisationFactory(name="Umeå energi", country="SE", city="Umeå")
    finnish_partner = f.OrganisationFactory(
        name="Vasa stad", country="FI", city="Vasa", nuts_code="FI195"
    )
    for snippet in (
        programme,
        other_programme,
        focus_area,
        other_focus_area,
        lead_partner,
        finnish_partner,
    ):
        translate(snippet)

    project_index = f.ProjectIndexPageFactory(
        parent=home, title="Projekt", slug="projekt", intro="Våra projekt."
    )
    ongoing = f.ProjectPageFactory(
        parent=project_index,
        title="Vindkraft över gränsen",
        slug="vindkraft-over-gransen",
        summary="Ett pågående projekt om vindkraft i två länder.",
        start_date=today - datetime.timedelta(days=400),
        end_date=today + datetime.timedelta(days=400),
        programme=programme,
        eu_fund="ERDF",
        hero_image=image,
        hero_image_alt="En vindkraftspark vid kusten i motljus.",
    )
    f.add_partners(ongoing, [lead_partner, finnish_partner])
    f.add_focus_areas(ongoing, [focus_area])
    f.add_key_figures(ongoing, 2)
    ongoing.save_revision().publish()
    finished = f.ProjectPageFactory(
        parent=project_index,
        title="Vätgas i hamnen",
        slug="vatgas-i-hamnen",
        summary="Ett avslutat projekt om vätgas.",
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2021, 12, 31),
        programme=other_programme,
        total_budget=Decimal(500_000),
        eu_contribution=Decimal(250_000),
        cofinancing_rate=Decimal(50),
    )
    f.add_partners(finished, [lead_partner])
    f.add_focus_areas(finished, [other_focus_area])
    finished.save_revision().publish()

    news_index = f.NewsIndexPageFactory(
        parent=home, title="Nyheter", slug="nyheter", intro="Det senaste."
    )
    article = f.ArticlePageFactory(
        parent=news_index,
        title="Vindkraften växer",
        slug="vindkraften-vaxer",
        lead="Projektet har byggt sina första verk.",
        date=today - datetime.timedelta(days=10),
        author="Anna Skribent",
        photographer="Per Fotograf",
        hero_image=image,
        hero_image_alt="Två vindkraftverk mot en blå himmel.",
    )
    ArticleRelatedProject.objects.create(article=article, project=ongoing, sort_order=0)
    article.save_revision().publish()
    older_article = f.ArticlePageFactory(
        parent=news_index,
        title="Vätgasen testad",
        slug="vatgasen-testad",
        lead="Hamnen provade vätgas ett år.",
        date=datetime.date(2021, 6, 1),
        author="Anna Skribent",
    )
    ArticleRelatedProject.objects.create(article=older_article, project=finished, sort_order=0)
    older_article.save_revision().publish()

    booking = f.FormPageFactory(
        parent=home,
        title="Boka besök",
        slug="boka-besok",
        to_address="staff@example.com",
        privacy_page=standard,
    )
    for order, (clean_name, field_type, required, label, choices) in enumerate(
        QUESTION_SPECS.values()
    ):
        f.FormFieldFactory(
            page=booking,
            sort_order=order,
            clean_name=clean_name,
            field_type=field_type,
            required=required,
            label=label,
            choices=choices,
        )
    booking.save_revision().publish()

    pages = {
        "home": home,
        "standard": standard,
        "project_index": project_index,
        "ongoing_project": ongoing,
        "finished_project": finished,
        "news_index": news_index,
        "article": article,
        "older_article": older_article,
        "booking": booking,
    }
    # Parents before children: a translation needs its parent's translation.
    for page in pages.values():
        translate(page)
    snippets = {
        "programme": programme,
        "other_programme": other_programme,
        "focus_area": focus_area,
        "other_focus_area": other_focus_area,
        "lead_partner": lead_partner,
        "finnish_partner": finnish_partner,
    }
    return {
        name: (type(item), item.translation_key) for name, item in {**pages, **snippets}.items()
    }


def warm_renditions(tree):
    """Render every page once, so the image renditions they use exist for the whole session."""
    client = Client()
    for field in fields(tree):
        family = getattr(tree, field.name)
        for item in family.values():
            if isinstance(item, Page):
                client.get(item.url)
