"""An article's card, as the news list and the latest-news sections show it.

Written here rather than as an included template, for the reason the project cards are
(projects/templatetags/project_cards.py): a list shows a dozen of them.

    {% load article_cards %}
    {% article_card article heading_level=3 %}
"""

from django import template
from django.template.defaultfilters import date, truncatewords
from django.utils.html import format_html

from home.templatetags.site_images import picture_markup

register = template.Library()

PICTURE = (
    "format-{avif,webp,jpeg} width-{400,800} "
    'sizes="(min-width: 48rem) 22rem, 100vw" loading="lazy" class="article-card__image"'
)


@register.simple_tag(takes_context=True)
def article_card(context, article, heading_level=2):
    request = context.get("request")
    image = ""
    if article.hero_image_id:
        image = picture_markup(request, article.hero_image, article.hero_image_alt, PICTURE)
    return format_html(
        '<article class="article-card">{image}<div class="article-card__text">'
        '<{heading} class="article-card__title"><a href="{url}">{title}</a></{heading}>'
        '<p class="article-card__date"><time datetime="{iso_date}">{date}</time></p>'
        "<p>{lead}</p>"
        "</div></article>",
        image=image,
        heading="h3" if heading_level == 3 else "h2",
        url=article.get_url(request) or "",
        title=article.title,
        iso_date=date(article.date, "Y-m-d"),
        date=date(article.date, "DATE_FORMAT"),
        lead=truncatewords(article.lead, 40),
    )
