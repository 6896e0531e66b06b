"""Which municipalities a person works for."""

from django.db.models import Q

from .models.municipality import Municipality


def municipalities_of(user):
    """The municipalities whose editors or moderators group ``user`` is in."""
    if not user.is_authenticated:
        return Municipality.objects.none()
    return (
        Municipality.objects.filter(Q(editors_group__user=user) | Q(moderators_group__user=user))
        .select_related("site")
        .distinct()
    )
