"""Deploy checks: `check --deploy` warns about placeholders of the demo content that would
reach visitors (example addresses, a Site at localhost), and passes without them."""

import re

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from wagtail.models import Page, Site

from cleantech_site.checks import CONTENT_TAG, example_addresses

pytestmark = [pytest.mark.django_db]

DEMO_ADDRESS = "info@example.com"  # what demo/content.yaml gives the booking form


def check_deploy():
    call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", CONTENT_TAG)


def with_addresses(tree, to_address, contact_email, hostname, from_address=""):
    for page in tree.booking.values():
        page.to_address, page.from_address = to_address, from_address
        page.save(update_fields=["to_address", "from_address"])
    for home in tree.home.values():
        home.contact_email = contact_email
        home.save(update_fields=["contact_email"])
    Site.objects.filter(is_default_site=True).update(hostname=hostname, port=443)


def test_real_addresses_pass(tree):
    with_addresses(
        tree, "bokning@cleantech.se, info@cleantech.se", "info@cleantech.se", "www.cleantech.se"
    )
    check_deploy()


def test_the_demo_addresses_fail(tree, capsys):
    with_addresses(tree, DEMO_ADDRESS, DEMO_ADDRESS, "localhost")
    with pytest.raises(SystemCheckError) as raised:
        check_deploy()
    report = str(raised.value)
    # Once per page family, not once per language.
    assert report.count("cleantech_site.W002") == 1
    assert report.count("cleantech_site.W003") == 1
    assert report.count("cleantech_site.W004") == 1
    assert DEMO_ADDRESS in report


def test_a_footer_without_any_contact_route_fails_once(tree):
    """The demo leaves the footer's contact details empty, and the legal pages send
    visitors there: a live site must fill them in."""
    with_addresses(tree, "bokning@cleantech.se", "", "www.cleantech.se")
    for home in tree.home.values():
        home.contact_phone = ""
        home.save(update_fields=["contact_phone"])
    with pytest.raises(SystemCheckError) as raised:
        check_deploy()
    assert str(raised.value).count("cleantech_site.W006") == 1

    tree.home.sv.contact_phone = "+46 90 123 45 67"
    tree.home.sv.save(update_fields=["contact_phone"])
    with pytest.raises(SystemCheckError) as raised:
        check_deploy()
    # Another language's home page still has none.
    assert str(raised.value).count("cleantech_site.W006") == 1
    for home in tree.home.values():
        home.contact_phone = "+46 90 123 45 67"
        home.save(update_fields=["contact_phone"])
    check_deploy()


@pytest.mark.parametrize(
    ("field", "value"),
    [("to_address", "bokning@cleantech.se, staff@mail.example.org"), ("from_address", "x@y.test")],
)
def test_an_example_address_among_the_recipients_or_as_sender_fails(tree, field, value):
    with_addresses(tree, "bokning@cleantech.se", "info@cleantech.se", "www.cleantech.se")
    page = tree.booking.sv
    setattr(page, field, value)
    page.save(update_fields=[field])
    with pytest.raises(SystemCheckError, match="cleantech_site.W002"):
        check_deploy()


@pytest.mark.parametrize("language", ["fi", "en"])
def test_a_translation_still_on_an_example_address_fails(tree, language):
    """Translations may keep their own address, or the old one until they are synced."""
    with_addresses(tree, "bokning@cleantech.se", "info@cleantech.se", "www.cleantech.se")
    translation = tree.booking[language]
    translation.to_address = DEMO_ADDRESS
    translation.save(update_fields=["to_address"])
    with pytest.raises(SystemCheckError, match=re.escape(f"'{translation.title}' ({language})")):
        check_deploy()


def test_only_live_pages_count(tree):
    with_addresses(tree, DEMO_ADDRESS, "info@cleantech.se", "www.cleantech.se")
    Page.objects.filter(pk__in=[page.pk for page in tree.booking.values()]).update(live=False)
    check_deploy()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("info@example.com", ["info@example.com"]),
        ("Staff <staff@EXAMPLE.org>", ["staff@EXAMPLE.org"]),
        ("a@lists.example.net, b@cleantech.se", ["a@lists.example.net"]),
        (
            "a@host.example, b@host.test, c@localhost",
            ["a@host.example", "b@host.test", "c@localhost"],
        ),
        ("info@example.se, info@myexample.com, info@example.company", []),
        ("", []),
    ],
)
def test_example_domains(text, found):
    assert example_addresses(text) == found
