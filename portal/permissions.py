"""Who counts as GZM's network administration."""


def is_network_admin(user):
    """Superusers and anyone allowed to change the register of member municipalities."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm("municipalities.change_municipality"))
    )
