"""The bookings list in the admin menu, in place of Wagtail's Forms menu, and the
dashboard panel of bookings nobody has taken up yet."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.contrib.forms.utils import get_form_types
from wagtail.models import Page

from .choices import BookingStatus
from .models import Booking
from .views import BookingViewSet

# The newest unhandled bookings the dashboard lists; the panel links to the rest.
PANEL_BOOKINGS = 5

viewset = BookingViewSet("bookings", model=Booking)


@hooks.register("register_admin_viewset")
def register_booking_views():
    return viewset


@hooks.register("filter_form_submissions_for_user")
def only_booking_handlers_see_submissions(user, editable_forms):
    """Bookings hold personal data: Wagtail shows a form's submissions to whoever may edit
    the page; here, to those who may see bookings, for every form page."""
    if user.has_perm("forms.view_booking"):
        return Page.objects.filter(content_type__in=get_form_types())
    return editable_forms.none()


@hooks.register("construct_main_menu")
def hide_forms_menu(request, menu_items):
    """Every form's submissions are bookings, all in the Bookings list: Wagtail's Forms
    menu would list the same bookings once per language page."""
    menu_items[:] = [item for item in menu_items if item.name != "forms"]


class UnhandledBookingsPanel(Component):
    """New bookings, newest first, for those who may handle them."""

    name = "unhandled_bookings"
    order = 90
    template_name = "forms/admin/unhandled_bookings_panel.html"

    def __init__(self, bookings):
        self.bookings = bookings

    def get_context_data(self, parent_context):
        new = self.bookings.filter(status=BookingStatus.NEW)
        return {
            "bookings": new.order_by("-submit_time")[:PANEL_BOOKINGS],
            "count": new.count(),
            "list_url": f"{reverse('bookings:index')}?status={BookingStatus.NEW}",
        }


@hooks.register("construct_homepage_panels")
def add_unhandled_bookings_panel(request, panels):
    policy = viewset.permission_policy
    if policy.user_has_permission(request.user, "change"):
        bookings = policy.instances_user_has_permission_for(request.user, "change")
        panels.append(UnhandledBookingsPanel(bookings))
