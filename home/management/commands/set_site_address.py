from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from home.navigation import site_address


class Command(BaseCommand):
    help = (
        "Give the default Site record the hostname and port of the public address "
        "(SITE_BASE_URL, or --url), so the links that leave a page (API, feeds, sitemap, "
        "e-mails) all name it. Run it after migrate at every deploy."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", help="The public address; SITE_BASE_URL by default.")

    def handle(self, *args, url=None, **options):
        address = site_address(url)
        if address is None:
            raise CommandError(
                f"A Wagtail Site cannot serve {url or 'SITE_BASE_URL'}: give http://host, "
                "https://host or http://host:port (https only on port 443)."
            )
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError(
                "There is no default site yet: load the content or add a site under "
                "Settings → Sites first."
            )
        if (site.hostname, site.port) == (address["hostname"], address["port"]):
            self.stdout.write(f"The default site already answers at {site.root_url}.")
            return
        # Through save(), so the change clears the page cache and Wagtail's site cache.
        site.hostname, site.port = address["hostname"], address["port"]
        site.save()
        self.stdout.write(f"The default site now answers at {site.root_url}.")
