from wagtail import hooks

from .views import BookingViewSet


@hooks.register("register_admin_viewset")
def register_booking_views():
    return BookingViewSet("bookings")
