"""Wagtail's users app with the user viewset of ``municipalities.people``.

Listed in ``INSTALLED_APPS`` in place of ``wagtail.users`` (Wagtail's documented way to
customise the user forms and views)."""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "municipalities.people.UserViewSet"
