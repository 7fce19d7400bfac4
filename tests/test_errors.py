"""Error pages: the 500 page renders in the visitor's language without the database."""

import pytest
from django.test import RequestFactory

from cleantech_site.views import server_error


@pytest.mark.parametrize(
    ("path", "language", "text"),
    [
        ("/sv/nagot/", "sv", "Något gick fel"),
        ("/fi/jotain/", "fi", "Jokin meni vikaan"),
        ("/en/something/", "en", "Something went wrong"),
        ("/no-prefix/", "sv", "Något gick fel"),
    ],
)
def test_500_page_without_the_database(path, language, text):
    # No django_db mark: any query here would raise, so this proves the page needs none.
    response = server_error(RequestFactory().get(path))
    assert response.status_code == 500
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    assert f"<h1>{text}</h1>" in body
    assert f'href="/{language}/"' in body
