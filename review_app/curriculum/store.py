"""Storing curricula: creating them, re-importing them in place, reading them back out.

Re-import keeps ids stable where the thing is the same: competencies are matched by title
anywhere in the curriculum, items by identical text first and then by position. A changed
text becomes a new item version with the old one kept in its history.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from ..models import (
    ITEM_KINDS,
    STAGES,
    Competency,
    CompetencyGroup,
    Curriculum,
    CurriculumItem,
    FocusArea,
    ItemRevision,
)
from ..models.curriculum import utcnow
from .document import ActivityDoc, CompetencyDoc, CurriculumDoc, FocusAreaDoc, GroupDoc


@dataclass
class ImportResult:
    curriculum: Curriculum
    created: bool
    changed: bool


def _texts(c: CompetencyDoc) -> dict[str, list[tuple[str | None, str]]]:
    """A competency's editable texts by item kind, as (title, text) pairs in order."""
    def pairs(found: list[ActivityDoc]) -> list[tuple[str | None, str]]:
        return [(a.title, a.description) for a in found]
    return {"statement": [(None, c.statement)],
            "outcome": [(None, o) for o in c.learning_outcomes],
            "instructor_activity": pairs(c.instructor_activities),
            "individual_activity": pairs(c.individual_activities)}


def record_revision(item: CurriculumItem, source: str, author: str | None = None) -> None:
    item.revisions.append(ItemRevision(version=item.version, title=item.title, text=item.text,
                                       retired=item.retired, source=source, author=author))


def _sync_items(competency: Competency, wanted: dict[str, list[tuple[str | None, str]]],
                source: str) -> bool:
    changed, position = False, 0
    for kind, pairs in wanted.items():
        existing = competency.live_items(kind)
        # Identical texts keep their item wherever they moved, even one retired earlier.
        every = existing + [i for i in competency.items if i.kind == kind and i.retired]
        matched: dict[int, CurriculumItem] = {}
        for i, pair in enumerate(pairs):
            same = next((e for e in every if (e.title, e.text) == pair
                         and e not in matched.values()), None)
            if same is not None:
                matched[i] = same
        spare = [e for e in existing if e not in matched.values()]
        for i, (title, text) in enumerate(pairs):
            item = matched.get(i) or (spare.pop(0) if spare else None)
            if item is None:
                item = CurriculumItem(kind=kind, title=title, text=text, position=position,
                                      version=1, retired=False)
                competency.items.append(item)
                record_revision(item, source)
                changed = True
            elif (item.title, item.text, item.retired) != (title, text, False):
                item.title, item.text, item.retired = title, text, False
                item.version += 1
                record_revision(item, source)
                changed = True
            if item.position != position:
                item.position, changed = position, True
            position += 1
        for item in spare:
            item.retired, item.version = True, item.version + 1
            record_revision(item, source)
            changed = True
    return changed


def load_curriculum(session: Session, stage: str) -> Curriculum | None:
    """The curriculum of a stage with its whole tree loaded in a handful of queries."""
    return session.scalars(
        sa.select(Curriculum).where(Curriculum.stage == stage).options(
            selectinload(Curriculum.focus_areas).selectinload(FocusArea.groups)
            .selectinload(CompetencyGroup.competencies).selectinload(Competency.items))
    ).one_or_none()


