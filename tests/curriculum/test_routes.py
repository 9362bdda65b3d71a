"""The curriculum pages through the test client."""

import io

import docx


def test_index_lists_every_stage(client, sample_curriculum):
    page = client.get("/curricula/").get_data(as_text=True)
    assert "Fundamental Stage" in page and "Stage 4: Executive Managers and Leaders" in page
    assert 'href="/curricula/stage-1"' in page and "27 competencies" in page
    assert page.count("Not imported yet.") == 4


def test_curriculum_page_shows_the_hierarchy(client, sample_curriculum):
    response = client.get("/curricula/stage-1")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<main class="nhsuk-main-wrapper" id="maincontent"' in page
    assert 'aria-label="Contents"' in page
    assert "Prioritise for Productivity" in page and "Eisenhower Matrix Workshop" in page
    assert page.count('class="nhsuk-card app-competency"') == 27
    assert "27 of 27 competencies shown" in page.replace("<span data-shown-count>", "").replace(
        "</span>", "")


def _shown(page):
    return page.count('data-competency=') - page.count('" hidden>')


def test_filter_by_text_and_value(client, sample_curriculum):
    page = client.get("/curricula/stage-1?q=eisenhower").get_data(as_text=True)
    assert ">1</span> of 27 competencies shown" in page
    comp = sample_curriculum.competencies()[0]
    value = comp.code_values[0]
    page = client.get(f"/curricula/stage-1?value={value}").get_data(as_text=True)
    expected = sum(value in c.code_values for c in sample_curriculum.competencies())
    assert f">{expected}</span> of 27" in page
    page = client.get("/curricula/stage-1?q=zzzznothing").get_data(as_text=True)
    assert ">0</span> of 27" in page and "No competencies match this filter" in page


def test_unknown_stage_is_404(client, sample_curriculum):
    assert client.get("/curricula/stage-9").status_code == 404
    assert client.get("/curricula/stage-3").status_code == 404


def test_word_download(client, sample_curriculum):
    response = client.get("/curricula/stage-1.docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.data))
    assert len(document.tables) == 27
