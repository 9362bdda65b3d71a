"""`review-app report` writes the same report the download sends."""

import docx


def test_report_command_writes_the_file(runner, period, tmp_path):
    out = tmp_path / "reports" / "july.docx"
    result = runner.invoke(args=["report", "--from", "2025-07-01", "--to", "2025-07-31",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}" in result.output
    document = docx.Document(str(out))
    assert document.core_properties.title == (
        "Review Day report: Tuesday 1 July 2025 to Thursday 31 July 2025")


def test_report_command_checks_its_arguments(runner, period, tmp_path):
    result = runner.invoke(args=["report", "--from", "2025-07-31", "--to", "2025-07-01",
                                 "--out", str(tmp_path / "x.docx")])
    assert result.exit_code != 0 and "--to is before --from" in result.output
    result = runner.invoke(args=["report", "--from", "2025-07-01", "--to", "2025-07-31",
                                 "--out", str(tmp_path / "x.pdf")])
    assert result.exit_code != 0 and "FILE.docx" in result.output
    result = runner.invoke(args=["report", "--from", "1 July", "--to", "2025-07-31",
                                 "--out", str(tmp_path / "x.docx")])
    assert result.exit_code != 0
