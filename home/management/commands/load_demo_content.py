from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo import reference_index_updated_once

# Each app's demo module has load(stdout, pages). They run in this order, so a later
# one can link to the pages an earlier one made (collected in `pages`).
DEMO_MODULES = [
    "home.demo",
    "projects.demo",
    "news.demo",
    "forms.demo",
]


class Command(BaseCommand):
    help = (
        "Build the demo content in Swedish, with Finnish and English translations made "
        "through wagtail-localize. Safe to run again: what exists is left as it is."
    )

    def handle(self, *args, **options):
        pages = {}
        with transaction.atomic(), reference_index_updated_once():
            for name in DEMO_MODULES:
                self.stdout.write(f"Demo content: {name}")
                import_module(name).load(self.stdout, pages)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
