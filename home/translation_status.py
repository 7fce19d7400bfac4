"""Which Swedish pages still need work in Finnish or English, and the link that does it.

A page needs work in a language when it has no translation there (or only an alias that shows
the Swedish text), when its translation is a draft or has unpublished changes, or when the
Swedish page was published after wagtail-localize last read it for translation
(TranslationSource.last_updated_at, set when the source is synced). A synced translation
stays a draft until it is published after that sync, so "synced and published" is what
makes a page drop off the list.

Only live Swedish pages count: a Swedish draft is not ready to be translated. The whole
list takes a fixed number of queries whatever the number of pages; the admin report
(TranslationStatusReportView) and the dashboard panel (TranslationStatusPanel) read it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

# Who may see the list: those who may start and sync translations.
PERMISSION = "wagtail_localize.submit_translation"
PANEL_ROWS = 8

MISSING = "missing"
OUTDATED = "outdated"
DRAFT = "draft"
STATUS_LABELS = {
    MISSING: _("Not translated"),
    OUTDATED: _("Swedish page changed since the last sync"),
    DRAFT: _("Translation is a draft"),
}
ACTION_LABELS = {
    MISSING: _("Translate"),
    OUTDATED: _("Sync"),
    DRAFT: _("Edit translation"),
}
STATUS_ORDER = (MISSING, OUTDATED, DRAFT)


@dataclass(frozen=True)
class TranslationStatusRow:
    """One Swedish page that needs work in one language."""

    source_page_id: int
    title: str
    locale: Locale
    status: str
    action_url: str

    @property
    def language(self):
        return self.locale.get_display_name()

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def action_label(self):
        return ACTION_LABELS[self.status]

    @property
    def source_edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.source_page_id])


def _row_status(source, target, synced_at):
    """The status of `source`'s translation `target`, and the page or source to act on."""
    if target is None or target["alias_of_id"]:
        return MISSING
    published_at = source["last_published_at"]
    if synced_at is not None and published_at is not None and published_at > synced_at:
        return OUTDATED
    if (
        not target["live"]
        or target["has_unpublished_changes"]
        or (
            synced_at is not None
            and target["last_published_at"] is not None
            and target["last_published_at"] < synced_at
        )
    ):
        return DRAFT
    return None


def _action_url(status, source, target, source_id):
    if status == MISSING:
        if target is not None:  # an alias: its edit view offers to make it a translation
            return reverse("wagtailadmin_pages:edit", args=[target["id"]])
        return reverse("wagtail_localize:submit_page_translation", args=[source["id"]])
    if status == OUTDATED:
        return reverse("wagtail_localize:update_translations", args=[source_id])
    return reverse("wagtailadmin_pages:edit", args=[target["id"]])


def translation_status(language_code=None):
    """The rows of pages that need work, per language (or in `language_code` only).

    Sorted by language, then by what is to be done (translate, sync, publish), then in
    the order of the page tree.
    """
    source_locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    targets = Locale.objects.exclude(pk=source_locale.pk).order_by("language_code")
    if language_code:
        targets = targets.filter(language_code=language_code)
    targets = list(targets)
    source_pages = Page.objects.filter(
        locale=source_locale, depth__gt=1, live=True, alias_of__isnull=True
    )
    sources = list(
        source_pages.order_by("path").values("id", "title", "translation_key", "last_published_at")
    )
    translated = {
        (page["translation_key"], page["locale_id"]): page
        for page in Page.objects.filter(
            locale__in=targets,
            translation_key__in=source_pages.values("translation_key"),
        ).values(
            "id",
            "translation_key",
            "locale_id",
            "live",
            "has_unpublished_changes",
            "last_published_at",
            "alias_of_id",
        )
    }
    synced = {
        (key, locale_id): (source_id, synced_at)
        for source_id, key, synced_at, locale_id in Translation.objects.filter(
            enabled=True,
            source__locale=source_locale,
            source__object_id__in=source_pages.values("translation_key"),
            target_locale__in=targets,
        ).values_list(
            "source_id", "source__object_id", "source__last_updated_at", "target_locale_id"
        )
    }
    rows = []
    for locale in targets:
        for source in sources:
            key = (source["translation_key"], locale.pk)
            target = translated.get(key)
            source_id, synced_at = synced.get(key, (None, None))
            status = _row_status(source, target, synced_at)
            if status is None:
                continue
            rows.append(
                TranslationStatusRow(
                    source_page_id=source["id"],
                    title=source["title"],
                    locale=locale,
                    status=status,
                    action_url=_action_url(status, source, target, source_id),
                )
            )
    rows.sort(key=lambda row: (row.locale.language_code, STATUS_ORDER.index(row.status)))
    return rows


def can_see_translation_status(user):
    return user.has_perm(PERMISSION)


class TranslationStatusReportView(ReportView):
    """Reports → Translation status: every page that needs work, with the link to do it."""

    index_url_name = "translation_status"
    index_results_url_name = "translation_status_results"
    page_title = _("Translation status")
    header_icon = "site"
    paginate_by = 100
    columns = [
        TitleColumn("title", label=_("Swedish page"), get_url=lambda row: row.source_edit_url),
        Column("language", label=_("Language")),
        Column("status_label", label=_("Status")),
        TitleColumn("action_label", label=_("Action"), get_url=lambda row: row.action_url),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not can_see_translation_status(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return translation_status()


class TranslationStatusPanel(Component):
    """The dashboard's summary: how many pages need work per language, and the first few."""

    name = "translation_status"
    order = 150
    template_name = "home/admin/translation_status_panel.html"

    def get_context_data(self, parent_context):
        rows = translation_status()
        counts = {}
        for row in rows:
            counts.setdefault(row.language, dict.fromkeys(STATUS_ORDER, 0))[row.status] += 1
        return {
            "rows": rows[:PANEL_ROWS],
            "more": max(len(rows) - PANEL_ROWS, 0),
            "counts": [
                (language, [(STATUS_LABELS[s], n) for s, n in by_status.items()])
                for language, by_status in counts.items()
            ],
            "report_url": reverse("translation_status"),
        }
