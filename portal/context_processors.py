from django.conf import settings


def portal(request):
    return {"PORTAL_DOMAIN": settings.PORTAL_DOMAIN}
