"""simplemma's dictionaries for pl, en and uk as one read-only SQLite file on disk.

simplemma keeps a language's whole dictionary in a Python dict: the Polish one takes seconds
to load and some 400 MB in every process that lemmatises a word. The search normaliser
(``search.polish``) asks this module instead, one indexed row per word, so a web worker holds
only SQLite's small page cache and never imports simplemma for a word the dictionary knows.

The file is derived from the installed simplemma's own data, once per simplemma version (the
version is in the file name): ``manage.py build_search_lexicon`` builds it ahead (deploys),
and the first lookup builds it when it is missing, in a child process so that the worker never
holds the dictionary. Builders write a temporary file and rename it into place under a lock, so
concurrent workers wait for one build and never see a half-written file.

What a lookup answers is what simplemma 2 answers for the same word: ``lemma`` mirrors its
dictionary lookup (the NFC form, then the form with the first letter's case flipped, then, for
words with apostrophes, simplemma's own variants); ``guess`` runs simplemma's full rule chain
with this file standing in for its dictionaries (Ukrainian words it does not know).
tests/test_search_lexicon.py compares both with simplemma itself over a large vocabulary.
"""

import fcntl
import importlib.metadata
import logging
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

LANGUAGES = ("pl", "en", "uk")
# Bump when the layout of the file changes: the number is part of the file name.
# 2: the ``pl_folded`` table (forms typed without Polish letters).
FORMAT = 2

_LOOKUP = {
    language: f"SELECT cut, ending FROM {language} WHERE form = ?"  # noqa: S608 - fixed names
    for language in LANGUAGES
}
# Polish forms by how they look typed without Polish letters ("wnioskow" for "wniosków"): the
# folded form and the folded lemma, for forms that have a letter to fold.
FOLDED_LANGUAGES = ("pl",)
_FOLDED_LOOKUP = "SELECT lemma FROM pl_folded WHERE form = ?"
# Glyphs simplemma treats as apostrophes; words with one take simplemma's own lookup path.
_APOSTROPHES = ("'", "\u2019", "\u02bc")


@lru_cache(maxsize=1)
def simplemma_version():
    return importlib.metadata.version("simplemma")


def _simple_lookup_applies():
    """The two-probe lookup below is simplemma 2's; any other version takes its own code."""
    return simplemma_version().split(".")[0] == "2"


def path_for(directory=None):
    """Where the lexicon of the installed simplemma lives (``SEARCH_LEXICON_DIR``)."""
    directory = Path(directory or settings.SEARCH_LEXICON_DIR)
    return directory / f"simplemma-{simplemma_version()}-v{FORMAT}.sqlite3"


# Building


def _edit(form, lemma):
    """The lemma as (letters to cut from the end of the form, ending to add): most Polish
    lemmas share all but the last few letters of their forms, so rows stay short."""
    for cut in range(len(form) + 1):
        if lemma.startswith(form[: len(form) - cut]):
            return cut, lemma[len(form) - cut :]
    raise AssertionError("unreachable: every lemma starts with the empty string")


