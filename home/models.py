"""The home page of each language, and standard pages such as About and Privacy.

The home page shows featured projects, the organisation in numbers and the latest news,
so this module builds on news and projects; the parts pages share are in home.mixins,
which builds on none of them.

Featured projects are rows that point at the Swedish project pages (synchronised, like
the footer's page links), so a translator has nothing to redo when an editor changes the
choice; each language shows the projects' translations, found by translation key.
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.core.cache import cache
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cleantech_site import page_cache
from cleantech_site.prepared import prepared
from cleantech_site.shared_data import (
    KnownRestrictionsMixin,
    KnownURLMixin,
    public,
    restricted_paths,
)
from news.models import latest_news
from projects.models import NEWEST_FIRST, ProjectPage, ProjectPartner, for_cards

from .blocks import BodyBlock
from .mixins import LINK_FIELDS, IntroMixin

# How many projects the home page features when editors have chosen none.
FEATURED_FALLBACK = 3
# The numbers are keyed by content generation, so this only bounds how long an entry
# of an old generation lingers.
NUMBERS_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Numbers:
    """The organisation in numbers, as the home page shows it."""

    projects: int
    partners: int
    countries: int
    eu_funding: list  # (currency, amount) pairs, largest first; only amounts above 0


def organisation_in_numbers(locale_id):
    """Counted from the live, public projects of one language, in three queries, and kept
    in the cache until the next content change (the page cache's generation): the home
    page counts once per change, not at every visit."""
    key = f"home:numbers:{locale_id}:{page_cache.generation()}"
    numbers = cache.get(key)
    if numbers is None:
        projects = ProjectPage.objects.live().public().filter(locale_id=locale_id)
        by_currency = (
            projects.order_by()
            .values("currency")
            .annotate(count=Count("pk"), funding=Sum("eu_contribution"))
        )
        funding = sorted(
            ((row["currency"], row["funding"]) for row in by_currency if row["funding"]),
            key=lambda pair: -pair[1],
        )
        partners = set(
            ProjectPartner.objects.filter(project__in=projects)
            .order_by()
            .values_list("organisation__translation_key", "organisation__country")
            .distinct()
        )
        numbers = Numbers(
            projects=sum(row["count"] for row in by_currency),
            partners=len({key for key, _country in partners}),
            countries=len({country for _key, country in partners if country}),
            eu_funding=funding,
        )
        cache.set(key, numbers, NUMBERS_SECONDS)
    return numbers


class HomePage(KnownURLMixin, KnownRestrictionsMixin, IntroMixin, Page):
    """The front page of one language, and the footer's contact details for it."""

    booking_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("booking page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where the calls to book a visit lead: usually the booking form."),
    )
    booking_label = models.CharField(
        _("booking button text"),
        max_length=60,
        blank=True,
        help_text=_("For example: Book a visit. The buttons are hidden while this is empty."),
    )
    booking_heading = models.CharField(
        _("closing call heading"),
        max_length=120,
        blank=True,
        help_text=_("A heading near the end of the page that invites visitors to come."),
    )
    booking_text = models.TextField(
        _("closing call text"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences under that heading: who can visit, and what they see."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    contact_heading = models.CharField(
        _("organisation name in the footer"),
        max_length=120,
        blank=True,
        help_text=_("Shown at the top of the footer's contact details."),
    )
    contact_address = models.TextField(
        _("postal address"),
        max_length=400,
        blank=True,
        help_text=_("One line per row of the address."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(
        _("contact phone"),
        max_length=40,
        blank=True,
        help_text=_("In international form, for example +46 90 123 45 67."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy policy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer of every page."),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer of every page."),
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "projects.ProjectIndexPage",
        "news.NewsIndexPage",
        "forms.FormPage",
    ]

    content_panels = (
        Page.content_panels
        + IntroMixin.intro_panels
        + [
            MultiFieldPanel(
                [
                    PageChooserPanel("booking_page", "forms.FormPage"),
                    FieldPanel("booking_label"),
                    FieldPanel("booking_heading"),
                    FieldPanel("booking_text"),
                ],
                heading=_("Call to book a visit"),
            ),
            InlinePanel(
                "featured_project_rows",
                heading=_("Featured projects"),
                label=_("featured project"),
                help_text=_("Shown in this order. Without any, the newest projects are shown."),
            ),
            FieldPanel("body"),
        ]
    )
    footer_panels = [
        MultiFieldPanel(
            [
                FieldPanel("contact_heading"),
                FieldPanel("contact_address"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading=_("Contact details"),
        ),
        PageChooserPanel("privacy_page"),
        PageChooserPanel("accessibility_page"),
    ]
    # The footer's fields get a tab of their own, so the content tab stays about the page.
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(footer_panels, heading=_("Footer")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    override_translatable_fields = [
        SynchronizedField("booking_page"),
        SynchronizedField("contact_email"),
        SynchronizedField("contact_phone"),
        # Page links stay pointed at the Swedish page; the footer shows its translation.
        SynchronizedField("privacy_page"),
        SynchronizedField("accessibility_page"),
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        featured = self.featured_projects()
        booking, project_index = self.linked_pages(featured)
        context.update(
            {
                "booking": booking,
                "featured_projects": featured,
                "project_index": project_index,
                "numbers": organisation_in_numbers(self.locale_id),
                "latest_news": latest_news(self.locale_id),
            }
        )
        return context

    def featured_projects(self):
        """The live projects editors chose, in their order and in this page's language,
        else the newest ones."""
        restricted = restricted_paths()
        # A new home page's preview has no rows saved yet (and no pk to find them by).
        chosen = _chosen_projects(self.pk, self.locale_id, restricted=restricted) if self.pk else []
        if chosen:
            return chosen
        return _newest_projects(self.locale_id, count=FEATURED_FALLBACK, restricted=restricted)

    def linked_pages(self, featured):
        """(the booking page in this page's language, else the page chosen; the featured
        projects' index), both live and public, in one query."""
        with_booking = bool(self.booking_page_id and self.booking_label)
        index_path = featured[0].path[: -Page.steplen] if featured else ""
        if not with_booking and not index_path:
            return None, None
        pages = _linked_pages(
            self.booking_page_id or 0,
            self.locale_id,
            index_path,
            with_booking=with_booking,
            with_index=bool(index_path),
            restricted=restricted_paths(),
        )
        chosen = next((page for page in pages if page.pk == self.booking_page_id), None)
        booking = chosen and next(
            (
                page
                for page in pages
                if page.translation_key == chosen.translation_key
                and page.locale_id == self.locale_id
            ),
            chosen,
        )
        index = next((page for page in pages if index_path and page.path == index_path), None)
        return booking, index


@prepared
def _linked_pages(booking, locale, index_path, *, with_booking, with_index, restricted):
    """The pages a home page links besides its cards: the booking page chosen and its
    translation in `locale`, the featured projects' index."""
    wanted = []
    if with_booking:
        chosen_key = Page.objects.filter(pk=booking).values("translation_key")
        wanted.append(Q(pk=booking))
        wanted.append(Q(locale_id=locale, translation_key__in=chosen_key))
    if with_index:
        wanted.append(Q(path=index_path))
    pages = public(Page.objects.live(), restricted).filter(reduce(or_, wanted))
    return pages.only(*LINK_FIELDS).order_by()


def _project_cards(locale, restricted):
    """The live projects of a language, with what their cards show."""
    return for_cards(public(ProjectPage.objects.live(), restricted).filter(locale_id=locale))


@prepared
def _chosen_projects(home, locale, *, restricted):
    """The projects a home page's editors chose (its rows point at the Swedish pages), in
    their order. Only those are looked up: the order is one subquery per chosen project,
    not one per project of the language."""
    rows = HomeFeaturedProject.objects.filter(page_id=home)
    position = rows.filter(project__translation_key=OuterRef("translation_key"))
    return (
        _project_cards(locale, restricted)
        .filter(translation_key__in=rows.values("project__translation_key"))
        .annotate(position=Subquery(position.values("sort_order")[:1]))
        .order_by("position", "pk")
    )


@prepared
def _newest_projects(locale, *, count, restricted):
    newest = _project_cards(locale, restricted)
    return newest.order_by(*NEWEST_FIRST)[:count]


class HomeFeaturedProject(TranslatableMixin, Orderable):
    """A project the home page shows first. Points at the Swedish project page."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_project_rows")
    project = models.ForeignKey(
        "projects.ProjectPage",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Choose the Swedish page; each language shows its own translation."),
    )

    panels = [PageChooserPanel("project", "projects.ProjectPage")]
    override_translatable_fields = [SynchronizedField("project", overridable=False)]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        ordering = ["sort_order", "pk"]
        verbose_name = _("featured project")
        verbose_name_plural = _("featured projects")


class StandardPage(KnownURLMixin, KnownRestrictionsMixin, IntroMixin, Page):
    """A page of text: about us, privacy policy, accessibility statement and the like."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    content_panels = Page.content_panels + IntroMixin.intro_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
