"""Related projects: an article links projects, a project lists its news, and the news
index filters by project, in every language."""

import io

import pytest
from django.core.management import call_command
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from news.models import ArticlePage, ArticleRelatedProject
from projects.models import ProjectIndexPage, ProjectPage
from tests.factories import (
    ArticlePageFactory,
    NewsIndexPageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    locale,
)
from tests.test_news import make_articles, soup

pytestmark = pytest.mark.django_db

LANGUAGES = ["sv", "fi", "en"]


def translated(page, language):
    return page.get_translation(locale(language)).specific


@pytest.fixture
def projects_demo(demo):
    """The Swedish demo projects by slug."""
    index = ProjectIndexPage.objects.get(locale__language_code="sv")
    return {page.slug: page for page in ProjectPage.objects.child_of(index)}


def link(article, projects):
    for order, project in enumerate(projects):
        ArticleRelatedProject.objects.create(article=article, project=project, sort_order=order)


def card_titles(html):
    return [a.get_text(strip=True) for a in html.select(".article-card__title a")]


# The article page


@pytest.mark.parametrize("language", LANGUAGES)
def test_article_links_its_projects_in_the_readers_language(
    client, news_demo, projects_demo, language
):
    article = translated(news_demo["showcase"], language)
    project = translated(projects_demo["cleantech-kvarken"], language)
    section = soup(client.get(article.url)).select_one("section.article-projects")
    links = [(a["href"], a.get_text(strip=True)) for a in section.select("a")]
    assert links == [(project.url, project.title)]
    assert project.url.startswith(f"/{language}/")


def test_translations_copy_the_rows_of_the_swedish_article(news_demo, projects_demo):
    for language in ("fi", "en"):
        article = translated(news_demo["conference"], language)
        # synchronised: the rows point at the Swedish project, rendering localises them
        assert [row.project_id for row in article.project_links.all()] == [
            projects_demo["bothnia-green-energy"].pk
        ]
        assert [p.locale.language_code for p in article.related_projects()] == [language]


def test_a_project_whose_translation_is_not_live_is_left_out(client, news_demo, projects_demo):
    translated(projects_demo["cleantech-kvarken"], "fi").unpublish()
    html = soup(client.get(translated(news_demo["showcase"], "fi").url))
    assert html.select_one("section.article-projects") is None
    html = soup(client.get(translated(news_demo["showcase"], "en").url))
    assert len(html.select("section.article-projects a")) == 1


def test_related_projects_keep_the_editors_order(news_demo, projects_demo):
    article = news_demo["showcase"]
    link_order = [
        projects_demo["innovation-for-green-transition"],
        projects_demo["bothnia-green-energy"],
    ]
    for order, project in enumerate(link_order, start=1):
        ArticleRelatedProject.objects.create(article=article, project=project, sort_order=order)
    assert [p.slug for p in article.related_projects()] == [
        "cleantech-kvarken",
        "innovation-for-green-transition",
        "bothnia-green-energy",
    ]


def test_a_preview_shows_the_rows_not_yet_saved(news_demo, projects_demo):
    article = translated(news_demo["showcase"], "fi")
    article.project_links = [
        ArticleRelatedProject(project=projects_demo["bothnia-green-energy"]),
        ArticleRelatedProject(project=projects_demo["cleantech-kvarken"]),
    ]
    assert [p.pk for p in article.related_projects()] == [
        translated(projects_demo["bothnia-green-energy"], "fi").pk,
        translated(projects_demo["cleantech-kvarken"], "fi").pk,
    ]


# The project page


@pytest.mark.parametrize("language", LANGUAGES)
def test_project_page_lists_its_latest_news(client, news_demo, projects_demo, language):
    project = translated(projects_demo["cleantech-kvarken"], language)
    article = translated(news_demo["showcase"], language)
    index = translated(news_demo["index"], language)
    section = soup(client.get(project.url)).select_one("section.project-news")
    links = [a["href"] for a in section.select("a")]
    assert links == [article.url, f"{index.url}?project={project.pk}"]
    # the link to all its news lists that article and not the other one
    html = soup(client.get(links[-1]))
    assert card_titles(html) == [article.title]


