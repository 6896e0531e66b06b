"""Seeding GZM's taxonomy (the statutory task areas) from the reference data."""

import csv
from pathlib import Path

from .models import TaskArea

DATA_FILE = Path(__file__).resolve().parent / "data" / "task_areas.csv"

# Short names for cards and filters; the full statutory wording stays in the CSV columns.
SHORT_NAMES = {
    "community_development": (
        "Rozwój wspólnot lokalnych i infrastruktura",
        "Community development and infrastructure",
        "Розвиток громад та інфраструктура",
    ),
    "culture_tradition_volunteering": (
        "Kultura, tradycja i wolontariat",
        "Culture, tradition and volunteering",
        "Культура, традиції та волонтерство",
    ),
    "education": ("Edukacja i nauka", "Education and science", "Освіта і наука"),
    "sport_tourism": ("Sport i turystyka", "Sport and tourism", "Спорт і туризм"),
    "nature": ("Ochrona przyrody i zieleń", "Nature and greenery", "Охорона природи та зелень"),
    "ecology_animals": (
        "Ekologia i ochrona zwierząt",
        "Ecology and animal welfare",
        "Екологія та захист тварин",
    ),
    "public_order": (
        "Porządek i bezpieczeństwo publiczne",
        "Public order and safety",
        "Громадський порядок і безпека",
    ),
    "revitalisation": ("Rewitalizacja", "Revitalisation", "Ревіталізація"),
}


def seed_task_areas(path=DATA_FILE):
    """Create the statutory task areas that are missing; GZM's later edits are kept."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for position, row in enumerate(rows):
        name_pl, name_en, name_uk = SHORT_NAMES.get(row["key"], (row["label_pl"], "", ""))
        TaskArea.objects.get_or_create(
            key=row["key"],
            defaults={
                "name_pl": name_pl,
                "name_en": name_en,
                "name_uk": name_uk,
                "description_pl": row["label_pl"],
                "description_en": row["label_en"],
                "statute_ref": row["statute_ref"],
                "sort_order": position,
            },
        )
    return TaskArea.objects.all()
