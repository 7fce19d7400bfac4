"""Demo content for the site chrome and standard pages, and the helpers every app's
demo content uses.

Content is written once per language in `T` values. The Swedish page is built from the
Swedish texts; the Finnish and English pages are then made the way a translator makes
them in the admin: a wagtail-localize translation of the Swedish page whose strings are
filled in from the same `T` values, then published. Nothing that exists is changed, so
running the loader again leaves the tree as it is, and editors' changes are kept.
"""

import io
import math
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape

from django.core.files.images import ImageFile
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Collection, DraftStateMixin, Locale, Page, ReferenceIndex, Site
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task
from wagtail_localize.models import Translation, TranslationSource

TARGET_LANGUAGES = ("fi", "en")


def _as_html(text):
    return escape(text, quote=False).replace("\n", "<br/>")


@dataclass(frozen=True)
class T:
    """One text in Swedish, Finnish and English."""

    sv: str
    fi: str
    en: str

    def __getitem__(self, language_code):
        return getattr(self, language_code)


class Glossary:
    """Swedish source strings and their translations, collected while a page is built."""

    def __init__(self):
        self.entries = {code: {} for code in TARGET_LANGUAGES}

    def __call__(self, text):
        """Register a text and return its Swedish form, for use in a plain field."""
        for code in TARGET_LANGUAGES:
            self.entries[code][text.sv] = text[code]
            # Rich text and multi-line segments are HTML: register that form as well.
            self.entries[code][_as_html(text.sv)] = _as_html(text[code])
        return text.sv

    def paragraphs(self, *texts):
        """Rich text of one paragraph per text, in Swedish."""
        return "".join(f"<p>{escape(self(text), quote=False)}</p>" for text in texts)

    def translate(self, language_code, source_string):
        try:
            return self.entries[language_code][source_string]
        except KeyError:
            raise CommandError(
                f"Demo content has no {language_code} translation for {source_string!r}"
            ) from None


def ensure_locales():
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code in ("sv", *TARGET_LANGUAGES)
    }


def publish(page):
    page.save_revision().publish()
    return page


def get_or_create_child(parent, model, slug, build):
    """The live child of `parent` with this slug, created with `build()` when missing.

    Returns (page, created).
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = build()
    page.slug = slug
    parent.add_child(instance=page)
    return publish(page), True


@contextmanager
def reference_index_updated_once():
    """Refresh Wagtail's reference index once per saved object, when the block ends.

    Each save of a page, snippet or row normally refreshes the reference index at once.
    Building and translating demo content saves every object several times, and those
    refreshes made most of the loader's time. Inside this block saves are collected
    instead; deletions are handled as they happen.
    """
    saved = set()

    def collect(sender, instance, raw=False, **kwargs):
        if not raw and sender in ReferenceIndex.tracked_models:
            saved.add((sender._meta.app_label, sender._meta.model_name, str(instance.pk)))

    def forget(sender, instance, **kwargs):
        # A row saved and deleted again (synchronised rows are replaced on each sync)
        # has nothing left to index.
        saved.discard((sender._meta.app_label, sender._meta.model_name, str(instance.pk)))
        if sender in ReferenceIndex.tracked_models:
            ReferenceIndex.remove_for_object(instance)
            ReferenceIndex.remove_references_to(instance)

    post_save.connect(collect, weak=False, dispatch_uid="demo-reference-index-save")
    post_delete.connect(forget, weak=False, dispatch_uid="demo-reference-index-delete")
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid="demo-reference-index-save")
        post_delete.disconnect(dispatch_uid="demo-reference-index-delete")
    for app_label, model_name, pk in sorted(saved):
        update_reference_index_task.call(app_label, model_name, pk)


def save_and_publish(translation):
    """Save a wagtail-localize translation's target and publish it straight away.

    wagtail-localize publishes a translated page when the transaction commits. The loader
    runs in one transaction, so that would happen at its very end, from a page object whose
    count of children is stale by then, and the tree would lose the children added in the
    meantime (they would not be found by URL). Publishing the new revision here avoids it.
    """
    model = translation.source.specific_content_type.model_class()
    if not issubclass(model, DraftStateMixin):
        translation.save_target(publish=True)
        return
    translation.save_target(publish=False)
    translation.get_target_instance().get_latest_revision().publish()


@transaction.atomic
def translate(instance, glossary, languages=TARGET_LANGUAGES):
    """Translate a page or snippet with wagtail-localize into each language it lacks.

    Each translation is a real wagtail-localize Translation whose strings are filled from
    the glossary, exactly as if a translator had typed them, and then published.
    """
    locales = ensure_locales()
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    for code in languages:
        if instance.has_translation(locales[code]):
            continue
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locales[code], defaults={"enabled": True}
        )
        po = translation.export_po()
        for entry in po:
            if not entry.obsolete:
                entry.msgstr = glossary.translate(code, entry.msgid)
        translation.import_po(po)
        save_and_publish(translation)


def demo_image(title, alt_text, draw, size=(1200, 675)):
    """An image drawn with Pillow, stored once in Wagtail's image library."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    if Collection.get_first_root_node() is None:  # an emptied database
        Collection.add_root(name="Root")
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    canvas = PILImage.new("RGB", size, "#dcebf2")
    draw(ImageDraw.Draw(canvas), size)
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=82, optimize=True, progressive=True)
    filename = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-") + ".jpg"
    image = image_model(title=title, description=alt_text)
    image.file = ImageFile(buffer, name=filename)
    image.save()
    return image