def build(path, languages=LANGUAGES):
    """Write the lexicon of the installed simplemma to ``path``, replacing it atomically.

    ``languages``: the dictionaries to copy (tests build a small one).
    """
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    if not set(languages) <= set(LANGUAGES):  # they name tables below
        raise ValueError(f"The search lexicon holds only {', '.join(LANGUAGES)}.")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    os.close(handle)
    try:
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            # One language's dict in memory at a time.
            factory = DefaultDictionaryFactory(cache_max_size=1)
            with connection:
                connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                meta = {"format": str(FORMAT), "simplemma": simplemma_version()}
                for language in languages:
                    dictionary = factory.get_dictionary(language)
                    connection.execute(
                        f"CREATE TABLE {language} (form TEXT PRIMARY KEY,"
                        " cut INTEGER NOT NULL, ending TEXT NOT NULL) WITHOUT ROWID"
                    )
                    connection.executemany(
                        f"INSERT INTO {language} VALUES (?, ?, ?)",  # noqa: S608 - fixed names
                        ((form, *_edit(form, lemma)) for form, lemma in dictionary.items()),
                    )
                    meta[f"forms_{language}"] = str(len(dictionary))
                    if language in FOLDED_LANGUAGES:
                        meta[f"folded_{language}"] = str(_add_folded(connection, dictionary))
                connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            connection.execute("VACUUM")
        finally:
            connection.close()
        with open(temporary, "rb+") as written:
            os.fsync(written.fileno())
        os.chmod(temporary, 0o644)  # mkstemp's 0600 would hide it from other users
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _add_folded(connection, dictionary):
    """Fill ``pl_folded``: every lowercase form that changes when folded, under its folded
    spelling, with its folded lemma. Where several forms fold alike, the answer is the one
    ``lemma`` gives for a lowercase word, as typed words are: lowercase forms of the
    dictionary before capitalised ones ("śląskie" before "Śląskie"), then the lemma most of
    them share ("zle" from "źle" and "złe"), then the first in alphabetical order."""
    from .folding import fold

    connection.execute(
        "CREATE TEMP TABLE folded_all (form TEXT NOT NULL, lemma TEXT NOT NULL,"
        " capitalised INTEGER NOT NULL)"
    )
    rows = (
        (folded, fold(lemma.lower()), form != form.lower())
        for form, lemma in dictionary.items()
        if (folded := fold(form.lower())) != form.lower()
    )
    connection.executemany("INSERT INTO folded_all VALUES (?, ?, ?)", rows)
    connection.execute(
        "CREATE TABLE pl_folded (form TEXT PRIMARY KEY, lemma TEXT NOT NULL) WITHOUT ROWID"
    )
    connection.execute(
        """INSERT INTO pl_folded
        SELECT form, lemma FROM (
            SELECT form, lemma, ROW_NUMBER() OVER (
                PARTITION BY form ORDER BY MIN(capitalised), COUNT(*) DESC, lemma
            ) AS place
            FROM folded_all GROUP BY form, lemma
        ) WHERE place = 1"""
    )
    connection.execute("DROP TABLE folded_all")
    return connection.execute("SELECT COUNT(*) FROM pl_folded").fetchone()[0]


def _build_in_child(path, languages=LANGUAGES):
    """Build in a fresh interpreter, so that the calling worker never holds simplemma's dict;
    in this process if no child can be started."""
    root = str(Path(__file__).resolve().parent.parent)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])),
    }
    try:
        subprocess.run(  # noqa: S603 - our own interpreter and module, no shell
            [sys.executable, "-m", "search.lexicon", str(path), *languages], check=True, env=env
        )
    except (OSError, subprocess.CalledProcessError):
        logger.warning("Building the search lexicon in a child process failed; building here.")
        build(path, languages)


def is_usable(path, languages=LANGUAGES):
    """Whether ``path`` is a complete lexicon of this format and simplemma version."""
    if not Path(path).is_file():
        return False
    try:
        connection = _connect(path)
        try:
            meta = dict(connection.execute("SELECT key, value FROM meta"))
            tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return (
        meta.get("format") == str(FORMAT)
        and meta.get("simplemma") == simplemma_version()
        and tables.issuperset(languages)
        and tables.issuperset(
            f"{language}_folded" for language in FOLDED_LANGUAGES if language in languages
        )
    )


@contextmanager
def _build_lock(path):
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def ensure(path=None, force=False, builder=_build_in_child, languages=LANGUAGES):
    """The lexicon's path, built first if it is missing or unreadable (or ``force``).

    Concurrent callers, in threads or processes, wait for the one that builds."""
    path = Path(path or path_for())
    if not force and is_usable(path, languages):
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with _build_lock(path):
        if force or not is_usable(path, languages):
            started = time.perf_counter()
            logger.info("Building the search lexicon %s (once per simplemma version).", path)
            builder(path, languages)
            logger.info("Search lexicon built in %.1f s.", time.perf_counter() - started)
    return path


