from wagtail import hooks
from wagtail.contrib.forms.utils import get_form_types
from wagtail.models import Page

from .models import Booking
from .views import BookingViewSet


@hooks.register("register_admin_viewset")
def register_booking_views():
    return BookingViewSet("bookings", model=Booking)


@hooks.register("filter_form_submissions_for_user")
def only_booking_handlers_see_submissions(user, editable_forms):
    """Bookings hold personal data: Wagtail shows a form's submissions to whoever may edit
    the page; here, to those who may see bookings, for every form page."""
    if user.has_perm("forms.view_booking"):
        return Page.objects.filter(content_type__in=get_form_types())
    return editable_forms.none()