def save_curriculum(session: Session, doc: CurriculumDoc, source: str) -> ImportResult:
    """Create the curriculum for doc's stage, or update the existing one as a new version."""
    curriculum = load_curriculum(session, doc.stage)
    created = curriculum is None
    if curriculum is None:
        curriculum = Curriculum(stage=doc.stage, title=STAGES[doc.stage], version=1)
        session.add(curriculum)
    by_title = {c.title.casefold(): c for c in _all_competencies(curriculum)}
    old_groups = [g for fa in curriculum.focus_areas for g in fa.groups]
    changed, kept = created, set()
    for a, area_doc in enumerate(doc.focus_areas):
        area, moved = _placed(curriculum.focus_areas, FocusArea, area_doc.title, a)
        changed |= moved
        for g, group_doc in enumerate(area_doc.groups):
            group, moved = _placed(area.groups, CompetencyGroup, group_doc.title, g)
            changed |= moved
            for c, comp_doc in enumerate(group_doc.competencies):
                comp = by_title.get(comp_doc.title.casefold())
                if comp is None:
                    comp, changed = Competency(title=comp_doc.title, position=c), True
                    group.competencies.append(comp)
                elif comp.group is not group or comp.position != c or comp.retired:
                    comp.group = group
                    comp.position, comp.retired, changed = c, False, True
                if comp.title != comp_doc.title or comp.code_values != comp_doc.code_values:
                    comp.title, comp.code_values, changed = (comp_doc.title,
                                                             list(comp_doc.code_values), True)
                changed |= _sync_items(comp, _texts(comp_doc), source)
                kept.add(id(comp))
    for comp in by_title.values():
        if id(comp) not in kept and not comp.retired:
            comp.retired, changed = True, True
            for kind in ("statement", "outcome", "instructor_activity", "individual_activity"):
                for item in comp.live_items(kind):
                    item.retired, item.version = True, item.version + 1
                    record_revision(item, source)
    changed |= _drop_empty(curriculum, old_groups)
    _sort(curriculum)
    if changed and not created:
        curriculum.version += 1
    curriculum.updated_at = utcnow() if changed else curriculum.updated_at
    session.flush()
    return ImportResult(curriculum, created, changed)


def _placed(children: list, model: type, title: str, position: int) -> tuple:
    """The child of that title, created if new, at `position`; and whether anything moved."""
    child = next((x for x in children if x.title == title), None)
    if child is None:
        child = model(title=title, position=position)
        children.append(child)
        return child, True
    moved, child.position = child.position != position, position
    return child, moved


def _sort(curriculum: Curriculum) -> None:
    """Keep the loaded collections in position order after changes within the session."""
    curriculum.focus_areas.sort(key=lambda a: a.position)
    for area in curriculum.focus_areas:
        area.groups.sort(key=lambda g: g.position)
        for group in area.groups:
            group.competencies.sort(key=lambda c: c.position)
            for comp in group.competencies:
                comp.items.sort(key=lambda i: i.position)


def _all_competencies(curriculum: Curriculum) -> list[Competency]:
    return [c for fa in curriculum.focus_areas for g in fa.groups for c in g.competencies]


def _drop_empty(curriculum: Curriculum, old_groups: list[CompetencyGroup]) -> bool:
    """Remove groups and focus areas that no longer hold any competency, retired or not."""
    changed = False
    for group in old_groups:
        if not group.competencies:
            group.focus_area.groups.remove(group)
            changed = True
    for area in list(curriculum.focus_areas):
        if not area.groups:
            curriculum.focus_areas.remove(area)
            changed = True
    return changed


# A competency's texts of one item kind as (title, text) pairs, in order.
Texts = Callable[[Competency, str], list[tuple[str, str]]]


def live_texts(competency: Competency, kind: str) -> list[tuple[str, str]]:
    return [(i.title or "", i.text) for i in competency.live_items(kind)]


def curriculum_to_doc(curriculum: Curriculum, texts: Texts = live_texts) -> CurriculumDoc:
    """The current curriculum (retired things left out) as plain data for export; `texts`
    supplies each competency's texts (the tracked-changes export passes revised ones)."""
    doc = CurriculumDoc(curriculum.stage)
    for area in curriculum.focus_areas:
        area_doc = FocusAreaDoc(area.title)
        for group in area.groups:
            group_doc = GroupDoc(group.title)
            for comp in group.competencies:
                if comp.retired:
                    continue
                found = {kind: texts(comp, kind) for kind in ITEM_KINDS}
                group_doc.competencies.append(CompetencyDoc(
                    title=comp.title,
                    statement=found["statement"][0][1] if found["statement"] else "",
                    code_values=list(comp.code_values or []),
                    learning_outcomes=[text for _title, text in found["outcome"]],
                    instructor_activities=[ActivityDoc(*pair)
                                           for pair in found["instructor_activity"]],
                    individual_activities=[ActivityDoc(*pair)
                                           for pair in found["individual_activity"]]))
            if group_doc.competencies:
                area_doc.groups.append(group_doc)
        if area_doc.groups:
            doc.focus_areas.append(area_doc)
    return doc


def list_curricula(session: Session) -> list[Curriculum]:
    found = session.scalars(sa.select(Curriculum)).all()
    return sorted(found, key=lambda c: c.stage_order)
