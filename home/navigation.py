"""What the site chrome needs on every page: the language's home page, the main menu,
the footer links and the links to the same page in the other languages.

Every function here runs a fixed number of queries whatever the size of the site. The
answers are the same for every visitor of a site in one language until content changes,
so they are kept in the cache by the page cache's generation (cleantech_site/shared_data.py)
and on the request, because the header, the footer and the <head> all ask for the same
things: a page's chrome costs no query once its language has been shown.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from cleantech_site.shared_data import by_generation, public, site_for_request

# The page type of each language's home page. Named, not imported: the home page's model
# builds on news and projects, which use this module.
HOME_PAGE_TYPE = "home.HomePage"


@dataclass(frozen=True)
class LanguageLink:
    language_code: str
    name: str
    url: str
    full_url: str
    is_current: bool
    # True when the link goes to a translation of the current page, False when that
    # language has none and the link falls back to the language's home page.
    is_translation: bool


def _cached(request, key, compute):
    """compute(), once per request and once per site, language and content generation."""
    cache = request.__dict__.setdefault("_site_chrome", {})
    if key not in cache:
        site = Site.find_for_request(request)
        shared_key = (key if isinstance(key, tuple) else (key,)) + (
            site.pk if site else "",
            translation.get_language() or "",
        )
        cache[key] = by_generation(request, ("chrome", *shared_key), compute)
    return cache[key]


def _site_home_pages(request):
    """The live home pages of the request's site, by language code."""

    def compute():
        site = Site.find_for_request(request)
        if site is None:
            return {}
        # The site's root page is the source language's home page (Site.find_for_request
        # loads it); its type is read from it, so this module needs no page model.
        root = site.root_page
        home_type = root.specific_class
        if home_type is None or home_type._meta.label != HOME_PAGE_TYPE:
            return {}
        homes = (
            home_type.objects.filter(translation_key=root.translation_key)
            .live()
            .select_related("locale", "privacy_page", "accessibility_page")
        )
        return {home.locale.language_code: home for home in homes}

    return _cached(request, "homes", compute)


def site_name(request):
    """The site's name wherever it is shown (title, header, feeds, JSON-LD, Open Graph)."""
    return name_of_site(Site.find_for_request(request))


def name_of_site(site):
    """The Site record's name, which staff edit under Settings → Sites, else
    WAGTAIL_SITE_NAME; for places without a request, such as e-mails."""
    return (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME


def site_address(base_url=None):
    """The hostname and port of a Site record that serves `base_url` (by default the
    public address, SITE_BASE_URL), or None when Wagtail cannot express it.

    A Site has no scheme: Wagtail makes port 443 https://host, port 80 http://host and any
    other port http://host:port. So https on another port than 443, or http on 443, has
    no Site record, and an address without a hostname or with a port that is no port
    has none either.
    """
    address = urlsplit(base_url or settings.WAGTAILADMIN_BASE_URL)
    if address.scheme not in ("http", "https") or not address.hostname:
        return None
    default_port = 443 if address.scheme == "https" else 80
    try:
        port = address.port or default_port
    except ValueError:  # a port that is not a number from 0 to 65535
        return None
    if (address.scheme == "https") != (port == 443):
        return None
    return {"hostname": address.hostname, "port": port}


def home_page(request):
    """The home page in the active language, falling back to the source language's."""
    homes = _site_home_pages(request)
    return homes.get(translation.get_language()) or homes.get(settings.LANGUAGE_CODE)


def menu_pages(request):
    """The live pages under the current language's home page that are shown in menus."""

    def compute():
        home = home_page(request)
        if home is None:
            return []
        return list(public(home.get_children().live().in_menu()))

    return _cached(request, "menu", compute)


def footer_links(request):
    """The privacy policy and accessibility statement in the active language.

    The home page points at the Swedish pages; each is shown in the visitor's language
    when that translation is live, and otherwise in Swedish, marked with its language.
    Returns (page, language code or None when it is the visitor's language) pairs.
    """

    def compute():
        home = home_page(request)
        if home is None:
            return []
        sources = [p for p in (home.privacy_page, home.accessibility_page) if p is not None]
        current = translation.get_language()
        localized = {
            p.translation_key: p
            for p in Page.objects.filter(
                translation_key__in=[p.translation_key for p in sources],
                locale__language_code=current,
            ).live()
        }
        links = []
        for source in sources:
            if source.translation_key in localized:
                links.append((localized[source.translation_key], None))
            elif source.live:
                links.append((source, settings.LANGUAGE_CODE))
        return links

    return _cached(request, "footer", compute)


def language_links(request, page=None):
    """One link per site language, to this page's live translation or that language's home.

    Used by both the language switcher and the hreflang alternates, so they can never
    disagree. Without a page, a view that every language has under its prefix (the
    search) links to itself in each language; anything else (a 404) to the home pages.
    """
    view_name = None if page is not None else _view_in_every_language(request)

    def compute():
        translations = {}
        if view_name is not None:
            translations = _view_translations(request)
        elif page is not None:
            translations = {
                p.locale.language_code: p
                for p in Page.objects.filter(translation_key=page.translation_key)
                .live()
                .select_related("locale")
            }
        homes = _site_home_pages(request)
        current = translation.get_language()
        links = []
        for code, name in settings.LANGUAGES:
            target = translations.get(code)
            is_translation = target is not None
            if target is None:
                target = homes.get(code)
            if target is None:
                continue
            url = target.get_url(request)
            if url is None:
                continue
            full_url = target.get_full_url(request)
            links.append(LanguageLink(code, name, url, full_url, code == current, is_translation))
        return links

    return _cached(request, ("languages", page.pk if page else view_name), compute)


@dataclass(frozen=True)
class _ViewTranslation:
    """A view's address in one language, shaped like the page a language link goes to."""

    path: str
    root: str

    def get_url(self, request):
        return self.path

    def get_full_url(self, request):
        return self.root + self.path


def _view_in_every_language(request):
    """The URL name of the request's view when it is one of ours under the language
    prefix (not Wagtail's page serving, which the page's translations cover), else None."""
    match = getattr(request, "resolver_match", None)
    if match is None or not match.url_name or match.url_name == "wagtail_serve":
        return None
    return match.url_name


def _view_translations(request):
    """The request's view in every site language, by language code."""
    # The Site's address, not the request's: this is kept for every visitor of the site.
    site = site_for_request(request)
    root = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    return {
        code: _ViewTranslation(translate_url(request.path, code), root)
        for code, _name in settings.LANGUAGES
    }


def x_default_url(request, page=None):
    """The absolute address for visitors whose language the site does not have.

    For the home page it is the site's root, which redirects by Accept-Language;
    elsewhere the source-language version of the page, when it is live.
    """
    links = language_links(request, page)
    if page is None or page.depth <= 2:
        return site_root_url(request)
    for link in links:
        if link.is_translation and link.language_code == settings.LANGUAGE_CODE:
            return link.full_url
    return None


def site_root_url(request):
    """The root of the request's site as Wagtail's Site record gives it (the address
    that redirects by language), or None without a site."""
    site = Site.find_for_request(request)
    return site.root_url + "/" if site else None
