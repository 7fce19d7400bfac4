"""Queries a worker compiles once and runs with each call's values (cleantech_site/prepared.py)."""

import datetime
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.db.models.sql.compiler import SQLCompiler
from django.urls import reverse

from cleantech_site.prepared import prepared
from home.models import HomePage
from news.models import ArticlePage
from projects.models import ProjectPage, ProjectPartner
from tests.factories import OrganisationFactory, add_partners

pytestmark = pytest.mark.django_db


@prepared
def partners_of(project):
    return ProjectPartner.objects.filter(project_id=project).select_related("organisation")


@prepared
def pages_in(locale, translation_key, *, live):
    return ProjectPage.objects.filter(locale_id=locale, translation_key=translation_key, live=live)


def fields_of(instance):
    return {key: value for key, value in vars(instance).items() if key != "_state"}


def test_rows_are_those_the_orm_returns_with_their_related_rows(tree, django_assert_num_queries):
    for language in ("sv", "fi"):
        project = tree.ongoing_project[language]
        expected = list(project.partners.select_related("organisation"))
        with django_assert_num_queries(1):
            rows = partners_of(project.pk)
            # the organisations came with the rows
            names = [row.organisation.name for row in rows]
        assert [fields_of(row) for row in rows] == [fields_of(row) for row in expected]
        assert names == [row.organisation.name for row in expected]
        assert len(rows) == 2


def test_each_call_reads_the_database_anew(tree):
    project = tree.finished_project.sv
    before = partners_of(project.pk)
    added = OrganisationFactory(name="Nytillkommen AB")
    add_partners(project, [added], lead=False)
    after = partners_of(project.pk)
    assert len(after) == len(before) + 1
    assert added.name in [row.organisation.name for row in after]


def test_the_sql_is_built_once_per_shape(tree):
    compile_sql = SQLCompiler.as_sql
    with mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=compile_sql) as built:
        ongoing, finished = tree.ongoing_project, tree.finished_project
        # a UUID parameter; `live` is part of the shape
        finnish, english = ongoing["fi"], finished["en"]
        assert pages_in(finnish.locale_id, finnish.translation_key, live=True) == [finnish]
        first = built.call_count
        assert first >= 1
        assert pages_in(english.locale_id, english.translation_key, live=True) == [english]
        assert built.call_count == first
        assert pages_in(ongoing.sv.locale_id, ongoing.sv.translation_key, live=False) == []
        assert built.call_count > first


def test_the_least_recently_used_shape_is_given_up_first(tree):
    @prepared
    def first_pages(locale, *, limit):
        return HomePage.objects.filter(locale_id=locale).order_by("pk")[:limit]

    locale = tree.home.sv.locale_id
    compile_sql = SQLCompiler.as_sql
    with (
        mock.patch("cleantech_site.prepared.MAX_SHAPES", 2),
        mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=compile_sql) as built,
    ):
        for limit in (1, 2, 1, 3):  # the shape of 2 is the least recently used when 3 comes
            first_pages(locale, limit=limit)
        compiled = built.call_count
        first_pages(locale, limit=1)
        assert built.call_count == compiled  # kept
        first_pages(locale, limit=2)
        assert built.call_count > compiled  # given up, built again


def test_only_ints_strings_and_uuids_are_bound(tree):
    with pytest.raises(TypeError):
        partners_of(datetime.date(2026, 1, 1))
    with pytest.raises(TypeError):
        partners_of(True)

    @prepared
    def titles(locale):
        return ArticlePage.objects.filter(locale_id=locale).values_list("title", flat=True)

    with pytest.raises(TypeError):
        titles(tree.article.sv.locale_id)


def test_a_project_preview_shows_the_draft_rows_and_the_page_the_live_ones(admin_client, tree):
    project = tree.finished_project.sv
    live_names = [row.organisation.name for row in project.partners.all()]
    newcomer = OrganisationFactory(name="Utkastpartner AB")
    draft = project.get_latest_revision_as_object()
    draft.partners = [ProjectPartner(organisation=newcomer, role="partner")]
    draft.save_revision()

    def partner_names(response):
        html = BeautifulSoup(response.content, "html.parser")
        return [name.get_text(strip=True) for name in html.select(".organisation-list__name")]

    preview = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[project.pk]))
    assert partner_names(preview) == [newcomer.name]
    admin_client.logout()
    assert partner_names(admin_client.get(project.url)) == live_names


@prepared
def newest_projects(locale, *, count):
    return ProjectPage.objects.filter(locale_id=locale).order_by("-pk")[:count]


@prepared
def projects_among(locale, *, pks):
    return ProjectPage.objects.filter(locale_id=locale, pk__in=pks)


def test_a_shape_that_matches_nothing_gives_no_rows(tree):
    locale = tree.ongoing_project.sv.locale_id
    assert len(newest_projects(locale, count=2)) == 2
    assert newest_projects(locale, count=0) == []
    assert projects_among(locale, pks=()) == []
    assert projects_among(locale, pks=(tree.ongoing_project.sv.pk,)) == [tree.ongoing_project.sv]


def test_a_new_home_page_is_previewed_with_the_newest_projects(tree):
    home = tree.home.sv
    new = HomePage(title="Ny startsida", slug="ny-startsida", locale_id=home.locale_id)
    featured = new.featured_projects()
    assert featured
    assert all(project.locale_id == home.locale_id for project in featured)
