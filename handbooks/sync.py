"""A municipality's variant of a model handbook, kept in step with the model.

The rules, called alike by the admin views, the demo seed and the tests:

- ``create_variant``: the variant page under the municipality's home (in every language
  the home has), each model chapter added as a Wagtail alias, so it follows the model
  whenever GZM publishes (Wagtail's ``update_aliases``).
- ``customise_chapter``: the alias becomes the municipality's own page; the model revision
  it was a copy of is kept as ``based_on_revision``.
- A customised chapter is *behind* when the model's live revision is neither the one it was
  based on nor one the municipality reviewed since. ``keep_mine`` (review), ``take_model``
  (copy the model's live content) and ``mark_merged`` (after editing by hand) each clear it.
- ``set_hidden`` leaves a chapter out of the variant; ``add_local_chapter`` adds one the
  model does not have.

Permission checks belong to the caller (``admin_views``); functions given a ``user`` record
them as the author and publish only what that user may publish.
"""

import difflib
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.actions.create_alias import CreatePageAliasAction
from wagtail.blocks import StreamValue
from wagtail.models import Page

from municipalities.models import MunicipalityHomePage
from portal.translation import ensure_translations

from .content import TRANSLATED_TITLES
from .models import (
    ChapterStatus,
    HandbookChapterPage,
    HandbookPage,
    HandbookVariantPage,
    VariantChapterState,
    chapter_status,
)


class SyncError(Exception):
    """An action that does not apply to the chapter in its current state."""


# Variants ----------------------------------------------------------------------------------


def model_handbooks():
    """GZM's live model handbooks in the default language."""
    return (
        HandbookPage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("path")
    )


def variant_of(handbook, municipality):
    home = municipality.root_page
    if home is None:
        return None
    return HandbookVariantPage.objects.child_of(home).filter(model_handbook=handbook).first()


def _publish(page, user):
    revision = page.save_revision(user=user)
    if user is None or page.permissions_for_user(user).can_publish():
        revision.publish(user=user, skip_permission_checks=True)
    return revision


@transaction.atomic
def create_variant(handbook, municipality, user=None):
    """The municipality's variant of ``handbook``: its chapters aliases of the model's.

    The variant holds nothing but GZM's published text, so it is published at once (also for
    an editor who may not publish: there is nothing of the municipality's to approve yet).
    Returns the existing variant if there is one.
    """
    handbook = handbook.specific
    existing = variant_of(handbook, municipality)
    if existing:
        return existing
    home = municipality.root_page.specific
    variant = home.add_child(
        instance=HandbookVariantPage(
            title=handbook.title,
            slug=handbook.slug,
            model_handbook=handbook,
            show_in_menus=True,
            owner=user,
        )
    )
    variant.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    locales = [
        translated.locale
        for translated in home.get_translations()
        if handbook.has_translation(translated.locale)
    ]
    ensure_translations(variant, locales=locales, strings=TRANSLATED_TITLES)
    for chapter in HandbookChapterPage.objects.child_of(handbook).live().order_by("path"):
        add_model_chapter(variant, chapter, user)
    return variant


def add_model_chapter(variant, model_chapter, user=None):
    """An alias of ``model_chapter`` at the end of the variant, in every language it has."""
    alias = _alias(model_chapter, variant, user)
    for translated_variant in variant.get_translations().specific():
        translated_model = model_chapter.get_translation_or_none(translated_variant.locale)
        if translated_model is not None:
            translated_alias = _alias(translated_model, translated_variant, user)
            # One chapter in three languages: the language switcher links them.
            Page.objects.filter(pk=translated_alias.pk).update(
                translation_key=alias.translation_key
            )
    return VariantChapterState.objects.create(
        municipality=variant.municipality,
        variant=variant,
        page=alias,
        model_chapter=model_chapter,
    )


def _alias(page, parent, user):
    action = CreatePageAliasAction(page, parent=parent, user=user)
    return action.execute(skip_permission_checks=True).specific


