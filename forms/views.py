"""Booking handling in the Wagtail admin.

The list is Wagtail's own form submissions listing (Forms → the booking page), extended
with the booking's language, status, handler, agreed date and e-mail state, filters for
them, and CSV/XLSX export. Each row opens the booking in a generic edit view, where staff
set the status and notes or delete the booking (erasure on request).

Who may handle bookings: people with the booking permissions (the Booking handlers group),
not everyone who may edit the form page; the form submissions hook in wagtail_hooks.py
gives them Wagtail's submission views, and the policy below checks each action.

The booking page's model names the list as its submissions view, so this module does not
import the models: the view set gets its model where it is registered (wagtail_hooks.py),
and the other views reach it through the view set.
"""

import django_filters
from django import forms
from django.conf import settings
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.views.generic import DeleteView, EditView, HistoryView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.contrib.forms.views import SubmissionsListFilterSet, SubmissionsListView
from wagtail.models import Locale, Page
from wagtail.permission_policies.base import BasePermissionPolicy

from cleantech_site.spreadsheets import neutralise

from .choices import BookingStatus


class BookingFilterSet(SubmissionsListFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=BookingStatus.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    language = django_filters.MultipleChoiceFilter(
        label=_("Language"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )
    agreed_date = django_filters.DateFromToRangeFilter(
        label=_("Agreed visit date"),
        widget=DateRangePickerWidget,
    )


class BookingListView(SubmissionsListView):
    """The bookings of one form in all its languages."""

    filterset_class = BookingFilterSet
    results_template_name = "forms/admin/booking_results.html"
    page_title = _("Bookings")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("handler").prefetch_related("emails")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for row in context.get("data_rows", []):
            row["edit_url"] = reverse("bookings:edit", args=[row["model_id"]])
        return context

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        # Wagtail keeps XLSX text cells as text; a CSV cell needs the guard.
        if export_format == self.FORMAT_CSV:
            value = neutralise(value)
        return value


class BookingPermissionPolicy(BasePermissionPolicy):
    """Staff may handle a booking when they may see its form's submissions."""

    actions = frozenset({"change", "delete"})

    def _forms(self, user):
        return get_forms_for_user(user)

    def _allowed(self, user, action):
        allowed = action in self.actions and user.is_active
        return allowed and user.has_perm(f"forms.{action}_booking")

    def user_has_permission(self, user, action):
        return self._allowed(user, action) and self._forms(user).exists()

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self._allowed(user, action):
            return False
        family = Page.objects.filter(pk=instance.page_id).values("translation_key")
        return self._forms(user).filter(translation_key__in=family).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance) for action in actions
        )

    def instances_user_has_permission_for(self, user, action):
        if not self._allowed(user, action):
            return self.model.objects.none()
        families = self._forms(user).values("translation_key")
        return self.model.objects.filter(page__translation_key__in=families)

    def instances_user_has_any_permission_for(self, user, actions):
        return self.instances_user_has_permission_for(user, "change")


def submissions_url(booking):
    return reverse("wagtailforms:list_submissions", args=[booking.page_id])


class BookingObjectMixin:
    """Only bookings of forms the user may handle can be opened; others are not found."""

    def get_queryset(self):
        return self.permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        ).select_related("page", "handler")

    def get_breadcrumbs_items(self):
        booking = self.object
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailforms:index"), "label": _("Forms")},
            {
                "url": submissions_url(booking),
                "label": _("Bookings"),
                "sublabel": booking.page.get_admin_display_title(),
            },
            {"url": "", "label": str(booking)},
        ]


class BookingEditView(BookingObjectMixin, EditView):
    template_name = "forms/admin/booking_edit.html"

    def get_success_url(self):
        return submissions_url(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        booking = self.object
        page = booking.page.specific
        # The questions in the admin's language when the page is translated into it.
        labels_page = page.get_translation_or_none(Locale.get_active()) or page
        context.update(
            {
                "booking": booking,
                "answers": booking.answers(labels_page),
                "emails": booking.emails.all(),
            }
        )
        return context


class BookingDeleteView(BookingObjectMixin, DeleteView):
    def get_success_url(self):
        return submissions_url(self.object)

    @property
    def confirmation_message(self):
        return _(
            "Delete this booking and everything it holds about the people in it? This "
            "cannot be undone."
        )


class BookingHistoryView(HistoryView):
    def get_base_object_queryset(self):
        return self.permission_policy.instances_user_has_permission_for(self.request.user, "change")


class BookingViewSet(ModelViewSet):
    """Edit, delete and history views for one booking; the list is Wagtail's own.

    Registered with the booking model as `model` (wagtail_hooks.py).
    """

    icon = "form"
    add_to_admin_menu = False
    add_to_reference_index = False
    copy_view_enabled = False
    form_fields = ["status", "handler", "agreed_date", "notes"]
    edit_view_class = BookingEditView
    delete_view_class = BookingDeleteView
    history_view_class = BookingHistoryView

    @property
    def permission_policy(self):
        return BookingPermissionPolicy(self.model)

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{
                "index_url_name": None,
                "index_results_url_name": None,
                "add_url_name": None,
                "usage_url_name": None,
                **kwargs,
            }
        )

    def get_urlpatterns(self):
        return [
            path("", lambda request: redirect("wagtailforms:index"), name="index"),
            path("<int:pk>/", self.edit_view, name="edit"),
            path("<int:pk>/delete/", self.delete_view, name="delete"),
            path("<int:pk>/history/", self.history_view, name="history"),
            path(
                "<int:pk>/history/results/",
                self.history_results_view,
                name="history_results",
            ),
        ]
