from django.apps import AppConfig
from django.conf import settings


class CleantechSiteConfig(AppConfig):
    name = "cleantech_site"
    verbose_name = settings.WAGTAIL_SITE_NAME

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from . import page_cache

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(page_cache.clear, dispatch_uid="page-cache")
        post_save.connect(page_cache.clear_for_model, dispatch_uid="page-cache")
        post_delete.connect(page_cache.clear_for_model, dispatch_uid="page-cache-delete")
