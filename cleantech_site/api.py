"""Wagtail's read-only API v2: live, public pages as JSON at /api/v2/pages/.

Project pages add their facts (see ProjectPage.api_fields); ?type=projects.ProjectPage
and ?locale=fi narrow the listing.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
