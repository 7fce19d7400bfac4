"""The content blocks every page body is made of.

Each block renders through its own template in templates/blocks/ and carries a
description and a preview value, so editors see what a block looks like before
they choose it. Text that people read is translated by wagtail-localize; links
to pages follow the translation of the linked page.
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from .mixins import PictureKind


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
        help_text=_("Use a sub-heading only inside a section."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        description = _("A heading that starts a section of the page.")
        preview_value = {"text": _("Cleantech on both sides of Kvarken"), "level": "h2"}


class ImageWithAltBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_(
            "Describe what the image shows for people who cannot see it. "
            "Required; write it in the page's language."
        ),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)
    credit = blocks.CharBlock(
        label=_("Photo credit"),
        max_length=120,
        required=False,
        help_text=_("Photographer or source, shown under the image."),
    )
    kind = blocks.ChoiceBlock(
        label=_("Kind of picture"),
        choices=PictureKind.choices,
        default=PictureKind.PHOTO,
        help_text=_("Says what the credit is for: 'Photo: …' or 'Illustration: …'."),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"
        description = _("An image with alternative text, an optional caption and photo credit.")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"), max_length=800)
    attribution = blocks.CharBlock(
        label=_("Attribution"),
        max_length=160,
        required=False,
        help_text=_("Who said it, and their role, for example: Peter Hedman, project manager."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        description = _("A quotation with the name of the person quoted.")
        preview_value = {
            "quote": _("The companies got real business value out of it."),
            "attribution": _("Project manager"),
        }


class LinkStructValue(blocks.StructValue):
    @property
    def url(self):
        page = self.get("page")
        if page:
            return page.localized.url
        return self.get("external_url") or ""

    @property
    def text(self):
        if self.get("label"):
            return self["label"]
        page = self.get("page")
        return page.localized.title if page else ""


class CallToActionBlock(blocks.StructBlock):
    label = blocks.CharBlock(
        label=_("Button text"),
        max_length=80,
        required=False,
        help_text=_("Leave empty to use the title of the linked page."),
    )
    page = blocks.PageChooserBlock(label=_("Page on this site"), required=False)
    external_url = blocks.URLBlock(label=_("Or an address elsewhere"), required=False)

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"
        value_class = LinkStructValue
        description = _("A prominent link to a page on this site or elsewhere.")
        preview_value = {"label": _("Book a visit"), "external_url": "https://example.org/"}

    def clean(self, value):
        value = super().clean(value)
        has_page, has_url = bool(value.get("page")), bool(value.get("external_url"))
        if has_page == has_url:
            message = _("Choose either a page on this site or an address elsewhere, not both.")
            if not has_page:
                message = _("Choose a page on this site or give an address elsewhere.")
            raise StructBlockValidationError(
                block_errors={"page": ErrorList([ValidationError(message)])}
            )
        if not value.get("label") and has_url:
            raise StructBlockValidationError(
                block_errors={
                    "label": ErrorList(
                        [ValidationError(_("A link elsewhere needs a button text."))]
                    )
                }
            )
        return value


class BodyBlock(blocks.StreamBlock):
    """The body of standard pages, home pages, projects and news."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        description=_("Paragraphs of text with links and lists."),
        preview_value=_("Cleantech companies meet across the Kvarken strait."),
    )
    image = ImageWithAltBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
