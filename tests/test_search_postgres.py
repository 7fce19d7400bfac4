"""Search by word forms on PostgreSQL: each language's pages are stemmed as that language.

SQLite's full-text index has no stemming, so these run in CI's PostgreSQL pass only.
"""

import pytest
from bs4 import BeautifulSoup
from django.db import connection

from tests.factories import StandardPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://... (.ci/run does)")


def found(client, language, query):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return {a["href"] for a in html.select(".search-results h2 a")}


def pages_saying(tree, language, *intros):
    """One page per intro under the language's home page; their URLs."""
    return {
        StandardPageFactory(parent=tree.home[language], title=f"Sida {n}", intro=intro).url
        for n, intro in enumerate(intros)
    }


# Each language: a word in two forms, each form in a page of its own. Every pair stems to
# one lexeme in its own language's configuration and to two in the other two languages',
# so all pass only when every language is indexed and searched with its own.
WORD_FORMS = [
    ("fi", "Merenkurkku", "Merenkurkun"),
    ("fi", "Uumaja", "Uumajassa"),
    ("fi", "energiayhtiö", "energiayhtiön"),
    ("sv", "företag", "företagen"),
    ("sv", "sjöbod", "sjöbodarna"),
    ("en", "company", "companies"),
]


@pytest.mark.parametrize(("language", "word", "form"), WORD_FORMS)
def test_both_forms_of_a_word_find_the_same_pages(client, tree, language, word, form):
    urls = pages_saying(tree, language, f"{word}.", f"{form}.")
    assert len(urls) == 2
    assert found(client, language, word) == urls
    assert found(client, language, form) == urls
