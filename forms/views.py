"""Booking handling in the Wagtail admin.

One list in the admin menu (Bookings) holds the bookings of every booking form in every
language, with the columns a handler needs first, filters, and CSV/XLSX export; each row
opens the booking in a generic edit view, where staff set the status and notes or delete
the booking (erasure on request). A form page's own submissions link leads to the same
list. The dashboard shows the bookings nobody has taken up yet (wagtail_hooks.py).

Answers are shown in the reader's language: the admin's language in the list, the edit
view and the exports (see values.Questions).

Exports are made for a spreadsheet program set to Swedish: the CSV starts with a
byte-order mark (without it Excel reads UTF-8 as another encoding and garbles å, ä, ö),
times are in the site's time zone, and the XLSX keeps numbers and dates as numbers and
dates. Each preferred date has a column of its own, so it can be sorted as a date.

Who may handle bookings: people with the booking permissions (the Booking handlers group),
not everyone who may edit the form page; the form submissions hook in wagtail_hooks.py
gives them every booking form, and the policy below checks each action.
"""

import codecs
import datetime
from collections import OrderedDict
from functools import partial
from zoneinfo import ZoneInfo

import django_filters
from django import forms
from django.conf import settings
from django.db import transaction
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import DeleteView, EditView, HistoryView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.permission_policies.base import BasePermissionPolicy

from cleantech_site.spreadsheets import neutralise

from . import values
from .choices import BookingStatus, language_name
from .fields import PreferredDatesWidget
from .models import Booking, questions_in

SINGLE_CHOICE_TYPES = ("radio", "dropdown")


def language_choices():
    """The site's languages, named in the reader's language ("finska")."""
    return [(code, language_name(code)) for code, _name in settings.LANGUAGES]


# The key prefix of a question's column in the list and the exports.
QUESTION = "q:"


