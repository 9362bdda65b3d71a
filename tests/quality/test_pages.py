"""The quality pages: a stage's findings beside their items, and a competency's pathway."""

from review_app.curriculum.sources import import_curriculum_file
from review_app.quality import spelling

from .data import first_competency, write_stage


def test_stage_page_summarises_and_shows_findings_beside_items(client, sample_curriculum):
    page = client.get("/curricula/quality/stage-1")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Stage 1: New and First-Line Managers and Leaders" in html
    assert 'class="app-table-scroll"' in html and "Findings by competency" in html
    if spelling.speller() is not None:
        item = first_competency_item(sample_curriculum, "instructor_activity", 2)
        start = html.index(f'data-item="{item.id}"')
        beside = html[start:html.index("</div>", start)]
        assert "“programs” is an American spelling." in beside
        assert "Write “programmes”." in beside
        assert ": 1 error, " in html


def first_competency_item(curriculum, kind, index):
    return curriculum.competencies()[0].live_items(kind)[index]


def test_unknown_stage_is_404(client, sample_curriculum):
    assert client.get("/curricula/quality/stage-4").status_code == 404
    assert client.get("/curricula/quality/nowhere").status_code == 404


def test_pathway_shows_each_stage_side_by_side_with_verb_and_level(client, session,
                                                                   sample_curriculum,
                                                                   tmp_path):
    def later(data):
        first_competency(data)["learning_outcomes"] = [
            "Evaluate your directorate's approach to prioritisation.",
            "Understand the board's priorities."]
    import_curriculum_file(session, write_stage(tmp_path, "stage-3", "Stage 3: Senior", later))
    session.commit()
    page = client.get("/curricula/quality/pathway?competency=Prioritise+for+Productivity")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    header = html[html.index("<thead"):html.index("</thead>")]
    assert header.index("Stage 1: New") < header.index("Stage 3: Senior")
    assert "Apply · level 3 Apply" in html
    assert "Evaluate · level 5 Evaluate" in html
    assert "Understand · not measurable" in html
    rows = html[html.index("<tbody"):html.index("</tbody>")].count("<tr")
    assert rows == 3  # Stage 1 has three outcomes, Stage 3 two: the third cell is empty


def test_pathway_of_an_unknown_competency_is_404(client, sample_curriculum):
    assert client.get("/curricula/quality/pathway?competency=Nothing").status_code == 404
    assert client.get("/curricula/quality/pathway").status_code == 200
