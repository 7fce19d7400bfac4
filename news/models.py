"""News: one index page per language and the articles under it.

Articles link the projects they are about, so news builds on projects and never the other
way round: a project page gets its news through the hook in news/wagtail_hooks.py.
"""

from dataclasses import dataclass
from uuid import UUID

from django.db import models
from django.db.models import Count, OuterRef, Subquery, Window
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.queryset import FakeQuerySet
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cleantech_site.prepared import prepared
from cleantech_site.shared_data import (
    KnownRestrictionsMixin,
    KnownURLMixin,
    by_generation,
    kept_in_worker,
    public,
    restricted_paths,
)
from home.blocks import BodyBlock
from home.images import social_cut
from home.mixins import (
    HERO_IMAGE_FIELDS,
    LINK_FIELDS,
    HeroImageMixin,
    IntroMixin,
    PictureKind,
    hero_image_panel,
)
from home.navigation import home_page, site_name
from home.pagination import empty_page, listed_page, page_number
from projects.models import ProjectPage

from .forms import NewsFilterForm

# The largest id a page can have (an integer column on every database we run on).
LARGEST_ID = 2**31 - 1


def _could_be_id(value):
    """Only ASCII digits ("²" is a digit to Python, not to int()) within the column."""
    return value.isascii() and value.isdigit() and int(value) <= LARGEST_ID


# What an article card shows (news/templatetags/article_cards.py) and its address.
CARD_FIELDS = (*LINK_FIELDS, *HERO_IMAGE_FIELDS, "date", "lead")


def listing(articles):
    """Articles ready for a list: newest first, with what their cards show and nothing
    else, hero images fetched with them (their renditions are kept in the worker)."""
    return articles.order_by("-date", "-pk").only(*CARD_FIELDS).select_related("hero_image")


@dataclass(frozen=True)
class ProjectChoice:
    """A project the news list can be filtered by."""

    pk: int
    title: str
    translation_key: UUID


@dataclass(frozen=True)
class LatestNews:
    index: "NewsIndexPage | None"
    articles: list


def latest_news(locale_id, count=3):
    """The newest live articles in one language and their index, for the home page."""
    articles = _latest_articles(locale_id, count=count, restricted=restricted_paths())
    index = None
    if articles:
        index = news_index(locale_id)
    return LatestNews(index, articles)


def news_about(project, count=3):
    """The newest live articles in the project's language that link the project, and the
    news index of that language (for a link to the list filtered by the project).

    Articles link the Swedish project (their rows are synchronised), so the project is
    matched by its translation key.
    """
    articles = _articles_about(
        project.locale_id, project.translation_key, count=count, restricted=restricted_paths()
    )
    index = news_index(project.locale_id) if articles else None
    return LatestNews(index, articles)


@prepared
def _latest_articles(locale, *, count, restricted):
    return listing(public(ArticlePage.objects.live(), restricted).filter(locale_id=locale))[:count]


@prepared
def _articles_about(locale, translation_key, *, count, restricted):
    articles = (
        public(ArticlePage.objects.live(), restricted)
        .filter(locale_id=locale)
        .filter(
            pk__in=ArticleRelatedProject.objects.filter(
                project__translation_key=translation_key
            ).values("article_id")
        )
    )
    # A link's title, address and date: not the articles' every column.
    return articles.order_by("-date", "-pk").only(*LINK_FIELDS, "date")[:count]


def news_index(locale_id):
    """The live, public news index of a language (one per language), kept until content
    changes."""
    return by_generation(
        None,
        ("news-index", locale_id),
        lambda: public(NewsIndexPage.objects.live()).filter(locale_id=locale_id).first(),
    )


def _project_links(locale, restricted):
    """The live projects of a language, with what a link to them shows."""
    projects = public(ProjectPage.objects.live(), restricted).filter(locale_id=locale)
    return projects.only(*LINK_FIELDS)


@prepared
def _linked_projects(article, locale, *, restricted):
    """The projects an article links (its rows point at the Swedish pages), in this
    language and the editors' order."""
    links = ArticleRelatedProject.objects.filter(article_id=article)
    position = links.filter(project__translation_key=OuterRef("translation_key"))
    return (
        _project_links(locale, restricted)
        .filter(translation_key__in=links.values("project__translation_key"))
        .annotate(position=Subquery(position.order_by("sort_order").values("sort_order")[:1]))
        .order_by("position", "pk")
    )