def test_project_page_lists_the_newest_three_of_its_language(client, demo, projects_demo):
    project = projects_demo["future-cleantech-solutions"]
    index = NewsIndexPageFactory(parent=demo["home"], slug="arkiv")
    articles = make_articles(index, 4)
    for article in articles:
        link(article, [project])
    ArticlePageFactory(parent=index, slug="utkast", live=False)  # drafts stay out
    section = soup(client.get(project.url)).select_one("section.project-news")
    assert [a.get_text() for a in section.select("li a")] == [a.title for a in articles[:3]]
    # the Finnish page does not list Swedish articles
    finnish = translated(project, "fi")
    assert soup(client.get(finnish.url)).select_one("section.project-news") is None


def test_project_without_news_shows_no_news_section(client, projects_demo):
    html = soup(client.get(projects_demo["innovation-for-green-transition"].url))
    assert html.select_one("section.project-news") is None


# The news index


@pytest.mark.parametrize("language", LANGUAGES)
def test_index_filters_by_project_in_each_language(client, news_demo, projects_demo, language):
    index = translated(news_demo["index"], language)
    project = translated(projects_demo["bothnia-green-energy"], language)
    response = client.get(index.url, {"project": project.pk})
    assert response.status_code == 200
    html = soup(response)
    assert card_titles(html) == [translated(news_demo["conference"], language).title]
    select = html.select_one("form.news-filters select[name=project]")
    assert html.find("label", attrs={"for": select["id"]}) is not None
    options = {o.get_text(): o["value"] for o in select.find_all("option")}
    # the live projects of this language that have articles, and "all"
    assert len(options) == 3
    assert options[project.title] == str(project.pk)
    assert select.find("option", selected=True)["value"] == str(project.pk)
    assert html.select_one(".news-filters__reset")["href"] == index.url


@pytest.mark.parametrize("value", ["abc", "0", "99999999", "1'--", "9" * 40, "other-language"])
def test_index_answers_a_bad_project_with_an_error_next_to_the_field(
    client, news_demo, projects_demo, value
):
    if value == "other-language":
        value = str(translated(projects_demo["cleantech-kvarken"], "fi").pk)
    response = client.get(translated(news_demo["index"], "en").url, {"project": value})
    assert response.status_code == 200
    html = soup(response)
    select = html.find("select", attrs={"name": "project"})
    assert select["aria-invalid"] == "true"
    error = html.select_one(".news-filters .errorlist")
    assert error["id"] in select["aria-describedby"]
    assert "Select a valid choice" in error.get_text()
    assert len(html.select(".article-card")) == 2


def test_the_project_error_is_translated(client, news_demo):
    html = soup(client.get(news_demo["index"].url, {"project": "abc"}))
    assert "Välj ett giltigt alternativ" in html.select_one(".news-filters .errorlist").get_text()


def test_index_combines_the_project_and_the_year(client, news_demo, projects_demo):
    project = projects_demo["cleantech-kvarken"]
    html = soup(client.get(news_demo["index"].url, {"project": project.pk, "year": "2025"}))
    assert card_titles(html) == []
    assert "Inga nyheter" in html.find("main").get_text()


def test_pagination_keeps_the_project(client, demo, projects_demo):
    project = projects_demo["future-cleantech-solutions"]
    index = NewsIndexPageFactory(parent=demo["home"], slug="arkiv")
    for article in make_articles(index, 12):
        link(article, [project])
    html = soup(client.get(index.url, {"project": project.pk}))
    assert html.select_one('.pagination a[rel="next"]')["href"] == f"?project={project.pk}&page=2"
    html = soup(client.get(index.url, {"project": project.pk, "page": 2}))
    assert len(html.select(".article-card")) == 2


# Query budgets


@pytest.fixture
def budget_projects(demo):
    index = ProjectIndexPageFactory(parent=demo["home"], slug="budgetprojekt")
    return [ProjectPageFactory(parent=index) for _ in range(10)]


@pytest.mark.parametrize("count", [1, 5])
def test_article_query_count_does_not_grow_with_projects(
    client, demo, budget_projects, django_assert_num_queries, count
):
    index = NewsIndexPageFactory(parent=demo["home"], slug="arkiv")
    article = make_articles(index, 1)[0]
    link(article, budget_projects[:count])
    client.get(article.url)
    with django_assert_num_queries(QUERIES_PER_ARTICLE_WITH_PROJECTS):
        response = client.get(article.url)
    assert len(soup(response).select(".article-projects li")) == count


