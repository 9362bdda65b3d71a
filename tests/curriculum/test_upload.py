"""Uploading a curriculum in the browser: hold, preview, confirm; errors store nothing."""

from __future__ import annotations

import io
import re
import time

import pytest
import sqlalchemy as sa
import yaml

from review_app.curriculum.changes import compare_docs
from review_app.curriculum.sources import read_curriculum_file
from review_app.curriculum.uploads import expire_uploads
from review_app.models import Curriculum

from ..conftest import SAMPLE, app_with_tables
from ..factories import sign_in
from .builders import GOOD_ROWS, seed_table_docx, small_doc


@pytest.fixture
def lead(client, make_user):
    user = make_user("programme_lead")
    sign_in(client, user)
    return user


def _upload(client, name, data, stage=""):
    return client.post("/curricula/upload", data={"file": (io.BytesIO(data), name),
                                                  "stage": stage},
                       content_type="multipart/form-data")


def _stored(session):
    return session.scalars(sa.select(Curriculum)).all()


def _held(app):
    folder = app.config["INSTANCE_DIR"] / "curriculum-uploads"
    return list(folder.iterdir()) if folder.is_dir() else []


def test_upload_previews_then_stores_on_confirm(app, client, session, lead):
    response = _upload(client, "stage-1.yaml", SAMPLE.read_bytes())
    assert response.status_code == 302
    preview_url = response.headers["Location"]
    page = client.get(preview_url).get_data(as_text=True)
    assert "Stage 1: New and First-Line Managers and Leaders" in page
    assert "27 competencies" in page and "Nothing yet: this will be version 1" in page
    row = re.search(r'data-competency="Prioritise for Productivity">.*?</tr>', page, re.S)[0]
    assert re.findall(r">(\d+)</td>", row) == ["3", "3", "3"]
    assert _stored(session) == []  # nothing before confirming

    response = client.post(preview_url)
    assert response.headers["Location"].endswith("/curricula/stage-1")
    [curriculum] = _stored(session)
    assert curriculum.version == 1 and len(curriculum.competencies()) == 27
    assert _held(app) == []  # the held file goes once stored
    assert client.get(preview_url).status_code == 404


def test_reimport_preview_shows_word_level_changes(app, client, session, lead,
                                                   sample_curriculum):
    data = yaml.safe_load(SAMPLE.read_text())
    comp = data["focus_areas"][0]["skills_groups"][0]["competencies"][0]
    comp["learning_outcomes"][0] = comp["learning_outcomes"][0].replace(
        "organise tasks effectively", "organise tasks well")
    comp["learning_outcomes"].append("Teach prioritisation to a colleague.")
    del comp["individual_activities"][2]
    response = _upload(client, "edited.yaml", yaml.safe_dump(data).encode())
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "1 added, 1 removed and 1 reworded items." in page
    assert "Version 1: storing this file makes version 2" in page
    assert "[deleted: </span>effectively" in page and "[inserted: </span>well" in page
    assert "<ins>Teach prioritisation to a colleague.</ins>" in page
    assert "<del>Continuous Development Diary:" in page
    session.expire_all()
    assert _stored(session)[0].version == 1  # still, until confirmed

    client.post(response.headers["Location"])
    session.expire_all()
    assert _stored(session)[0].version == 2


def test_unchanged_reimport_says_so(client, session, lead, sample_curriculum):
    response = _upload(client, "same.yaml", SAMPLE.read_bytes())
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "storing it changes nothing" in page


def test_word_upload(client, session, lead, tmp_path):
    path = seed_table_docx(tmp_path / "good.docx", GOOD_ROWS)
    response = _upload(client, "good.docx", path.read_bytes())
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Stage 2: Mid-Level Managers and Leaders" in page
    assert "1 competency, 2 learning outcomes, 2 activities" in page
    client.post(response.headers["Location"])
    assert _stored(session)[0].stage == "stage-2"


def test_malformed_word_names_file_table_row_and_stores_nothing(app, client, session, lead,
                                                                tmp_path):
    rows = [GOOD_ROWS[0], ["Self Effectiveness", "Communicating", "", "A statement.", "x"]]
    path = seed_table_docx(tmp_path / "bad.docx", rows)
    response = _upload(client, "My curriculum.docx", path.read_bytes())
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert '<div class="nhsuk-error-summary"' in page and 'href="#file"' in page
    assert "My_curriculum.docx" not in page  # the name as uploaded, not as held
    assert "My curriculum.docx: table 1, row 3: the competency title is empty" in page
    assert str(app.config["INSTANCE_DIR"]) not in page
    assert _stored(session) == [] and _held(app) == []


