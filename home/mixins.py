"""Parts that several page types share: an introduction, a hero image, and what search
engines and link previews say about a page.

This module imports none of our page types, so every app can build on it and the
dependency between apps runs one way. Each mixin brings its fields, the panels that edit
them and the checks they need (in clean(), which calls super()), so a page type gets all
of it by listing the mixin before Page in its bases.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class PictureKind(models.TextChoices):
    """What a picture is, so its credit says "Photo: …" or "Illustration: …"."""

    PHOTO = "photo", _("Photo")
    ILLUSTRATION = "illustration", _("Illustration")


class PageMetaMixin:
    """The description, Open Graph type and sharing image of a page.

    `description_field` names the field that describes the page when the editor has not
    written a search description; a mixin with an image overrides social_image.
    """

    description_field = None
    og_type = "website"
    social_image = None
    social_image_alt = ""

    @property
    def meta_description(self):
        if self.search_description:
            return self.search_description
        return getattr(self, self.description_field) if self.description_field else ""


class IntroMixin(PageMetaMixin, models.Model):
    """A short introduction shown under the title and used as the page's description."""

    intro = models.TextField(
        _("introduction"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences under the title; also used by search engines."),
    )

    description_field = "intro"
    intro_panels = [FieldPanel("intro")]

    class Meta:
        abstract = True


def hero_image_panel(*more):
    """The hero image's panel; a page type may add its own fields about the picture."""
    return MultiFieldPanel(
        [FieldPanel("hero_image"), FieldPanel("hero_image_alt"), *more],
        heading=_("Hero image"),
    )


# What a link to a page needs (its title and what {% pageurl %} reads): listings load
# these and their cards' own fields, not every column of every page.
LINK_FIELDS = ("title", "url_path", "path", "depth", "locale_id", "translation_key")
# and a card's hero image
HERO_IMAGE_FIELDS = ("hero_image", "hero_image_alt")


class HeroImageMixin(PageMetaMixin, models.Model):
    """A wide picture at the top of a page, with the alternative text it requires.

    It is also the page's Open Graph image.
    """

    # Loaded with the page by CachedRouteMiddleware (cleantech_site/shared_data.py).
    route_related = ("hero_image",)

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

    hero_panels = [hero_image_panel()]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.hero_image_id and not self.hero_image_alt.strip():
            raise ValidationError(
                {"hero_image_alt": _("Describe the hero image for people who cannot see it.")}
            )

    @property
    def social_image(self):
        return self.hero_image

    @property
    def social_image_alt(self):
        return self.hero_image_alt
