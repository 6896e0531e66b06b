"""Fixtures of the isolation tests: an image or a document in A's and in B's collection.

The network itself (municipalities A and B and their people) is ``network`` from the
top-level ``tests/conftest.py``.
"""

import pytest

from .helpers import MEDIA, TITLE_OF


@pytest.fixture(params=MEDIA)
def media(request):
    """Each test that asks for it runs twice: for images and for documents."""
    return MEDIA[request.param]


@pytest.fixture
def items(network, media):
    """One item in A's collection and one in B's."""
    return {
        owner: media.factory(collection=getattr(network, owner).collection, title=title)
        for owner, title in TITLE_OF.items()
    }
