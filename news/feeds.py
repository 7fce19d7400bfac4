"""The news as RSS 2.0, one feed per language at /<language>/feed/."""

from dataclasses import dataclass
from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.translation import gettext as _
from wagtail.models import Locale

from home.navigation import home_page, site_name

from .models import ArticlePage, NewsIndexPage


@dataclass(frozen=True)
class FeedSource:
    """What one request's feed is made from: the language, its news index and home page."""

    request: HttpRequest
    locale: Locale
    index: NewsIndexPage | None

    @property
    def site_name(self):
        return site_name(self.request)


class ArticleFeed(Feed):
    """The latest articles in the language of the URL prefix (LocaleMiddleware sets it)."""

    item_count = 20

    def get_object(self, request):
        locale = Locale.get_active()
        index = NewsIndexPage.objects.live().public().filter(locale=locale).first()
        return FeedSource(request, locale, index)

    def title(self, source):
        return _("%(site)s: news") % {"site": source.site_name}

    def description(self, source):
        if source.index is not None and source.index.intro:
            return source.index.intro
        return _("News from %(site)s.") % {"site": source.site_name}

    def link(self, source):
        page = source.index or home_page(source.request)
        return page.get_url(source.request) if page else "/"

    def items(self, source):
        articles = (
            ArticlePage.objects.live()
            .public()
            .filter(locale=source.locale)
            .order_by("-date", "-pk")
            .defer_streamfields()
        )
        return list(articles[: self.item_count])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return item.get_url()

    def item_pubdate(self, item):
        # A publication date has no time of day: the feed says midnight, local time.
        return datetime.combine(item.date, time.min)

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author or None
