import json
from dataclasses import replace
from urllib.parse import urlencode

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.template import Context
from django.templatetags.static import static
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from cleantech_site.shared_data import kept_in_worker
from cleantech_site.stylesheet import STYLESHEET, usable_stylesheet
from home import navigation

register = template.Library()


def _page_or_none(page):
    # An undefined template variable arrives as "" (string_if_invalid): no page.
    return page if getattr(page, "pk", None) else None


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    """The language links, those to the same page or view carrying the visitor's query.

    The query words and filters go along; the page number does not (the other language
    may have fewer pages). Added here, per request, so the links themselves can be cached.
    """
    request = context["request"]
    page = _page_or_none(page)
    links = navigation.language_links(request, page)
    pairs = carried_query(request, page)
    if not pairs:
        return links
    # A page whose filters name things of its own language says what they are in the others.
    in_languages = page.filters_in_languages(pairs) if hasattr(page, "filters_in_languages") else {}
    return [
        replace(link, url=f"{link.url}?{urlencode(in_languages.get(link.language_code, pairs))}")
        if link.is_translation
        else link
        for link in links
    ]


def carried_query(request, page):
    """The (name, value) pairs of the parameters that the page or view reads, without the
    page number. What the page cache keys on too, so a cached page never carries a
    stranger's parameters."""
    if page is not None:
        names = getattr(page, "cache_query_params", ())
    else:
        match = getattr(request, "resolver_match", None)
        names = getattr(getattr(match, "func", None), "cache_query_params", ())
    return [
        (name, value)
        for name in names
        if name != "page"
        for value in request.GET.getlist(name)
        if value
    ]


@register.simple_tag
def site_stylesheet():
    """The site's style sheet in a <style> element (cleantech_site/stylesheet.py), or
    linked when it cannot be inlined."""
    sheet = usable_stylesheet()
    if sheet is None:
        return format_html('<link rel="stylesheet" href="{}">', static(STYLESHEET))
    return mark_safe(f"<style>{sheet.text}</style>")  # noqa: S308 (our own file)


@register.simple_tag(takes_context=True)
def x_default_url(context, page=None):
    return navigation.x_default_url(context["request"], _page_or_none(page))


@register.simple_tag(takes_context=True)
def locale_home(context):
    return navigation.home_page(context["request"])


@register.simple_tag(takes_context=True)
def site_name(context):
    return navigation.site_name(context["request"])


@register.filter(is_safe=True)
def with_site_name(title, name):
    """A page's title followed by the site's name, or the name alone where the title is
    empty or the name itself (the home page is usually called after the site)."""
    title = str(title).strip()
    name = conditional_escape(name)
    if not title or title == name:
        return name
    return format_html("{} | {}", mark_safe(title), name)  # noqa: S308 (rendered, escaped)


def _menu_mark(item, page):
    """aria-current for a menu item: "page" on the page itself, "true" on a page below it
    (the menu marks where we are), None elsewhere."""
    if page is None or not getattr(page, "path", None) or not page.path.startswith(item.path):
        return None
    return "page" if item.pk == page.pk else "true"


@register.simple_tag(takes_context=True)
def main_menu(context, page=None):
    """The main menu (includes/main_menu.html), with where the page lies marked. Each worker
    renders it once per site, language and marked item until content changes
    (cleantech_site/shared_data.py)."""
    request = context["request"]
    menu = navigation.menu_pages(request)
    if not menu:
        return ""
    page = _page_or_none(page)
    items = [(item, _menu_mark(item, page)) for item in menu]

    def render():
        template = context.template.engine.get_template("includes/main_menu.html")
        return template.render(Context({"items": items, "request": request}))

    key = ("main-menu", request.get_host(), translation.get_language(), *(m for _i, m in items))
    return kept_in_worker(request, key, render)


@register.simple_tag(takes_context=True)
def footer_links(context):
    return navigation.footer_links(context["request"])


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The footer (includes/footer.html). The same on every page of a site in a language,
    so each worker renders it once until content changes (cleantech_site/shared_data.py)."""
    request = context.get("request")

    def render():
        # Only what the footer may depend on: nothing of the page or the visitor.
        template = context.template.engine.get_template("includes/footer.html")
        footer = {name: context.get(name) for name in ("home", "site_name", "request")}
        return template.render(Context(footer))

    if request is None:
        return render()
    key = ("footer", request.get_host(), translation.get_language())
    return kept_in_worker(request, key, render)


@register.simple_tag
def page_numbers(page_obj):
    """The page numbers a listing's pagination links, with gaps (…) in long runs."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)


@register.simple_tag
def json_ld(data):
    """A schema.org JSON-LD block, escaped so no value can close the script element."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


OPEN_GRAPH_LOCALES = {"sv": "sv_SE", "fi": "fi_FI", "en": "en_GB"}


@register.filter
def og_locale(language_code):
    return OPEN_GRAPH_LOCALES.get(language_code, language_code)


@register.simple_tag(takes_context=True)
def site_organisation_json_ld(context):
    """schema.org Organization for the site, from the language's home page."""
    request = context["request"]
    home = navigation.home_page(request)
    if home is None:
        return ""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": navigation.site_name(request),
        "url": home.get_full_url(request),
        "logo": request.build_absolute_uri(static("img/logo.svg")),
    }
    if home.intro:
        data["description"] = home.intro
    if home.contact_email:
        data["email"] = home.contact_email
    if home.contact_phone:
        data["telephone"] = home.contact_phone
    if home.contact_address:
        data["address"] = ", ".join(home.contact_address.splitlines())
    return json_ld(data)
