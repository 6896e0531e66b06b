from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from municipalities import opendata
from municipalities.admin_urls import urlpatterns as municipal_admin_urls
from municipalities.calls import alert_views
from portal import consent, crawlers, sitemaps
from portal.admin_links import external_link_view
from portal.throttling import ThrottledPasswordResetView
from search import views as search_views

urlpatterns = [
    # Served ahead of the Wagtail admin views they replace at the same addresses.
    path("admin/", include(municipal_admin_urls)),
    path("admin/password_reset/", ThrottledPasswordResetView.as_view()),
    path("admin/choose-external-link/", external_link_view),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # At the root of every host, whatever its language (portal/sitemaps.py, portal/crawlers.py).
    path("robots.txt", crawlers.robots_txt, name="robots_txt"),
    path("favicon.ico", crawlers.favicon, name="favicon"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("sitemap-pages.xml", sitemaps.sitemap_pages, name="sitemap_pages"),
    path("<slug:slug>/sitemap.xml", sitemaps.nested_sitemap, name="nested_sitemap"),
    # Open data (docs/open-data.md): the language is a parameter, not a prefix.
    path("api/v1/calls/", opendata.calls, name="opendata_calls"),
    path("api/v1/initiatives/", opendata.initiatives, name="opendata_initiatives"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("szukaj/", search_views.search, name="search"),
    path("zgoda-cookies/", consent.cookie_consent, name="cookie_consent"),
    path("ustawienia-cookies/", consent.cookie_settings_view, name="cookie_settings"),
    path("szukaj/podpowiedzi/", search_views.suggestions, name="search_suggestions"),
    # E-mail alerts about new calls (docs/calls.md): never cached, the form's own answer.
    path("powiadomienia/zapisz/", alert_views.subscribe, name="call_alerts_subscribe"),
    path("powiadomienia/potwierdz/<str:token>/", alert_views.confirm, name="call_alerts_confirm"),
    path(
        "powiadomienia/wypisz/<str:token>/",
        alert_views.unsubscribe,
        name="call_alerts_unsubscribe",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# A database out of reach is a 503 "briefly unavailable"; anything else, Django's 500 page.
handler500 = "portal.outage.server_error"
