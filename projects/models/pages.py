"""Project showcases: the list of projects in one language, and one page per project.

A communicator enters a project once, in Swedish, and translates it with wagtail-localize.
Money, dates, rates, codes, addresses and the partner rows are synchronised from the
Swedish page; the text people read is translated. Partner, co-financier and focus-area rows
point at snippets, and wagtail-localize points each translation's rows at the same
snippets' translations, so a Finnish page names its partners in Finnish.
"""

import functools
from decimal import Decimal
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, Prefetch, Q, Window
from django.template.defaultfilters import floatformat
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cleantech_site.prepared import prepared
from cleantech_site.shared_data import (
    KnownRestrictionsMixin,
    KnownURLMixin,
    by_generation,
    public,
    restricted_paths,
)
from home.blocks import BodyBlock
from home.mixins import HERO_IMAGE_FIELDS, LINK_FIELDS, HeroImageMixin, IntroMixin
from home.pagination import empty_page, listed_page, page_number
from home.panels import SkipEmptyRowsInlinePanel
from projects.export import csv_response, json_response
from projects.forms import ProjectFilterForm
from projects.structured_data import project_json_ld

from .snippets import COUNTRY_NAMES, FocusArea, Fund, FundingProgramme, Organisation

# How far (in percentage points) a co-financing rate may differ from EU contribution /
# total budget before the admin refuses it: rates are often published rounded.
RATE_TOLERANCE = Decimal("0.5")

NOT_NEGATIVE = _("An amount cannot be negative.")

# Other apps add to a project page's context through this Wagtail hook: a function of
# (page, request) that returns a dict. News adds the articles about the project this way,
# because news builds on projects and projects must not import news.
PROJECT_PAGE_CONTEXT_HOOK = "project_page_context"


class Status(models.TextChoices):
    """Where a project stands today. Derived from its dates, never entered."""

    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Exact dates")
    MONTH = "month", _("Months only")
    YEAR = "year", _("Years only")


class Currency(models.TextChoices):
    EUR = "EUR", _("Euro (EUR)")
    SEK = "SEK", _("Swedish krona (SEK)")


def status_for(start, end, today):
    """The status of a project running from `start` to `end` (either may be unknown)."""
    if end is not None and end < today:
        return Status.COMPLETED
    if start is None:
        return None
    if start > today:
        return Status.PLANNED
    return Status.ONGOING


def status_q(status, today):
    """The same rule as status_for(), as a database filter."""
    if status == Status.COMPLETED:
        return Q(end_date__lt=today)
    if status == Status.PLANNED:
        return Q(start_date__gt=today)
    return Q(start_date__lte=today) & (Q(end_date__isnull=True) | Q(end_date__gte=today))


# The order of the project lists, the home page's newest projects and the open data:
# newest first, projects without a start date last.
NEWEST_FIRST = (F("start_date").desc(nulls_last=True), "title", "pk")


def for_cards(projects):
    """`projects` with what their cards show and nothing more. The cards' pictures come
    from the worker's memory (home/images.py) or Wagtail's renditions cache: prefetching
    renditions would load every size each picture has ever been cut to."""
    return projects.only(*ProjectPage.CARD_FIELDS).select_related("programme", "hero_image")


# The project list's filters whose values are a query's parameters (the status is part of
# its shape: there are three).
FILTER_PARAMETERS = ("programme", "focus", "country")


def format_date(value, precision):
    """A date as visitors read it in the active language, as precise as it is known."""
    return _format_date(value, precision, translation.get_language())


# Django formats a date by parsing its format and calling a method per letter, and a
# project list shows two dates per card: the same few hundred dates, per language, for
# every visitor.
@functools.lru_cache(maxsize=4096)
def _format_date(value, precision, language):
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return date_format(value, "YEAR_MONTH_FORMAT")
    return date_format(value, "DATE_FORMAT")


