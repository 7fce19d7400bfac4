"""Staff members in the roles of roles/definitions.py, and the admin's page edit form.

The roles are written by a migration, but a test that empties the database (the demo
content's) takes them away; `in_role` writes them again inside the test's transaction,
so the tests of roles pass in any order.
"""

from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from roles.definitions import apply_roles


def in_role(group_name, username=None):
    """A new staff member, signed in with `client.force_login`, in one role."""
    apply_roles(apps)
    user = get_user_model().objects.create_user(
        username or group_name.lower().replace(" ", "-"),
        email=f"{(username or 'staff')}@example.com",
        password="pw-for-tests-only",
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def edit_form_data(client, page, **changes):
    """What the admin's edit form of `page` posts when nothing but `changes` is changed.

    The fields are read from the rendered form, formsets' management forms included; the
    empty body StreamField is posted as it would be, since its rows are drawn by script.
    """
    response = client.get(edit_url(page))
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").find("form", attrs={"method": "POST"})
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.get("type") == "checkbox" and not field.has_attr("checked"):
            continue
        if field.name == "textarea":
            data[name] = field.get_text()
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen.get("value", "") if chosen else ""
        else:
            data[name] = field.get("value", "")
    data.setdefault("body-count", "0")
    data.update(changes)
    return data
