"""Pictures' markup and cuts, kept in each worker until content changes.

What Wagtail derives from an image (renditions, their addresses, a <picture>'s markup) is
the same for every visitor, and looking it up is a cache read and a filter to build per
size. Kept by the page cache's generation (cleantech_site/shared_data.py), which every
change to an image bumps, and by the image's file and focal point besides.
"""

from dataclasses import dataclass

from cleantech_site.shared_data import kept_in_worker

# The Open Graph and JSON-LD image: the size the social networks ask for.
SOCIAL_IMAGE_FILTER = "fill-1200x630|format-jpeg"


def image_key(image):
    """What a cut of the image depends on, besides the filter."""
    return (
        image.pk,
        image.file_hash,
        image.focal_point_x,
        image.focal_point_y,
        image.focal_point_width,
        image.focal_point_height,
    )


@dataclass(frozen=True)
class Cut:
    url: str
    width: int
    height: int


def social_cut(request, image):
    """The image cut for sharing: its address (relative to the site) and size."""

    def cut():
        rendition = image.get_rendition(SOCIAL_IMAGE_FILTER)
        return Cut(rendition.url, rendition.width, rendition.height)

    return kept_in_worker(request, ("social-cut", *image_key(image)), cut)
