from django.db import migrations

from roles.definitions import apply_roles


class Migration(migrations.Migration):
    """The staff groups and the moderation workflow (roles/definitions.py)."""

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("forms", "0003_bookingemail_retry_at"),
        ("projects", "0002_hero_image_mixin"),
    ]

    operations = [migrations.RunPython(apply_roles, migrations.RunPython.noop)]
