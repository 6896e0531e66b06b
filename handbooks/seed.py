"""GZM's model content on the network site, created once by the network setup.

``ensure_model_content`` runs when ``municipalities.onboarding.ensure_network`` signals that
the network is ready (``network_ready``, connected in handbooks/apps.py): it adds
whatever of the model process, the resolution assumptions and the two model handbooks is
missing (with their English and Ukrainian translations) and leaves existing pages alone,
so running it again changes nothing and GZM's later edits are kept.
"""

import json

from portal.translation import ensure_translations

from . import content
from .models import HandbookChapterPage, HandbookPage, ModelProcessPage, ResolutionPage


def _publish(page):
    page.save_revision().publish()
    return page


def _rich(text):
    return text if text.startswith("<") else f"<p>{text}</p>"


def process_steps():
    return json.dumps(
        [
            {
                "type": "step",
                "value": {
                    "title": title,
                    "actor": actor,
                    "description": _rich(description),
                    "documents": documents,
                    "duration": duration,
                },
            }
            for title, actor, description, documents, duration in content.PROCESS_STEPS
        ]
    )


def resolution_elements():
    elements = [
        {
            "type": "element",
            "value": {
                "topic": topic,
                "title": title,
                "requirement": _rich(requirement),
                "model_proposal": _rich(proposal),
                "municipal_choices": choices,
            },
        }
        for topic, title, requirement, proposal, choices in content.RESOLUTION_ELEMENTS
    ]
    criteria = {
        "type": "criteria",
        "value": {
            "title": content.CRITERIA_TITLE,
            "criteria": [
                {"name": name, "weight": weight, "explanation": explanation}
                for name, weight, explanation in content.CRITERIA
            ],
        },
    }
    # The evaluation card right after the criteria element it illustrates.
    return json.dumps([*elements[:2], criteria, *elements[2:]])


def chapter_body(blocks):
    return json.dumps([{"type": block_type, "value": value} for block_type, value in blocks])


def _child(parent, page_type, slug):
    return page_type.objects.child_of(parent).filter(slug=slug).first()


def ensure_model_content(network_home):
    """The model pages under ``network_home`` (Polish), each translated; returns them."""
    created = []
    process = _child(network_home, ModelProcessPage, content.PROCESS_SLUG)
    if process is None:
        process = network_home.add_child(
            instance=ModelProcessPage(
                title=content.PROCESS_TITLE,
                slug=content.PROCESS_SLUG,
                intro=content.PROCESS_INTRO,
                steps=process_steps(),
            )
        )
        created.append(_publish(process))

    pages = [process]
    for slug, title, audience, intro, chapters in content.HANDBOOKS:
        handbook = _child(network_home, HandbookPage, slug)
        if handbook is None:
            handbook = network_home.add_child(
                instance=HandbookPage(title=title, slug=slug, audience=audience, intro=intro)
            )
            created.append(_publish(handbook))
            for chapter_slug, chapter_title, summary, blocks in chapters:
                chapter = handbook.add_child(
                    instance=HandbookChapterPage(
                        title=chapter_title,
                        slug=chapter_slug,
                        summary=summary,
                        body=chapter_body(blocks),
                    )
                )
                created.append(_publish(chapter))
        pages.append(handbook)

    resolution = _child(network_home, ResolutionPage, content.RESOLUTION_SLUG)
    if resolution is None:
        resolution = network_home.add_child(
            instance=ResolutionPage(
                title=content.RESOLUTION_TITLE,
                slug=content.RESOLUTION_SLUG,
                intro=content.RESOLUTION_INTRO,
                elements=resolution_elements(),
            )
        )
        created.append(_publish(resolution))
    pages.append(resolution)

    # Parents before children, so each chapter's translation has its handbook's to go under.
    for page in created:
        ensure_translations(page, strings=content.TRANSLATED_TITLES)
    return pages


def add_model_content(sender, network_home, **kwargs):
    """Receiver of ``municipalities.signals.network_ready``."""
    ensure_model_content(network_home)
