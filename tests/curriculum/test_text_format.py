"""The YAML/JSON text format and the sample curriculum."""

import json

import pytest
import yaml

from review_app.curriculum.document import CurriculumError
from review_app.curriculum.sources import read_curriculum_file
from review_app.curriculum.text_format import curriculum_to_mapping, write_text_curriculum

from ..conftest import ROOT, SAMPLE
from .builders import small_doc

SEED = (ROOT.parent / "shared" / "seeds" / "001_ed604901b1016cfc.txt")


def test_sample_has_the_whole_framework():
    doc = read_curriculum_file(SAMPLE)
    assert doc.stage == "stage-1"
    assert [a.title for a in doc.focus_areas] == [
        "Self Effectiveness", "Managing People and Resources", "Delivering Across Health and Care"]
    assert sum(len(a.groups) for a in doc.focus_areas) == 9
    comps = doc.competencies()
    assert len(comps) == 27
    for comp in comps:
        assert comp.statement.startswith("I regularly")
        assert len(comp.learning_outcomes) == 3
        assert len(comp.instructor_activities) == 3 and len(comp.individual_activities) == 3
        assert 1 <= len(comp.code_values) <= 3


def test_prioritise_for_productivity_is_exactly_the_seeds():
    comp = read_curriculum_file(SAMPLE).competencies()[0]
    assert comp.title == "Prioritise for Productivity"
    if SEED.exists():  # the seed sits beside the repository in this workplace
        seed = SEED.read_text()
        for text in [comp.statement, *comp.learning_outcomes]:
            assert text in seed
        for activity in comp.instructor_activities + comp.individual_activities:
            assert activity.description in seed and activity.title in seed
    assert comp.individual_activities[2].title == "Continuous Development Diary"


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_text_round_trip(tmp_path, suffix):
    path = tmp_path / f"c{suffix}"
    write_text_curriculum(small_doc(), "Stage 2: Mid-Level Managers and Leaders", path)
    assert read_curriculum_file(path) == small_doc()


def _write(tmp_path, mapping, name="c.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(mapping) if name.endswith("yaml") else json.dumps(mapping))
    return path


def _mapping():
    return curriculum_to_mapping(small_doc(), "Stage 2")


def _broken(change):
    mapping = _mapping()
    change(mapping)
    return mapping


COMP = ("focus_areas", 0, "skills_groups", 0, "competencies", 0)


def _at(mapping, path=COMP):
    node = mapping
    for key in path:
        node = node[key]
    return node


BAD = {
    "empty title": (lambda m: _at(m).update(title="  "),
                    r"focus_areas\[0\].skills_groups\[0\].competencies\[0\].title is missing"),
    "unknown stage": (lambda m: m.update(stage="stage-9"), r"unknown stage 'stage-9'"),
    "no focus areas": (lambda m: m.update(focus_areas=[]), r"focus_areas must be a non-empty"),
    "unknown value": (lambda m: _at(m).update(code_values=["Bravery"]),
                      r"code_values must list values of the Code"),
    "activity without description": (
        lambda m: _at(m)["instructor_activities"][0].pop("description"),
        r"instructor_activities\[0\].description is missing"),
    "outcome not text": (lambda m: _at(m)["learning_outcomes"].append(3),
                         r"learning_outcomes\[3\] has the wrong type"),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_text_files_name_the_place(tmp_path, case):
    change, message = BAD[case]
    path = _write(tmp_path, _broken(change))
    with pytest.raises(CurriculumError, match=message) as raised:
        read_curriculum_file(path)
    assert str(path) in str(raised.value)


def test_unparseable_and_unknown_files(tmp_path):
    broken = tmp_path / "c.json"
    broken.write_text("{not json")
    with pytest.raises(CurriculumError, match="cannot be read as json"):
        read_curriculum_file(broken)
    with pytest.raises(CurriculumError, match="unsupported file type '.txt'"):
        (tmp_path / "c.txt").write_text("x")
        read_curriculum_file(tmp_path / "c.txt")
    with pytest.raises(CurriculumError, match="no such file"):
        read_curriculum_file(tmp_path / "missing.yaml")
