"""Small curricula as plain data, and a second stage on disk, for the quality tests."""

from __future__ import annotations

from pathlib import Path

import yaml

from review_app.quality.findings import CompetencyData, ItemData, StageData

from ..conftest import SAMPLE

VALUES = ("Accountability", "Collaboration", "Compassion", "Curiosity", "Inclusion",
          "Integrity")


def comp(title: str, outcomes=(), statement: str = "I regularly do the work well.",
         values=VALUES, activities=(), cid: int | None = None) -> CompetencyData:
    items = [ItemData(None, "statement", 1, statement)]
    items += [ItemData(None, "outcome", n, t) for n, t in enumerate(outcomes, start=1)]
    items += [ItemData(None, "instructor_activity", n, t, f"Activity {n}")
              for n, t in enumerate(activities, start=1)]
    return CompetencyData(cid, title, tuple(values), tuple(items))


def stage(key: str, *competencies: CompetencyData, order: int = 1) -> StageData:
    return StageData(key, key.replace("-", " ").title(), order, tuple(competencies))


def write_stage(tmp_path: Path, key: str, title: str, change) -> Path:
    """The sample curriculum re-titled as another stage, after `change(data)`."""
    data = yaml.safe_load(SAMPLE.read_text())
    data["stage"], data["title"] = key, title
    change(data)
    path = tmp_path / f"{key}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def first_competency(data: dict) -> dict:
    return data["focus_areas"][0]["skills_groups"][0]["competencies"][0]
