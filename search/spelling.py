"""Typo tolerance: a query word that no page has is corrected to a word the index holds.

Only words of five letters or more are corrected, by one edit (a letter missing, added,
changed, or two neighbours swapped: "nabró" → "nabór"), or by two for words of eight letters
or more ("inicjatwya" → "inicjatywa"). Shorter words have too many neighbours to guess
from. A word some indexed page has, as typed or as its base form, is never corrected.

The candidates come from the index's own vocabulary (``search.vocabulary``), the words of
the pages in the query's language, folded; so a correction is always a word that finds
something, and a word typed without Polish letters is corrected like the same word with
them. Among the candidates within reach the nearest wins, then the one more pages have.

The lookup is a symmetric-delete dictionary: every vocabulary word is filed under itself
and under each string one deletion away from it ("nabor" under "abor", "nbor", … "nabo").
Two words within one edit of each other share such a key (a changed letter: delete it on
both sides; a swap: delete either letter), so the words one edit from the query are found by
looking up the query and its own deletions, a dozen dictionary reads. Two edits go through
the strings one edit from the query (with the vocabulary's letters): a few thousand reads,
done only for a long word that matched nothing. Every candidate's distance is then checked
exactly (optimal string alignment). The dictionary is built per process and language when
a correction is first needed after content changed, and kept until the next change.

No library is used: the PyPI ones (symspellpy, rapidfuzz) would bring a dependency for some
sixty lines, and symspellpy wants a frequency dictionary of a language, where this one wants
the words of the site.
"""

import threading

from portal import freshness

from . import vocabulary as index_vocabulary
from .folding import fold
from .lexicon import current as current_lexicon
from .polish import STOP_WORDS, normalise, words

SHORTEST_CORRECTED = 5
TWO_EDITS_FROM = 8
# Words of one query looked up at most (a long string of unknown words costs no more).
MAX_CORRECTED = 6


def max_edits(word):
    """How many edits a typed word may be away from its correction (0: not corrected)."""
    if len(word) >= TWO_EDITS_FROM:
        return 2
    return 1 if len(word) >= SHORTEST_CORRECTED else 0


def _deletions(word):
    return {word[:index] + word[index + 1 :] for index in range(len(word))}


def _edits(word, letters):
    """Every string one edit (delete, swap, change, insert) away from ``word``."""
    splits = [(word[:index], word[index:]) for index in range(len(word) + 1)]
    edits = {left + right[1:] for left, right in splits if right}
    edits |= {left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1}
    edits |= {left + letter + right[1:] for left, right in splits if right for letter in letters}
    edits |= {left + letter + right for left, right in splits for letter in letters}
    edits.discard(word)
    return edits


def distance(first, second, limit):
    """Optimal string alignment distance (edits with swaps of neighbours), or ``limit + 1``
    as soon as it is certain to exceed ``limit``."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    previous_row = None
    row = list(range(len(second) + 1))
    for i, char in enumerate(first, start=1):
        current = [i] + [0] * len(second)
        for j, other in enumerate(second, start=1):
            cost = 0 if char == other else 1
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if (
                previous_row is not None
                and j > 1
                and char == second[j - 2]
                and first[i - 2] == other
            ):
                current[j] = min(current[j], previous_row[j - 2] + 1)
        # A swap reaches back two rows, so the row before must be out of reach too.
        if min(current) > limit and min(row) >= limit:
            return limit + 1
        previous_row, row = row, current
    return row[-1]


class Speller:
    """Corrections from one vocabulary (``search.vocabulary.Vocabulary``)."""

    def __init__(self, vocabulary):
        self.vocabulary = vocabulary
        self._keys = None
        self._letters = ()

    def _build(self):
        """The symmetric-delete keys, built on the first correction (most queries need none)."""
        keys = {}
        shortest_reachable = SHORTEST_CORRECTED - 1
        for word in self.vocabulary.pages:
            if len(word) < shortest_reachable:
                continue
            for key in {word} | _deletions(word):
                keys.setdefault(key, []).append(word)
        self._letters = sorted({letter for word in self.vocabulary.pages for letter in word})
        self._keys = keys

    def _near(self, word):
        """Vocabulary words sharing a key with ``word`` (within one edit of it, and some
        at two)."""
        found = set()
        for key in {word} | _deletions(word):
            found.update(self._keys.get(key, ()))
        return found

    def suggest(self, typed):
        """The vocabulary word ``typed`` (a folded word) most likely stands for, or None."""
        limit = max_edits(typed)
        if not limit or typed in self.vocabulary:
            return None
        if self._keys is None:
            self._build()
        candidates = self._near(typed)
        if limit > 1:
            for edit in _edits(typed, self._letters):
                candidates |= self._near(edit)
        scored = []
        for candidate in candidates:
            edits = distance(typed, candidate, limit)
            if edits <= limit:
                scored.append((edits, -self.vocabulary.pages[candidate], candidate))
        return min(scored)[2] if scored else None

    def spelling(self, word, language):
        """How to show a (folded) vocabulary word: as the pages write it. A word the
        dictionary knows as it is ("inicjatywa") stays; one it knows only with Polish letters
        ("nabor") takes the spelling most pages use ("nabór")."""
        written = self.vocabulary.spellings.get(word)
        if written is None or current_lexicon().lemma(word, language) is not None:
            return word
        return written


# Per language: (content generation, Speller) of this process.
_kept = {}
_kept_lock = threading.Lock()


def speller(language):
    """The speller of ``language`` for the current content generation (one per process)."""
    generation = freshness.current()
    with _kept_lock:
        kept = _kept.get(language)
        if kept is not None and kept[0] == generation:
            return kept[1]
    built = Speller(index_vocabulary.for_language(language))
    with _kept_lock:
        _kept[language] = (generation, built)
    return built


def correct(text, language):
    """``text`` (plain words) with its typos corrected, or None when none is found.

    A word is left as typed if it is a stop word, shorter than five letters, not only
    letters, or if the index has it as typed or as its base form.
    """
    stop_words = STOP_WORDS[language]
    typed = words(text)
    if not any(max_edits(word) and word.isalpha() for word in typed):
        return None  # nothing that could be corrected: the vocabulary is not needed
    checker = speller(language)
    corrected = []
    changed = False
    tried = 0
    for word in typed:
        folded = fold(word)
        if (
            tried == MAX_CORRECTED
            or word in stop_words
            or not word.isalpha()
            or not max_edits(folded)
            or folded in checker.vocabulary
            or any(form in checker.vocabulary for form in normalise(word, language).split())
        ):
            corrected.append(word)
            continue
        tried += 1
        suggestion = checker.suggest(folded)
        if suggestion is None:
            corrected.append(word)
            continue
        corrected.append(checker.spelling(suggestion, language))
        changed = True
    return " ".join(corrected) if changed else None
