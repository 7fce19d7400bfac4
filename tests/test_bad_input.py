"""Bad input answers 400, never 500: NUL characters and undecodable forms are refused
before any query (cleantech_site/bad_input.py), the 400 page reads no body, and every bad
API parameter gets a JSON error (cleantech_site/api.py). A fuzz of the public addresses
and the API closes the file."""

import io
from urllib.parse import quote_from_bytes, urlencode

import PIL.Image
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.images.models import Image
from wagtail.models import Collection

from forms.models import Booking

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"
HEADINGS = {
    "sv": "Begäran kunde inte hanteras",
    "fi": "Pyyntöä ei voitu käsitellä",
    "en": "The request could not be handled",
}


def address(tree, where, language="sv"):
    """A handle of the tree (booking, standard, ...) or a fixed address, as a path."""
    if where.startswith("/"):
        return where
    return getattr(tree, where)[language].url


def csrf_client():
    """A client that is checked for CSRF like a browser: the check is what reads POST."""
    return Client(enforce_csrf_checks=True)


# (case, where, method, body, content type)
REFUSED_BODIES = [
    ("latin-1 form", "booking", b"name=%E5sa", f"{FORM}; charset=ISO-8859-1"),
    ("latin-1 form", "/admin/login/", b"username=%E5sa&password=x", f"{FORM}; charset=ISO-8859-1"),
    ("utf-16 form", "booking", "name=x".encode("utf-16"), f"{FORM}; charset=utf-16"),
    ("utf-16 form", "/admin/login/", "username=x".encode("utf-16"), f"{FORM}; charset=utf-16"),
    ("garbage charset", "booking", b"name=x", f"{FORM}; charset=no-such-charset"),
    ("garbage charset", "/admin/login/", b"username=x", f"{FORM}; charset=no-such-charset"),
    ("NUL in a field", "booking", b"name=a%00b", FORM),
    ("NUL in a field name", "/admin/login/", b"user%00name=a", FORM),
    ("bytes not UTF-8", "booking", b"name=%ff%fe", FORM),
    ("bytes not UTF-8", "/admin/login/", b"username=%c3%28", FORM),
    (
        "latin-1 multipart",
        "booking",
        b'--B\r\nContent-Disposition: form-data; name="name"\r\n\r\n\xe5sa\r\n--B--\r\n',
        "multipart/form-data; boundary=B; charset=ISO-8859-1",
    ),
    (
        "NUL in a multipart field",
        "booking",
        b'--B\r\nContent-Disposition: form-data; name="name"\r\n\r\na\x00b\r\n--B--\r\n',
        "multipart/form-data; boundary=B",
    ),
]


@pytest.mark.parametrize(("case", "where", "body", "content_type"), REFUSED_BODIES)
def test_bad_form_bodies_get_400_before_any_query(
    tree, django_assert_num_queries, case, where, body, content_type
):
    url = address(tree, where)
    bookings = Booking.objects.count()
    with django_assert_num_queries(0):
        response = csrf_client().generic("POST", url, body, content_type=content_type)
    assert response.status_code == 400, case
    assert HEADINGS["sv"] in response.content.decode()
    assert Booking.objects.count() == bookings


@pytest.mark.parametrize(
    ("case", "where", "query"),
    [
        ("NUL in the path", "/sv/%00/", ""),
        ("NUL in a page's path", "standard", ""),  # the NUL is added below
        ("path not UTF-8", "/sv/%ff/", ""),
        ("NUL in the query", "standard", "q=%00"),
        ("NUL in a query key", "/sv/search/", "q%00=a"),
        ("query not UTF-8", "/sv/search/", "q=%ff"),
        ("NUL in the API's search", "/api/v2/pages/", "search=a%00b"),
        ("NUL in the API's locale", "/api/v2/pages/", "locale=s%00v"),
        ("NUL in the API's site", "/api/v2/pages/", "site=localhost%00"),
        ("NUL in find's html_path", "/api/v2/pages/find/", "html_path=/sv/%00/"),
    ],
)
def test_nul_and_undecodable_addresses_get_400_before_any_query(
    tree, django_assert_num_queries, case, where, query
):
    url = address(tree, where)
    if case == "NUL in a page's path":
        url += "%00/"
    with django_assert_num_queries(0):
        response = Client().get(f"{url}?{query}" if query else url)
    assert response.status_code == 400, case
    if url.startswith("/api/"):
        assert response.json() == {"message": HEADINGS["sv"]}
    else:
        assert HEADINGS["sv"] in response.content.decode()


def test_a_nul_in_a_cookie_gets_400_before_any_query(tree, django_assert_num_queries):
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = "abc\x00def"
    url = tree.standard.sv.url
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response.status_code == 400


