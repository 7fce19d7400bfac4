"""The site search: pages of the visitor's language that match the words typed."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.safestring import SafeString
from wagtail.models import Locale, Page

from cleantech_site.shared_data import by_generation, public

from .forms import SearchForm
from .highlight import excerpt, highlight, pattern, terms

RESULTS_PER_PAGE = 10


@dataclass(frozen=True)
class SearchHit:
    page: Page
    url: str
    title: SafeString
    excerpt: SafeString


def summary(page):
    """The text a result shows under its title: the page's own description."""
    return getattr(page, "meta_description", "") or page.search_description or ""


def search(request):
    form = SearchForm(request.GET or None)
    query = form.query
    results = None
    hits = []
    if query:
        locale_id = by_generation(
            request, ("active-locale", translation.get_language()), lambda: Locale.get_active().pk
        )
        pages = (
            public(Page.objects.live())
            .filter(locale_id=locale_id)
            .specific()
            # A result shows a title and a description, never a body.
            .defer_streamfields()
        )
        # The index gets words only: quotes, operators and other syntax that the database's
        # full-text search would parse (and could fail on) never reach it.
        words = terms(query)
        found = pages.search(" ".join(words), operator="and") if words else pages.none()
        # get_page clamps garbage and out-of-range page numbers to a real page.
        results = Paginator(found, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        matcher = pattern(query)
        for page in results:
            url = page.get_url(request)
            if url is None:
                continue
            hits.append(
                SearchHit(
                    page=page,
                    url=url,
                    title=highlight(page.title, matcher),
                    excerpt=excerpt(summary(page), matcher),
                )
            )
    return TemplateResponse(
        request,
        "search/search.html",
        {"form": form, "query": query, "results": results, "hits": hits},
    )


# What the page cache keys on (cleantech_site/page_cache.py): the words and the page.
search.cache_query_params = ("q", "page")