@pytest.mark.parametrize("count", [1, 10])
def test_project_page_query_count_does_not_grow_with_articles(
    client, demo, budget_projects, django_assert_num_queries, count
):
    project = budget_projects[0]
    index = NewsIndexPageFactory(parent=demo["home"], slug="arkiv")
    for article in make_articles(index, count):
        link(article, [project])
    client.get(project.url)
    with django_assert_num_queries(QUERIES_PER_PROJECT_PAGE_WITH_NEWS):
        response = client.get(project.url)
    assert len(soup(response).select(".project-news li")) == min(count, 3)


@pytest.mark.parametrize("count", [5, 50])
def test_filtered_index_query_count_does_not_grow(
    client, demo, budget_projects, django_assert_num_queries, count
):
    index = NewsIndexPageFactory(parent=demo["home"], slug="arkiv")
    for article in make_articles(index, count):
        link(article, budget_projects[:2])
    query = {"project": budget_projects[1].pk}
    client.get(index.url, query)
    with django_assert_num_queries(QUERIES_PER_FILTERED_INDEX):
        response = client.get(index.url, query)
    assert len(soup(response).select(".article-card")) == min(count, 10)


QUERIES_PER_ARTICLE_WITH_PROJECTS = 21
QUERIES_PER_PROJECT_PAGE_WITH_NEWS = 25
QUERIES_PER_FILTERED_INDEX = 20


# Demo content and the admin


@pytest.mark.parametrize("language", LANGUAGES)
def test_demo_cleantech_kvarken_lists_the_showcase_article(
    client, news_demo, projects_demo, language
):
    project = translated(projects_demo["cleantech-kvarken"], language)
    section = soup(client.get(project.url)).select_one("section.project-news")
    titles = [a.get_text() for a in section.select("li a")]
    assert titles == [translated(news_demo["showcase"], language).title]


def test_loading_the_demo_again_links_articles_that_lack_their_project(
    client, news_demo, projects_demo
):
    showcase = news_demo["showcase"]
    ArticleRelatedProject.objects.filter(article__translation_key=showcase.translation_key).delete()
    output = io.StringIO()
    call_command("load_demo_content", stdout=output)
    assert "linked the article" in output.getvalue()
    assert "created" not in output.getvalue()
    for language in LANGUAGES:
        article = translated(showcase, language)
        assert [row.project_id for row in article.project_links.all()] == [
            projects_demo["cleantech-kvarken"].pk
        ]
        project = translated(projects_demo["cleantech-kvarken"], language)
        section = soup(client.get(project.url)).select_one("section.project-news")
        assert [a["href"] for a in section.select("li a")] == [article.url]
    # and a third run changes nothing
    again = io.StringIO()
    call_command("load_demo_content", stdout=again)
    assert "linked" not in again.getvalue()


def test_editors_choose_related_projects_in_the_article_editor(admin_client, news_demo):
    html = soup(admin_client.get(f"/admin/pages/{news_demo['showcase'].pk}/edit/"))
    assert html.find("input", attrs={"name": "project_links-TOTAL_FORMS"})["value"] == "1"
    assert html.find("input", attrs={"name": "project_links-0-project"}) is not None


def test_the_article_editor_refuses_a_project_listed_twice(admin_user, news_demo, projects_demo):
    article = news_demo["showcase"]
    form_class = ArticlePage.get_edit_handler().get_form_class()
    project = projects_demo["bothnia-green-energy"].pk

    def form(*projects):
        data = nested_form_data(
            {
                "title": article.title,
                "slug": article.slug,
                "date": "2019-02-12",
                "lead": article.lead,
                "body": streamfield([]),
                "project_links": inline_formset([{"project": pk} for pk in projects]),
            }
        )
        return form_class(
            data, instance=article, parent_page=article.get_parent(), for_user=admin_user
        )

    twice = form(project, project)
    assert not twice.is_valid()
    errors = twice.formsets["project_links"].forms[1].errors
    assert errors["project"] == ["Projektet finns redan med ovanför."]
    assert form(project, projects_demo["cleantech-kvarken"].pk).is_valid()