def variant_chapters(variant):
    """Every chapter of the variant with its state (local chapters added in the admin too)."""
    pages = list(
        HandbookChapterPage.objects.child_of(variant)
        .order_by("path")
        .select_related("alias_of", "locale")
    )
    states = {
        state.page_id: state
        for state in VariantChapterState.objects.filter(page__in=pages).select_related(
            "model_chapter", "based_on_revision", "reviewed_revision"
        )
    }
    rows = []
    for page in pages:
        state = states.get(page.pk) or VariantChapterState.objects.create(
            municipality=variant.municipality, variant=variant, page=page
        )
        state.page = page
        rows.append(state)
    return rows


def missing_model_chapters(variant):
    """Model chapters published since the variant was made (not yet in the variant)."""
    present = VariantChapterState.objects.filter(variant=variant).values("model_chapter_id")
    return (
        HandbookChapterPage.objects.child_of(variant.model_handbook)
        .live()
        .exclude(pk__in=present)
        .order_by("path")
    )


# Chapter actions ---------------------------------------------------------------------------


def _state(page):
    state = VariantChapterState.objects.select_related("model_chapter").get(page=page)
    state.page = page
    return state


def _require_customised(state):
    if state.is_local:
        raise SyncError(_("Ten rozdział jest tylko gminy; nie ma go w modelu."))
    if state.is_alias:
        raise SyncError(_("Ten rozdział nie jest dostosowany: wciąż wiernie pokazuje model."))
    if state.model_chapter is None:
        raise SyncError(_("Rozdział modelu, na którym oparto ten rozdział, już nie istnieje."))


@transaction.atomic
def _rebase(state, revision_id):
    """The chapter is now a copy of the model at that revision: up to date, nothing to review."""
    state.based_on_revision_id = revision_id
    state.reviewed_revision = None
    state.save()
    return state


def customise_chapter(page, user=None):
    """Turn the alias into the municipality's own page, remembering the model revision."""
    state = _state(page)
    if not state.is_alias:
        raise SyncError(_("Ten rozdział jest już własnym rozdziałem gminy."))
    ConvertAliasPageAction(page, user=user).execute(skip_permission_checks=True)
    return _rebase(state, state.model_chapter.live_revision_id)


@transaction.atomic
def keep_mine(page, user=None):
    """The municipality read the model's changes and keeps its own text."""
    state = _state(page)
    _require_customised(state)
    state.reviewed_revision_id = state.model_chapter.live_revision_id
    state.save()
    return state


@transaction.atomic
def take_model(page, user=None):
    """Replace the municipality's text with the model's live version (still its own page)."""
    state = _state(page)
    _require_customised(state)
    live = state.model_chapter.live_revision
    model = live.as_object()
    page = page.specific
    page.title = model.title
    page.summary = model.summary
    page.body = StreamValue(page.body.stream_block, model.body.get_prep_value(), is_lazy=True)
    _publish(page, user)
    return _rebase(state, live.pk)


@transaction.atomic
def mark_merged(page, user=None):
    """The municipality edited its chapter by hand to take in the model's changes."""
    state = _state(page)
    _require_customised(state)
    return _rebase(state, state.model_chapter.live_revision_id)


@transaction.atomic
def set_hidden(page, hidden, user=None):
    state = _state(page)
    state.hidden = hidden
    state.save()
    return state


@transaction.atomic
def add_local_chapter(variant, title, slug, summary="", body="", user=None):
    """A chapter of the municipality's own, which the model does not have."""
    page = variant.add_child(
        instance=HandbookChapterPage(title=title, slug=slug, summary=summary, body=body, owner=user)
    )
    _publish(page, user)
    return VariantChapterState.objects.create(
        municipality=variant.municipality, variant=variant, page=page
    )


# What changed in the model -----------------------------------------------------------------


def chapter_text(page):
    """A chapter as lines of plain text: title, summary, then each block's text."""
    lines = [page.title]
    if page.summary:
        lines.append(page.summary)
    for block in page.body:
        text = " ".join(
            part.strip() for part in block.block.get_searchable_content(block.value) if part
        )
        if text:
            lines.append(text)
    return lines


