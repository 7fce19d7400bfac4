"""Add many projects, articles and organisations to the demo site, or take them away again.

    manage.py scale_demo --projects 200 --articles 500 --organisations 300
    manage.py scale_demo --remove

For benchmarks: a page that is fast with five projects must stay fast with two hundred.
The texts are combined from the words and sentences in demo/scale.yaml, which has each of
them in Swedish, Finnish and English, so every object exists in all three languages, as
translations of one Swedish source (one translation key per family, like the demo).

Marked, so it can be removed exactly: every object made here has a translation key that
begins with MARK, and nothing else has (keys are random UUIDs or, for the demo, UUIDs of
version 5). Keys are made from the object's number, so running the command again adds only
what is missing: it is idempotent, and a larger count adds the difference.

Fast, because treebeard's one-page-at-a-time insertion with revisions and wagtail-localize's
translation workflow take about half a second per page (twenty minutes for 200 projects and
500 articles in three languages). The pages are written the way Wagtail leaves a published
page: tree paths computed here from the parent's last child, the page rows in bulk, each
page type's own row inserted raw, the search index filled in bulk afterwards. They have no
revisions and no wagtail-localize translation records: public pages read neither, and an
editor who opens one gets its current content, as for any page without revisions. The page
cache is cleared at the end, since bulk writes send none of the signals that would.
"""

import datetime
import uuid
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import yaml
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.utils import timezone
from wagtail.coreutils import cautious_slugify
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, get_translatable_models
from wagtail.search.backends import get_search_backend
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail_localize.models import handle_translation_on_delete

from cleantech_site import page_cache
from home.management.commands.load_demo_content import DEMO_FOLDER, paragraphs
from news.models import ArticlePage, ArticleRelatedProject, NewsIndexPage
from projects.models import (
    FocusArea,
    FundingProgramme,
    Organisation,
    ProjectFocusArea,
    ProjectIndexPage,
    ProjectPage,
    ProjectPartner,
)

# The first group of every scaled object's translation key ("scaled"); the second names
# the kind of object, the last its number.
MARK = "5ca1ed00"
KINDS = {"organisation": 1, "project": 2, "article": 3, "partner": 4, "focus": 5}


def scaled_key(kind, number):
    return uuid.UUID(f"{MARK}-{KINDS[kind]:04x}-4000-8000-{number:012x}")


def scaled(queryset):
    return queryset.filter(translation_key__startswith=MARK)


def fill(template, language, parts):
    """A sentence of demo/scale.yaml in `language`, its braces filled from `parts`."""
    values = {name: value[language] for name, value in parts.items()}
    values.update({name.capitalize(): text[:1].upper() + text[1:] for name, text in values.items()})
    return template[language].format(**values)