class NewsIndexPage(KnownURLMixin, KnownRestrictionsMixin, IntroMixin, Page):
    """The news of one language, newest first, with filters by year and by project."""

    articles_per_page = 10
    # What the page cache keys on (cleantech_site/page_cache.py): the filters and the page.
    cache_query_params = ("year", "project", "page")

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.ArticlePage"]
    # One news section per language: the feed and the home page link to it.
    max_count_per_parent = 1

    content_panels = Page.content_panels + IntroMixin.intro_panels
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("news index page")
        verbose_name_plural = _("news index pages")

    def articles(self):
        return public(ArticlePage.objects.child_of(self).live())

    def projects_with_articles(self, articles):
        """The live projects of this language that the given articles link, by title, as
        ProjectChoice records."""
        linked = ArticleRelatedProject.objects.filter(article__in=articles.values("pk")).values(
            "project__translation_key"
        )
        rows = (
            public(ProjectPage.objects.live())
            .filter(locale_id=self.locale_id, translation_key__in=linked)
            .order_by("title", "pk")
            # What the filter shows and matches on, not a page object per project.
            .values_list("pk", "title", "translation_key")
        )
        return [ProjectChoice(*row) for row in rows]

    def filters_in_languages(self, pairs):
        """The filters `pairs` for each language's news list, by language code: a project
        chosen by its page in this language becomes its translation in the other."""
        # Anything else is the filter form's error to answer, and would not reach the
        # database's integer.
        chosen = [value for name, value in pairs if name == "project" and _could_be_id(value)]
        if not chosen:
            return {}
        keys = ProjectPage.objects.filter(pk__in=chosen).values("translation_key")
        family = ProjectPage.objects.filter(translation_key__in=keys).values_list(
            "pk", "translation_key", "locale__language_code"
        )
        key_of = {str(pk): key for pk, key, _code in family}
        pk_in = {(key, code): str(pk) for pk, key, code in family}
        languages = {code for _pk, _key, code in family}
        return {
            code: [
                (name, pk_in.get((key_of.get(value), code), value) if name == "project" else value)
                for name, value in pairs
            ]
            for code in languages
        }

    def filter_choices(self):
        """The years the articles were published in, newest first, and the projects they
        link (projects_with_articles)."""
        articles = self.articles()
        years = tuple(day.year for day in articles.dates("date", "year", order="DESC"))
        return years, tuple(self.projects_with_articles(articles))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The same for every visitor until content changes; records that are never
        # changed, so each worker keeps them as they are.
        years, projects = kept_in_worker(
            request, ("news-filter-choices", self.pk), self.filter_choices
        )
        filters = NewsFilterForm(request.GET or None, years=years, projects=projects)
        year, project = filters.chosen

        def listed(number):
            return _listed_articles(
                project,
                index=(self.path, self.depth + 1),
                restricted=restricted_paths(),
                year=year,
                about_project=project is not None,
                offset=(number - 1) * self.articles_per_page,
                limit=self.articles_per_page,
            )

        # A new index's preview has no articles yet.
        context["articles"] = (
            listed_page(listed, page_number(request.GET.get("page")), self.articles_per_page)
            if self.pk
            else empty_page(self.articles_per_page)
        )
        context["filters"] = filters
        return context


# A page of the news list, by a query each worker compiles once per shape
# (cleantech_site/prepared.py): the index, the year and whether a project is chosen are
# its shape, the project its parameter; each article carries how many match in all.
@prepared
def _listed_articles(project, *, index, restricted, year, about_project, offset, limit):
    path, depth = index
    articles = public(
        ArticlePage.objects.live().filter(path__startswith=path, depth=depth), restricted
    )
    if year is not None:
        articles = articles.filter(date__year=year)
    if about_project:
        # A subquery rather than a join, so an article is listed once.
        about = ArticleRelatedProject.objects.filter(project__translation_key=project)
        articles = articles.filter(pk__in=about.values("article_id"))
    listed = listing(articles).annotate(listed_count=Window(Count("pk")))
    return listed[offset : offset + limit]


class ArticlePageForm(WagtailAdminPageForm):
    """Refuses a related project listed twice."""

    def is_valid(self):
        # The row forms are cleaned after the page's own form, so check them here.
        valid = super().is_valid()
        formset = self.formsets.get("project_links")
        if formset is None:
            return valid
        seen = set()
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("project"):
                continue
            key = data["project"].translation_key
            if key in seen:
                form.add_error("project", _("This project is already listed above."))
                valid = False
            seen.add(key)
        return valid


