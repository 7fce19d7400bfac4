from wagtail import hooks

from .models import Booking
from .views import BookingViewSet


@hooks.register("register_admin_viewset")
def register_booking_views():
    return BookingViewSet("bookings", model=Booking)
