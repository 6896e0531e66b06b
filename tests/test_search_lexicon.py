"""The search lexicon (search/lexicon.py): the same base forms as simplemma, from a file.

The first half compares the normaliser with the code it replaced, simplemma asked directly,
over the portal's real vocabulary (demo content, the handbooks' model content, the relevance
set, the translations), thousands of forms sampled from simplemma's own dictionaries in
several casings, and words no dictionary knows. The second half is about the file: built
when missing, unreadable or of another simplemma version, and whole when two processes
build it at once.
"""

import ast
import io
import os
import random
import subprocess
import sys
import unicodedata
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

import pytest
import simplemma
from simplemma.strategies.dictionaries import DEFAULT_DICTIONARY_FACTORY

from search import lexicon, polish
from search.folding import fold

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PER_LANGUAGE = 3000

# Words no dictionary has, words in odd scripts or forms, and what a hostile query may hold.
ODD_WORDS = """
    pumptrack pumptracku pumptrackiem PUMPTRACKU Pumptracku streetworkout kalisteniki
    gzm GZM Gzm xyzzy qwrtpl ąęółśżźćń ĄĘÓŁŚŻŹĆŃ zażółć ZAŻÓŁĆ Zażółć 2024 007 ½ ² ١٢٣
    straße İstanbul ǅemal ǆ Ǆ ﬁnanse o'neill don’t imʼja обʼєкт обʼєкта памʼяті Памʼять
    biało-czerwony e-mail ґаджетизація квадрокоптерами дронів ЦНАП Громади ініціативи
    playgrounds PLAYGROUNDS Playground children's iPhone eBay McDonald mcdonald łódź ŁÓDŹ
    Łódź rzeczpospolita polska Polska POLSKA a i w z
""".split()  # noqa: SIM905 - a list of words reads better as text


def _literals(path):
    """The text of every string literal in a Python module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def _portal_texts():
    texts = []
    for path in [*sorted((ROOT / "demo").glob("*.py")), *sorted((ROOT / "handbooks").glob("*.py"))]:
        texts.extend(_literals(path))
    for path in sorted((ROOT / "search" / "relevance").glob("*.*")):
        if path.suffix in {".csv", ".txt"}:
            texts.append(path.read_text(encoding="utf-8"))
    for path in sorted((ROOT / "locale").glob("*/LC_MESSAGES/django.po")):
        texts.append(path.read_text(encoding="utf-8"))
    return texts


def _dictionary_sample(language):
    """Forms and lemmas from simplemma's dictionary, as written and in other casings."""
    dictionary = DEFAULT_DICTIONARY_FACTORY.get_dictionary(language)
    keys = sorted(dictionary)
    forms = random.Random(f"lexicon-{language}").sample(keys, SAMPLE_PER_LANGUAGE)
    sample = set()
    for form in forms:
        for word in (form, dictionary[form]):
            sample.update({word, word.lower(), word.upper(), word.capitalize()})
    # Decomposed (NFD) spellings: simplemma composes them before looking them up.
    sample.update(unicodedata.normalize("NFD", form) for form in forms[:200])
    return sample


def simplemma_or_stem_before(word, language):
    """The normaliser with simplemma's dictionaries in memory (the reference), folded as the
    index keeps base forms. A word simplemma does not know but the folded forms do
    ("wnioskow") is checked on its own, against the dictionary (below)."""
    if language == "uk" or simplemma.is_known(word, lang=language):
        return fold(simplemma.lemmatize(word, lang=language).lower())
    if word.isascii():
        folded_lemma = lexicon.current().folded_lemma(word, language)
        if folded_lemma is not None:
            return folded_lemma
    return fold(polish._snowball_word(polish._stem_spelling(word, language), language))


@pytest.fixture(scope="module")
def vocabulary():
    texts = _portal_texts()
    portal_words = {word for text in texts for word in polish.words(text)}
    # Tokens as they stand in the text too, not lowercased: the normaliser may be given any.
    portal_words |= {token for text in texts for token in polish.WORD.findall(text)}
    assert len(portal_words) > 3000  # the vocabulary is real, not a handful of words
    return {
        language: sorted(portal_words | set(ODD_WORDS) | _dictionary_sample(language))
        for language in polish.SUPPORTED_LANGUAGES
    }, texts