@pytest.mark.parametrize("language", ["sv", "fi", "en"])
def test_the_400_page_is_plain_and_in_the_language_of_the_address(tree, language):
    response = Client().get(tree.standard[language].url + "?q=%00")
    body = response.content.decode()
    assert response.status_code == 400
    assert f'<html lang="{language}">' in body
    assert f"<h1>{HEADINGS[language]}</h1>" in body
    assert f'href="/{language}/"' in body
    assert "<nav" not in body  # plain: no site chrome, which would need the database


def test_the_api_400_follows_accept_language(tree):
    response = Client().get("/api/v2/pages/?search=%00", headers={"accept-language": "fi"})
    assert response.json() == {"message": HEADINGS["fi"]}


@override_settings(
    MIDDLEWARE=[name for name in settings.MIDDLEWARE if not name.endswith("BadInputMiddleware")]
)
def test_the_400_view_does_not_read_the_body_again(tree):
    """Without the middleware Django refuses the latin-1 form itself, in the CSRF check;
    Django's default 400 view would run that check again and fail into a 500."""
    client = csrf_client()
    client.cookies[settings.CSRF_COOKIE_NAME] = "a" * 32  # so the check goes on to the form
    response = client.generic(
        "POST", tree.booking.sv.url, b"name=x", content_type=f"{FORM}; charset=ISO-8859-1"
    )
    assert response.status_code == 400
    assert HEADINGS["sv"] in response.content.decode()


@override_settings(
    MIDDLEWARE=[name for name in settings.MIDDLEWARE if not name.endswith("BadInputMiddleware")]
)
def test_the_api_refuses_nul_on_its_own(tree):
    response = Client().get("/api/v2/pages/", {"search": "a\x00b"})
    assert response.status_code == 400
    assert "NUL" in response.json()["message"]


def test_good_input_passes_the_middleware(tree):
    """UTF-8 forms, non-ASCII queries and a charset that says UTF-8 are not refused."""
    client = Client()
    assert client.get(tree.standard.sv.url, {"q": "Åsa ä ö €"}).status_code == 200
    response = client.generic(
        "POST",
        "/admin/login/",
        "username=Åsa&password=x".encode(),
        content_type=f"{FORM}; charset=UTF-8",
    )
    assert response.status_code == 200  # the login form again, with its error
    assert response.context["form"].errors


def test_file_uploads_pass_the_middleware(admin_client, tree):
    """The middleware reads a multipart form's fields; the files in it must still arrive."""
    image = io.BytesIO()
    PIL.Image.new("RGB", (40, 30), "green").save(image, "PNG")
    upload = SimpleUploadedFile("vindkraft.png", image.getvalue(), content_type="image/png")
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Vindkraft", "file": upload, "collection": Collection.get_first_root_node().id},
    )
    assert response.status_code == 302
    stored = Image.objects.get(title="Vindkraft")
    assert (stored.width, stored.height) == (40, 30)


# Every bad API parameter: (case, query). Each answers 400 with a JSON message.
BAD_API_PARAMETERS = [
    ("offset beyond bigint", "offset=100000000000000000000"),
    ("negative offset", "offset=-1"),
    ("limit beyond bigint", "limit=100000000000000000000"),
    ("unknown search operator", "search=vind&search_operator=xor"),
    ("unknown site", "site=evil.example"),
    ("site with a port that is not one", "site=localhost:http"),
    ("unknown locale", "locale=xx"),
    ("decimal that is not one", "type=projects.ProjectPage&total_budget=abc"),
    ("decimal that is not finite", "type=projects.ProjectPage&total_budget=NaN"),
    ("date that is not one", "type=projects.ProjectPage&start_date=x"),
    ("date that does not exist", "type=projects.ProjectPage&end_date=2025-02-30"),
    ("unknown type", "type=projects.NoSuchPage"),
    ("unknown field", "no_such_field=1"),
]


@pytest.mark.parametrize(("case", "query"), BAD_API_PARAMETERS)
def test_bad_api_parameters_get_a_json_400(client, tree, case, query):
    response = client.get(f"/api/v2/pages/?{query}")
    assert response.status_code == 400, case
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["message"]


def test_api_errors_are_in_the_clients_language(client, tree):
    response = client.get("/api/v2/pages/?locale=xx", headers={"accept-language": "fi"})
    assert response.json() == {"message": "tuntematon kielikoodi: xx"}


@pytest.mark.parametrize("value", ["abc", "-1", "1.5", "99999999999999999999999"])
def test_find_by_an_id_that_is_not_one_gets_a_json_400(client, tree, value):
    response = client.get("/api/v2/pages/find/", {"id": value})
    assert response.status_code == 400
    assert "id" in response.json()["message"]


