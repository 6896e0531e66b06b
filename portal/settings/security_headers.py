"""The security headers beyond Django's own: Content-Security-Policy (django-csp),
Permissions-Policy (django-permissions-policy), and what the admin may fetch from outside.

Kept in one module that ``base`` imports; docs/admin-security.md lists every header a
production response carries and why. Hosts that settings name elsewhere (the map's tile
server, the analytics script GZM configures in the admin) are added per response by
``portal.csp.ContentSecurityPolicyMiddleware``.
"""

from csp.constants import NONE, SELF, UNSAFE_INLINE

# Public pages: every script and stylesheet is a static file of the portal; no inline script,
# no inline style, nothing from another host but map tiles (and, once configured, analytics).
# The JSON blocks in pages (map points, JSON-LD) are data, which the browser never runs. No
# nonce: a nonce would make every response different, defeating ETags and the page cache.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# The admin (everything under /admin/, previews included). Wagtail's admin still writes
# style attributes and runs inline scripts (inline panels, date pickers, the HTML its
# choosers load), so both need 'unsafe-inline'; everything else stays on the portal's own
# origin. Image uploads are previewed from blob: and data: addresses; a preview shows the
# page in a same-origin frame.
PORTAL_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}

# Browser features the portal never uses, off for every page and any frame in it.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

# The admin fetches nothing from outside: no avatars from Gravatar, no check for new
# Wagtail releases (upgrades are planned, docs/deployment.md).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
