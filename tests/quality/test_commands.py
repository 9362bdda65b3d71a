"""`review-app check-curriculum`: lines, JSON and the exit status."""

import json

from review_app.curriculum.sources import import_curriculum_file
from review_app.quality import spelling

from .data import first_competency, write_stage


def test_json_lists_the_sample_programs_finding_and_exits_1(runner, sample_curriculum):
    result = runner.invoke(args=["check-curriculum", "--stage", "stage-1", "--json"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)
    found = [f for f in findings if f["rule"] == "uk-spelling"]
    if spelling.speller() is not None:
        assert found == [{
            "rule": "uk-spelling", "severity": "error", "stage": "stage-1",
            "competency": "Prioritise for Productivity",
            "item": {"kind": "instructor_activity", "position": 3},
            "text": found[0]["text"], "message": "“programs” is an American spelling.",
            "suggestion": "Write “programmes”.", "related": []}]
        assert "wellbeing programs like Schwartz Rounds" in found[0]["text"]
    assert set(findings[0]) == {"rule", "severity", "stage", "competency", "item", "text",
                                "message", "suggestion", "related"}


def test_lines_and_exit_0_without_errors(runner, session, tmp_path):
    def fix(data):
        activity = first_competency(data)["instructor_activities"][2]
        activity["description"] = activity["description"].replace("programs", "programmes")
    import_curriculum_file(session, write_stage(tmp_path, "stage-2", "Stage 2: Mid", fix))
    session.commit()
    result = runner.invoke(args=["check-curriculum", "--stage", "Stage 2"])
    assert result.exit_code == 0, result.output
    assert "findings: 0 errors, " in result.stderr
    assert all(line.split()[0] in {"WARNING", "INFO"} for line in result.stdout.splitlines())


def test_an_outcome_with_a_vague_verb_is_an_error_line(runner, session, tmp_path):
    def vague(data):
        first_competency(data)["learning_outcomes"][0] = "Understand how to prioritise."
    import_curriculum_file(session, write_stage(tmp_path, "stage-3", "Stage 3: Senior", vague))
    session.commit()
    result = runner.invoke(args=["check-curriculum", "--stage", "stage-3"])
    assert result.exit_code == 1
    assert ("ERROR outcome-verb [stage-3 › Prioritise for Productivity › Learning outcome 1] "
            "This outcome opens with “understand”") in result.stdout


def test_unknown_or_missing_stage_is_a_usage_error(runner, sample_curriculum):
    assert "unknown stage" in runner.invoke(
        args=["check-curriculum", "--stage", "stage-9"]).output
    result = runner.invoke(args=["check-curriculum", "--stage", "stage-4"])
    assert result.exit_code == 2 and "no curriculum is imported for stage-4" in result.output