def draw_kvarken(draw, size):
    """The Kvarken strait: two shores, open water and wind turbines on the ridge."""
    width, height = size
    draw.rectangle([0, 0, width, height * 0.55], fill="#cfe6f1")
    draw.ellipse([width * 0.72, height * 0.08, width * 0.84, height * 0.29], fill="#f6d47a")
    draw.rectangle([0, height * 0.55, width, height], fill="#2f6f8f")
    for band in range(6):
        y = height * (0.62 + band * 0.06)
        draw.line([(width * 0.1, y), (width * 0.9, y)], fill="#4b8aa8", width=3)
    draw.polygon(
        [
            (0, height * 0.5),
            (width * 0.32, height * 0.44),
            (width * 0.4, height * 0.58),
            (0, height * 0.62),
        ],
        fill="#3f7d4e",
    )
    draw.polygon(
        [
            (width, height * 0.48),
            (width * 0.64, height * 0.46),
            (width * 0.58, height * 0.57),
            (width, height * 0.6),
        ],
        fill="#2f6b40",
    )
    for x, scale in ((0.1, 1.0), (0.2, 0.85), (0.3, 0.7), (0.75, 0.8), (0.88, 1.0)):
        base_x, base_y = width * x, height * 0.5
        top_y = base_y - height * 0.3 * scale
        draw.line([(base_x, base_y), (base_x, top_y)], fill="#f4f7f8", width=max(3, int(6 * scale)))
        for angle in (90, 210, 330):
            radians = math.radians(angle)
            length = height * 0.12 * scale
            tip = (base_x + length * math.cos(radians), top_y - length * math.sin(radians))
            draw.line([(base_x, top_y), tip], fill="#f4f7f8", width=max(2, int(5 * scale)))


HOME = {
    "title": T("North Sweden Cleantech", "North Sweden Cleantech", "North Sweden Cleantech"),
    "intro": T(
        "Vi hjälper cleantechföretag i norra Sverige att växa, hitta partner och nå nya "
        "marknader, tillsammans med våra grannar i Finland.",
        "Autamme Pohjois-Ruotsin cleantech-yrityksiä kasvamaan, löytämään kumppaneita ja "
        "pääsemään uusille markkinoille yhdessä naapuriemme kanssa Suomessa.",
        "We help cleantech companies in northern Sweden grow, find partners and reach new "
        "markets, together with our neighbours in Finland.",
    ),
    "heading": T(
        "Ett nav för ren teknik", "Puhtaan teknologian keskus", "A hub for clean technology"
    ),
    "body": (
        T(
            "North Sweden Cleantech startade 2013 och samlar i dag över hundra företag och "
            "organisationer. Räknar vi med samarbetet med Vasa och Karleby i Finland är de fler "
            "än tvåhundra.",
            "North Sweden Cleantech aloitti toimintansa vuonna 2013, ja mukana on nyt yli sata "
            "yritystä ja organisaatiota. Kun yhteistyö Vaasan ja Kokkolan kanssa lasketaan "
            "mukaan, niitä on yli kaksisataa.",
            "North Sweden Cleantech began in 2013 and now brings together more than a hundred "
            "companies and organisations, and more than two hundred when the cooperation with "
            "Vaasa and Kokkola in Finland is counted.",
        ),
        T(
            "Här berättar vi om våra EU-finansierade projekt, vad de har åstadkommit och hur "
            "du kan komma hit och träffa regionens företag.",
            "Täällä kerromme EU-rahoitteisista hankkeistamme, niiden tuloksista ja siitä, miten "
            "voit tulla tapaamaan alueen yrityksiä.",
            "Here we tell you about our EU-funded projects, what they achieved, and how you can "
            "come and meet the region's companies.",
        ),
    ),
    "image_alt": T(
        "Illustration av Kvarken: två kuster på var sin sida om havet, med vindkraftverk på land.",
        "Piirros Merenkurkusta: kaksi rannikkoa meren molemmin puolin ja tuulivoimaloita maalla.",
        "Illustration of Kvarken: two shores on either side of the sea, "
        "with wind turbines on land.",
    ),
    "image_caption": T(
        "Kvarken förenar Sverige och Finland.",
        "Merenkurkku yhdistää Ruotsin ja Suomen.",
        "Kvarken joins Sweden and Finland.",
    ),
    "contact_address": T("Umeå\nSverige", "Uumaja\nRuotsi", "Umeå\nSweden"),
}

