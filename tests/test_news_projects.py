"""Related projects: an article links projects, a project lists its news, and the news
index filters by project, in every language."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from news.models import ArticlePage, ArticleRelatedProject
from tests.factories import (
    ArticlePageFactory,
    NewsIndexPageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
)
from tests.test_news import make_articles, soup

pytestmark = pytest.mark.django_db

LANGUAGES = ["sv", "fi", "en"]


def link(article, projects):
    for order, project in enumerate(projects):
        ArticleRelatedProject.objects.create(article=article, project=project, sort_order=order)


def card_titles(html):
    return [a.get_text(strip=True) for a in html.select(".article-card__title a")]


# The article page


@pytest.mark.parametrize("language", LANGUAGES)
def test_article_links_its_projects_in_the_readers_language(client, tree, language):
    article = tree.article[language]
    project = tree.ongoing_project[language]
    section = soup(client.get(article.url)).select_one("section.article-projects")
    links = [(a["href"], a.get_text(strip=True)) for a in section.select("a")]
    assert links == [(project.url, project.title)]
    assert project.url.startswith(f"/{language}/")


def test_translations_copy_the_rows_of_the_swedish_article(tree):
    for language in ("fi", "en"):
        article = tree.older_article[language]
        # synchronised: the rows point at the Swedish project, rendering localises them
        assert [row.project_id for row in article.project_links.all()] == [
            tree.finished_project.sv.pk
        ]
        assert article.related_projects() == [tree.finished_project[language]]


def test_a_project_whose_translation_is_not_live_is_left_out(client, tree):
    tree.ongoing_project["fi"].unpublish()
    html = soup(client.get(tree.article["fi"].url))
    assert html.select_one("section.article-projects") is None
    html = soup(client.get(tree.article["en"].url))
    assert [a["href"] for a in html.select("section.article-projects a")] == [
        tree.ongoing_project["en"].url
    ]


def test_related_projects_keep_the_editors_order(tree):
    article = tree.article.sv
    # made last, listed in the middle: neither age nor title decides the order
    extra = ProjectPageFactory(parent=tree.project_index.sv, title="Aaa", slug="aaa")
    for order, project in enumerate([extra, tree.finished_project.sv], start=1):
        ArticleRelatedProject.objects.create(article=article, project=project, sort_order=order)
    assert article.related_projects() == [
        tree.ongoing_project.sv,
        extra,
        tree.finished_project.sv,
    ]


def test_a_preview_shows_the_rows_not_yet_saved(tree):
    article = tree.article["fi"]
    article.project_links = [
        ArticleRelatedProject(project=tree.finished_project.sv),
        ArticleRelatedProject(project=tree.ongoing_project.sv),
    ]
    assert [p.pk for p in article.related_projects()] == [
        tree.finished_project["fi"].pk,
        tree.ongoing_project["fi"].pk,
    ]


# The project page


@pytest.mark.parametrize("language", LANGUAGES)
def test_project_page_lists_its_latest_news(client, tree, language):
    project = tree.ongoing_project[language]
    article = tree.article[language]
    index = tree.news_index[language]
    section = soup(client.get(project.url)).select_one("section.project-news")
    links = [a["href"] for a in section.select("a")]
    assert links == [article.url, f"{index.url}?project={project.pk}"]
    # the link to all its news lists that article and not the other one
    html = soup(client.get(links[-1]))
    assert card_titles(html) == [article.title]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_project_lists_only_the_articles_about_it(client, tree, language):
    project = tree.finished_project[language]
    section = soup(client.get(project.url)).select_one("section.project-news")
    titles = [a.get_text() for a in section.select("li a")]
    assert titles == [tree.older_article[language].title]


def test_project_page_lists_the_newest_three_of_its_language(client, tree):
    project = tree.finished_project.sv
    index = NewsIndexPageFactory(parent=tree.home.sv, slug="arkiv")
    articles = make_articles(index, 4)
    for article in articles:
        link(article, [project])
    draft = ArticlePageFactory(parent=index, slug="utkast", date="2030-01-01", live=False)
    link(draft, [project])  # drafts stay out, however new
    section = soup(client.get(project.url)).select_one("section.project-news")
    assert [a.get_text() for a in section.select("li a")] == [a.title for a in articles[:3]]
    # the Finnish page does not list the Swedish articles
    finnish = soup(client.get(tree.finished_project["fi"].url)).select_one("section.project-news")
    assert [a.get_text() for a in finnish.select("li a")] == [tree.older_article["fi"].title]


def test_project_without_news_shows_no_news_section(client, tree):
    project = ProjectPageFactory(parent=tree.project_index.sv, slug="utan-nyheter")
    html = soup(client.get(project.url))
    assert html.select_one("main h1").get_text(strip=True) == project.title
    assert html.select_one("section.project-news") is None


# The news index


@pytest.mark.parametrize("language", LANGUAGES)
def test_index_filters_by_project_in_each_language(client, tree, language):
    index = tree.news_index[language]
    project = tree.finished_project[language]
    response = client.get(index.url, {"project": project.pk})
    assert response.status_code == 200
    html = soup(response)
    assert card_titles(html) == [tree.older_article[language].title]
    select = html.select_one("form.news-filters select[name=project]")
    assert html.find("label", attrs={"for": select["id"]}) is not None
    options = {o.get_text(): o["value"] for o in select.find_all("option")}
    # the live projects of this language that have articles, and "all"
    ongoing = tree.ongoing_project[language]
    assert {title: value for title, value in options.items() if value} == {
        project.title: str(project.pk),
        ongoing.title: str(ongoing.pk),
    }
    assert len(options) == 3
    assert select.find("option", selected=True)["value"] == str(project.pk)
    assert html.select_one(".news-filters__reset")["href"] == index.url


@pytest.mark.parametrize(
    "value", ["abc", "0", "99999999", "1'--", "9" * 40, "²", "١٢", "other-language"]
)
def test_index_answers_a_bad_project_with_an_error_next_to_the_field(client, tree, value):
    if value == "other-language":
        value = str(tree.ongoing_project["fi"].pk)
    response = client.get(tree.news_index["en"].url, {"project": value})
    assert response.status_code == 200
    html = soup(response)
    select = html.find("select", attrs={"name": "project"})
    assert select["aria-invalid"] == "true"
    error = html.select_one(".news-filters .errorlist")
    assert error["id"] in select["aria-describedby"]
    assert "Select a valid choice" in error.get_text()
    assert card_titles(html) == [tree.article["en"].title, tree.older_article["en"].title]


def test_the_project_error_is_translated(client, tree):
    html = soup(client.get(tree.news_index.sv.url, {"project": "abc"}))
    assert "Välj ett giltigt alternativ" in html.select_one(".news-filters .errorlist").get_text()


def test_index_combines_the_project_and_the_year(client, tree):
    index, project = tree.news_index.sv, tree.ongoing_project.sv
    article_year = tree.article.sv.date.year
    html = soup(client.get(index.url, {"project": project.pk, "year": article_year}))
    assert card_titles(html) == [tree.article.sv.title]
    # the other article's year: the year has articles, none about this project
    other_year = tree.older_article.sv.date.year
    html = soup(client.get(index.url, {"project": project.pk, "year": other_year}))
    assert card_titles(html) == []
    assert "Inga nyheter" in html.find("main").get_text()


def test_pagination_keeps_the_project(client, tree):
    project = tree.finished_project.sv
    index = NewsIndexPageFactory(parent=tree.home.sv, slug="arkiv")
    for article in make_articles(index, 12):
        link(article, [project])
    html = soup(client.get(index.url, {"project": project.pk}))
    assert html.select_one('.pagination a[rel="next"]')["href"] == f"?project={project.pk}&page=2"
    html = soup(client.get(index.url, {"project": project.pk, "page": 2}))
    assert len(html.select(".article-card")) == 2


# Query budgets


@pytest.fixture
def budget_projects(tree):
    index = ProjectIndexPageFactory(parent=tree.home.sv, slug="budgetprojekt")
    return [ProjectPageFactory(parent=index) for _ in range(10)]


@pytest.mark.parametrize("count", [1, 5])
def test_article_query_count_does_not_grow_with_projects(
    client, tree, budget_projects, django_assert_num_queries, count
):
    index = NewsIndexPageFactory(parent=tree.home.sv, slug="arkiv")
    article = make_articles(index, 1)[0]
    link(article, budget_projects[:count])
    client.get(article.url)
    with django_assert_num_queries(QUERIES_PER_ARTICLE_WITH_PROJECTS):
        response = client.get(article.url)
    assert len(soup(response).select(".article-projects li")) == count


@pytest.mark.parametrize("count", [1, 10])
def test_project_page_query_count_does_not_grow_with_articles(
    client, tree, budget_projects, django_assert_num_queries, count
):
    project = budget_projects[0]
    index = NewsIndexPageFactory(parent=tree.home.sv, slug="arkiv")
    for article in make_articles(index, count):
        link(article, [project])
    client.get(project.url)
    with django_assert_num_queries(QUERIES_PER_PROJECT_PAGE_WITH_NEWS):
        response = client.get(project.url)
    assert len(soup(response).select(".project-news li")) == min(count, 3)


@pytest.mark.parametrize("count", [5, 50])
def test_filtered_index_query_count_does_not_grow(
    client, tree, budget_projects, django_assert_num_queries, count
):
    index = NewsIndexPageFactory(parent=tree.home.sv, slug="arkiv")
    for article in make_articles(index, count):
        link(article, budget_projects[:2])
    query = {"project": budget_projects[1].pk}
    client.get(index.url, query)
    with django_assert_num_queries(QUERIES_PER_FILTERED_INDEX):
        response = client.get(index.url, query)
    assert len(soup(response).select(".article-card")) == min(count, 10)


# The route, the chrome, the restricted sections and the filters' choices are kept until
# content changes (cleantech_site/shared_data.py); these are the pages' own queries.
QUERIES_PER_ARTICLE_WITH_PROJECTS = 3
QUERIES_PER_PROJECT_PAGE_WITH_NEWS = 8
# one more than the plain list: the chosen project in each language, for the switcher
QUERIES_PER_FILTERED_INDEX = 3


# The admin


def test_editors_choose_related_projects_in_the_article_editor(admin_client, tree):
    html = soup(admin_client.get(f"/admin/pages/{tree.article.sv.pk}/edit/"))
    assert html.find("input", attrs={"name": "project_links-TOTAL_FORMS"})["value"] == "1"
    chosen = html.find("input", attrs={"name": "project_links-0-project"})
    assert chosen["value"] == str(tree.ongoing_project.sv.pk)


def test_the_article_editor_refuses_a_project_listed_twice(admin_user, tree):
    article = tree.article.sv
    form_class = ArticlePage.get_edit_handler().get_form_class()
    project = tree.finished_project.sv.pk

    def form(*projects):
        data = nested_form_data(
            {
                "title": article.title,
                "slug": article.slug,
                "date": article.date.isoformat(),
                "lead": article.lead,
                "hero_image_kind": article.hero_image_kind,
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
    assert form(project, tree.ongoing_project.sv.pk).is_valid()
