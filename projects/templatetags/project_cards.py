"""A project's card, as the project list and the home page show it.

Written here rather than as an included template: a list shows a dozen cards, and the
template engine spent about 0.35 ms on each (some twenty variables looked up, three
translations, an include), a fifth of an uncached project list's own time. The picture
goes through the site's {% picture %} tag, its markup kept in the worker as every
picture's is.

    {% load project_cards %}
    {% project_card project heading_level=3 first=forloop.first %}
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from home.templatetags.site_images import picture_markup
from projects.models import Status

register = template.Library()

PICTURE = (
    "format-{avif,webp,jpeg} width-{400,800} "
    'sizes="(min-width: 76rem) 24rem, (min-width: 40rem) 45vw, 100vw"'
)


def _facts(project):
    """The card's facts as (term, description) pairs; each computed property read once."""
    period, status = project.period, project.status
    if period:
        yield gettext("Period"), period
    if status:
        label = format_html(
            '<span class="status status--{}">{}</span>', status, Status(status).label
        )
        yield gettext("Status"), label
    if project.programme_id:
        yield gettext("Programme"), project.programme.name


@register.simple_tag(takes_context=True)
def project_card(context, project, heading_level=2, first=False):
    request = context.get("request")
    image = ""
    if project.hero_image_id:
        # The first card's picture is in view on a phone, often the largest thing there:
        # fetched at once, the others when scrolled to.
        loading = 'fetchpriority="high"' if first else 'loading="lazy"'
        image = format_html(
            '<div class="project-card__image">{}</div>',
            picture_markup(
                request, project.hero_image, project.hero_image_alt, f"{PICTURE} {loading}"
            ),
        )
    return format_html(
        '<article class="project-card">'
        '<{heading} class="project-card__title"><a href="{url}">{title}</a></{heading}>'
        "{image}"
        '<dl class="project-card__facts">{facts}</dl>'
        "</article>",
        heading="h3" if heading_level == 3 else "h2",
        url=project.get_url(request) or "",
        title=project.title,
        image=image,
        facts=format_html_join("", "<div><dt>{}</dt><dd>{}</dd></div>", _facts(project)),
    )
