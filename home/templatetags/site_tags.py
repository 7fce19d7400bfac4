from django import template

from home import navigation

register = template.Library()


def _page_or_none(page):
    # An undefined template variable arrives as "" (string_if_invalid): no page.
    return page if getattr(page, "pk", None) else None


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    return navigation.language_links(context["request"], _page_or_none(page))


@register.simple_tag(takes_context=True)
def x_default_url(context, page=None):
    return navigation.x_default_url(context["request"], _page_or_none(page))


@register.simple_tag(takes_context=True)
def locale_home(context):
    return navigation.home_page(context["request"])


@register.simple_tag(takes_context=True)
def menu_pages(context):
    return navigation.menu_pages(context["request"])


@register.filter
def is_ancestor_or_self(menu_page, page):
    """True when `page` is `menu_page` or lies below it: the menu marks where we are."""
    if page is None or not getattr(page, "path", None):
        return False
    return page.path.startswith(menu_page.path)


@register.simple_tag(takes_context=True)
def footer_links(context):
    return navigation.footer_links(context["request"])
