"""The curriculum CLI commands, through Flask's CLI runner."""

import docx

from review_app.curriculum.sources import read_curriculum_file
from review_app.curriculum.store import load_curriculum

from ..conftest import SAMPLE
from .builders import GOOD_ROWS, seed_table_docx


def test_import_then_export_word(runner, session, tmp_path):
    result = runner.invoke(args=["import-curriculum", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert "Stage 1: New and First-Line Managers and Leaders, version 1 (created), " \
           "27 competencies" in result.output
    out = tmp_path / "out.docx"
    result = runner.invoke(args=["export-curriculum", "--stage", "Stage 1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert read_curriculum_file(out) == read_curriculum_file(SAMPLE)
    assert docx.Document(str(out)).paragraphs[0].text.startswith("Stage 1:")


def test_export_defaults_to_the_exports_folder(runner, app, sample_curriculum):
    result = runner.invoke(args=["export-curriculum", "--stage", "stage-1"])
    assert result.exit_code == 0, result.output
    assert (app.config["EXPORTS_DIR"] / "stage-1.docx").exists()


def test_import_error_exits_non_zero_and_stores_nothing(runner, session, tmp_path):
    bad = seed_table_docx(tmp_path / "bad.docx", GOOD_ROWS, title="Stage 12: Nobody")
    result = runner.invoke(args=["import-curriculum", str(bad), str(SAMPLE)])
    assert result.exit_code == 1
    assert "unknown stage 'Stage 12: Nobody'" in result.output
    assert load_curriculum(session, "stage-1") is not None  # the good file still went in


def test_export_of_unknown_stage(runner, sample_curriculum):
    result = runner.invoke(args=["export-curriculum", "--stage", "stage-3"])
    assert result.exit_code != 0 and "no curriculum for stage-3" in result.output
    result = runner.invoke(args=["export-curriculum", "--stage", "banana"])
    assert result.exit_code != 0 and "unknown stage 'banana'" in result.output


def test_load_samples_twice_is_unchanged(runner, session):
    assert runner.invoke(args=["load-samples"]).exit_code == 0
    result = runner.invoke(args=["load-samples"])
    assert result.exit_code == 0 and "(unchanged)" in result.output
    assert load_curriculum(session, "stage-1").version == 1
