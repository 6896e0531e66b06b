"""The words the search index holds, per language: what a typo is corrected to.

Read from the database backend's index entries (which are written with every configured
backend's, so they are there with Elasticsearch/OpenSearch too): the title and body text
Wagtail indexed for each live, public page of the language, which includes the page's folded
base forms (``search_normalised_text``) as well as its words as written. Each word is kept
folded (``search.folding``), with the number of pages that have it and the spelling most of
them use ("nabór" for ``nabor``), which is what a resident is shown.

Built when a search first needs it after content changed and kept for the content
generation (``portal.freshness``): publishing anything makes it stale, as it does the pages'
cached parts, in every worker sharing the cache.
"""

from collections import Counter
from dataclasses import dataclass, field

from wagtail.models import Page
from wagtail.search.models import IndexEntry

from modelsearch.utils import get_descendants_content_types_pks

from portal import freshness

from .folding import fold
from .polish import STOP_WORDS, words

# Shorter words are neither corrected nor offered as corrections.
SHORTEST = 3


@dataclass
class Vocabulary:
    """Folded words of one language's indexed pages: how many pages have each, and, for a
    word written with Polish letters, the spelling used most."""

    pages: dict = field(default_factory=dict)
    spellings: dict = field(default_factory=dict)

    def __contains__(self, word):
        return word in self.pages

    def __len__(self):
        return len(self.pages)


def _text_fields():
    # PostgreSQL keeps the text beside its tsvectors; SQLite and MySQL keep it as the field.
    names = {field.name for field in IndexEntry._meta.get_fields()}
    return ("title_text", "body_text") if "body_text" in names else ("title", "body")


def build(language):
    """The vocabulary of the live, public pages in ``language``, read from the index."""
    page_ids = {
        str(pk)
        for pk in Page.objects.live()
        .public()
        .filter(locale__language_code=language)
        .values_list("pk", flat=True)
    }
    entries = IndexEntry.objects.filter(
        content_type_id__in=get_descendants_content_types_pks(Page)
    ).values_list("object_id", *_text_fields())
    stop_words = STOP_WORDS.get(language, frozenset())
    pages = Counter()
    spellings = {}
    for object_id, title, body in entries.iterator():
        if object_id not in page_ids:
            continue
        seen = set()
        for word in words(f"{title or ''} {body or ''}"):
            if len(word) < SHORTEST or not word.isalpha() or word in stop_words:
                continue
            folded = fold(word)
            if folded not in seen:
                seen.add(folded)
                pages[folded] += 1
            if word != folded:  # written with Polish letters
                spellings.setdefault(folded, Counter())[word] += 1
    return Vocabulary(
        dict(pages),
        {folded: counts.most_common(1)[0][0] for folded, counts in spellings.items()},
    )


def for_language(language):
    """The vocabulary of ``language`` for the current content generation."""
    return freshness.cached(("search-vocabulary", language), lambda: build(language))
