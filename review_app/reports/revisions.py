"""The curriculum as it stood at a baseline, and what was implemented since, item by item.

Texts come from each item's revision history (imports restate the starting text, see
baseline.py). The order of items at the baseline comes from undoing, latest first, the
implemented changes that added, removed or moved items since (each change records the
index it undid); positions are not otherwise versioned.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload, selectinload

from ..implement.edits import ordered
from ..models import (
    Change,
    Competency,
    CompetencyGroup,
    Curriculum,
    CurriculumItem,
    FocusArea,
    ItemRevision,
    Proposal,
)
from .baseline import Baseline, implemented_since, is_implemented, revision_at


@dataclass
class ItemChange:
    """One item of the merged old-and-new sequence of a competency's items of one kind."""

    item: CurriculumItem
    old: ItemRevision | None  # its state at the moment (None: it did not exist)
    present_now: bool
    author: str
    at: datetime


def load_for_revisions(session: Session, stage: str) -> Curriculum | None:
    """The curriculum with every item and its whole history, in a few queries."""
    return session.scalars(
        sa.select(Curriculum).where(Curriculum.stage == stage).options(
            selectinload(Curriculum.focus_areas).selectinload(FocusArea.groups)
            .selectinload(CompetencyGroup.competencies).selectinload(Competency.items)
            .selectinload(CurriculumItem.revisions))).one_or_none()


def structural_changes(session: Session, curriculum: Curriculum,
                       baseline: Baseline) -> dict[tuple[int, str], list[Change]]:
    """Written add / delete / move changes since the baseline, latest first, by (competency
    id, item kind)."""
    found = session.scalars(
        implemented_since(curriculum, baseline)
        .where(Proposal.kind.in_(("add", "delete", "move")))
        .options(joinedload(Change.proposal), joinedload(Change.implemented_by))).unique()
    grouped: dict[tuple[int, str], list[Change]] = {}
    for change in found:
        key = (change.proposal.competency_id, change.proposal.item_kind)
        grouped.setdefault(key, []).append(change)
    return grouped


def state_at(item: CurriculumItem, baseline: Baseline) -> ItemRevision | None:
    """The item's revision in force at the baseline; None when it did not exist or was
    retired."""
    found = revision_at(item.revisions, baseline)
    return None if found is None or found.retired else found


def _old_sequence(items: list[CurriculumItem], now: list[CurriculumItem],
                  changes: list[Change], baseline: Baseline) -> list[CurriculumItem]:
    by_id = {i.id: i for i in items}
    sequence = list(now)
    for change in changes:  # latest first: undo each
        item = by_id.get(change.item_id)
        if item is None:
            continue
        kind = change.proposal.kind
        if kind in ("add", "move") and item in sequence:
            sequence.remove(item)
        if kind in ("delete", "move") and item not in sequence:
            sequence.insert(min(change.previous_position or 0, len(sequence)), item)
    existed = [i for i in items if state_at(i, baseline) is not None]
    sequence = [i for i in sequence if i in existed]
    return sequence + [i for i in existed if i not in sequence]  # e.g. retired by re-import


def merged_items(competency: Competency, kind: str, changes: list[Change],
                 baseline: Baseline) -> list[ItemChange]:
    """The items of one kind in reading order with old and new merged: items removed or
    moved away appear where they were, items added or moved in where they are now."""
    items = [i for i in competency.items if i.kind == kind]
    now = ordered(competency, kind)
    old = _old_sequence(items, now, changes, baseline)
    moved_by = {c.item_id: c for c in changes}
    merged: list[ItemChange] = []

    def entry(item: CurriculumItem, was: bool, is_now: bool) -> ItemChange:
        base = revision_at(item.revisions, baseline)
        later = [r for r in item.revisions if is_implemented(r)
                 and (base is None or r.version > base.version)]
        latest = max(later, key=lambda r: r.version) if later else None
        change = moved_by.get(item.id)
        author = (latest.author if latest and latest.author else
                  change.implemented_by.name if change and change.implemented_by else
                  "Review Day")
        at = (latest.changed_at if latest else change.implemented_at if change
              else baseline.moment)
        return ItemChange(item, state_at(item, baseline) if was else None, is_now, author, at)

    matcher = difflib.SequenceMatcher(None, [i.id for i in old], [i.id for i in now],
                                      autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            merged += [entry(item, True, True) for item in now[j1:j2]]
            continue
        merged += [entry(item, True, False) for item in old[i1:i2]]
        merged += [entry(item, False, True) for item in now[j1:j2]]
    return merged
