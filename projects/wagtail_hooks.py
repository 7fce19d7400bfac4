"""The admin's Projects menu: organisations, funding programmes and focus areas."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import FocusArea, FundingProgramme, Organisation


class OrganisationChooserViewSet(SnippetChooserViewSet):
    """The organisation chooser, with a Create tab: a partner missing from the list can be
    added without leaving the page (in the default language, Swedish; it is translated
    like any other organisation)."""

    form_fields = ["name", "short_name", "kind", "city", "country"]
    create_action_label = _("Create organisation")
    creation_tab_label = _("New organisation")


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    chooser_viewset_class = OrganisationChooserViewSet
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
