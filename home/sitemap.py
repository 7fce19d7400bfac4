"""sitemap.xml and robots.txt, outside the language prefixes.

The sitemap lists every live, public page of the site in every language, each with
the same hreflang alternates as its <head>: its live translations, and x-default (the
root for home pages, which redirects by Accept-Language; elsewhere the Swedish page).
"""

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views import View
from wagtail.models import Page

from .navigation import _site_home_pages, site_root_url

LANGUAGE_ORDER = {code: position for position, (code, _name) in enumerate(settings.LANGUAGES)}


def sitemap_pages(request):
    """The live public pages under the site's home pages, each with its absolute URL."""
    homes = _site_home_pages(request).values()
    if not homes:
        return []
    under_a_home = Q()
    for home in homes:
        under_a_home |= Q(path__startswith=home.path)
    pages = (
        Page.objects.live()
        .public()
        .filter(under_a_home)
        .select_related("locale")
        .defer_streamfields()
        .order_by("path")
    )
    entries = []
    for page in pages:
        url = page.get_full_url(request)
        if url is None:  # not routable
            continue
        entries.append((page, url))
    return entries


def sitemap_urls(request):
    """One entry per page: location, last modification and hreflang alternates."""
    entries = sitemap_pages(request)
    families = {}
    for page, location in entries:
        families.setdefault(page.translation_key, []).append((page, location))
    root = site_root_url(request)
    urls = []
    for page, location in entries:
        family = sorted(
            families[page.translation_key],
            key=lambda member: LANGUAGE_ORDER.get(member[0].locale.language_code, 99),
        )
        alternates = [
            {"lang_code": member.locale.language_code, "location": url} for member, url in family
        ]
        if page.depth <= 2:
            x_default = root
        else:
            x_default = next(
                (
                    url
                    for member, url in family
                    if member.locale.language_code == settings.LANGUAGE_CODE
                ),
                None,
            )
        if x_default:
            alternates.append({"lang_code": "x-default", "location": x_default})
        urls.append(
            {
                "location": location,
                "lastmod": page.last_published_at or page.latest_revision_created_at,
                "alternates": alternates,
            }
        )
    return urls


class CrawlerFileView(View):
    """GET, and HEAD and OPTIONS as Django's View answers them: crawlers and monitors ask
    with all three, and a 405 reads as a broken site."""

    http_method_names = ["get", "head", "options"]


class SitemapView(CrawlerFileView):
    def get(self, request):
        return render(
            request,
            "sitemap.xml",
            {"urlset": sitemap_urls(request)},
            content_type="application/xml; charset=utf-8",
        )


class RobotsTxtView(CrawlerFileView):
    def get(self, request):
        lines = [
            "User-agent: *",
            "Disallow: /admin/",
            "",
            f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
            "",
        ]
        return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


sitemap = SitemapView.as_view()
robots_txt = RobotsTxtView.as_view()
