"""The admin's Projects menu: organisations, funding programmes and focus areas."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import FocusArea, FundingProgramme, Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "kind", "city", "country"]
    list_filter = ["kind", "country"]
    ordering = ["name"]


class FundingProgrammeViewSet(SnippetViewSet):
    model = FundingProgramme
    icon = "doc-full"
    list_display = ["name", "fund", "period"]
    ordering = ["name"]


class FocusAreaViewSet(SnippetViewSet):
    model = FocusArea
    icon = "tag"
    list_display = ["name", "slug"]
    ordering = ["name"]


class ProjectSnippets(SnippetViewSetGroup):
    items = (OrganisationViewSet, FundingProgrammeViewSet, FocusAreaViewSet)
    menu_label = _("Project data")
    menu_icon = "folder-open-inverse"
    menu_order = 250


register_snippet(ProjectSnippets)