class Scaler:
    """Makes the scaled objects a database lacks, in every content language."""

    def __init__(self, words):
        self.words = words
        codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
        self.source = Locale.get_default()
        others = Locale.objects.filter(language_code__in=codes).exclude(pk=self.source.pk)
        self.locales = [self.source, *others]
        self.languages = {locale.pk: locale.language_code for locale in self.locales}
        missing = set(codes) - set(self.languages.values())
        if missing:
            raise CommandError(f"Load the demo content first: no locale for {sorted(missing)}.")
        self.now = timezone.now()
        self.created = 0

    def text(self, template, locale, parts):
        return fill(template, self.languages[locale.pk], parts)

    def pick(self, number, choices):
        return choices[number % len(choices)]

    # Snippets

    def organisations(self, count):
        existing = set(scaled(Organisation.objects).values_list("translation_key", flat=True))
        stems, words = self.words["organisation_stems"], self.words["organisation_words"]
        rows = []
        for number in range(count):
            key = scaled_key("organisation", number)
            if key in existing:
                continue
            place = self.pick(number * 7, self.words["places"])
            name = f"{self.pick(number, stems)} {self.pick(number // len(stems), words)}"
            if number >= len(stems) * len(words):
                name += f" {number // (len(stems) * len(words)) + 1}"
            name += f" {self.words['legal_forms'][place['country']]}"
            for locale in self.locales:
                rows.append(
                    Organisation(
                        locale=locale,
                        translation_key=key,
                        name=name,
                        kind=Organisation.Kind.COMPANY,
                        city=place[self.languages[locale.pk]],
                        country=place["country"],
                        nuts_code=place["nuts"],
                        website=f"https://www.{cautious_slugify(name)}.example/",
                    )
                )
        Organisation.objects.bulk_create(rows)
        self.index(Organisation, rows)
        self.created += len(rows)
        return self.by_key(scaled(Organisation.objects))

    def by_key(self, queryset):
        """{translation key: {locale id: object}}"""
        found = {}
        for instance in queryset:
            found.setdefault(instance.translation_key, {})[instance.locale_id] = instance
        return found

    def translated_snippets(self, model):
        """The demo's snippets of `model`, each as {locale id: snippet}."""
        return [
            translations
            for translations in self.by_key(model.objects.all()).values()
            if self.source.pk in translations and len(translations) == len(self.locales)
        ]

    # Pages

    def index_pages(self, model):
        """The demo's index page of `model` in each language, by locale id."""
        source = model.objects.filter(locale=self.source).first()
        if source is None:
            raise CommandError(f"Load the demo content first: it has no {model.__name__}.")
        return {page.locale_id: page for page in source.get_translations(inclusive=True).specific()}

    def add_pages(self, parent, pages):
        """Append `pages` (unsaved, of one page type) as the last children of `parent`."""
        if not pages:
            return
        model = type(pages[0])
        content_type = ContentType.objects.get_for_model(model)
        last = parent.get_last_child()
        step = Page._str2int(last.path[-Page.steplen :]) if last else 0
        for page in pages:
            step += 1
            page.path = Page._get_path(parent.path, parent.depth + 1, step)
            page.depth = parent.depth + 1
            page.numchild = 0
            page.url_path = f"{parent.url_path}{page.slug}/"
            page.draft_title = page.title
            page.content_type = content_type
            page.live = True
            page.has_unpublished_changes = False
            page.first_published_at = page.last_published_at = self.now
        base_fields = [field.attname for field in Page._meta.concrete_fields if field.name != "id"]
        rows = Page.objects.bulk_create(
            [Page(**{name: getattr(page, name) for name in base_fields}) for page in pages]
        )
        for page, row in zip(pages, rows, strict=True):
            page.id = page.page_ptr_id = row.id
            page.save_base(raw=True, force_insert=True)
        Page.objects.filter(pk=parent.pk).update(numchild=models.F("numchild") + len(pages))
        parent.numchild += len(pages)
        self.index(model, pages)
        self.created += len(pages)

    def index(self, model, instances):
        if instances:
            get_search_backend().add_bulk(model, instances)

    def body(self, locale, parts):
        paragraph_texts = [self.text(p, locale, parts) for p in self.words["paragraphs"]]
        heading = self.pick(int(parts["number"]["sv"]), self.words["headings"])
        heading = self.text(heading, locale, {})
        return [
            ("paragraph", paragraphs(paragraph_texts[:2])),
            ("heading", {"text": heading}),
            ("paragraph", paragraphs(paragraph_texts[2:])),
        ]

    def parts(self, number, organisations):
        """The pieces a generated text is made of, in every language."""
        keys = sorted(organisations)
        name = organisations[self.pick(number, keys)][self.source.pk].name if keys else ""
        return {
            "topic": self.pick(number, self.words["topics"]),
            "place": self.pick(number // 3, self.words["places"]),
            "organisation": dict.fromkeys(self.languages.values(), name),
            "number": dict.fromkeys(self.languages.values(), str(12 + number * 7 % 180)),
        }

    def naming(self, titles, number, key, locale, parts):
        """A page's title, slug, language and translation key."""
        title = self.text(self.pick(number, titles), locale, parts)
        return {
            "locale": locale,
            "translation_key": key,
            "title": title,
            "slug": f"{cautious_slugify(title)}-{number + 1}",
        }

    def projects(self, count, organisations):
        indexes = self.index_pages(ProjectIndexPage)
        existing = set(scaled(ProjectPage.objects).values_list("translation_key", flat=True))
        programmes = self.translated_snippets(FundingProgramme)
        focus_areas = self.translated_snippets(FocusArea)
        images = list(get_image_model().objects.order_by("pk"))
        org_keys = sorted(organisations)
        new = {locale.pk: [] for locale in self.locales}
        links = []  # (project key, locale id, row)
        for number in range(count):
            key = scaled_key("project", number)
            if key in existing:
                continue
            parts = self.parts(number, organisations)
            start = datetime.date(2015 + number % 10, 1 + number % 12, 1)
            total = Decimal(200_000 + (number * 37_000) % 3_000_000)
            image = self.pick(number, images) if images and number % 3 == 0 else None
            programme = self.pick(number, programmes) if programmes else None
            for locale in self.locales:
                page = ProjectPage(
                    **self.naming(self.words["project_titles"], number, key, locale, parts),
                    summary=self.text(self.pick(number, self.words["summaries"]), locale, parts),
                    start_date=start,
                    end_date=start.replace(year=start.year + 3) - datetime.timedelta(days=1),
                    programme=programme[locale.pk] if programme else None,
                    reference=f"S{number + 1:05d}",
                    total_budget=total,
                    eu_contribution=total * Decimal("0.6"),
                    cofinancing_rate=Decimal(60),
                    region=parts["place"][self.languages[locale.pk]],
                    results=paragraphs([self.text(self.words["paragraphs"][1], locale, parts)]),
                    body=self.body(locale, parts),
                    hero_image=image,
                    contact_name=self.pick(number, self.words["authors"]),
                )
                page.hero_image_alt = page.title if image else ""
                new[locale.pk].append(page)
                for position in range(3 if org_keys else 0):
                    organisation = organisations[self.pick(number + position * 11, org_keys)]
                    links.append(
                        ProjectPartner(
                            project=page,
                            organisation=organisation[locale.pk],
                            role="lead" if position == 0 else "partner",
                            sort_order=position,
                            locale=locale,
                            translation_key=scaled_key("partner", number * 16 + position),
                        )
                    )
                for position in range(2 if focus_areas else 0):
                    area = self.pick(number + position * 3, focus_areas)
                    links.append(
                        ProjectFocusArea(
                            project=page,
                            focus_area=area[locale.pk],
                            sort_order=position,
                            locale=locale,
                            translation_key=scaled_key("focus", number * 16 + position),
                        )
                    )
        for locale_id, pages in new.items():
            self.add_pages(indexes[locale_id], pages)
        for row in links:
            row.project_id = row.project.pk
        ProjectPartner.objects.bulk_create([r for r in links if isinstance(r, ProjectPartner)])
        ProjectFocusArea.objects.bulk_create([r for r in links if isinstance(r, ProjectFocusArea)])
        return self.by_key(scaled(ProjectPage.objects))

    def articles(self, count, organisations, projects):
        indexes = self.index_pages(NewsIndexPage)
        existing = set(scaled(ArticlePage.objects).values_list("translation_key", flat=True))
        images = list(get_image_model().objects.order_by("pk"))
        project_keys = sorted(projects)
        new = {locale.pk: [] for locale in self.locales}
        links = []
        today = timezone.localdate()
        for number in range(count):
            key = scaled_key("article", number)
            if key in existing:
                continue
            parts = self.parts(number, organisations)
            image = self.pick(number, images) if images and number % 2 == 0 else None
            project = projects[self.pick(number, project_keys)] if project_keys else None
            for locale in self.locales:
                page = ArticlePage(
                    **self.naming(self.words["article_titles"], number, key, locale, parts),
                    date=today - datetime.timedelta(days=3 * number + 1),
                    lead=self.text(self.pick(number, self.words["leads"]), locale, parts),
                    author=self.pick(number, self.words["authors"]),
                    body=self.body(locale, parts),
                    hero_image=image,
                )
                page.hero_image_alt = page.title if image else ""
                new[locale.pk].append(page)
                if project:
                    links.append(ArticleRelatedProject(article=page, project=project[locale.pk]))
        for locale_id, pages in new.items():
            self.add_pages(indexes[locale_id], pages)
        for row in links:
            row.article_id = row.article.pk
        ArticleRelatedProject.objects.bulk_create(links)

    def run(self, projects, articles, organisations):
        with transaction.atomic(), disable_reference_index_auto_update():
            found = self.organisations(organisations)
            made = self.projects(projects, found)
            self.articles(articles, found, made)
        page_cache.clear()
        return self.created


@contextmanager
def no_translation_cleanup():
    """Skip wagtail-localize's clean-up after each deleted object: it looks for translation
    records, a few queries per object, and scaled objects have none."""
    models_with_cleanup = get_translatable_models()
    for model in models_with_cleanup:
        post_delete.disconnect(handle_translation_on_delete, sender=model)
    try:
        yield
    finally:
        for model in models_with_cleanup:
            post_delete.connect(handle_translation_on_delete, sender=model)


def remove():
    """Delete every scaled object; returns how many pages and organisations went."""
    with (
        transaction.atomic(),
        no_translation_cleanup(),
        disable_reference_index_auto_update(),
    ):
        pages = scaled(Page.objects.all())
        parents = {path[: -Page.steplen] for path in pages.values_list("path", flat=True)}
        # Wagtail unpublishes each live page before deleting it, with its own signals and
        # log entries; the page cache is cleared once at the end instead.
        pages.update(live=False)
        # Every scaled page is a leaf: Django's own delete is enough, and it avoids
        # treebeard's one condition per page, which SQLite cannot take by the thousand.
        page_count = models.QuerySet.delete(pages)[1].get("wagtailcore.Page", 0)
        for parent in Page.objects.filter(path__in=parents):
            Page.objects.filter(pk=parent.pk).update(numchild=parent.get_children().count())
        organisation_count = (
            scaled(Organisation.objects.all()).delete()[1].get(Organisation._meta.label, 0)
        )
    page_cache.clear()
    return page_count, organisation_count


class Command(BaseCommand):
    help = (
        "Add generated projects, articles and organisations in every language to the demo "
        "site, for benchmarks; --remove takes them away again. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--projects", type=int, default=200)
        parser.add_argument("--articles", type=int, default=500)
        parser.add_argument("--organisations", type=int, default=300)
        parser.add_argument(
            "--remove", action="store_true", help="Delete everything this command added."
        )

    def handle(self, *args, **options):
        if options["remove"]:
            pages, organisations = remove()
            self.stdout.write(f"Removed {pages} pages and {organisations} organisations.")
            return
        path = Path(DEMO_FOLDER) / "scale.yaml"
        try:
            words = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        created = Scaler(words).run(
            options["projects"], options["articles"], options["organisations"]
        )
        self.stdout.write(f"Added {created} objects (pages and organisations, all languages).")