STANDARD_PAGES = [
    {
        "key": "about",
        "slug": T("om-oss", "meista", "about-us"),
        "title": T("Om oss", "Meistä", "About us"),
        "in_menu": True,
        "intro": T(
            "North Sweden Cleantech är en organisation för affärsutveckling som stöttar "
            "cleantechföretag med bas i Umeå.",
            "North Sweden Cleantech on uumajalainen liiketoiminnan kehittämisorganisaatio, joka "
            "tukee cleantech-yrityksiä.",
            "North Sweden Cleantech is a business-development organisation based in Umeå that "
            "supports cleantech companies.",
        ),
        "body": (
            T(
                "Vi skapar mötesplatser mellan företag, energibolag, kommuner och forskning, och "
                "driver projekt över gränsen till Finland med stöd från EU.",
                "Luomme kohtaamispaikkoja yritysten, energiayhtiöiden, kuntien ja tutkimuksen "
                "välille ja toteutamme EU:n tukemia hankkeita yli rajan Suomeen.",
                "We create meeting places between companies, energy utilities, municipalities "
                "and research, and run EU-supported projects across the border with Finland.",
            ),
            T(
                "Delegationer från andra regioner, företag, investerare och myndigheter är "
                "välkomna att besöka oss och se regionens cleantech på plats.",
                "Toisten alueiden, yritysten, sijoittajien ja viranomaisten valtuuskunnat ovat "
                "tervetulleita tutustumaan alueen cleantech-osaamiseen paikan päällä.",
                "Delegations from other regions, companies, investors and public bodies are "
                "welcome to visit and see the region's cleantech for themselves.",
            ),
        ),
    },
    {
        "key": "privacy",
        "slug": T("integritetspolicy", "tietosuojaseloste", "privacy-policy"),
        "title": T("Integritetspolicy", "Tietosuojaseloste", "Privacy policy"),
        "in_menu": False,
        "intro": T(
            "Så hanterar vi de personuppgifter du lämnar till oss.",
            "Näin käsittelemme meille antamiasi henkilötietoja.",
            "How we handle the personal data you give us.",
        ),
        "body": (
            T(
                "När du bokar ett besök sparar vi de uppgifter du fyller i, för att kunna planera "
                "besöket och svara dig. Vi använder dem inte till något annat.",
                "Kun varaat vierailun, tallennamme antamasi tiedot vierailun suunnittelua ja "
                "sinulle vastaamista varten. Emme käytä niitä muuhun.",
                "When you book a visit we store the details you enter so that we can plan the "
                "visit and reply to you. We use them for nothing else.",
            ),
            T(
                "Bokningar raderas automatiskt ett år efter att de skickades. Du kan när som "
                "helst be oss radera dina uppgifter tidigare.",
                "Varaukset poistetaan automaattisesti vuoden kuluttua lähettämisestä. Voit milloin "
                "tahansa pyytää meitä poistamaan tietosi aiemmin.",
                "Bookings are deleted automatically one year after they were sent. You can ask "
                "us to delete your details sooner at any time.",
            ),
            T(
                "Webbplatsen använder bara de kakor som behövs för att formulär ska "
                "fungera säkert.",
                "Sivusto käyttää vain evästeitä, joita lomakkeiden turvallinen toiminta vaatii.",
                "The website only uses the cookies that forms need to work securely.",
            ),
        ),
    },
    {
        "key": "accessibility",
        "slug": T("tillganglighet", "saavutettavuus", "accessibility"),
        "title": T(
            "Tillgänglighetsredogörelse", "Saavutettavuusseloste", "Accessibility statement"
        ),
        "in_menu": False,
        "intro": T(
            "Vi vill att alla ska kunna använda webbplatsen.",
            "Haluamme, että kaikki voivat käyttää sivustoa.",
            "We want everyone to be able to use this website.",
        ),
        "body": (
            T(
                "Webbplatsen är byggd för att uppfylla WCAG 2.1 på nivå AA. Den går att använda "
                "med tangentbord och skärmläsare, och alla bilder har textbeskrivningar.",
                "Sivusto on rakennettu täyttämään WCAG 2.1 -ohjeiden AA-tason. Sitä voi käyttää "
                "näppäimistöllä ja ruudunlukijalla, ja kaikilla kuvilla on tekstikuvaus.",
                "The website is built to meet WCAG 2.1 at level AA. It can be used with a "
                "keyboard and a screen reader, and every image has a text description.",
            ),
            T(
                "Hittar du något som inte fungerar för dig? Kontakta oss så rättar vi det.",
                "Löysitkö jotain, mikä ei toimi sinulle? Ota yhteyttä, niin korjaamme sen.",
                "Found something that does not work for you? Contact us and we will fix it.",
            ),
        ),
    },
]