# Looking words up


def _connect(path):
    # immutable: the file never changes once renamed into place (a rebuild is a new file),
    # so SQLite may skip locking it.
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro&immutable=1", uri=True)


class _Table:
    """One language of the lexicon, shaped like the mapping simplemma's strategies read."""

    def __init__(self, lexicon, language):
        self._lexicon = lexicon
        self._language = language

    def get(self, form, default=None):
        found = self._lexicon.get(form, self._language)
        return default if found is None else found


class _Dictionaries:
    """simplemma's dictionary-factory interface, answered from the lexicon."""

    def __init__(self, lexicon):
        self._tables = {language: _Table(lexicon, language) for language in LANGUAGES}

    def get_dictionary(self, lang):
        if lang not in self._tables:
            raise ValueError(f"The search lexicon has no {lang!r} dictionary.")
        return self._tables[lang]


class Lexicon:
    """Read-only lookups in a built lexicon file; one SQLite connection per thread."""

    def __init__(self, path):
        self.path = Path(path)
        self._local = threading.local()
        self._simple_lookup = _simple_lookup_applies()
        self._fallback = None

    def _connection(self):
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._local.connection = _connect(self.path)
        return connection

    def get(self, form, language):
        """The dictionary's value for exactly ``form`` (no case variants), or None."""
        row = self._connection().execute(_LOOKUP[language], (form,)).fetchone()
        if row is None:
            return None
        cut, ending = row
        return form[: len(form) - cut] + ending

    def folded_lemma(self, word, language):
        """The folded lemma of a word typed without Polish letters ("wnioskow" gives
        "wniosek"), or None where no form of the dictionary folds to it."""
        if language not in FOLDED_LANGUAGES:
            return None
        try:
            row = self._connection().execute(_FOLDED_LOOKUP, (word.lower(),)).fetchone()
        except sqlite3.OperationalError:  # a lexicon built for other languages only
            return None
        return None if row is None else row[0]

    def lemma(self, word, language):
        """What ``simplemma.lemmatize`` returns for a word its dictionary knows; None for a
        word it does not know (where ``simplemma.is_known`` is False)."""
        token = unicodedata.normalize("NFC", word)
        if self._simple_lookup and not any(mark in token for mark in _APOSTROPHES):
            found = self.get(token, language)
            if found is None:
                flipped = token.lower() if token[:1].isupper() else token.capitalize()
                if flipped != token:
                    found = self.get(flipped, language)
        else:
            found = self._simplemma()[0].get_lemma(token, language)
        if found is None:
            return None
        return token if token.isnumeric() else found

    def guess(self, word, language):
        """What ``simplemma.lemmatize`` returns for any word: its rules, prefixes and
        decompositions, with this lexicon standing in for its dictionary."""
        return self._simplemma()[1].lemmatize(word, language)

    def _simplemma(self):
        """simplemma's dictionary lookup and lemmatiser over this lexicon, made on first need
        (importing simplemma costs a few MB; its dictionaries are never loaded)."""
        if self._fallback is None:
            from simplemma import Lemmatizer
            from simplemma.strategies import DefaultStrategy, DictionaryLookupStrategy

            dictionaries = _Dictionaries(self)
            self._fallback = (
                DictionaryLookupStrategy(dictionaries),
                Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=dictionaries)),
            )
        return self._fallback


_opened = {}
_opening = threading.Lock()


def current():
    """The lexicon of ``SEARCH_LEXICON_DIR``, built on first use if it is missing."""
    path = path_for()
    lexicon = _opened.get(path)
    if lexicon is None:
        with _opening:
            lexicon = _opened.get(path)
            if lexicon is None:
                lexicon = _opened[path] = Lexicon(ensure(path))
    return lexicon


if __name__ == "__main__":
    # The child process of ``_build_in_child``: python -m search.lexicon PATH [LANGUAGE…]
    build(sys.argv[1], tuple(sys.argv[2:]) or LANGUAGES)