def iso_date(value, precision):
    """ISO 8601 at the known precision: 2015, 2015-03 or 2015-03-01."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


class ProjectIndexPage(KnownURLMixin, KnownRestrictionsMixin, RoutablePageMixin, IntroMixin, Page):
    """The projects of one language as cards, with filters and open-data exports."""

    per_page = 12
    # What the page cache keys on (cleantech_site/page_cache.py): the filters and the page.
    cache_query_params = ("status", "programme", "focus", "country", "page")

    parent_page_types = ["home.HomePage"]
    subpage_types = ["projects.ProjectPage"]

    content_panels = Page.content_panels + IntroMixin.intro_panels
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("project index page")
        verbose_name_plural = _("project index pages")

    def live_projects(self):
        """The live, public projects of this index (one language), unordered."""
        return public(ProjectPage.objects.child_of(self).live())

    def filter_choices(self, projects):
        """The filters' choices, offering only values that some of `projects` have. Three
        queries, whatever the number of projects."""
        programmes = FundingProgramme.objects.filter(
            pk__in=projects.values("programme_id")
        ).values_list("slug", "name")
        focus_areas = FocusArea.objects.filter(
            pk__in=ProjectFocusArea.objects.filter(project__in=projects).values("focus_area_id")
        ).values_list("slug", "name")
        countries = (
            Organisation.objects.filter(
                pk__in=ProjectPartner.objects.filter(project__in=projects).values("organisation_id")
            )
            .order_by()
            .values_list("country", flat=True)
            .distinct()
        )
        return {
            "status": Status.choices,
            "programme": list(programmes),
            "focus": list(focus_areas),
            "country": sorted(
                ((code, COUNTRY_NAMES[code]) for code in set(countries) if code in COUNTRY_NAMES),
                key=lambda choice: str(choice[1]),
            ),
        }

    def listed_page(self, data, number):
        """Page `number` of the projects matching the filters `data` (a valid form's
        cleaned data), clamped to the last page (home/pagination.py)."""
        chosen = tuple(name for name in FILTER_PARAMETERS if data[name])

        def listed(number):
            return _listed_projects(
                *(data[name] for name in FILTER_PARAMETERS),
                index=(self.path, self.depth + 1),
                restricted=restricted_paths(),
                chosen=chosen,
                status=data["status"],
                today=timezone.localdate() if data["status"] else None,
                offset=(number - 1) * self.per_page,
                limit=self.per_page,
            )

        return listed_page(listed, number, self.per_page)

    def export_projects(self):
        """The live, public projects with everything the open-data files show, in a fixed
        number of queries."""
        return (
            self.live_projects()
            .defer_streamfields()
            .select_related("programme", "locale")
            .prefetch_related(
                Prefetch("partners", ProjectPartner.objects.select_related("organisation")),
                Prefetch(
                    "co_financiers", ProjectCoFinancier.objects.select_related("organisation")
                ),
                Prefetch("focus_area_links", ProjectFocusArea.objects.select_related("focus_area")),
            )
            .order_by(*NEWEST_FIRST)
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        live = self.live_projects()
        # The same for every visitor until content changes: kept like the menu.
        choices = by_generation(
            request,
            ("project-filter-choices", self.pk, translation.get_language()),
            lambda: self.filter_choices(live),
        )
        form = ProjectFilterForm(request.GET, choices=choices)
        # A new index's preview has no projects yet; an unknown filter value matches none.
        page = empty_page(self.per_page)
        if self.pk and form.is_valid():
            page = self.listed_page(form.cleaned_data, page_number(request.GET.get("page")))
        context.update(
            {
                "filter_form": form,
                "projects": page,
                "is_filtered": form.is_filtered,
                "export_links": self.export_links(),
            }
        )
        return context

    def export_links(self):
        base = self.url or ""
        return {
            "csv": base + self.reverse_subpage("export_csv"),
            "json": base + self.reverse_subpage("export_json"),
        }

    @path("export/csv/", name="export_csv")
    def export_csv(self, request):
        return csv_response(self, request)

    @path("export/json/", name="export_json")
    def export_json(self, request):
        return json_response(self, request)


class ProjectPageForm(WagtailAdminPageForm):
    """Checks the partner rows as a whole: one lead partner, no organisation twice."""

    def is_valid(self):
        # The row forms are cleaned after the page's own form, so check them here.
        valid = super().is_valid()
        partners_valid = self._check_rows("partners", lead_role=ProjectPartner.Role.LEAD)
        co_financiers_valid = self._check_rows("co_financiers")
        return valid and partners_valid and co_financiers_valid

    def _check_rows(self, name, lead_role=None):
        formset = self.formsets.get(name)
        if formset is None:
            return True
        seen, leads, valid = set(), 0, True
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("organisation"):
                continue
            organisation = data["organisation"]
            if organisation.pk in seen:
                form.add_error(
                    "organisation", _("This organisation is already listed above; list it once.")
                )
                valid = False
            seen.add(organisation.pk)
            if lead_role and data.get("role") == lead_role:
                leads += 1
                if leads > 1:
                    form.add_error(
                        "role", _("A project has one lead partner; choose another role here.")
                    )
                    valid = False
        return valid


class ProjectPage(KnownURLMixin, KnownRestrictionsMixin, HeroImageMixin, Page):
    """One funded project: its period, money, partners and results, in one language."""

    # Loaded with the page by CachedRouteMiddleware (cleantech_site/shared_data.py).
    route_related = ("hero_image", "programme")

    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_(
            "Two or three sentences on what the project does; shown on the project list and "
            "used by search engines and the open data."
        ),
    )
    start_date = models.DateField(
        _("start date"),
        null=True,
        blank=True,
        help_text=_("When the project began or begins. The status is worked out from the dates."),
    )
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("When the project ended or ends."),
    )
    date_precision = models.CharField(
        _("show dates as"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_(
            "When only the years are known, enter 1 January and 31 December and choose years only."
        ),
    )
    programme = models.ForeignKey(
        FundingProgramme,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        help_text=_(
            "The EU programme that finances the project, if it is known. Programmes are kept "
            "under Project data → Funding programmes."
        ),
    )
    eu_fund = models.CharField(
        _("EU fund"),
        max_length=8,
        choices=Fund.choices,
        blank=True,
        help_text=_(
            "Only when no programme is chosen, or the project's fund differs from the programme's."
        ),
    )
    reference = models.CharField(
        _("project number"),
        max_length=40,
        blank=True,
        help_text=_("The number the programme gave the project, as on keep.eu or Kohesio."),
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        choices=Currency.choices,
        default=Currency.EUR,
        help_text=_("The currency of the amounts: Swedish projects often report in SEK."),
    )
    total_budget = models.DecimalField(
        _("total budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0), message=NOT_NEGATIVE)],
        help_text=_("The whole budget, all financiers together. Leave empty if unknown."),
    )
    eu_contribution = models.DecimalField(
        _("EU contribution"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0), message=NOT_NEGATIVE)],
        help_text=_("The part paid by the EU fund. Leave empty if unknown."),
    )
    cofinancing_rate = models.DecimalField(
        _("co-financing rate (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(Decimal(0), message=_("A rate cannot be negative.")),
            MaxValueValidator(
                Decimal(100), message=_("A co-financing rate cannot be more than 100 percent.")
            ),
        ],
        help_text=_(
            "The EU's share of the total budget in percent, for example 60. Must agree with "
            "the amounts when both are given."
        ),
    )
    region = models.CharField(
        _("region"),
        max_length=120,
        blank=True,
        help_text=_("Where the project works, for example the Kvarken region."),
    )
    results = RichTextField(
        _("results"),
        features=["bold", "italic", "link", "ul", "ol"],
        blank=True,
        help_text=_("What the project achieved, in a few sentences or a list."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    showcase_distinction = models.CharField(
        _("showcase distinction"),
        max_length=200,
        blank=True,
        help_text=_(
            "A distinction the project received, for example: An EU showcase project. "
            "Shown prominently."
        ),
    )
    showcase_reason = models.TextField(
        _("reason for the distinction"),
        max_length=600,
        blank=True,
        help_text=_("Who chose the project and why."),
    )
    contact_name = models.CharField(
        _("contact person"),
        max_length=120,
        blank=True,
        help_text=_("The person to contact about the project, for example the project manager."),
    )
    contact_role = models.CharField(
        _("contact person's role"),
        max_length=120,
        blank=True,
        help_text=_("For example: project manager."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True, help_text=_("Optional."))
    contact_phone = models.CharField(
        _("contact phone"),
        max_length=40,
        blank=True,
        help_text=_("In international form, for example +46 90 123 45 67. Optional."),
    )
    predecessor = models.ForeignKey(
        "projects.ProjectPage",
        verbose_name=_("continues the project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The earlier project this one follows up. Both pages then link to each other."),
    )
    keep_eu_url = models.URLField(
        _("keep.eu record"),
        blank=True,
        help_text=_("The project's page in the keep.eu database of Interreg projects."),
    )
    kohesio_url = models.URLField(
        _("Kohesio record"),
        blank=True,
        help_text=_("The project's page in Kohesio, the EU's database of cohesion projects."),
    )

    base_form_class = ProjectPageForm
    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        *HeroImageMixin.hero_panels,
        FieldPanel("body"),
    ]
    facts_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("date_precision"),
            ],
            heading=_("Period"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("programme"),
                FieldPanel("eu_fund"),
                FieldPanel("reference"),
                FieldPanel("currency"),
                FieldRowPanel([FieldPanel("total_budget"), FieldPanel("eu_contribution")]),
                FieldPanel("cofinancing_rate"),
            ],
            heading=_("Funding"),
        ),
        FieldPanel("region"),
        SkipEmptyRowsInlinePanel(
            "focus_area_links", heading=_("Focus areas"), label=_("Focus area")
        ),
        PageChooserPanel("predecessor", "projects.ProjectPage"),
        MultiFieldPanel(
            [FieldPanel("keep_eu_url"), FieldPanel("kohesio_url")],
            heading=_("EU project databases"),
        ),
    ]
    partner_panels = [
        SkipEmptyRowsInlinePanel("partners", heading=_("Partners"), label=_("Partner")),
        SkipEmptyRowsInlinePanel(
            "co_financiers", heading=_("Co-financiers"), label=_("Co-financier")
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_role"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
            ],
            heading=_("Contact"),
        ),
    ]
    result_panels = [
        SkipEmptyRowsInlinePanel("key_figures", heading=_("Key figures"), label=_("Key figure")),
        FieldPanel("results"),
        MultiFieldPanel(
            [FieldPanel("showcase_distinction"), FieldPanel("showcase_reason")],
            heading=_("Showcase distinction"),
        ),
        SkipEmptyRowsInlinePanel("gallery_images", heading=_("Gallery"), label=_("Picture")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(facts_panels, heading=_("Facts")),
            ObjectList(partner_panels, heading=_("Partners")),
            ObjectList(result_panels, heading=_("Results")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("results"),
        index.SearchField("body"),
        index.FilterField("start_date"),
        index.FilterField("end_date"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("status", serializer=serializers.CharField(read_only=True)),
        APIField("currency"),
        APIField("total_budget"),
        APIField("eu_contribution"),
        APIField("cofinancing_rate"),
        APIField("fund", serializer=serializers.CharField(source="fund_code", read_only=True)),
        APIField("region"),
        APIField("keep_eu_url"),
        APIField("kohesio_url"),
    ]
    # Facts are synchronised from the Swedish page; text people read is translated.
    override_translatable_fields = [
        TranslatableField("summary"),
        SynchronizedField("hero_image"),
        TranslatableField("hero_image_alt"),
        SynchronizedField("start_date", overridable=False),
        SynchronizedField("end_date", overridable=False),
        SynchronizedField("date_precision", overridable=False),
        TranslatableField("programme"),
        SynchronizedField("eu_fund", overridable=False),
        SynchronizedField("reference", overridable=False),
        SynchronizedField("currency", overridable=False),
        SynchronizedField("total_budget", overridable=False),
        SynchronizedField("eu_contribution", overridable=False),
        SynchronizedField("cofinancing_rate", overridable=False),
        TranslatableField("region"),
        TranslatableField("results"),
        TranslatableField("body"),
        TranslatableField("showcase_distinction"),
        TranslatableField("showcase_reason"),
        SynchronizedField("contact_name", overridable=False),
        TranslatableField("contact_role"),
        SynchronizedField("contact_email", overridable=False),
        SynchronizedField("contact_phone", overridable=False),
        SynchronizedField("predecessor", overridable=False),
        SynchronizedField("keep_eu_url", overridable=False),
        SynchronizedField("kohesio_url", overridable=False),
        # Rows follow the Swedish page; their snippets are swapped for their translations.
        TranslatableField("partners"),
        TranslatableField("co_financiers"),
        TranslatableField("focus_area_links"),
        TranslatableField("key_figures"),
        TranslatableField("gallery_images"),
    ]

    description_field = "summary"

    class Meta:
        verbose_name = _("project page")
        verbose_name_plural = _("project pages")

    def clean(self):
        # Every mistake at once: the mixins' errors (the hero image's text) and these.
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The project cannot end before it starts.")
        total, eu, rate = self.total_budget, self.eu_contribution, self.cofinancing_rate
        if total is not None and eu is not None and eu > total:
            errors["eu_contribution"] = _(
                "The EU contribution cannot be larger than the total budget."
            )
        elif (
            total
            and eu is not None
            and rate is not None
            and 0 <= rate <= 100
            and abs(eu * 100 / total - rate) > RATE_TOLERANCE
        ):
            expected = (eu * 100 / total).quantize(Decimal("0.1"))
            errors["cofinancing_rate"] = _(
                "The rate does not agree with the amounts: the EU contribution is "
                "%(expected)s percent of the total budget. Correct the rate or the amounts."
            ) % {"expected": floatformat(expected, "-1")}
        for name in ("keep_eu_url", "kohesio_url"):
            error = self._check_database_link(name)
            if error:
                errors[name] = error
        if errors:
            raise ValidationError(errors)

    def _check_database_link(self, name):
        url = getattr(self, name)
        if not url:
            return None
        host = (urlsplit(url).hostname or "").lower()
        expected = {"keep_eu_url": "keep.eu", "kohesio_url": "kohesio.ec.europa.eu"}[name]
        if host != expected and not host.endswith("." + expected):
            return _("This should be an address on %(host)s.") % {"host": expected}
        return None

    # What a project card shows (projects/templatetags/project_cards.py) and its
    # address: listings load these columns only, not the other forty.
    CARD_FIELDS = (
        *LINK_FIELDS,
        *HERO_IMAGE_FIELDS,
        "start_date",
        "end_date",
        "date_precision",
        "programme",
    )

    # What visitors see

    @property
    def status(self):
        return status_for(self.start_date, self.end_date, timezone.localdate())

    @property
    def status_label(self):
        status = self.status
        return Status(status).label if status else ""

    @property
    def period(self):
        start, end = self.start_date, self.end_date
        if start and end:
            separator = "–" if self.date_precision == DatePrecision.YEAR else " – "
            return (
                format_date(start, self.date_precision)
                + separator
                + format_date(end, self.date_precision)
            )
        if start:
            return gettext("from %(date)s") % {"date": format_date(start, self.date_precision)}
        if end:
            # Only the end is known: say whether it has come, not "until", which reads as
            # if the project had always been running.
            ended = self.status == Status.COMPLETED
            message = gettext("ended %(date)s") if ended else gettext("ends %(date)s")
            return message % {"date": format_date(end, self.date_precision)}
        return ""

    @property
    def start_iso(self):
        return iso_date(self.start_date, self.date_precision)

    @property
    def end_iso(self):
        return iso_date(self.end_date, self.date_precision)

    @property
    def fund_code(self):
        if self.eu_fund:
            return self.eu_fund
        return self.programme.fund if self.programme_id else ""

    @property
    def fund_name(self):
        code = self.fund_code
        return Fund(code).label if code else ""

    @property
    def is_eu_funded(self):
        return bool(self.fund_code or self.eu_contribution)

    # The queries a project page needs, each run once whatever the number of rows.

    def _rows(self, relation, read):
        """The project's rows of one inline panel, in the editors' order: a draft's from
        memory (a preview), else by a query prepared once per worker (`read`)."""
        manager = getattr(self, relation)
        if manager.is_deferring or self.pk is None:
            return list(manager.all())
        return read(self.pk)

    @cached_property
    def partner_rows(self):
        return self._rows("partners", _partner_rows)

    @cached_property
    def co_financier_rows(self):
        return self._rows("co_financiers", _co_financier_rows)

    @cached_property
    def focus_areas(self):
        return [link.focus_area for link in self._rows("focus_area_links", _focus_area_links)]

    @cached_property
    def key_figure_rows(self):
        return self._rows("key_figures", _key_figure_rows)

    @cached_property
    def gallery(self):
        return self._rows("gallery_images", _gallery_rows)

    @cached_property
    def related_projects(self):
        """(the project this one continues, the projects that continue this one), both in
        this page's language and live. The predecessor link is synchronised, so it points at
        the Swedish page; translation keys find the page in this language."""
        related = _related_projects(
            self.translation_key,
            self.locale_id,
            self.predecessor_id or 0,
            restricted=restricted_paths(),
        )
        predecessor, follow_ups = None, []
        for project in related:
            if project.predecessor_key == self.translation_key:
                follow_ups.append(project)
            else:
                predecessor = project
        return predecessor, follow_ups

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Loaded with the page when its route is known (route_related); else in one query
        # (not in a preview: the draft may have chosen another image or programme).
        missing = [
            name
            for name in self.route_related
            if getattr(self, f"{name}_id") and not self._meta.get_field(name).is_cached(self)
        ]
        if missing and not getattr(request, "is_preview", False):
            rows = (
                ProjectPage.objects.filter(pk=self.pk)
                .select_related("hero_image", "programme")
                .only("hero_image", "programme")
                .order_by()
            )
            for row in rows:
                self.hero_image, self.programme = row.hero_image, row.programme
        predecessor, follow_ups = self.related_projects
        context.update(
            {
                "predecessor": predecessor,
                "follow_ups": follow_ups,
                "structured_data": project_json_ld(self, request),
            }
        )
        for add_to_context in hooks.get_hooks(PROJECT_PAGE_CONTEXT_HOOK):
            context.update(add_to_context(self, request))
        return context


class ProjectPartner(TranslatableMixin, Orderable):
    """An organisation that carries out the project, with its role, in order."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead partner")
        PARTNER = "partner", _("Partner")
        ASSOCIATED = "associated", _("Associated partner")
        COORDINATOR = "coordinator", _("Coordinator")
        OWNER = "owner", _("Project owner")

    project = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="partnerships",
        help_text=_(
            "Choose the organisation, or create it in the chooser. Organisations are kept "
            "under Project data → Organisations."
        ),
    )
    role = models.CharField(
        _("role"),
        max_length=12,
        choices=Role.choices,
        default=Role.PARTNER,
        help_text=_("One lead partner per project; the order here is the order shown."),
    )

    panels = [FieldPanel("organisation"), FieldPanel("role")]
    override_translatable_fields = [
        TranslatableField("organisation"),
        SynchronizedField("role", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        ordering = ["sort_order", "pk"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")


class ProjectCoFinancier(TranslatableMixin, Orderable):
    """An organisation that pays part of the project's budget, in order."""

    project = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="co_financiers")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="co_financings",
        help_text=_(
            "Choose the organisation, or create it in the chooser. Organisations are kept "
            "under Project data → Organisations."
        ),
    )

    panels = [FieldPanel("organisation")]
    override_translatable_fields = [TranslatableField("organisation")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        ordering = ["sort_order", "pk"]
        verbose_name = _("co-financier")
        verbose_name_plural = _("co-financiers")


class ProjectFocusArea(TranslatableMixin, Orderable):
    """One theme of the project, used by the project list's filter."""

    project = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="focus_area_links")
    focus_area = models.ForeignKey(
        FocusArea,
        verbose_name=_("focus area"),
        on_delete=models.CASCADE,
        related_name="project_links",
        help_text=_("Choose a theme. Themes are kept under Project data → Focus areas."),
    )

    panels = [FieldPanel("focus_area")]
    override_translatable_fields = [TranslatableField("focus_area")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        ordering = ["sort_order", "pk"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")


class ProjectKeyFigure(TranslatableMixin, Orderable):
    """A result as a number: 200 companies, 97 % who want to continue."""

    project = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="key_figures")
    number = models.DecimalField(
        _("number"),
        max_digits=14,
        decimal_places=2,
        help_text=_("The figure itself, for example 200 or 97."),
    )
    unit = models.CharField(
        _("unit"),
        max_length=24,
        blank=True,
        help_text=_(
            "Written right after the number, for example a percent sign or companies. Optional."
        ),
    )
    label = models.CharField(
        _("label"),
        max_length=160,
        help_text=_("What the number counts, for example: took part in fairs and matchmaking."),
    )

    panels = [FieldRowPanel([FieldPanel("number"), FieldPanel("unit")]), FieldPanel("label")]
    override_translatable_fields = [
        SynchronizedField("number", overridable=False),
        TranslatableField("unit"),
        TranslatableField("label"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        ordering = ["sort_order", "pk"]
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")


class ProjectGalleryImage(TranslatableMixin, Orderable):
    """A picture from the project, with its own alternative text in each language."""

    project = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_("Describe what the picture shows for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True, help_text=_("Optional."))

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]
    override_translatable_fields = [
        SynchronizedField("image"),
        TranslatableField("alt_text"),
        TranslatableField("caption"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        ordering = ["sort_order", "pk"]
        verbose_name = _("gallery picture")
        verbose_name_plural = _("gallery pictures")


# A page of the project list, by a query each worker compiles once per shape
# (cleantech_site/prepared.py): the index, the filters chosen, the status and the page are
# the shape, the other filters' values its parameters. Each project also carries how many
# match in all (a window count), so the list needs no second query to count them.
@prepared
def _listed_projects(
    programme, focus, country, *, index, restricted, chosen, status, today, offset, limit
):
    path, depth = index
    projects = public(
        ProjectPage.objects.live().filter(path__startswith=path, depth=depth), restricted
    )
    if status:
        projects = projects.filter(status_q(status, today))
    if "programme" in chosen:
        projects = projects.filter(programme__slug=programme)
    if "focus" in chosen:
        focus_links = ProjectFocusArea.objects.filter(focus_area__slug=focus)
        projects = projects.filter(pk__in=focus_links.values("project_id"))
    if "country" in chosen:
        partners = ProjectPartner.objects.filter(organisation__country=country)
        projects = projects.filter(pk__in=partners.values("project_id"))
    return (
        for_cards(projects)
        .annotate(listed_count=Window(Count("pk")))
        .order_by(*NEWEST_FIRST)[offset : offset + limit]
    )


# A project page's rows, by queries each worker compiles once (cleantech_site/prepared.py).


@prepared
def _partner_rows(project):
    return ProjectPartner.objects.filter(project_id=project).select_related("organisation__logo")


@prepared
def _co_financier_rows(project):
    return ProjectCoFinancier.objects.filter(project_id=project).select_related("organisation")


@prepared
def _focus_area_links(project):
    return ProjectFocusArea.objects.filter(project_id=project).select_related("focus_area")


@prepared
def _key_figure_rows(project):
    return ProjectKeyFigure.objects.filter(project_id=project)


@prepared
def _gallery_rows(project):
    return ProjectGalleryImage.objects.filter(project_id=project).select_related("image")


@prepared
def _related_projects(translation_key, locale, predecessor, *, restricted):
    """The live projects in a language that continue the project `translation_key` or
    that the project continues (`predecessor`, a page's pk; 0 for none)."""
    continued = ProjectPage.objects.filter(pk=predecessor).values("translation_key")
    return (
        public(ProjectPage.objects.live(), restricted)
        .filter(
            Q(predecessor__translation_key=translation_key) | Q(translation_key__in=continued),
            locale_id=locale,
        )
        .exclude(translation_key=translation_key)
        # A link's title and address, not the projects' every column.
        .only(*LINK_FIELDS)
        .annotate(predecessor_key=F("predecessor__translation_key"))
        .order_by("start_date", "title")
    )
