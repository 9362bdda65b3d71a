"""The curriculum text format (YAML or JSON), documented in docs/curriculum-format.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from ..models import CODE_VALUES
from .document import (
    ActivityDoc,
    CompetencyDoc,
    CurriculumDoc,
    CurriculumError,
    FocusAreaDoc,
    GroupDoc,
)
from .limits import ImportLimits, check_file_size, check_items
from .stages import stage_key


class _CurriculumLoader(yaml.SafeLoader):
    """safe_load without aliases: a curriculum needs none, and a few nested ones expand
    into millions of entries when the file is walked ("billion laughs")."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in a curriculum file",
                self.peek_event().start_mark)
        return super().compose_node(parent, index)


class _Reader:
    """Walks the parsed mapping, naming the exact place of any fault."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> CurriculumError:
        return CurriculumError(f"{self.source}: {where} {problem}")

    def text(self, node: dict[str, Any], key: str, where: str) -> str:
        value = node.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}.{key}", "is missing or empty")
        return value.strip()

    def items(self, node: dict[str, Any], key: str, where: str, required=True) -> list[Any]:
        value = node.get(key, None if required else [])
        if not isinstance(value, list) or (required and not value):
            raise self.fail(f"{where}.{key}", "must be a non-empty list")
        for i, entry in enumerate(value):
            if not isinstance(entry, dict | str):
                raise self.fail(f"{where}.{key}[{i}]", "has the wrong type")
        return value

    def activities(self, node: dict[str, Any], key: str, where: str) -> list[ActivityDoc]:
        found = []
        for i, entry in enumerate(self.items(node, key, where, required=False)):
            place = f"{where}.{key}[{i}]"
            if not isinstance(entry, dict):
                raise self.fail(place, "must have a title and a description")
            found.append(ActivityDoc(self.text(entry, "title", place),
                                     self.text(entry, "description", place)))
        return found

    def competency(self, node: Any, where: str) -> CompetencyDoc:
        if not isinstance(node, dict):
            raise self.fail(where, "must be a mapping")
        values = node.get("code_values", [])
        if not isinstance(values, list) or any(v not in CODE_VALUES for v in values):
            raise self.fail(f"{where}.code_values",
                            f"must list values of the Code: {', '.join(CODE_VALUES)}")
        outcomes = self.items(node, "learning_outcomes", where, required=False)
        for i, outcome in enumerate(outcomes):
            if not isinstance(outcome, str) or not outcome.strip():
                raise self.fail(f"{where}.learning_outcomes[{i}]", "is missing or empty")
        return CompetencyDoc(
            title=self.text(node, "title", where),
            statement=self.text(node, "statement", where),
            code_values=list(values),
            learning_outcomes=[o.strip() for o in outcomes],
            instructor_activities=self.activities(node, "instructor_activities", where),
            individual_activities=self.activities(node, "individual_activities", where),
        )

    def curriculum(self, data: Any, stage: str | None) -> CurriculumDoc:
        if not isinstance(data, dict):
            raise self.fail("top level", "must be a mapping with stage and focus_areas")
        stage_value = stage or data.get("stage") or data.get("title")
        if not isinstance(stage_value, str):
            raise self.fail("stage", "is missing (give it in the file or with --stage)")
        doc = CurriculumDoc(stage_key(stage_value, self.source))
        for a, area in enumerate(self.items(data, "focus_areas", "top level")):
            where = f"focus_areas[{a}]"
            area_doc = FocusAreaDoc(self.text(area, "title", where))
            for g, group in enumerate(self.items(area, "skills_groups", where)):
                place = f"{where}.skills_groups[{g}]"
                group_doc = GroupDoc(self.text(group, "title", place))
                for c, comp in enumerate(self.items(group, "competencies", place)):
                    group_doc.competencies.append(
                        self.competency(comp, f"{place}.competencies[{c}]"))
                area_doc.groups.append(group_doc)
            doc.focus_areas.append(area_doc)
        return doc


def read_text_curriculum(path: Path, stage: str | None = None,
                         limits: ImportLimits | None = None) -> CurriculumDoc:
    """Read a .yaml/.yml/.json curriculum file into a CurriculumDoc, or raise CurriculumError."""
    limits = limits or ImportLimits.configured()
    check_file_size(path, limits)
    try:
        raw = path.read_text(encoding="utf-8")
        data = (json.loads(raw) if path.suffix.lower() == ".json"
                else yaml.load(raw, Loader=_CurriculumLoader))  # noqa: S506 (a SafeLoader)
    except RecursionError as error:
        raise CurriculumError(f"{path}: cannot be read as {path.suffix[1:]}: it is nested "
                              "too deeply") from error
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as error:
        raise CurriculumError(f"{path}: cannot be read as {path.suffix[1:]}: {error}") from error
    doc = _Reader(str(path)).curriculum(data, stage)
    check_items(doc, str(path), limits)
    return doc


def curriculum_to_mapping(doc: CurriculumDoc, title: str) -> dict[str, Any]:
    """The text format's mapping for a curriculum (the inverse of read_text_curriculum)."""
    def activities(found: list[ActivityDoc]) -> list[dict[str, str]]:
        return [{"title": a.title, "description": a.description} for a in found]

    return {"stage": doc.stage, "title": title, "focus_areas": [
        {"title": area.title, "skills_groups": [
            {"title": group.title, "competencies": [
                {"title": c.title, "code_values": c.code_values, "statement": c.statement,
                 "learning_outcomes": c.learning_outcomes,
                 "instructor_activities": activities(c.instructor_activities),
                 "individual_activities": activities(c.individual_activities)}
                for c in group.competencies]}
            for group in area.groups]}
        for area in doc.focus_areas]}


def write_text_curriculum(doc: CurriculumDoc, title: str, path: Path) -> None:
    mapping = curriculum_to_mapping(doc, title)
    if path.suffix.lower() == ".json":
        path.write_text(json.dumps(mapping, indent=2, ensure_ascii=False) + "\n")
    else:
        path.write_text(yaml.safe_dump(mapping, sort_keys=False, allow_unicode=True, width=100))
