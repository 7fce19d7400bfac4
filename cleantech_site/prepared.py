"""Queries whose SQL a worker builds once, for the few that every page of a type runs.

Building the SQL of a query is most of what Django spends on a small one: for a project
page's partners it resolves the filter, every column of three tables and the ordering, and
then the database answers in a fraction of that time. A function decorated with
`@prepared` returns a queryset written as usual, except that its parameters stand where
the values go:

    @prepared
    def partner_rows(project):
        return ProjectPartner.objects.filter(project_id=project).select_related("organisation")

    rows = partner_rows(project=page.pk)   # a list of ProjectPartner

The first call in a worker (per database connection) builds the queryset with markers for
the parameters and compiles it; every call then runs that SQL with its own values and
makes the model instances as Django's own iteration does. Keyword-only arguments are not
parameters but part of the query's shape (`*, restricted=("0001…",)`): each combination
is compiled once. A value may be an int, a str or a UUID.

Only plain model querysets (no `values()`, `specific()` or `prefetch_related()`) can be
prepared: anything else is refused when the query is first built.

These are not the database's prepared statements: the SQL text and its values are sent
as for any other query, so connection poolers (PgBouncer) need nothing special.
"""

import functools
import inspect
import uuid
from collections import OrderedDict

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.expressions import Expression
from django.db.models.query import ModelIterable, QuerySet

_UUID = models.UUIDField()

# Compiled shapes kept per prepared query and connection, the least recently used given up
# first: a shape that takes restricted sections' paths changes with them, and the project
# list has a shape for each combination of filters and page number a visitor asks for.
MAX_SHAPES = 32


class _Slot:
    """Where a parameter's value goes among a compiled query's values."""

    def __init__(self, name):
        self.name = name

    def bind(self, values, connection):
        value = values[self.name]
        if isinstance(value, uuid.UUID):
            return _UUID.get_db_prep_value(value, connection)
        if isinstance(value, int | str) and not isinstance(value, bool):
            return value
        raise TypeError(f"A prepared query takes int, str or UUID values, not {value!r}.")


class Parameter(Expression):
    """A parameter of a prepared query, where its value goes in the SQL."""

    def __init__(self, name, output_field=None):
        super().__init__(output_field=output_field or models.Field())
        self.name = name

    def as_sql(self, compiler, connection):
        return "%s", [_Slot(self.name)]


class _Compiled:
    """One shape of a prepared query, compiled for one database connection."""

    def __init__(self, queryset):
        if queryset._iterable_class is not ModelIterable or queryset._prefetch_related_lookups:
            raise TypeError("Only a plain model queryset can be prepared.")
        if queryset.db != DEFAULT_DB_ALIAS:
            raise TypeError("Only a query of the default database can be prepared.")
        self.model = queryset.model
        self.compiler = queryset.query.get_compiler(using=DEFAULT_DB_ALIAS)
        self.connection = self.compiler.connection
        try:
            self.sql, self.params = self.compiler.as_sql()
        except EmptyResultSet:
            self.sql = ""
        if not self.sql:
            # A shape Django knows matches nothing (a limit of 0, `pk__in=()`), as its
            # execute_sql does: only the shape can make it so, never a parameter's value.
            return
        fields = [column[0] for column in self.compiler.select[: self.compiler.col_count]]
        self.converters = self.compiler.get_converters(fields)

    def run(self, values):
        if not self.sql:
            return []
        params = tuple(
            param.bind(values, self.connection) if isinstance(param, _Slot) else param
            for param in self.params
        )
        query = _CompiledQuery(_CompiledSQL(self, params))
        return list(QuerySet(self.model, query=query, using=DEFAULT_DB_ALIAS))


class _CompiledQuery:
    """The one thing Django's model iteration asks of a queryset's query."""

    def __init__(self, compiler):
        self.compiler = compiler

    def get_compiler(self, *args, **kwargs):
        return self.compiler


class _CompiledSQL:
    """Django's compiler of the query, with the compiled SQL and this call's values."""

    def __init__(self, compiled, params):
        self._compiled = compiled
        self._params = params

    def __getattr__(self, name):
        return getattr(self._compiled.compiler, name)

    def as_sql(self, *args, **kwargs):
        return self._compiled.sql, self._params

    def get_converters(self, expressions):
        return self._compiled.converters

    def execute_sql(self, *args, **kwargs):
        return type(self._compiled.compiler).execute_sql(self, *args, **kwargs)

    def results_iter(self, *args, **kwargs):
        return type(self._compiled.compiler).results_iter(self, *args, **kwargs)


def prepared(build):
    """Decorate a function that returns a queryset of its parameters (see the module's
    note); calling it returns the query's rows as a list."""
    signature = inspect.signature(build)
    names = [
        parameter.name
        for parameter in signature.parameters.values()
        if parameter.kind is not parameter.KEYWORD_ONLY
    ]
    markers = {name: Parameter(name) for name in names}
    # Per connection, by shape: a compiled query's converters belong to its connection,
    # and each thread has its own.
    compiled = {}

    @functools.wraps(build)
    def run(*args, **kwargs):
        arguments = signature.bind(*args, **kwargs).arguments
        values = {name: arguments[name] for name in names}
        shape = tuple((name, value) for name, value in arguments.items() if name not in values)
        connection = connections[DEFAULT_DB_ALIAS]
        shapes = compiled.setdefault(id(connection), OrderedDict())
        query = shapes.get(shape)
        if query is None or query.connection is not connection:
            if len(shapes) >= MAX_SHAPES:
                shapes.popitem(last=False)
            query = shapes[shape] = _Compiled(build(**markers, **dict(shape)))
        shapes.move_to_end(shape)
        return query.run(values)

    return run
