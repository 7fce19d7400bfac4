"""scale_demo adds content in every language for benchmarks and takes exactly that away."""

import pytest
from django.core.management import call_command
from django.utils import translation
from wagtail.models import Page

from news.models import ArticlePage
from projects.models import Organisation, ProjectPage, ProjectPartner

from .tree import LANGUAGES

pytestmark = pytest.mark.django_db


def scale(*args):
    call_command("scale_demo", *args, stdout=open("/dev/null", "w"))  # noqa: SIM115


def counts():
    return {
        language: (
            ProjectPage.objects.filter(locale__language_code=language).count(),
            ArticlePage.objects.filter(locale__language_code=language).count(),
            Organisation.objects.filter(locale__language_code=language).count(),
        )
        for language in LANGUAGES
    }


def test_scale_demo_adds_live_pages_and_organisations_in_every_language(tree, client):
    before = counts()
    scale("--projects", "3", "--articles", "4", "--organisations", "5")

    for language in LANGUAGES:
        projects, articles, organisations = before[language]
        assert counts()[language] == (projects + 3, articles + 4, organisations + 5)
        index = tree.project_index[language]
        added = (
            ProjectPage.objects.child_of(index)
            .live()
            .exclude(pk__in=[tree.ongoing_project[language].pk, tree.finished_project[language].pk])
        )
        assert added.count() == 3
        assert ProjectPartner.objects.filter(project__in=added).exists()
    assert not any(Page.find_problems()), "the page tree's paths and child counts must agree"

    finnish = ProjectPage.objects.child_of(tree.project_index["fi"]).order_by("-path").first()
    swedish = finnish.get_translation(tree.project_index.sv.locale)
    assert finnish.title != swedish.title
    response = client.get(finnish.url)
    assert response.status_code == 200
    assert finnish.title in response.content.decode()
    english_article = ArticlePage.objects.child_of(tree.news_index["en"]).order_by("-path").first()
    assert client.get(english_article.url).status_code == 200
    # searched as the site searches: in the page's language (PostgreSQL stems by it)
    with translation.override("fi"):
        found = ProjectPage.objects.live().search(finnish.title.split(":")[0])
        assert finnish.pk in [page.pk for page in found]


def test_scale_demo_run_again_adds_nothing(tree):
    scale("--projects", "2", "--articles", "2", "--organisations", "2")
    after_first = counts()
    scale("--projects", "2", "--articles", "2", "--organisations", "2")
    assert counts() == after_first


def test_scale_demo_remove_leaves_the_site_as_it_was(tree):
    before = counts()
    pages_before = set(Page.objects.values_list("pk", "numchild"))
    scale("--projects", "3", "--articles", "4", "--organisations", "5")
    scale("--remove")

    assert counts() == before
    assert set(Page.objects.values_list("pk", "numchild")) == pages_before
    assert not any(Page.find_problems())