class ArticlePage(KnownURLMixin, KnownRestrictionsMixin, HeroImageMixin, Page):
    """A news article: headline, lead, byline, hero image and body."""

    date = models.DateField(
        _("publication date"),
        default=timezone.localdate,
        help_text=_("The date the article is published under; the news list is sorted by it."),
    )
    lead = models.TextField(
        _("lead"),
        max_length=600,
        help_text=_(
            "The first paragraph: what happened, in two or three sentences. Shown in lists, "
            "feeds and search engines."
        ),
    )
    author = models.CharField(
        _("text by"),
        max_length=120,
        blank=True,
        help_text=_("The writer's name. Leave empty when the article is by the organisation."),
    )
    photographer = models.CharField(
        _("photos by"),
        max_length=120,
        blank=True,
        help_text=_(
            "The photographer's name. When it is the writer, the byline says 'Text and photo' once."
        ),
    )
    hero_image_caption = models.CharField(
        _("caption of the hero image"),
        max_length=250,
        blank=True,
        help_text=_("Optional text under the image."),
    )
    hero_image_credit = models.CharField(
        _("credit of the hero image"),
        max_length=120,
        blank=True,
        help_text=_("Photographer or source. Leave empty to credit the photographer above."),
    )
    hero_image_kind = models.CharField(
        _("kind of hero image"),
        max_length=20,
        choices=PictureKind.choices,
        default=PictureKind.PHOTO,
        help_text=_("Says what the credit is for: 'Photo: …' or 'Illustration: …'."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    description_field = "lead"
    og_type = "article"

    base_form_class = ArticlePageForm
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("lead"),
        FieldRowPanel([FieldPanel("author"), FieldPanel("photographer")], heading=_("Byline")),
        hero_image_panel(
            FieldPanel("hero_image_caption"),
            FieldPanel("hero_image_credit"),
            FieldPanel("hero_image_kind"),
        ),
        FieldPanel("body"),
        InlinePanel(
            "project_links",
            heading=_("Related projects"),
            label=_("Project"),
            help_text=_(
                "The projects the article is about. Choose them on the Swedish article: the "
                "translations link the same projects in their own language."
            ),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead", boost=1.5),
        index.SearchField("body"),
        index.SearchField("author"),
        index.FilterField("date"),
    ]

    override_translatable_fields = [
        SynchronizedField("date", overridable=False),
        # Names are the same in every language; a translator may still adjust a credit.
        SynchronizedField("author"),
        SynchronizedField("photographer"),
        SynchronizedField("hero_image", overridable=False),
        SynchronizedField("hero_image_credit"),
        SynchronizedField("hero_image_kind", overridable=False),
        TranslatableField("hero_image_alt"),
        TranslatableField("hero_image_caption"),
        # The rows are copied from the Swedish article; related_projects() finds each
        # project's page in the reader's language.
        SynchronizedField("project_links", overridable=False),
    ]

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The picture, the Open Graph image and the JSON-LD read the hero image's markup
        # and cut from the worker's memory (home/images.py), or its renditions from
        # Wagtail's renditions cache.
        context["news_index"] = by_generation(
            request, ("article-parent", self.pk), lambda: self.get_parent()
        )
        # Links with their dates: not the articles' every column.
        context["more_news"] = list(
            public(ArticlePage.objects.sibling_of(self, inclusive=False).live())
            .order_by("-date", "-pk")
            .only(*LINK_FIELDS, "date")[:3]
        )
        context["related_projects"] = self.related_projects()
        context["structured_data"] = self.structured_data(request)
        return context

    def related_projects(self):
        """The live pages, in this article's language, of the projects the article links,
        in the editor's order. One query.

        The rows are synchronised from the Swedish article, so a translation's rows point
        at Swedish pages: the translation key finds the page in this language, and a
        project whose translation is not live is left out.
        """
        links = self.project_links.all()
        if isinstance(links, FakeQuerySet):
            # A preview: the rows are in memory, not yet saved.
            keys = [link.project.translation_key for link in links if link.project_id]
            projects = _project_links(self.locale_id, restricted_paths())
            found = {
                project.translation_key: project
                for project in projects.filter(translation_key__in=keys)
            }
            return [found[key] for key in dict.fromkeys(keys) if key in found]
        return _linked_projects(self.pk, self.locale_id, restricted=restricted_paths())

    @property
    def text_and_photo_by_one_person(self):
        return bool(self.author.strip()) and (
            self.author.strip().casefold() == self.photographer.strip().casefold()
        )

    @property
    def image_credit(self):
        return self.hero_image_credit or self.photographer

    def structured_data(self, request):
        """schema.org NewsArticle: the writer is the author, the photographer the image's
        creator (schema.org has no photographer property on articles)."""
        home = home_page(request)
        organisation = {
            "@type": "Organization",
            "name": site_name(request),
            "logo": {
                "@type": "ImageObject",
                "url": request.build_absolute_uri(static("img/logo.svg")),
            },
        }
        if home is not None:
            organisation["url"] = home.get_full_url(request)
        url = self.get_full_url(request)
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title,
            "description": self.lead,
            "datePublished": self.date.isoformat(),
            "inLanguage": self.locale.language_code,
            "mainEntityOfPage": url,
            "url": url,
            "author": (
                [{"@type": "Person", "name": self.author}] if self.author else [organisation]
            ),
            "publisher": organisation,
        }
        if self.photographer and not self.text_and_photo_by_one_person:
            data["contributor"] = [{"@type": "Person", "name": self.photographer}]
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        if self.hero_image is not None:
            rendition = social_cut(request, self.hero_image)
            image = {
                "@type": "ImageObject",
                "url": request.build_absolute_uri(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                "description": self.hero_image_alt,
            }
            if self.photographer and self.image_credit == self.photographer:
                image["creator"] = {"@type": "Person", "name": self.photographer}
            if self.image_credit:
                image["creditText"] = self.image_credit
            data["image"] = image
        return data


class ArticleRelatedProject(Orderable):
    """A project an article is about, in the editor's order."""

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="project_links")
    project = models.ForeignKey(
        "projects.ProjectPage",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="article_links",
        help_text=_("The project page the article links; its news list shows the article."),
    )

    panels = [FieldPanel("project")]

    class Meta(Orderable.Meta):
        ordering = ["sort_order", "pk"]
        verbose_name = _("related project")
        verbose_name_plural = _("related projects")