def _differences(vocabulary, normaliser):
    """(language, word, before, after) for every word the two normalisers disagree on."""
    words_by_language, _ = vocabulary
    differences = []
    for language, words in words_by_language.items():
        for word in words:
            before, after = simplemma_or_stem_before(word, language), normaliser(word, language)
            if before != after:
                differences.append((language, word, before, after))
    return differences


def _environment():
    """For a child interpreter: this run's settings and lexicon directory."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "SEARCH_LEXICON_DIR": str(settings.SEARCH_LEXICON_DIR),
    }


def test_normaliser_gives_what_simplemma_gave(vocabulary):
    assert _differences(vocabulary, polish._simplemma_or_stem.__wrapped__) == []


def test_simplemmas_own_lookup_over_the_lexicon_agrees_too(vocabulary, monkeypatch):
    """The path for words with apostrophes and for another simplemma version: simplemma's
    own lookup code, reading the lexicon."""
    monkeypatch.setattr(lexicon.current(), "_simple_lookup", False)
    assert _differences(vocabulary, polish._simplemma_or_stem.__wrapped__) == []


def test_a_word_typed_without_polish_letters_has_the_base_form_of_the_word_meant():
    """Forms of the dictionary typed without their Polish letters: the same folded base form
    as the form itself, but where another word folds alike ("zle": "źle", "złe")."""
    dictionary = DEFAULT_DICTIONARY_FACTORY.get_dictionary("pl")
    with_letters = sorted(form for form in dictionary if form.islower() and fold(form) != form)
    sample = random.Random("folded").sample(with_letters, SAMPLE_PER_LANGUAGE)
    same = [
        form
        for form in sample
        if polish._simplemma_or_stem.__wrapped__(fold(form), "pl")
        == fold(simplemma.lemmatize(form, lang="pl").lower())
    ]
    assert len(same) >= 0.95 * len(sample)
    for typed, meant in [("wnioskow", "wniosek"), ("mlodziezy", "mlodziez"), ("zielen", "zielen")]:
        assert polish._simplemma_or_stem.__wrapped__(typed, "pl") == meant


def test_sample_holds_known_and_unknown_words(vocabulary):
    """The comparison covers both branches in every language (and uk's guessing rules)."""
    words_by_language, _ = vocabulary
    for language, words in words_by_language.items():
        known = sum(lexicon.current().lemma(word, language) is not None for word in words)
        assert 0.2 * len(words) < known < 0.95 * len(words), language


def test_normalised_texts_are_unchanged(vocabulary, monkeypatch):
    _, texts = vocabulary
    after = {
        language: [polish.normalise(text, language) for text in texts]
        for language in polish.SUPPORTED_LANGUAGES
    }
    monkeypatch.setitem(polish.NORMALISERS, polish.DEFAULT_NORMALISER, simplemma_or_stem_before)
    before = {
        language: [polish.normalise(text, language) for text in texts]
        for language in polish.SUPPORTED_LANGUAGES
    }
    assert after == before


def test_a_search_process_never_loads_simplemma_for_polish_and_english():
    """A fresh process normalises a thousand words with a small memory footprint and without
    importing simplemma; a Ukrainian word it does not know brings in simplemma's rules, still
    without its dictionaries."""
    lexicon.ensure()
    script = """
import sys
from pathlib import Path
from search import polish
from search.relevance import HERE

def peak():  # megabytes; VmHWM, unlike ru_maxrss, starts afresh in an exec'd child
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) // 1024

words = polish.words((HERE / "pages.csv").read_text(encoding="utf-8"))[:1000]
polish.normalise(" ".join(words))
polish.normalise("playgrounds of the municipalities", "en")
print("simplemma" in sys.modules, peak())
polish.normalise("квадрокоптерами", "uk")
print("simplemma" in sys.modules, peak())
"""
    if not Path("/proc/self/status").exists():
        pytest.skip("peak memory is read from Linux's /proc")
    result = subprocess.run(  # noqa: S603 - this interpreter, our own script
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=_environment(),
    )
    polish_english, ukrainian = (line.split() for line in result.stdout.splitlines())
    assert polish_english[0] == "False"
    assert int(polish_english[1]) < 80  # with simplemma's Polish dict it is over 400
    assert ukrainian[0] == "True"
    assert int(ukrainian[1]) < 80


# The file


@pytest.fixture
def lexicon_dir(tmp_path, settings):
    settings.SEARCH_LEXICON_DIR = tmp_path
    return tmp_path


def test_missing_lexicon_is_built_on_first_use_in_a_child_process(lexicon_dir):
    path = lexicon.path_for()
    assert not path.exists()

    assert lexicon.ensure(languages=("en",)) == path

    assert lexicon.is_usable(path, ("en",))
    assert not lexicon.is_usable(path)  # only English was asked for
    assert lexicon.Lexicon(path).lemma("playgrounds", "en") == "playground"
    assert sorted(p.name for p in lexicon_dir.iterdir()) == [path.name, f"{path.name}.lock"]


def test_file_name_follows_the_simplemma_version(lexicon_dir, monkeypatch):
    current = lexicon.path_for()
    assert simplemma.__version__ in current.name
    monkeypatch.setattr(lexicon, "simplemma_version", lambda: "9.9.9")
    assert lexicon.path_for() != current
    assert "9.9.9" in lexicon.path_for().name


def test_lexicon_of_another_version_or_unreadable_is_rebuilt(lexicon_dir, monkeypatch):
    path = lexicon.path_for()
    lexicon.build(path, ("en",))
    assert lexicon.is_usable(path, ("en",))

    monkeypatch.setattr(lexicon, "simplemma_version", lambda: "9.9.9")
    assert not lexicon.is_usable(path, ("en",))  # its meta says 2.x
    monkeypatch.undo()

    path.write_bytes(b"not a database at all")
    assert not lexicon.is_usable(path, ("en",))
    builds = []

    def builder(target, languages):
        builds.append(target)
        lexicon.build(target, languages)

    lexicon.ensure(path, builder=builder, languages=("en",))
    lexicon.ensure(path, builder=builder, languages=("en",))
    assert builds == [path]  # rebuilt once, then reused
    assert lexicon.is_usable(path, ("en",))


def test_failed_build_leaves_nothing_behind(lexicon_dir, monkeypatch):
    path = lexicon.path_for()

    def broken(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(lexicon, "_edit", broken)
    with pytest.raises(RuntimeError):
        lexicon.build(path, ("en",))
    assert list(lexicon_dir.iterdir()) == []


BUILD_AT_ONCE = """
import sys
from pathlib import Path
from search import lexicon

path, how, log = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])

def builder(target, languages):
    with log.open("a") as handle:
        handle.write("built\\n")
    lexicon.build(target, languages)

if how == "build":
    builder(path, ("en",))
else:
    lexicon.ensure(path, builder=builder, languages=("en",))
"""


def _at_once(how, path, log, processes=2):
    """Start ``processes`` interpreters that build (or ensure) the lexicon at the same time."""
    running = [
        subprocess.Popen(  # noqa: S603 - this interpreter, our own script
            [sys.executable, "-c", BUILD_AT_ONCE, str(path), how, str(log)],
            cwd=ROOT,
            env=_environment(),
        )
        for _ in range(processes)
    ]
    assert [process.wait(timeout=300) for process in running] == [0] * processes
    return log.read_text().split()


def test_two_processes_building_at_once_leave_one_whole_file(lexicon_dir):
    path = lexicon_dir / "lexicon.sqlite3"
    assert _at_once("build", path, lexicon_dir / "log") == ["built", "built"]
    assert lexicon.is_usable(path, ("en",))
    assert lexicon.Lexicon(path).lemma("children", "en") == "child"
    assert [p.name for p in lexicon_dir.iterdir() if p.suffix == ".part"] == []


def test_processes_ensuring_at_once_wait_for_one_build(lexicon_dir):
    path = lexicon_dir / "lexicon.sqlite3"
    assert _at_once("ensure", path, lexicon_dir / "log", processes=3) == ["built"]
    assert lexicon.is_usable(path, ("en",))


def test_management_command_builds_in_its_own_process(lexicon_dir, monkeypatch):
    """A thin shell over ``lexicon.ensure``: built here (no child), rebuilt with --force."""
    calls = []

    def ensure(force, builder):
        calls.append((force, builder))
        path = lexicon_dir / "lexicon.sqlite3"
        path.write_bytes(b"x" * 1024 * 1024)
        return path

    monkeypatch.setattr(lexicon, "ensure", ensure)
    output = io.StringIO()
    call_command("build_search_lexicon", stdout=output)
    call_command("build_search_lexicon", "--force", stdout=output)
    assert calls == [(False, lexicon.build), (True, lexicon.build)]
    assert "lexicon.sqlite3 (1 MB" in output.getvalue()
