"""Wagtail's {% picture %}, its markup kept in the worker's memory until content changes.

A <picture> in three formats and two or three widths is nine renditions to look up, each
under its own cache key, and a filter to build for each: about a third of a listing
page's rendering time, and the same markup for every visitor. The markup is kept by the
page cache's generation (cleantech_site/shared_data.py), which every change to an image
bumps, and by the image's file and focal point besides. Only in a request that has read
the generation (a public page's); previews and the admin render as Wagtail does.

Load this library after wagtailimages_tags: its `picture` replaces Wagtail's.
"""

from django import template
from wagtail.images.templatetags.wagtailimages_tags import PictureNode
from wagtail.images.templatetags.wagtailimages_tags import image as parse_image_tag

from cleantech_site.shared_data import kept_markup

register = template.Library()


class KeptPictureNode(PictureNode):
    def render(self, context):
        if self.output_var_name:
            return super().render(context)
        image = self.validate_image(context)
        if not image:
            return ""
        key = (
            "picture",
            image.pk,
            image.file_hash,
            image.focal_point_x,
            image.focal_point_y,
            image.focal_point_width,
            image.focal_point_height,
            tuple(self.filter_specs),
            tuple((name, str(value.resolve(context))) for name, value in self.attrs.items()),
        )
        return kept_markup(
            context.get("request"), key, lambda: super(KeptPictureNode, self).render(context)
        )


@register.tag("picture")
def picture(parser, token):
    node = parse_image_tag(parser, token)
    return KeptPictureNode(
        node.image_expr,
        node.filter_specs,
        output_var_name=node.output_var_name,
        attrs=node.attrs,
    )
