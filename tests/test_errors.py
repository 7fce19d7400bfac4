"""Error pages: the 500 page renders in the visitor's language without the database."""

import pytest
from django.test import Client, RequestFactory

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


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("sv", "Begäran kunde inte hanteras"),
        ("fi", "Pyyntöä ei voitu käsitellä"),
        ("en", "The request could not be handled"),
    ],
)
def test_too_many_fields_get_a_translated_400(tree, language, text):
    client = Client(enforce_csrf_checks=True)  # the CSRF check is what reads the fields
    client.cookies["csrftoken"] = "a" * 32  # a cookie, so the check goes on to the fields
    data = {f"field{number}": "x" for number in range(1500)}
    response = client.post(tree.standard[language].url, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert f'lang="{language}"' in body
    assert text in body


@pytest.mark.django_db
def test_an_expired_form_gets_a_translated_explanation(tree):
    client = Client(enforce_csrf_checks=True)
    response = client.post(tree.standard["fi"].url, {"name": "x"})
    assert response.status_code == 403
    body = response.content.decode()
    assert 'lang="fi"' in body
    assert "Lomake on vanhentunut" in body