def _body(glossary, texts, heading=None, image=None):
    blocks = []
    if heading is not None:
        blocks.append(("heading", {"text": glossary(heading), "level": "h2"}))
    blocks.append(("paragraph", glossary.paragraphs(*texts)))
    if image is not None:
        picture, alt_text, caption = image
        blocks.append(
            (
                "image",
                {
                    "image": picture,
                    "alt_text": glossary(alt_text),
                    "caption": glossary(caption),
                    "credit": "",
                },
            )
        )
    return blocks


def _home_page():
    """The Swedish home page: the one the default site points at, made if missing."""
    from .models import HomePage

    sv = Locale.objects.get(language_code="sv")
    home = HomePage.objects.filter(depth=2, locale=sv).first()
    if home is not None:
        return home, None
    root = Page.get_first_root_node()
    if root is None:  # an emptied database (a flushed test database) has no tree at all
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=sv))
    # Wagtail's own migrations leave a placeholder welcome page behind: replace it.
    for placeholder in root.get_children().filter(content_type__model="page", numchild=0):
        placeholder.delete()
    glossary = Glossary()
    picture = demo_image("Kvarken", HOME["image_alt"].sv, draw_kvarken)
    home = HomePage(
        title=glossary(HOME["title"]),
        slug="hem",
        intro=glossary(HOME["intro"]),
        body=_body(
            glossary,
            HOME["body"],
            heading=HOME["heading"],
            image=(picture, HOME["image_alt"], HOME["image_caption"]),
        ),
        contact_heading=glossary(HOME["title"]),
        contact_address=glossary(HOME["contact_address"]),
        contact_email="info@example.com",
        contact_phone="+46 90 000 00 00",
        locale=sv,
    )
    root.add_child(instance=home)
    publish(home)
    glossary(T("hem", "koti", "home"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": HOME["title"].sv,
        },
    )
    return home, glossary


def load(stdout, pages):
    """Build the home page, the standard pages and their translations.

    `pages` collects what later loaders link to (the home page, the privacy policy).
    """
    from .models import StandardPage

    ensure_locales()
    home, glossary = _home_page()
    if glossary is not None:
        translate(home, glossary)
        stdout.write("  created the home page in sv, fi and en")
    pages["home"] = home
    for spec in STANDARD_PAGES:
        glossary = Glossary()
        glossary(spec["slug"])

        def build(spec=spec, glossary=glossary):
            return StandardPage(
                title=glossary(spec["title"]),
                intro=glossary(spec["intro"]),
                body=_body(glossary, spec["body"]),
                show_in_menus=spec["in_menu"],
            )

        page, created = get_or_create_child(home, StandardPage, spec["slug"].sv, build)
        if created:
            translate(page, glossary)
            stdout.write(f"  created page {page.title!r} in sv, fi and en")
        pages[spec["key"]] = page
    if home.privacy_page_id is None and home.accessibility_page_id is None:
        home.privacy_page = pages["privacy"]
        home.accessibility_page = pages["accessibility"]
        publish(home)
        # The footer links are synchronised fields: carry them over to the translations.
        source = TranslationSource.objects.get(object_id=home.translation_key)
        source.update_from_db()
        for translation in source.translations.all():
            save_and_publish(translation)
