"""Fixtures for the report tests: a whole review period of realistic data, and LibreOffice."""

from __future__ import annotations

import pytest

from review_app.curriculum.store import curriculum_to_doc, load_curriculum

from .factories import build_review_period
from .office import Office


@pytest.fixture
def period(session, sample_curriculum):
    """Four weekly Review Days in July 2025 with 30 proposals each, and the curriculum as
    plain data before and after them."""
    before = curriculum_to_doc(sample_curriculum)
    found = build_review_period(session, sample_curriculum, weeks=4, proposals_per_day=30)
    session.commit()
    found.before = before
    found.after = curriculum_to_doc(load_curriculum(session, "stage-1"))
    return found


@pytest.fixture(scope="session")
def office(tmp_path_factory):
    return Office(tmp_path_factory.mktemp("office"))
