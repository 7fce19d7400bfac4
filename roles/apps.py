from django.apps import AppConfig


class RolesConfig(AppConfig):
    """Staff groups and the moderation workflow; no models, only a data migration."""

    name = "roles"