class BookingFilterSet(WagtailFilterSet):
    class Meta:
        model = Booking
        fields = []

    date = django_filters.DateFromToRangeFilter(
        label=_("Received"),
        field_name="submit_time",
        widget=DateRangePickerWidget,
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=BookingStatus.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    language = django_filters.MultipleChoiceFilter(
        label=_("Language"),
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
    )
    agreed_date = django_filters.DateFromToRangeFilter(
        label=_("Agreed visit date"),
        widget=DateRangePickerWidget,
    )


def local_time(value):
    """`value` as the site's clock showed it, without a zone (spreadsheets keep none)."""
    local = timezone.localtime(value, ZoneInfo(settings.TIME_ZONE))
    return local.replace(tzinfo=None, microsecond=0)


def as_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


class BookingListView(IndexView):
    """Every booking the user may handle, in all languages, newest first."""

    filterset_class = BookingFilterSet
    default_ordering = "-submit_time"
    page_title = _("Bookings")

    def get_base_queryset(self):
        return (
            self.permission_policy.instances_user_has_permission_for(self.request.user, "change")
            .select_related("page", "handler")
            .prefetch_related("emails")
        )

    @cached_property
    def permissions(self):
        return {}

    def user_has_permission(self, permission):
        """Asked once per request, not once per row for its buttons."""
        if permission not in self.permissions:
            self.permissions[permission] = super().user_has_permission(permission)
        return self.permissions[permission]

    @cached_property
    def questions(self):
        """{form's translation key: its questions in the admin's language}, read as needed."""
        return {}

    def questions_for(self, booking):
        key = booking.page.translation_key
        if key not in self.questions:
            self.questions.update(questions_in([key], get_language()))
        return self.questions[key]

    def load_questions(self, queryset):
        """Read the questions of every form `queryset`'s bookings were sent through."""
        keys = queryset.order_by().values_list("page__translation_key", flat=True).distinct()
        self.questions.update(questions_in(set(keys), get_language()))

    def questions_of_all_forms(self):
        """Each question once (by clean_name) with the first form's wording of it."""
        seen = {}
        for questions in self.questions.values():
            for field in questions.fields:
                seen.setdefault(field.clean_name, field)
        return list(seen.values())

    def answer_text(self, booking, field_type):
        """The booking's answer to its form's first question of `field_type`, as text."""
        questions = self.questions_for(booking)
        field = questions.first(field_type)
        if field is None:
            return ""
        return values.readable(questions.shown(booking.form_data, field.clean_name), field_type)

    @cached_property
    def columns(self):
        return [
            DateColumn("submit_time", label=_("Received"), sort_key="submit_time"),
            TitleColumn(
                "organiser",
                label=_("Organiser"),
                accessor=lambda booking: booking.organiser or booking.log_title,
                get_url=self.get_edit_url,
                sort_key="organiser",
            ),
            Column("organisation", label=_("Organisation"), sort_key="organisation"),
            Column(
                "preferred_dates",
                label=_("Preferred dates"),
                accessor=lambda booking: self.answer_text(booking, "preferred_dates"),
            ),
            Column(
                "group_size",
                label=_("Group size"),
                accessor=lambda booking: self.answer_text(booking, "group_size"),
            ),
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
            Column("language", label=_("Language"), accessor="language_name"),
            *self.single_choice_columns(),
            Column(
                "handler",
                label=_("Handled by"),
                accessor=lambda booking: handler_name(booking.handler),
            ),
            Column("email_state", label=_("E-mail"), accessor="email_state"),
        ]

    def single_choice_columns(self):
        """A column for each question answered with one choice (such as the visit's aim):
        short answers, read in the admin's language whichever language they came in."""
        self.load_questions(self.get_base_queryset())
        return [
            Column(
                f"{QUESTION}{field.clean_name}",
                label=field.staff_label or field.label,
                accessor=partial(self.choice_text, name=field.clean_name),
            )
            for field in self.questions_of_all_forms()
            if field.field_type in SINGLE_CHOICE_TYPES
        ]

    def choice_text(self, booking, name):
        return values.readable(self.questions_for(booking).shown(booking.form_data, name))

    def get_filename(self):
        return f"{gettext('bookings')}-{timezone.localdate().isoformat()}"

    # Exports

    # Question columns are keyed apart from the booking's own: a question's clean_name is
    # made from its label, and "Organisation" or "Status" would otherwise take their place.
    def export_columns(self, queryset):
        """(key, heading) for each column of an export of `queryset`: the booking's own
        columns, then the questions of its forms in the reader's language."""
        self.load_questions(queryset)
        columns = [
            ("submit_time", _("Received")),
            ("organiser", _("Organiser")),
            ("organisation", _("Organisation")),
            ("status", _("Status")),
            ("language", _("Language")),
            ("handler", _("Handled by")),
            ("agreed_date", _("Agreed visit date")),
            ("email_state", _("E-mail")),
        ]
        for field in self.questions_of_all_forms():
            label = field.staff_label or field.label
            if field.field_type == "preferred_dates":
                columns.extend(
                    (f"{QUESTION}{field.clean_name}:{position}", f"{label}: {choice}")
                    for position, choice in enumerate(PreferredDatesWidget.choices)
                )
            else:
                columns.append((f"{QUESTION}{field.clean_name}", label))
        columns.append(("notes", _("Internal notes")))
        return columns

    def as_spreadsheet(self, queryset, spreadsheet_format):
        columns = self.export_columns(queryset)
        self.list_export = [key for key, _heading in columns]
        self.export_headings = {key: capfirst(str(heading)) for key, heading in columns}
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def to_row_dict(self, item):
        """One booking's cells, typed for a spreadsheet: times, dates and numbers as such."""
        questions = self.questions_for(item)
        types = {field.clean_name: field.field_type for field in questions.fields}
        row = OrderedDict()
        for key in self.list_export:
            name, _sep, position = key.removeprefix(QUESTION).partition(":")
            if key == "submit_time":
                value = local_time(item.submit_time)
            elif key == "status":
                value = item.get_status_display()
            elif key == "language":
                value = item.language_name
            elif key == "handler":
                value = handler_name(item.handler)
            elif key in ("organiser", "organisation", "agreed_date", "email_state", "notes"):
                value = getattr(item, key)
            elif position:
                days = item.form_data.get(name) or []
                value = as_date(days[int(position)]) if int(position) < len(days) else None
            else:
                value = spreadsheet_value(
                    questions.shown(item.form_data, name), types.get(name, "singleline")
                )
            row[key] = value
        return row

    def stream_csv(self, queryset):
        yield codecs.BOM_UTF8
        yield from super().stream_csv(queryset)

    def preprocess_field_value(self, field, value, export_format):
        if export_format == self.FORMAT_CSV:
            if isinstance(value, datetime.datetime):
                return value.isoformat(sep=" ")
            if isinstance(value, datetime.date):
                return value.isoformat()
        value = super().preprocess_field_value(field, value, export_format)
        # Wagtail keeps XLSX text cells as text; a CSV cell needs the guard.
        if export_format == self.FORMAT_CSV:
            value = neutralise(value)
        return value


def handler_name(user):
    return (user.get_full_name() or user.get_username()) if user else ""


def spreadsheet_value(value, field_type):
    """A stored answer as one spreadsheet cell: numbers and dates as they are, the rest as
    the text the admin shows."""
    if field_type in ("group_size", "number") and value not in (None, ""):
        try:
            return int(value) if field_type == "group_size" else float(value)
        except (TypeError, ValueError):
            pass
    if field_type == "date" and (day := as_date(value)):
        return day
    return values.readable(value, field_type)


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


class BookingObjectMixin:
    """Only bookings of forms the user may handle can be opened; others are not found."""

    def get_queryset(self):
        return self.permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        ).select_related("page", "handler")


