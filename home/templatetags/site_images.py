"""Wagtail's {% picture %} and {% image %}, their markup kept in the worker until content
changes (home/images.py), and the image cut for sharing.

A <picture> in three formats and two or three widths is nine renditions to look up, each
under its own cache key, and a filter to build for each: about a third of a listing
page's rendering time before it was kept. Previews and the admin render as Wagtail does.

Load this library after wagtailimages_tags: its `picture` and `image` replace Wagtail's
(`{% image … as name %}`, which hands the rendition itself to the template, is Wagtail's).
"""

from functools import cache

from django import template
from django.template import Context, engines
from wagtail.images.templatetags.wagtailimages_tags import ImageNode, PictureNode
from wagtail.images.templatetags.wagtailimages_tags import image as parse_image_tag

from cleantech_site.shared_data import kept_in_worker
from home.images import image_key, social_cut

register = template.Library()


class KeptMarkupMixin:
    """An image tag's markup, kept by the image, the filters and the attributes."""

    def render(self, context):
        if self.output_var_name:
            return super().render(context)
        image = self.validate_image(context)
        if not image:
            return ""
        key = (
            type(self).__name__,
            *image_key(image),
            tuple(self.filter_specs),
            tuple((name, str(value.resolve(context))) for name, value in self.attrs.items()),
        )
        wagtails = super().render
        return kept_in_worker(context.get("request"), key, lambda: wagtails(context))


class KeptPictureNode(KeptMarkupMixin, PictureNode):
    pass


class KeptImageNode(KeptMarkupMixin, ImageNode):
    pass


def _kept(node_class):
    def tag(parser, token):
        node = parse_image_tag(parser, token)
        return node_class(
            node.image_expr,
            node.filter_specs,
            output_var_name=node.output_var_name,
            attrs=node.attrs,
        )

    return tag


register.tag("picture", _kept(KeptPictureNode))
register.tag("image", _kept(KeptImageNode))


@register.simple_tag(takes_context=True)
def social_image(context, image):
    """The image cut for Open Graph: url, width and height."""
    return social_cut(context.get("request"), image)


@cache
def _picture_template(arguments):
    return engines["django"].from_string(
        "{% load site_images %}{% picture image " + arguments + " alt=alt %}"
    )


def picture_markup(request, image, alt, arguments):
    """`{% picture image <arguments> alt=alt %}` for markup written in Python (the cards of
    projects/templatetags and news/templatetags), its markup kept as the tag keeps it.
    `arguments` are the tag's formats, widths and attributes, written as in a template."""
    context = Context({"image": image, "alt": alt, "request": request})
    return _picture_template(arguments).template.render(context)