@dataclass
class DiffLine:
    kind: str  # "same", "removed", "added", "changed"
    html: str


WORD = re.compile(r"\s+|[^\s]+")


def _inline(old, new):
    old_words, new_words = WORD.findall(old), WORD.findall(new)
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(escape("".join(old_words[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            parts.append(f"<del>{escape(''.join(old_words[i1:i2]))}</del>")
        if tag in ("insert", "replace"):
            parts.append(f"<ins>{escape(''.join(new_words[j1:j2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 (every piece escaped above)


def text_diff(old_lines, new_lines):
    """A readable diff: whole lines added or removed, changed lines marked word by word."""
    rows = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend(DiffLine("same", escape(line)) for line in old_lines[i1:i2])
        elif tag == "replace" and i2 - i1 == j2 - j1:
            for old, new in zip(old_lines[i1:i2], new_lines[j1:j2], strict=True):
                if _similar(old, new):
                    rows.append(DiffLine("changed", _inline(old, new)))
                else:
                    rows.extend(_whole_lines([old], [new]))
        else:
            rows.extend(_whole_lines(old_lines[i1:i2], new_lines[j1:j2]))
    return rows


def _similar(old, new):
    """Worth marking word by word, rather than as one line out and another in."""
    matcher = difflib.SequenceMatcher(a=WORD.findall(old), b=WORD.findall(new), autojunk=False)
    return matcher.ratio() >= 0.5


def _whole_lines(removed, added):
    return [
        *(DiffLine("removed", mark_safe(f"<del>{escape(line)}</del>")) for line in removed),  # noqa: S308
        *(DiffLine("added", mark_safe(f"<ins>{escape(line)}</ins>")) for line in added),  # noqa: S308
    ]


def model_changes(state):
    """What changed in the model chapter since the revision the municipality compared with."""
    model = state.model_chapter
    live = model.live_revision
    base_id = state.compared_revision_id
    base = type(live).objects.filter(pk=base_id).first() if base_id else None
    new_lines = chapter_text(live.as_object())
    old_lines = chapter_text(base.as_object()) if base else []
    return text_diff(old_lines, new_lines)


# The network at a glance -------------------------------------------------------------------


@dataclass
class MunicipalityRow:
    municipality: object
    variants: list
    customised: int = 0
    behind: int = 0
    local: int = 0
    hidden: int = 0


def network_overview(municipalities):
    """Per municipality: its variants, how many chapters are customised and how many behind."""
    rows = {municipality.pk: MunicipalityRow(municipality, []) for municipality in municipalities}
    homes = dict(
        MunicipalityHomePage.objects.filter(
            municipality__in=list(rows), locale__language_code=settings.LANGUAGE_CODE
        ).values_list("path", "municipality_id")
    )
    variants = HandbookVariantPage.objects.filter(
        locale__language_code=settings.LANGUAGE_CODE
    ).select_related("model_handbook")
    for variant in variants.order_by("path"):
        municipality_id = homes.get(variant.path[: -Page.steplen])
        if municipality_id in rows:
            rows[municipality_id].variants.append(variant)
    states = VariantChapterState.objects.filter(municipality__in=list(rows)).values_list(
        "municipality_id",
        "page__alias_of_id",
        "model_chapter_id",
        "model_chapter__live_revision_id",
        "based_on_revision_id",
        "reviewed_revision_id",
        "hidden",
    )
    for municipality_id, alias_of, model, live, based_on, reviewed, hidden in states:
        row = rows[municipality_id]
        status = chapter_status(alias_of, model, live, reviewed or based_on)
        row.customised += status in (ChapterStatus.CUSTOMISED, ChapterStatus.BEHIND)
        row.behind += status == ChapterStatus.BEHIND
        row.local += status == ChapterStatus.LOCAL
        row.hidden += hidden
    return list(rows.values())
