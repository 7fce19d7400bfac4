"""Moderation: a communicator's news article goes live only when a publisher approves it,
and a publisher's request for changes reaches the communicator with its comment."""

import pytest
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from roles.definitions import COMMUNICATORS, PUBLISHERS, WORKFLOW_NAME

from . import factories as f
from .staff import edit_form_data, edit_url, in_role

pytestmark = pytest.mark.django_db


def moderate(client, page, action, comment=""):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    response = client.post(url, {"comment": comment})
    assert response.status_code in (200, 302)
    return TaskState.objects.get(pk=task_state.pk)


def test_projects_and_news_of_every_language_go_through_the_publishers_approval(tree):
    in_role(PUBLISHERS)
    for handle in ("ongoing_project", "article"):
        for page in getattr(tree, handle).values():
            assert page.get_workflow().name == WORKFLOW_NAME


def test_submit_reject_with_a_comment_resubmit_approve_and_live(client, tree):
    communicator = in_role(COMMUNICATORS)
    publisher = in_role(PUBLISHERS)
    draft = f.ArticlePageFactory(
        parent=tree.news_index.sv, title="Vätgasbussen rullar", slug="vatgasbussen", live=False
    )
    draft.save_revision()

    client.force_login(communicator)
    data = edit_form_data(client, draft, lead="Första utkastet.", **{"action-submit": "1"})
    assert client.post(edit_url(draft), data).status_code == 302
    assert draft.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    # The communicator cannot approve their own work.
    assert page_actions(draft, communicator) == []

    client.force_login(publisher)
    rejected = moderate(client, draft, "reject", comment="Nämn busslinjen.")
    assert rejected.status == TaskState.STATUS_REJECTED
    assert rejected.comment == "Nämn busslinjen."
    assert draft.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    draft.refresh_from_db()
    assert not draft.live

    client.force_login(communicator)
    history = reverse(
        "wagtailadmin_pages:workflow_history_detail",
        args=[draft.pk, draft.current_workflow_state.pk],
    )
    assert "Nämn busslinjen." in client.get(history).text
    data = edit_form_data(client, draft, lead="Linje 9 kör på vätgas.", **{"action-submit": "1"})
    assert client.post(edit_url(draft), data).status_code == 302
    assert draft.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    client.force_login(publisher)
    approved = moderate(client, draft, "approve")
    assert approved.status == TaskState.STATUS_APPROVED
    draft.refresh_from_db()
    assert draft.live
    assert draft.lead == "Linje 9 kör på vätgas."
    assert "Linje 9 kör på vätgas." in client.get(draft.url).text


def page_actions(page, user):
    task = page.current_workflow_task
    return [name for name, _label, _modal in task.get_actions(page, user)]
