"""Who counts as GZM's network administration, and which municipalities a person works for."""

from django.db.models import Q


def is_network_admin(user):
    """Superusers and anyone allowed to change the register of member municipalities."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm("municipalities.change_municipality"))
    )


def municipalities_of(user):
    """The municipalities whose editors or moderators group ``user`` is in."""
    from .models import Municipality

    if not user.is_authenticated:
        return Municipality.objects.none()
    return (
        Municipality.objects.filter(Q(editors_group__user=user) | Q(moderators_group__user=user))
        .select_related("site")
        .distinct()
    )
