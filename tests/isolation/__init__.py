"""Isolation between municipalities, proven through the real Wagtail admin.

The rule (DESIGN, "Isolation between municipalities"): the editors and moderators of one
municipality (A) can do nothing to another's (B) pages, drafts, images, documents, site
settings, translations or handbook variants, and cannot carry their own pages out of their
own subtree. One module per kind of object; what they share is in ``helpers`` (people,
lookups, requests) and ``conftest`` (the media fixtures).

Every denial is paired with a positive control: A's own people do the same thing to A's
objects where their role allows it, and the GZM network admin (not a superuser) does it to
B's, with the same request. So a denial proves a permission boundary, not a malformed
request. The database is checked as well as the response; a denial is a redirect, a 403 or
a 404, never a server error (the test client re-raises those).
"""
