from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import sitemap
from news.feeds import ArticleFeed
from search import views as search_views

from . import views
from .api import api_router

handler400 = views.bad_request
handler500 = views.server_error

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # For crawlers, outside the language prefixes: one sitemap covers every language.
    path("sitemap.xml", sitemap.sitemap, name="sitemap"),
    path("robots.txt", sitemap.robots_txt, name="robots_txt"),
    path("api/v2/", api_router.urls),
    # For load balancers and monitoring; outside the language prefixes and never cached.
    path("healthz", views.healthz, name="healthz"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page lives under its language prefix: /sv/, /fi/, /en/. A request for an
# unprefixed path is redirected by LocaleMiddleware to the visitor's preferred language.
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("feed/", ArticleFeed(), name="news_feed"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
