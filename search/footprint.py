"""What a normaliser costs a fresh process: time to the first base form, time per word, and
peak memory after a thousand distinct words. Figures for docs/search.md; nothing asserted.

Run each measurement in a process of its own, started from a shell (``ru_maxrss`` of a
process started by a big one may report its parent's peak)::

    DJANGO_SETTINGS_MODULE=portal.settings.dev python -m search.footprint
    DJANGO_SETTINGS_MODULE=portal.settings.dev python -m search.footprint --django

The normaliser is named as in ``search.polish.NORMALISERS`` (default simplemma+snowball);
``--django`` sets Django up first (what a worker has loaded before its first search).
"""

import argparse
import os
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["search/relevance/*.csv", "search/relevance/*.txt", "demo/*.py", "handbooks/*.py"]


def sample_words(words, count=1000):
    """``count`` distinct words of the portal's demo and relevance texts, in order."""
    found = {}
    for pattern in SOURCES:
        for path in sorted(ROOT.glob(pattern)):
            for word in words(path.read_text(encoding="utf-8")):
                found.setdefault(word, None)
    return list(found)[:count]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("normaliser", nargs="?", default="simplemma+snowball")
    parser.add_argument("--django", action="store_true", help="django.setup() first")
    parser.add_argument("--words", type=int, default=1000)
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    if options.django:
        import django

        django.setup()
    started = time.perf_counter()
    from . import polish

    polish.use_normaliser(options.normaliser)
    sample = sample_words(polish.words, options.words)
    imported = time.perf_counter()
    polish.normalise(sample[0])
    first = time.perf_counter()
    polish.normalise(" ".join(sample[1:]))
    done = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [
        f"normaliser {options.normaliser}, {len(sample)} words",
        f"  import:            {(imported - started) * 1000:8.1f} ms",
        f"  first word:        {(first - imported) * 1000:8.1f} ms",
        f"  per word after it: {(done - first) / max(len(sample) - 1, 1) * 1e6:8.1f} µs",
        f"  peak RSS:          {peak:8.1f} MB",
    ]
    print("\n".join(lines))  # noqa: T201 - a command-line report


if __name__ == "__main__":
    main()
