"""The home page of each language, and standard pages such as About and Privacy."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .blocks import BodyBlock


class IntroMixin(models.Model):
    """A short introduction shown under the title and used as the page's description."""

    intro = models.TextField(
        _("introduction"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences under the title; also used by search engines."),
    )

    # Open Graph: pages with a hero image override social_image and social_image_alt.
    og_type = "website"
    social_image = None
    social_image_alt = ""

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.intro


class HeroImageMixin(models.Model):
    """A wide picture at the top of a page, with the alternative text it requires.

    It is also the page's Open Graph image. Pages call hero_image_errors() from clean().
    """

    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A wide picture at the top of the page, also shown when it is shared."),
    )
    hero_image_alt = models.CharField(
        _("hero image alternative text"),
        max_length=250,
        blank=True,
        help_text=_(
            "Describe what the picture shows for people who cannot see it. Required when "
            "there is a hero image."
        ),
    )

    class Meta:
        abstract = True

    @property
    def social_image(self):
        return self.hero_image

    @property
    def social_image_alt(self):
        return self.hero_image_alt

    def hero_image_errors(self):
        if self.hero_image_id and not self.hero_image_alt.strip():
            return {"hero_image_alt": _("Describe the hero image for people who cannot see it.")}
        return {}


class HomePage(IntroMixin, Page):
    """The front page of one language, and the footer's contact details for it."""

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

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
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
        # news builds on home, so its query function is imported when a page is served
        from news.models import latest_news

        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = latest_news(self.locale_id)
        return context


class StandardPage(IntroMixin, Page):
    """A page of text: about us, privacy policy, accessibility statement and the like."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