def test_wrong_type_and_size_are_refused(app, client, session, lead):
    page = _upload(client, "notes.txt", b"hello").get_data(as_text=True)
    assert "notes.txt: the file must be a Word document (.docx)" in page
    app.config["IMPORT_MAX_FILE_BYTES"] = 100
    page = _upload(client, "stage-1.yaml", SAMPLE.read_bytes()).get_data(as_text=True)
    assert "more than the 0 MiB an import may be" in page
    assert _stored(session) == [] and _held(app) == []


def test_no_file_chosen(client, lead):
    response = client.post("/curricula/upload", data={"stage": ""})
    assert response.status_code == 400
    assert "Select a curriculum file to upload" in response.get_data(as_text=True)


def test_stage_given_on_the_form(client, session, lead, tmp_path):
    path = seed_table_docx(tmp_path / "untitled.docx", GOOD_ROWS, title=None)
    assert "no stage in the document title; choose its stage below" in _upload(
        client, "untitled.docx", path.read_bytes()).get_data(as_text=True)
    response = _upload(client, "untitled.docx", path.read_bytes(), stage="stage-3")
    client.post(response.headers["Location"])
    assert _stored(session)[0].stage == "stage-3"


def test_only_leads_and_admins_upload(client, make_user):
    sign_in(client, make_user("facilitator"))
    assert client.get("/curricula/upload").status_code == 403
    assert _upload(client, "stage-1.yaml", SAMPLE.read_bytes()).status_code == 403
    sign_in(client, make_user("admin"))
    assert client.get("/curricula/upload").status_code == 200
    assert "Upload a curriculum" in client.get("/curricula/").get_data(as_text=True)


def test_held_upload_belongs_to_its_uploader_and_expires(app, client, session, lead,
                                                         make_user):
    preview_url = _upload(client, "stage-1.yaml", SAMPLE.read_bytes()).headers["Location"]
    sign_in(client, make_user("admin"))
    assert client.get(preview_url).status_code == 404
    assert client.post(preview_url).status_code == 404
    assert client.get("/curricula/upload/not-a-token").status_code == 404
    sign_in(client, lead)
    assert client.get(preview_url).status_code == 200
    assert expire_uploads(app.config["INSTANCE_DIR"], hold_seconds=0,
                          now=time.time() + 1) == 1
    assert client.post(preview_url).status_code == 404
    assert _stored(session) == []


def test_cancel_forgets_the_upload(app, client, session, lead):
    preview_url = _upload(client, "stage-1.yaml", SAMPLE.read_bytes()).headers["Location"]
    client.post(preview_url + "/cancel")
    assert _held(app) == [] and client.post(preview_url).status_code == 404
    assert _stored(session) == []


def test_forms_need_the_csrf_token(database_config, tmp_path, make_user):
    with app_with_tables(database_config, tmp_path, WTF_CSRF_ENABLED=True) as app:
        client = app.test_client()
        from review_app.auth.users import UserDetails, add_user
        from review_app.extensions import db
        user = add_user(db.session, UserDetails("l@example.org", "Lead", "programme_lead"),
                        "a-long-test-password")
        db.session.commit()
        sign_in(client, user)
        response = _upload(client, "stage-1.yaml", SAMPLE.read_bytes())
        assert response.status_code == 400
        assert "Something was wrong with that request" in response.get_data(as_text=True)
        assert _held(app) == []


def test_compare_docs_pairs_like_the_store():
    old, new = small_doc(), small_doc(competencies=3)
    new.competencies()[0].learning_outcomes[1] = "Apply skill 1.1 daily"
    del new.focus_areas[0].groups[0].competencies[1]
    changes = compare_docs(old, new)
    assert [(c.title, c.change) for c in changes.competencies] == [
        ("Competency 1", "changed"), ("Competency 3", "added"), ("Competency 2", "removed")]
    [reworded] = changes.competencies[0].items
    assert (reworded.change, reworded.old, reworded.new) == (
        "reworded", "Apply skill 1.1", "Apply skill 1.1 daily")
    assert compare_docs(read_curriculum_file(SAMPLE), read_curriculum_file(SAMPLE)).empty


def test_a_request_over_the_size_limit_gets_a_clear_page(app, client, session, lead):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = _upload(client, "stage-1.yaml", SAMPLE.read_bytes())
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "The file is too large" in page and "up to 16 MiB" in page
    assert _stored(session) == [] and _held(app) == []
