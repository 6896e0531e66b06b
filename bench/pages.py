"""Print, as JSON, one address per main page type of the seeded network (bench/run uses it).

Run with the stack's environment (bench/run sets it): ``python bench/pages.py``. Each entry
is ``[label, host, path]``; the host carries the port the sites are set up with.
"""

import json
import os
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

import django

django.setup()

from django.conf import settings  # noqa: E402

from handbooks.models import HandbookChapterPage, HandbookPage, ModelProcessPage  # noqa: E402
from municipalities.calls.models import CallNetworkIndexPage, CallPage  # noqa: E402
from municipalities.gallery.models import GalleryNetworkIndexPage, InitiativePage  # noqa: E402
from municipalities.models import MunicipalityHomePage  # noqa: E402
from portal.canonical import canonical_url  # noqa: E402
from portal.models.network import NetworkHomePage  # noqa: E402


def polish(model):
    return model.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE)


def entry(label, page, suffix=""):
    if page is None:
        return None
    parts = urlsplit(canonical_url(page))
    return [label, parts.netloc, parts.path + suffix]


network = polish(NetworkHomePage).first()
municipality = polish(MunicipalityHomePage).filter(slug="ruda-slaska").first()
calls = polish(CallNetworkIndexPage).first()
handbook = polish(HandbookPage).filter(depth=network.depth + 1).first()
chapter = polish(HandbookChapterPage).child_of(handbook).first() if handbook else None
search = entry("search ?q=wniosków", network)
search[2] += f"szukaj/?q={quote('wniosków')}"
pages = [
    entry("network home", network),
    entry("municipality home (own host)", municipality),
    entry("network calls /nabory/", calls),
    entry("call page", polish(CallPage).order_by("pk").first()),
    entry("network gallery /inicjatywy/", polish(GalleryNetworkIndexPage).first()),
    entry("initiative page", polish(InitiativePage).order_by("pk").first()),
    entry("model process", polish(ModelProcessPage).first()),
    entry("handbook chapter", chapter),
    search,
    entry("network iCal feed", calls, calls.reverse_subpage("calendar") if calls else ""),
]
print(json.dumps([page for page in pages if page]))
