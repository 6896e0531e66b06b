"""Polish (and English, Ukrainian) morphology for search, done in the application.

Every backend (SQLite FTS5, PostgreSQL full text with the ``simple`` configuration,
Elasticsearch/OpenSearch with the standard analyser) sees only base forms: the indexed text
of a page and the words of a query both go through ``normalise``, so "placu zabaw",
"placów zabaw" and "plac zabaw" meet at ``plac zabawa`` whatever the engine.

Base forms are folded (``search.folding``: "zieleń" is kept as "zielen"), and a word typed
without Polish letters finds its lemma through the folded forms of the dictionary, so
"nabor wnioskow" and "nabór wniosków" are the same query.

The normaliser is simplemma's dictionary lemma, with the Snowball Polish stem for words
simplemma does not know (see docs/search.md for the measurements against the other
candidates, which stay selectable by name for the benchmark, ``search.benchmark``). The
dictionary is read from disk a word at a time (``search.lexicon``); the normaliser named
"simplemma" alone still asks simplemma itself, with its dictionaries in memory.
"""

import re
from functools import lru_cache

from .folding import fold
from .lexicon import current as current_lexicon
from .stop_words import STOP_WORDS

SUPPORTED_LANGUAGES = ("pl", "en", "uk")
DEFAULT_NORMALISER = "simplemma+snowball"

WORD = re.compile(r"[^\W_]+")


def words(text):
    """The words of a text, lowercased; everything that is not a letter or digit separates."""
    return WORD.findall(text.lower())


@lru_cache(maxsize=200_000)
def _simplemma(word, language):
    import simplemma

    return simplemma.lemmatize(word, lang=language).lower()


@lru_cache(maxsize=1)
def _snowball():
    import snowballstemmer

    return {
        "pl": snowballstemmer.stemmer("polish"),
        "en": snowballstemmer.stemmer("english"),
        "uk": snowballstemmer.stemmer("russian"),  # no Ukrainian stemmer: closest available
    }


@lru_cache(maxsize=200_000)
def _snowball_word(word, language):
    return _snowball()[language].stemWord(word)


@lru_cache(maxsize=1)
def _stempel():
    import contextlib
    import io

    from pystempel import Stemmer

    # Loading the stemming table reports its progress on stderr; nobody needs to see it.
    with contextlib.redirect_stderr(io.StringIO()):
        return Stemmer.default()


@lru_cache(maxsize=200_000)
def _stempel_word(word, language):
    if language != "pl":
        return word
    return _stempel()(word) or word


@lru_cache(maxsize=200_000)
def _simplemma_or_stem(word, language):
    """The dictionary lemma of a known word; the Snowball stem of one simplemma does not know.

    simplemma guesses a lemma for unknown words by rules, and its guesses for two forms of
    one new word ("pumptrack", "pumptracku") often differ; a stem does not. Ukrainian has no
    stemmer worth the name here, so its unknown words keep simplemma's guess.

    The words are looked up in simplemma's dictionaries as a file on disk (``search.lexicon``),
    not in simplemma's in-memory dicts; the answers are the same.

    What comes out is folded. A word the dictionary does not know as typed but knows without
    its Polish letters ("wnioskow") takes the folded lemma of the forms it stands for; an
    unknown word is stemmed in one spelling whatever was typed (``_stem_spelling``).
    """
    lexicon = current_lexicon()
    lemma = lexicon.lemma(word, language)
    if lemma is not None:
        return fold(lemma.lower())
    if word.isascii():
        lemma = lexicon.folded_lemma(word, language)
        if lemma is not None:
            return lemma
    if language == "uk":
        return fold(lexicon.guess(word, language).lower())
    return fold(_snowball_word(_stem_spelling(word, language), language))


def _stem_spelling(word, language):
    """The spelling an unknown word is stemmed in: folded, with the ending "-ow" read as the
    genitive "-ów", which the Polish stemmer removes ("pumptrackow", like "pumptracków",
    stems to "pumptrack"). Both spellings of a word reach the stemmer alike."""
    if language != "pl":
        return fold(word)
    folded = fold(word)
    return folded[:-2] + "ów" if folded.endswith("ow") else folded


NORMALISERS = {
    "simplemma+snowball": _simplemma_or_stem,
    "simplemma": _simplemma,
    "snowball": _snowball_word,
    "pystempel": _stempel_word,
    "none": lambda word, language: word,
}

_active = {"name": DEFAULT_NORMALISER}


def active_normaliser():
    return _active["name"]


def use_normaliser(name):
    """Switch the normaliser (the benchmark compares them); returns the previous one."""
    if name not in NORMALISERS:
        raise ValueError(f"Unknown normaliser {name!r}; choose from {sorted(NORMALISERS)}.")
    previous, _active["name"] = _active["name"], name
    return previous


def language_of(code):
    code = (code or "pl").split("-")[0].lower()
    return code if code in SUPPORTED_LANGUAGES else "pl"


def base_forms(text, language="pl"):
    """The base form of every meaningful word of ``text``, in order (duplicates kept)."""
    language = language_of(language)
    stop_words = STOP_WORDS[language]
    form = NORMALISERS[_active["name"]]
    return [form(word, language) for word in words(text) if word not in stop_words]


def normalise(text, language="pl"):
    """``text`` with every word replaced by its base form, as one space-separated string."""
    return " ".join(base_forms(text, language))
