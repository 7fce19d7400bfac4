"""The home page of each language, and standard pages such as About and Privacy.

The home page shows the latest news, so this module builds on news (which builds on
projects); the parts pages share are in home.mixins, which builds on none of them.
"""

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

from news.models import latest_news

from .blocks import BodyBlock
from .mixins import IntroMixin


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

    content_panels = Page.content_panels + IntroMixin.intro_panels + [FieldPanel("body")]
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
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = latest_news(self.locale_id)
        return context


class StandardPage(IntroMixin, Page):
    """A page of text: about us, privacy policy, accessibility statement and the like."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    content_panels = Page.content_panels + IntroMixin.intro_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
