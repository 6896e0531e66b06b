"""The pages search is measured on: the relevance set (search/relevance/pages.csv) and the
benchmark's large network of filler pages. Built with the project's factories, so they
stand in the tree as an editor's pages would."""

import random
import time

from wagtail.rich_text import RichText

from municipalities.factories import CallPageFactory, InitiativePageFactory
from municipalities.models import CallIndexPage, ContactPage, GalleryPage
from municipalities.onboarding import ensure_network, onboard_municipality, record_for
from search import benchmark, relevance

# The benchmark's municipalities: the relevance set's "a" and "b" first.
BENCHMARK_MUNICIPALITIES = (
    "ruda-slaska", "czeladz", "katowice", "gliwice", "zabrze",
    "tychy", "bytom", "sosnowiec", "myslowice", "bierun",
)  # fmt: skip


def build_relevance_pages(municipalities):
    """Create the relevance pages; ``municipalities`` maps "a"/"b" to Municipality objects.

    Returns {key: page id}. Needs the dev extra (factories).
    """
    ids = {}
    for row in relevance.load_pages():
        municipality = municipalities[row["municipality"]]
        home = municipality.root_page
        if row["kind"] == "contact":
            contact = ContactPage.objects.child_of(home).get()
            contact.intro = f"<p>{row['text']}</p>"
            contact.save_revision().publish()
            ids[row["key"]] = contact.pk
            continue
        fields = {
            "title": row["title"],
            "slug": row["key"],
            "summary": row["summary"],
            "year": int(row["year"]),
        }
        if row["kind"] == "call":
            parent = CallIndexPage.objects.child_of(home).get()
            page = CallPageFactory(parent=parent, how_to_apply=f"<p>{row['text']}</p>", **fields)
        else:
            parent = GalleryPage.objects.child_of(home).get()
            page = InitiativePageFactory(
                parent=parent,
                body=[("paragraph", RichText(f"<p>{row['text']}</p>"))],
                **fields,
            )
        ids[row["key"]] = page.pk
    return ids


def seed_benchmark(pages, out=print):
    """The network, ten municipalities, the relevance pages and ``pages`` filler pages."""
    rng = random.Random(benchmark.SEED)  # noqa: S311 - reproducible filler, not secrets
    ensure_network()
    municipalities = [onboard_municipality(record_for(slug)) for slug in BENCHMARK_MUNICIPALITIES]
    ids = build_relevance_pages({"a": municipalities[0], "b": municipalities[1]})
    parents = [
        (
            CallIndexPage.objects.child_of(m.root_page).get(),
            GalleryPage.objects.child_of(m.root_page).get(),
        )
        for m in municipalities
    ]
    started = time.perf_counter()
    for number in range(pages):
        calls, gallery = rng.choice(parents)
        title = " ".join(rng.sample(benchmark.FILLER_WORDS, 4)).capitalize() + f" {number}"
        text = " ".join(rng.choices(benchmark.FILLER_WORDS, k=60))
        year = rng.randint(2019, 2026)
        if number % 4 == 0:
            CallPageFactory(
                parent=calls, title=title, summary=text[:300], year=year,
                how_to_apply=f"<p>{text}</p>",
            )  # fmt: skip
        else:
            InitiativePageFactory(
                parent=gallery, title=title, summary=text[:300], year=year,
                body=[("paragraph", RichText(f"<p>{text}</p>"))],
            )  # fmt: skip
        if (number + 1) % 500 == 0:
            out(f"  seeded {number + 1} pages ({time.perf_counter() - started:.0f} s)")
    return ids
