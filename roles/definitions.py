"""The staff roles and the moderation workflow, as data that a migration writes.

Three Wagtail groups, each with the least its work needs:

- Communicators write pages in every language, submit them for approval and send them
  to translation; they manage images, documents and the project snippets. They cannot
  publish, and they do not see bookings (personal data).
- Publishers may do all that, and publish and approve what was submitted.
- Booking handlers see, update, export and erase bookings; they edit no page and
  manage no users.

User management is for superusers only: no group is given auth permissions.

Moderation is one workflow, a single approval by the Publishers, assigned to the root
page. Communicators may edit every page but publish none, so every page they edit needs
a way to a publisher; on the root, the workflow covers the project and news pages of
every language, and of languages added later, without a step anyone must remember.
It replaces Wagtail's default workflow there, whose Moderators group nobody is in.

`apply_roles` takes an app registry, so the migration runs it with the historical models
and a test can run it again with the current ones after the database was emptied. It
creates what it grants: permissions are otherwise written only after all migrations ran.
"""

COMMUNICATORS = "Communicators"
PUBLISHERS = "Publishers"
BOOKING_HANDLERS = "Booking handlers"

WORKFLOW_NAME = "Publishers' approval"
TASK_NAME = "Approval by a publisher"

ADMIN_ACCESS = ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
SUBMIT_TRANSLATION = (
    "wagtail_localize",
    "translation",
    "submit_translation",
    "Can submit translations",
)
SNIPPET_MODELS = (
    ("projects", "organisation"),
    ("projects", "fundingprogramme"),
    ("projects", "focusarea"),
)
MEDIA_MODELS = (("wagtailimages", "image"), ("wagtaildocs", "document"))

# Per role: model permissions, page permissions on the root page, and permissions on the
# root collection (images and documents), each as (app_label, model, action).
EDITING_PAGES = ("add", "change")
EDITING_SNIPPETS = ("add", "change", "delete")
EDITING_MEDIA = ("add", "change", "choose")


def _model_permissions(models, actions):
    return [
        (app_label, model, f"{action}_{model}", f"Can {action} {model}")
        for app_label, model in models
        for action in actions
    ]


def _collection_permissions():
    return _model_permissions(MEDIA_MODELS, EDITING_MEDIA)


ROLES = {
    COMMUNICATORS: {
        "permissions": [ADMIN_ACCESS, SUBMIT_TRANSLATION]
        + _model_permissions(SNIPPET_MODELS, EDITING_SNIPPETS),
        "page_actions": EDITING_PAGES,
        "collection_permissions": _collection_permissions(),
    },
    PUBLISHERS: {
        "permissions": [ADMIN_ACCESS, SUBMIT_TRANSLATION]
        + _model_permissions(SNIPPET_MODELS, EDITING_SNIPPETS),
        "page_actions": EDITING_PAGES + ("publish",),
        "collection_permissions": _collection_permissions(),
    },
    BOOKING_HANDLERS: {
        "permissions": [ADMIN_ACCESS]
        + _model_permissions([("forms", "booking")], ("view", "change", "delete")),
        "page_actions": (),
        "collection_permissions": [],
    },
}


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def _root_page(apps):
    return apps.get_model("wagtailcore", "Page").objects.filter(depth=1).order_by("path").first()


def _root_collection(apps):
    Collection = apps.get_model("wagtailcore", "Collection")
    return Collection.objects.filter(depth=1).order_by("path").first()


def apply_roles(apps, schema_editor=None):
    """Create the groups with exactly their permissions, and the workflow; run again, it
    puts back what is missing and takes away what a role should not have."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = _root_page(apps)
    root_collection = _root_collection(apps)
    groups = {}
    for name, role in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.set([_permission(apps, *spec) for spec in role["permissions"]])

        GroupPagePermission.objects.filter(group=group).delete()
        if root_page is not None:
            for action in role["page_actions"]:
                GroupPagePermission.objects.create(
                    group=group,
                    page=root_page,
                    permission=_permission(
                        apps, "wagtailcore", "page", f"{action}_page", f"Can {action} page"
                    ),
                )

        GroupCollectionPermission.objects.filter(group=group).delete()
        if root_collection is not None:
            for spec in role["collection_permissions"]:
                GroupCollectionPermission.objects.create(
                    group=group, collection=root_collection, permission=_permission(apps, *spec)
                )
    if root_page is not None:
        _apply_workflow(apps, root_page, groups[PUBLISHERS])


def _apply_workflow(apps, root_page, publishers):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    # Historical models do not fill in a task's type as the real model's save() does.
    task_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _created = GroupApprovalTask.objects.get_or_create(
        name=TASK_NAME, defaults={"content_type": task_type, "active": True}
    )
    task.groups.set([publishers])
    workflow, _created = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
