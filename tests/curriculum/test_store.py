"""Storing curricula: versions, stable ids, item history, retirement."""

import copy

import sqlalchemy as sa

from review_app.curriculum.document import ActivityDoc
from review_app.curriculum.store import curriculum_to_doc, load_curriculum, save_curriculum
from review_app.models import Curriculum, CurriculumItem

from .builders import small_doc


def _ids(curriculum):
    return {(c.title, i.kind, i.position): i.id for c in curriculum.competencies()
            for i in c.items if not i.retired}


def test_first_import_creates_version_one_with_history(session):
    result = save_curriculum(session, small_doc(), "test")
    session.commit()
    assert result.created and result.curriculum.version == 1
    item = session.scalars(sa.select(CurriculumItem)).first()
    assert item.version == 1 and [r.version for r in item.revisions] == [1]


def test_reimport_unchanged_keeps_the_version(session):
    save_curriculum(session, small_doc(), "test")
    session.commit()
    result = save_curriculum(session, small_doc(), "test")
    assert not result.created and not result.changed and result.curriculum.version == 1


def test_reimport_is_a_new_version_in_place_with_stable_ids(session):
    first = save_curriculum(session, small_doc(competencies=3), "test").curriculum
    session.commit()
    before = _ids(first)
    edited = copy.deepcopy(small_doc(competencies=3))
    comp = edited.competencies()[1]
    comp.learning_outcomes[1] = "Apply skill 2.1 with care."
    comp.learning_outcomes.reverse()  # moved outcomes keep their ids
    comp.individual_activities.pop()
    comp.instructor_activities.append(ActivityDoc("New Session", "Something new."))
    result = save_curriculum(session, edited, "second")
    session.commit()
    curriculum = load_curriculum(session, "stage-2")
    assert result.changed and curriculum.version == 2
    assert session.scalar(sa.select(sa.func.count()).select_from(Curriculum)) == 1
    assert curriculum_to_doc(curriculum) == edited
    competency = curriculum.competencies()[1]
    outcomes = competency.live_items("outcome")
    assert [o.text for o in outcomes] == comp.learning_outcomes
    unchanged = [i for key, i in before.items() if key[0] != "Competency 2"]
    assert set(unchanged) <= set(_ids(curriculum).values())
    edited_item = next(o for o in outcomes if o.text == "Apply skill 2.1 with care.")
    assert edited_item.id in before.values()
    assert edited_item.version == 2
    assert [r.text for r in edited_item.revisions] == ["Apply skill 2.1",
                                                       "Apply skill 2.1 with care."]
    retired = [i for i in competency.items if i.retired]
    assert [i.title for i in retired] == ["Log 2"] and retired[0].version == 2


def test_dropped_competency_is_retired_not_deleted(session):
    save_curriculum(session, small_doc(competencies=3), "test")
    session.commit()
    save_curriculum(session, small_doc(competencies=2), "test")
    session.commit()
    curriculum = load_curriculum(session, "stage-2")
    assert [c.title for c in curriculum.competencies()] == ["Competency 1", "Competency 2"]
    gone = session.scalars(sa.select(CurriculumItem).where(CurriculumItem.retired)).all()
    assert gone and all(i.competency.title == "Competency 3" for i in gone)
    # and it comes back with the same ids if it is imported again
    ids = {i.id for i in gone}
    save_curriculum(session, small_doc(competencies=3), "test")
    session.commit()
    back = load_curriculum(session, "stage-2").competencies()[2]
    assert {i.id for i in back.items if not i.retired} == ids
