"""System checks for what production needs beyond Django's own deploy checks.

The content checks (example addresses, the Site's hostname) read the database. They are
deploy checks, so they run only under `check --deploy`, never at the start of every
command. They are deliberately not tagged `database`: Django runs such checks only when
`--database` is given, and an operator's plain `check --deploy` would skip them in
silence. Instead they look for their tables first and check nothing on a database that
has none yet (a fresh clone, where `check --deploy` runs before `migrate`: there is no
content to be wrong), and they warn when the database cannot be reached.
"""

from email.utils import getaddresses

from django.conf import settings
from django.core.checks import Error as CheckError
from django.core.checks import Tags, register
from django.core.checks import Warning as CheckWarning
from django.core.checks.security.base import CROSS_ORIGIN_OPENER_POLICY_VALUES
from django.db import DatabaseError, connection
from wagtail.models import Site

from forms.models import FormPage
from home.models import HomePage

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}
# Domains reserved for examples and tests (RFC 2606, RFC 6761): mail to them never
# arrives, so an address there is a placeholder nobody replaced.
EXAMPLE_DOMAINS = ("example.com", "example.org", "example.net")
EXAMPLE_TOP_LEVEL = ("example", "test", "invalid", "localhost")
LOCAL_HOSTNAMES = {"localhost", "127.0.0.1", "::1"}
CONTENT_TAG = "content"


def check_shared_cache(app_configs, **kwargs):
    """Each gunicorn worker has its own local-memory cache: a page cleared in one worker
    stays cached in the others, and rate limits count per worker."""
    alias = getattr(settings, "PAGE_CACHE_ALIAS", "default")
    backend = settings.CACHES.get(alias, {}).get("BACKEND")
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        CheckWarning(
            "The cache is private to each process, so changes clear one worker's cached "
            "pages only and rate limits count per worker.",
            hint="Set REDIS_URL, or CACHE_DIR to a directory every worker on this server "
            "can write.",
            id="cleantech_site.W001",
        )
    ]


def check_opener_policy(app_configs, **kwargs):
    """PERSONAL_CROSS_ORIGIN_OPENER_POLICY is ours, so Django's check of its own setting
    (security.E024) does not look at it; a browser ignores a value it does not know."""
    value = settings.PERSONAL_CROSS_ORIGIN_OPENER_POLICY
    if value is None or value in CROSS_ORIGIN_OPENER_POLICY_VALUES:
        return []
    return [
        CheckError(
            f"PERSONAL_CROSS_ORIGIN_OPENER_POLICY is {value!r}, which browsers ignore.",
            hint=f"Use one of {', '.join(sorted(CROSS_ORIGIN_OPENER_POLICY_VALUES))}, or None.",
            id="cleantech_site.E001",
        )
    ]


def is_example_address(address):
    domain = address.rpartition("@")[2].strip().lower().rstrip(".")
    return (
        domain in EXAMPLE_DOMAINS
        or domain.endswith(tuple(f".{name}" for name in EXAMPLE_DOMAINS))
        or domain.rpartition(".")[2] in EXAMPLE_TOP_LEVEL
    )


def example_addresses(text):
    """The example-domain addresses in a field of one or more addresses."""
    return [address for _name, address in getaddresses([text or ""]) if is_example_address(address)]


def _content_tables_missing():
    needed = {Site._meta.db_table, FormPage._meta.db_table, HomePage._meta.db_table}
    return not needed <= set(connection.introspection.table_names())


def _example_addresses_in(pages, fields):
    """(page, field, address) for each example address in `fields` of live `pages`.

    Translations may keep an address of their own, or the old one until they are synced
    and published, so every language is looked at; an address shared by a page and its
    translations is named once."""
    seen = set()
    for page in pages.live().order_by("locale_id", "path"):
        for field in fields:
            for address in example_addresses(getattr(page, field)):
                if (page.translation_key, field, address) not in seen:
                    seen.add((page.translation_key, field, address))
                    yield page, field, address


def _placeholder_warnings():
    warnings = []
    for page, field, address in _example_addresses_in(
        FormPage.objects.all(), ("to_address", "from_address")
    ):
        warnings.append(
            CheckWarning(
                f"The live booking page '{page.title}' ({page.locale.language_code}) sends "
                f"{'to' if field == 'to_address' else 'from'} {address}, an example "
                "address where mail never arrives.",
                hint="Edit the page's e-mail settings in the admin and publish it.",
                obj=page,
                id="cleantech_site.W002",
            )
        )
    for home, _field, address in _example_addresses_in(HomePage.objects.all(), ("contact_email",)):
        warnings.append(
            CheckWarning(
                f"The site's contact e-mail on '{home.title}' ({home.locale.language_code}) "
                f"is {address}, an example address: visitors who write to it reach nobody.",
                hint="Edit the home page's contact details in the admin and publish it.",
                obj=home,
                id="cleantech_site.W003",
            )
        )
    return warnings + _missing_contact_warnings()


def _missing_contact_warnings():
    """The privacy notice and the accessibility statement send visitors to the footer's
    contact details to use their rights or report a problem; the demo leaves them empty
    rather than invent them, so a live site without any has no contact route at all."""
    warnings = []
    seen = set()
    for home in HomePage.objects.live().order_by("locale_id", "path"):
        if home.contact_email.strip() or home.contact_phone.strip():
            continue
        if home.translation_key in seen:
            continue
        seen.add(home.translation_key)
        warnings.append(
            CheckWarning(
                f"The home page '{home.title}' ({home.locale.language_code}) gives neither "
                "a contact e-mail nor a phone number: the footer offers visitors no way to "
                "reach the organisation, which the privacy notice and the accessibility "
                "statement rely on.",
                hint="Fill in the home page's contact details in the admin and publish it.",
                obj=home,
                id="cleantech_site.W006",
            )
        )
    return warnings


def _site_warnings():
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return []
    if site.hostname in LOCAL_HOSTNAMES:
        return [
            CheckWarning(
                f"The default site's hostname is {site.hostname}: links in the API, feeds "
                "and the sitemap point to this machine, not to the public address.",
                hint="Set SITE_BASE_URL to the public address and run "
                "`manage.py set_site_address`.",
                obj=site,
                id="cleantech_site.W004",
            )
        ]
    return []


def check_content(app_configs, **kwargs):
    """Placeholders of the demo content that would reach visitors in production."""
    try:
        if _content_tables_missing():
            return []
        return _placeholder_warnings() + _site_warnings()
    except DatabaseError as error:
        return [
            CheckWarning(
                f"The content could not be checked: the database did not answer ({error}).",
                hint="Check DATABASE_URL, then run `manage.py check --deploy` again.",
                id="cleantech_site.W005",
            )
        ]


def register_all():
    register(check_shared_cache, Tags.caches, deploy=True)
    register(check_opener_policy, Tags.security)
    register(check_content, CONTENT_TAG, deploy=True)
