from django.apps import AppConfig
from django.conf import settings


class CleantechSiteConfig(AppConfig):
    name = "cleantech_site"
    verbose_name = settings.WAGTAIL_SITE_NAME

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
        from wagtail.models import CollectionViewRestriction, PageViewRestriction
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from . import checks, page_cache

        checks.register_all()
        # publish_scheduled publishes revisions (page_published) and unpublishes expired
        # pages (page_unpublished): the same signals as the admin.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(page_cache.clear, dispatch_uid="page-cache")
        # A deploy migrates: what is kept under the old generation (pickled records,
        # rendered markup) may no longer fit the new code.
        post_migrate.connect(page_cache.clear, dispatch_uid="page-cache-migrate")
        post_save.connect(page_cache.clear_for_model, dispatch_uid="page-cache")
        post_delete.connect(page_cache.clear_for_model, dispatch_uid="page-cache-delete")
        for restriction in (PageViewRestriction, CollectionViewRestriction):
            m2m_changed.connect(
                page_cache.clear_for_groups,
                sender=restriction.groups.through,
                dispatch_uid=f"page-cache-groups-{restriction.__name__}",
            )
