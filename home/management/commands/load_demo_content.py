"""Load the demo site from the data files in demo/ at the top of the repository.

demo/content.yaml holds the Swedish source: the default site, the pictures (files in
demo/images/, drawn once by demo/draw_images.py), the snippets and the page tree.
demo/locale/<language>.po holds each other language. Every page and snippet is made in
Swedish and then translated the way a translator's work arrives: wagtail-localize exports
the object's strings, they are filled in from the PO file, imported and published.

Nothing that exists is changed. A page is found by its translation key or by its slug
under its parent, a snippet by its translation key or code, a picture by its title; an
object that exists only lacks the translations that are missing. Running the command
again creates nothing and keeps editors' changes.

No automatic redirects: wagtail-localize makes a translated page as a copy of the Swedish
one, under the Swedish slug, and then gives it the translated slug. Wagtail sees a slug
change and would record redirects from addresses that were never published, so its
redirect handler is switched off while the command runs.
"""

import uuid
from contextlib import contextmanager
from html import escape
from pathlib import Path

import polib
import yaml
from django.apps import apps
from django.conf import settings
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Q
from wagtail.blocks import RichTextBlock, StructBlock
from wagtail.contrib.redirects.signal_handlers import autocreate_redirects_on_slug_change
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.images.models import AbstractImage
from wagtail.models import (
    Collection,
    Locale,
    Orderable,
    Page,
    ReferenceIndex,
    Site,
    TranslatableMixin,
)
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_slug_changed
from wagtail_localize.models import Translation, TranslationSource

from home.navigation import site_address

DEMO_FOLDER = Path(settings.BASE_DIR) / "demo"

# Demo objects get translation keys made from their keys in content.yaml, so they are
# found again after an editor renamed them.
NAMESPACE = uuid.UUID("5d0c6f7e-2f4b-4b8e-9a51-3c1e0f6a2b77")


def paragraphs(texts):
    """Rich text of one paragraph per text."""
    return "".join(f"<p>{escape(text, quote=False)}</p>" for text in texts)


@contextmanager
def no_automatic_redirects():
    """Keep Wagtail from recording redirects for the slugs translations start with."""
    page_slug_changed.disconnect(autocreate_redirects_on_slug_change)
    try:
        yield
    finally:
        page_slug_changed.connect(autocreate_redirects_on_slug_change)