def test_good_api_filters_still_filter(client, tree):
    project = tree.ongoing_project.sv
    response = client.get(
        "/api/v2/pages/",
        {
            "type": "projects.ProjectPage",
            "locale": "sv",
            "start_date": project.start_date.isoformat(),
            "site": "testserver:80",
            "search_operator": "or",
        },
    )
    assert response.status_code == 200, response.content
    assert [item["id"] for item in response.json()["items"]] == [project.id]


@pytest.mark.parametrize("path", ["/robots.txt", "/sitemap.xml"])
def test_crawler_files_answer_head_and_options(client, tree, path):
    get = client.get(path)
    head = client.head(path)
    assert head.status_code == 200
    assert head["Content-Type"] == get["Content-Type"]
    assert head.content == b""
    options = client.options(path)
    assert options.status_code == 200
    assert set(options["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert client.post(path).status_code == 405


# The fuzz: generated requests to the public addresses and the API, none may answer 500.

API_PARAMETERS = [
    "offset",
    "limit",
    "fields",
    "order",
    "search",
    "search_operator",
    "type",
    "child_of",
    "ancestor_of",
    "descendant_of",
    "translation_of",
    "locale",
    "site",
    "id",
    "html_path",
    "title",
    "slug",
    "show_in_menus",
    "total_budget",
    "eu_contribution",
    "cofinancing_rate",
    "start_date",
    "end_date",
    "region",
    "q",
    "page",
    "format",
]
TRICKY_VALUES = [
    "",
    "0",
    "-1",
    "1.5",
    "1e400",
    "NaN",
    "99999999999999999999999",
    "root",
    "random",
    "-title",
    "title,-id",
    "*",
    "_,title",
    "title(id)",
    "projects.ProjectPage",
    "wagtailcore.Page,projects.ProjectPage",
    "projects.ProjectPage,wagtailcore.Page",
    "auth.User",
    "sv",
    "fi",
    "xx",
    "localhost",
    "localhost:80",
    "testserver",
    "evil.example",
    "localhost:99999999",
    "/sv/",
    "/fi/projektit/",
    "2025-02-30",
    "true",
    "api",
    "json",
    "a\x00b",
    "Åsa ä ö €",
    "'; DROP TABLE x; --",
]
value_strategy = st.one_of(st.sampled_from(TRICKY_VALUES), st.text(max_size=12))
query_strategy = st.lists(
    st.tuples(st.sampled_from(API_PARAMETERS), value_strategy), max_size=4
).map(lambda pairs: urlencode(pairs))
raw_query_strategy = st.binary(max_size=12).map(lambda raw: "q=" + quote_from_bytes(raw))


def page_addresses(tree):
    pages = [
        family[language].url
        for family in (tree.home, tree.standard, tree.project_index, tree.news_index)
        + (tree.article, tree.booking)
        for language in ("sv", "fi", "en")
    ]
    return [*pages, "/", "/sv/search/", "/en/feed/", "/robots.txt", "/sitemap.xml"]


def api_addresses(tree):
    detail = f"/api/v2/pages/{tree.ongoing_project.sv.id}/"
    return ["/api/v2/pages/", "/api/v2/pages/find/", detail]


# About five seconds for the three on SQLite, enough to cover every address and parameter
# a few times (PostgreSQL is slower).
FUZZ = hypothesis_settings(
    max_examples=80,
    deadline=None,
    derandomize=True,  # the same requests on every run: a failure repeats
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def get_never_answers_500(path, query):
    response = Client(raise_request_exception=False).get(f"{path}?{query}")
    assert response.status_code < 500, (path, query)


@FUZZ
@given(data=st.data())
def test_fuzzed_api_requests_never_answer_500(tree, data):
    path = data.draw(st.sampled_from(api_addresses(tree)), label="path")
    get_never_answers_500(path, data.draw(query_strategy, label="query"))


@hypothesis_settings(FUZZ, max_examples=40)
@given(data=st.data())
def test_fuzzed_page_requests_never_answer_500(tree, data):
    path = data.draw(st.sampled_from(page_addresses(tree)), label="path")
    query = data.draw(st.one_of(query_strategy, raw_query_strategy), label="query")
    get_never_answers_500(path, query)


@hypothesis_settings(FUZZ, max_examples=40)
@given(
    where=st.sampled_from(["booking", "/admin/login/", "/sv/search/"]),
    body=st.binary(max_size=40),
    charset=st.sampled_from(["", "; charset=utf-8", "; charset=latin-1", "; charset=x"]),
    content_type=st.sampled_from([FORM, "multipart/form-data; boundary=B", "text/plain"]),
)
def test_fuzzed_posts_never_answer_500(tree, where, body, charset, content_type):
    response = Client(enforce_csrf_checks=True, raise_request_exception=False).generic(
        "POST", address(tree, where), body, content_type=content_type + charset
    )
    assert response.status_code < 500, (where, body, content_type + charset)
