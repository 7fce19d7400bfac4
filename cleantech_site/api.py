"""Wagtail's read-only API v2: live, public pages as JSON at /api/v2/pages/.

Project pages add their facts (see ProjectPage.api_fields); ?type=projects.ProjectPage
and ?locale=fi narrow the listing.

Every parameter is checked before it reaches the database, and a bad one answers 400 with
{"message": ...}, as Wagtail's own checks do. Wagtail leaves some values to the database
(a huge offset, a date that is not a date, a site that does not exist, an id that is not a
number), where they end as a 500; the classes below check those in the same places
Wagtail checks the others. find/?html_path= understands our language prefixes: /fi/...
finds the Finnish page, as the address does in a browser.
"""

import re

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext
from wagtail.api.v2.filters import FieldsFilter, LocaleFilter, SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Locale, Site

from .bad_input import has_nul

# Far beyond any listing of ours, and within every database's integers.
MAX_OFFSET = 2**31 - 1
# Page ids are bigint columns.
MAX_ID = 2**63 - 1
# What Wagtail's database search backend understands.
SEARCH_OPERATORS = ("and", "or")
# Fields whose values Wagtail itself converts, answering 400 when it cannot.
CONVERTED_BY_WAGTAIL = (models.BooleanField, models.IntegerField, models.AutoField)


def positive_integer(value, name, maximum=MAX_OFFSET):
    """value as an int in 0..maximum, or a BadRequestError that names the parameter."""
    digits = len(str(maximum))
    if not re.fullmatch(rf"[0-9]{{1,{digits}}}", value) or int(value) > maximum:
        raise BadRequestError(
            gettext("%(name)s must be a whole number from 0 to %(maximum)d")
            % {"name": name, "maximum": maximum}
        )
    return int(value)


class BoundedPagination(WagtailPagination):
    """Wagtail's pagination with an upper bound on offset (limit has one already)."""

    def paginate_queryset(self, queryset, request, view=None):
        if "offset" in request.GET:
            positive_integer(request.GET["offset"], "offset")
        return super().paginate_queryset(queryset, request, view)


class TypedFieldsFilter(FieldsFilter):
    """Wagtail's field filters, with each value checked against its field first.

    Wagtail converts booleans, integers and foreign keys; a decimal or a date that is not
    one would otherwise raise a ValidationError while the query is built.
    """

    def filter_queryset(self, request, queryset, view):
        names = set(view.get_available_fields(queryset.model, db_fields_only=True))
        for name, value in request.GET.items():
            if name not in names:
                continue
            try:
                field = queryset.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.is_relation or isinstance(field, CONVERTED_BY_WAGTAIL):
                continue
            try:
                field.get_prep_value(field.to_python(value))
            except (ValidationError, ValueError, TypeError) as error:
                raise BadRequestError(
                    gettext("%(value)s is not a valid value for %(name)s")
                    % {"value": value, "name": name}
                ) from error
        return super().filter_queryset(request, queryset, view)


class CheckedSearchFilter(SearchFilter):
    def filter_queryset(self, request, queryset, view):
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError(
                gettext("search_operator must be one of: %(operators)s")
                % {"operators": ", ".join(SEARCH_OPERATORS)}
            )
        return super().filter_queryset(request, queryset, view)


class KnownLocaleFilter(LocaleFilter):
    """An unknown locale is a bad parameter, not a missing page (Wagtail answers 404)."""

    def filter_queryset(self, request, queryset, view):
        code = request.GET.get("locale")
        if code is not None and not Locale.objects.filter(language_code=code).exists():
            raise BadRequestError(gettext("unknown locale: %(locale)s") % {"locale": code})
        return super().filter_queryset(request, queryset, view)


CHECKED_FILTERS = {
    FieldsFilter: TypedFieldsFilter,
    LocaleFilter: KnownLocaleFilter,
    SearchFilter: CheckedSearchFilter,
}


class PagesAPI(PagesAPIViewSet):
    pagination_class = BoundedPagination
    # Wagtail's filters in Wagtail's order (search last), ours in place of the ones they check.
    filter_backends = [
        CHECKED_FILTERS.get(backend, backend) for backend in PagesAPIViewSet.filter_backends
    ]

    def initial(self, request, *args, **kwargs):
        # Also refused by BadInputMiddleware; checked here so the API stands on its own.
        if has_nul(request.GET):
            raise BadRequestError(gettext("parameters must not contain NUL characters"))
        super().initial(request, *args, **kwargs)

    def get_base_queryset(self):
        if "site" in self.request.GET:
            self.check_site(self.request.GET["site"])
        return super().get_base_queryset()

    def check_site(self, value):
        """?site=host or host:port must name a Site; Wagtail would raise DoesNotExist."""
        hostname, has_port, port = value.partition(":")
        if has_port and not re.fullmatch(r"[0-9]{1,5}", port):
            raise BadRequestError(gettext("site must be a host name, or a host name:port"))
        sites = Site.objects.filter(hostname=hostname)
        if has_port:
            sites = sites.filter(port=int(port))
        if not sites.exists():
            raise BadRequestError(gettext("unknown site: %(site)s") % {"site": value})

    def find_object(self, queryset, request):
        if "html_path" in request.GET:
            return self.find_by_html_path(queryset, request, request.GET["html_path"])
        if "id" in request.GET:
            positive_integer(request.GET["id"], "id", maximum=MAX_ID)
        return super().find_object(queryset, request)

    def find_by_html_path(self, queryset, request, path):
        """The live page at a public address such as /fi/projektit/, or None.

        A language prefix routes from the site's home page in that language, as the
        address does in a browser; a path without one routes from the site's root page.
        """
        site = Site.find_for_request(request)
        if site is None:
            return None
        components = [component for component in path.split("/") if component]
        language = settings.LANGUAGE_CODE
        root = site.root_page
        if components and components[0] in dict(settings.LANGUAGES):
            language = components.pop(0)
            locale = Locale.objects.filter(language_code=language).first()
            root = locale and root.get_translation_or_none(locale)
            if root is None:
                return None
        with translation.override(language):
            try:
                page, _args, _kwargs = root.specific.route(request, components)
            except Http404:
                return None
        return page if queryset.filter(id=page.id).exists() else None


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPI)