class Loader:
    """Reads the demo's data files and makes what the database lacks."""

    def __init__(self, folder, stdout):
        self.folder = folder
        self.stdout = stdout
        self.data = self.read_content(folder / "content.yaml")
        self.catalogues = {
            code: self.read_catalogue(folder / "locale" / f"{code}.po")
            for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
            if code != self.data["language"]
        }
        self.known = {}  # (kind, key) -> object, kind: "image", "page" or a snippet model
        self.deferred = []  # (page key, field name, page key): links to pages made later
        self.deferred_rows = []  # (page key, relation name, rows): rows that link such pages
        self.to_translate = []  # sources in the order they must be translated
        self.created = 0

    @staticmethod
    def read_content(path):
        try:
            with path.open(encoding="utf-8") as file:
                return yaml.safe_load(file)
        except (OSError, yaml.YAMLError) as error:
            raise CommandError(f"Cannot read the demo content: {error}") from error

    @staticmethod
    def read_catalogue(path):
        if not path.is_file():  # polib would read the path itself as a catalogue
            raise CommandError(f"Cannot read {path}: there is no such file.")
        try:
            catalogue = polib.pofile(str(path))
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        return {entry.msgid: entry.msgstr for entry in catalogue.translated_entries()}

    def run(self):
        self.source = Locale.objects.get_or_create(language_code=self.data["language"])[0]
        self.locales = {
            code: Locale.objects.get_or_create(language_code=code)[0] for code in self.catalogues
        }
        for key, spec in self.data["images"].items():
            self.image(key, spec)
        for label, entries in self.data["snippets"].items():
            model = apps.get_model(label)
            for key, fields in entries.items():
                self.snippet(model, key, fields)
        home = self.home(self.data["pages"])
        self.link_deferred_pages()
        for instance in self.to_translate:
            self.translate(instance)
        site = Site.objects.filter(root_page=home).first()
        if site is None or (site.hostname, site.port) == ("localhost", 80):
            # The site answers at the address it is served on (SITE_BASE_URL), so links
            # that leave the page (canonical, hreflang, sitemap) point there; Wagtail's
            # placeholder address (localhost:80) is replaced, an editor's choice is kept.
            where = site_address() or {"hostname": "localhost", "port": 80}
            Site.objects.update_or_create(
                is_default_site=True, defaults={**self.data["site"], **where, "root_page": home}
            )
        if self.created:
            self.update_reference_index()
        return self.created

    def update_reference_index(self):
        """Index each demo object once, rather than at each of its many saves."""
        for instance in self.known.values():
            objects = [instance]
            if isinstance(instance, Page):
                objects = instance.get_translations(inclusive=True).specific()
            elif isinstance(instance, TranslatableMixin):
                objects = instance.get_translations(inclusive=True)
            for each in objects:
                ReferenceIndex.create_or_update_for_object(each)

    def report(self, instance):
        self.created += 1
        self.stdout.write(f"  created {instance._meta.verbose_name} {str(instance)!r}")

    def translation_key(self, model, key):
        kind = "page" if issubclass(model, Page) else model._meta.model_name
        return uuid.uuid5(NAMESPACE, f"{kind}/{key}")

    # Pictures and snippets

    def image(self, key, spec):
        image_model = get_image_model()
        image = image_model.objects.filter(title=spec["title"]).first()
        if image is None:
            if Collection.get_first_root_node() is None:  # an emptied database
                Collection.add_root(name="Root")
            image = image_model(title=spec["title"], description=spec["alt"])
            path = self.folder / "images" / spec["file"]
            try:
                with path.open("rb") as file:
                    image.file = ImageFile(file, name=path.name)
                    image.save()
            except OSError as error:
                raise CommandError(f"Cannot read the demo picture {path}: {error}") from error
            self.report(image)
        self.known["image", key] = image

    def snippet(self, model, key, fields):
        translation_key = self.translation_key(model, key)
        found = Q(translation_key=translation_key)
        if "slug" in fields:
            found |= Q(slug=fields["slug"])
        instance = model.objects.filter(found, locale=self.source).first()
        if instance is None:
            values = self.values(model, fields)
            instance = model(locale=self.source, translation_key=translation_key, **values)
            instance.full_clean()
            instance.save()
            self.report(instance)
        self.known[model._meta.label_lower, key] = instance
        self.to_translate.append(instance)

    # Pages

    def home(self, spec):
        """The home page under the root of the tree, with the whole tree under it."""
        root = Page.get_first_root_node()
        if root is None:  # an emptied database has no tree at all
            root = Page.add_root(instance=Page(title="Root", slug="root", locale=self.source))
        if not self.find_page(root, spec):
            # Wagtail's migrations leave a welcome page behind: the demo replaces it.
            for placeholder in root.get_children().exact_type(Page).filter(numchild=0):
                placeholder.delete()
            root.refresh_from_db()
        return self.page(root, spec)

    def find_page(self, parent, spec):
        model = apps.get_model(spec["type"])
        translation_key = self.translation_key(model, spec["key"])
        return (
            Page.objects.filter(locale=self.source, translation_key=translation_key).first()
            or parent.get_children().filter(locale=self.source, slug=spec["slug"]).first()
        )

    def page(self, parent, spec):
        fields = {
            name: value for name, value in spec.items() if name not in ("key", "type", "children")
        }
        key = spec["key"]
        page = self.find_page(parent, spec)
        if page is None:
            model = apps.get_model(spec["type"])
            values = self.values(model, fields, owner=key)
            page = model(
                locale=self.source, translation_key=self.translation_key(model, key), **values
            )
            parent.add_child(instance=page)
            page.save_revision().publish()
            self.report(page)
        page = page.specific
        self.known["page", key] = page
        self.to_translate.append(page)
        for child in spec.get("children", []):
            self.page(page, child)
        return page

    def link_deferred_pages(self):
        """Set the links to pages made after the page that links to them, and publish."""
        changed = {}
        for owner, name, target in self.deferred:
            page = self.known["page", owner]
            setattr(page, name, self.known["page", target])
            changed[page.pk] = page
        for owner, name, rows in self.deferred_rows:
            page = self.known["page", owner]
            model = page._meta.get_field(name).related_model
            setattr(
                page, name, [self.row(model, position, row) for position, row in enumerate(rows)]
            )
            changed[page.pk] = page
        for page in changed.values():
            page.save_revision().publish()

    # Field values: references by key, rich text from paragraphs, stream blocks, rows

    def values(self, model, fields, owner=None):
        """Model field values from data; a link from page `owner` to a page not made yet
        is left for link_deferred_pages()."""
        values = {}
        for name, value in fields.items():
            field = model._meta.get_field(name)
            if field.one_to_many and owner is not None and self.links_pages(field):
                self.deferred_rows.append((owner, name, value))
            elif field.one_to_many:  # rows of a page, such as partners or form fields
                values[name] = [
                    self.row(field.related_model, position, row)
                    for position, row in enumerate(value)
                ]
            elif field.many_to_one:
                target = self.reference(field.related_model, value, later=owner is not None)
                if target is None:
                    self.deferred.append((owner, name, value))
                else:
                    values[name] = target
            elif isinstance(field, StreamField):
                blocks = [item for entry in value for item in entry.items()]
                values[name] = [self.block(field.stream_block, *item) for item in blocks]
            elif isinstance(field, RichTextField) and isinstance(value, list):
                values[name] = paragraphs(value)
            else:
                values[name] = value
        return values

    @staticmethod
    def links_pages(relation):
        """Whether a page's rows point at other pages, which may be made after it."""
        return any(
            field.many_to_one
            and field is not relation.field
            and issubclass(field.related_model, Page)
            for field in relation.related_model._meta.fields
        )

    def row(self, model, position, fields):
        values = self.values(model, fields)
        if issubclass(model, Orderable):
            values.setdefault("sort_order", position)
        return model(**values)

    def reference(self, model, key, later=False):
        """The object `key` names; None for a page not made yet if it can come `later`."""
        if issubclass(model, AbstractImage):
            kind = "image"
        elif issubclass(model, Page):
            kind = "page"
            if later and ("page", key) not in self.known:
                return None
        else:
            kind = model._meta.label_lower
        try:
            return self.known[kind, key]
        except KeyError:
            raise CommandError(f"The demo content names an unknown {kind} {key!r}") from None

    def block(self, stream_block, block_type, value):
        """A stream block from its data: a paragraph as a list of texts, a struct block as
        its fields (or one text for its first field), a picture by its key."""
        block = stream_block.child_blocks[block_type]
        if isinstance(block, RichTextBlock):
            return block_type, paragraphs(value)
        if isinstance(block, StructBlock):
            if not isinstance(value, dict):
                value = {next(iter(block.child_blocks)): value}
            given, value = value, {}
            for name, child in block.child_blocks.items():
                if name in given and isinstance(child, ImageChooserBlock):
                    value[name] = self.reference(get_image_model(), given[name])
                elif name in given or child.get_default() is not None:
                    value[name] = given.get(name, child.get_default())
        return block_type, value

    # Translations

    def translate(self, instance):
        """Translate `instance` into each language it lacks, from the PO files."""
        source = None
        for code, catalogue in self.catalogues.items():
            locale = self.locales[code]
            if instance.has_translation(locale):
                continue
            if connection.in_atomic_block:
                raise CommandError(
                    "Load the demo content outside a database transaction: wagtail-localize "
                    "publishes each translation when its transaction commits."
                )
            with transaction.atomic():
                if source is None:
                    source, _created = TranslationSource.update_or_create_from_instance(instance)
                translation, _created = Translation.objects.get_or_create(
                    source=source, target_locale=locale, defaults={"enabled": True}
                )
                po = translation.export_po()
                for entry in po:
                    try:
                        entry.msgstr = catalogue[entry.msgid]
                    except KeyError:
                        raise CommandError(
                            f"demo/locale/{code}.po has no translation of {entry.msgid!r} "
                            f"({instance._meta.verbose_name} {instance})"
                        ) from None
                translation.import_po(po)
                translation.save_target(publish=True)
            self.created += 1
            self.stdout.write(f"  created the {code} translation of {instance!s}")


class Command(BaseCommand):
    help = (
        "Build the demo site from the data files in demo/: Swedish content, with Finnish and "
        "English translations imported through wagtail-localize. Safe to run again: what "
        "exists is left as it is."
    )

    def handle(self, *args, **options):
        loader = Loader(DEMO_FOLDER, self.stdout)
        with no_automatic_redirects(), disable_reference_index_auto_update():
            created = loader.run()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo content is in place ({created} added)."))
        else:
            self.stdout.write("Nothing to add: the demo content is already in place.")
