"""Full-text search that knows each page's language, so a search finds word forms.

On PostgreSQL, Wagtail's database backend turns text into a tsvector with one text-search
configuration for every object, but Swedish, Finnish and English pages need three:
"Merenkurkun" and "Merenkurkku" only meet when both are stemmed as Finnish. The index
keeps one row per object, so one backend per language would overwrite each other's rows.
Instead this backend indexes each object with the configuration of its own locale, and
stems a query with the configuration of the language it is asked in: the active language,
which is also the locale the site search filters on. Objects without a locale (images,
documents) are indexed and searched as the source language, Swedish. In the admin the
active language is the editor's: a search there stems in that language, so across
languages it finds the words as typed and the forms they share.

On any other database this is Wagtail's database backend. On SQLite (the default) its
full-text index matches words as they are typed, without stemming, and its matches are
ranked with one read of the index (search/sqlite_ranking.py).
"""

from collections import defaultdict

from django.conf import settings
from django.db import connection
from django.utils import translation
from wagtail.models import Locale, TranslatableMixin
from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend
from wagtail.search.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from wagtail.search.backends.database.sqlite.utils import fts5_available

# Wagtail's full-text backend for SQLite can only be imported where SQLite has one.
SQLITE_FULL_TEXT = connection.vendor == "sqlite" and fts5_available()
if SQLITE_FULL_TEXT:
    from .sqlite_ranking import RankedSQLiteSearchBackend, SQLiteSearchBackend

# PostgreSQL's own configurations for the site's languages; the backend's SEARCH_CONFIGS
# setting can name others (a configuration with unaccent, say).
LANGUAGE_CONFIGS = {"sv": "swedish", "fi": "finnish", "en": "english"}


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in a backend module
    """The language-aware backend on PostgreSQL, Wagtail's database backend elsewhere."""
    if connection.vendor == "postgresql":
        return LanguageSearchBackend(params)
    params = {k: v for k, v in params.items() if k != "SEARCH_CONFIGS"}
    backend = DatabaseSearchBackend(params)
    # Wagtail chose its full-text backend where SQLite has one and its table exists.
    if SQLITE_FULL_TEXT and isinstance(backend, SQLiteSearchBackend):
        return RankedSQLiteSearchBackend(params)
    return backend


class LanguageIndex(PostgresIndex):
    """Writes each object's entry with its own language's configuration."""

    def add_items(self, model, objs):
        languages = {}
        if issubclass(model, TranslatableMixin):
            languages = dict(Locale.objects.values_list("pk", "language_code"))
        by_config = defaultdict(list)
        for obj in objs:
            language = languages.get(getattr(obj, "locale_id", None))
            by_config[self.backend.config_for(language)].append(obj)
        for config, group in by_config.items():
            # Wagtail's own index, with a backend that stems in this one configuration.
            PostgresIndex(self.backend.backend_for(config)).add_items(model, group)


class LanguageQueryCompiler(PostgresSearchQueryCompiler):
    """Stems the words of a query in the language the results are asked in."""

    def get_config(self, backend):
        if issubclass(self.queryset.model, TranslatableMixin):
            return backend.config_for(translation.get_language())
        return backend.config_for(None)


class LanguageSearchBackend(PostgresSearchBackend):
    index_class = LanguageIndex
    query_compiler_class = LanguageQueryCompiler

    def __init__(self, params):
        super().__init__(params)
        self.params = params
        self.configs = {**LANGUAGE_CONFIGS, **params.get("SEARCH_CONFIGS", {})}
        self.config = self.config_for(None)
        self._backends = {}

    def config_for(self, language):
        """The text-search configuration of a language code; the source language's for
        None or a language the site does not have."""
        return self.configs.get(language) or self.configs[settings.LANGUAGE_CODE]

    def backend_for(self, config):
        """Wagtail's PostgreSQL backend with this backend's settings and `config`."""
        if config not in self._backends:
            self._backends[config] = PostgresSearchBackend({**self.params, "SEARCH_CONFIG": config})
        return self._backends[config]