class BookingEditView(BookingObjectMixin, EditView):
    template_name = "forms/admin/booking_edit.html"

    def save_instance(self):
        """As Wagtail's, but the log names the booking by its number, not the person."""
        instance = self.form.save()
        self.has_content_changes = self.form.has_changed()
        log(
            instance=instance,
            action="wagtail.edit",
            content_changed=self.has_content_changes,
            title=instance.log_title,
        )
        return instance

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        booking = self.object
        questions = questions_in([booking.page.translation_key], get_language())
        context.update(
            {
                "booking": booking,
                "answers": questions[booking.page.translation_key].answers(
                    booking.form_data, staff=True
                ),
                "emails": booking.emails.all(),
            }
        )
        return context


class BookingDeleteView(BookingObjectMixin, DeleteView):
    @property
    def confirmation_message(self):
        return _(
            "Delete this booking and everything it holds about the people in it? This "
            "cannot be undone."
        )

    def delete_action(self):
        """As Wagtail's, but the log keeps only the booking's number: it outlives the
        booking, and an erased booking leaves nothing of the person behind."""
        with transaction.atomic():
            log(instance=self.object, action="wagtail.delete", title=self.object.log_title)
            self.object.delete()


class BookingHistoryView(HistoryView):
    def get_base_object_queryset(self):
        return self.permission_policy.instances_user_has_permission_for(self.request.user, "change")


class BookingViewSet(ModelViewSet):
    """The bookings list in the admin menu, and edit, delete and history views for one
    booking. Nobody adds a booking here: visitors send them."""

    icon = "form"
    menu_label = _("Bookings")
    menu_order = 250
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    form_fields = ["status", "handler", "agreed_date", "notes"]
    # Found by the organiser's name or organisation, through the database.
    search_fields = ["organiser", "organisation"]
    search_backend_name = None
    index_view_class = BookingListView
    edit_view_class = BookingEditView
    delete_view_class = BookingDeleteView
    history_view_class = BookingHistoryView

    @property
    def permission_policy(self):
        return BookingPermissionPolicy(self.model)

    def get_urlpatterns(self):
        """Wagtail's, but a booking stays at the address the staff e-mails link to."""
        own = {"edit", "delete", "history", "history_results"}
        return [
            *(pattern for pattern in super().get_urlpatterns() if pattern.name not in own),
            path("<int:pk>/", self.edit_view, name="edit"),
            path("<int:pk>/delete/", self.delete_view, name="delete"),
            path("<int:pk>/history/", self.history_view, name="history"),
            path(
                "<int:pk>/history/results/",
                self.history_results_view,
                name="history_results",
            ),
        ]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{"add_url_name": None, "usage_url_name": None, **kwargs}
        )
