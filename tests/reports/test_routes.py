"""The reports page and its downloads over HTTP, by role."""

import io
import time
import zipfile

import docx
import pytest
import sqlalchemy as sa

from review_app.models import Comment, CurriculumItem

from ..factories import sign_in
from .factories import make_user
from .office import needs_soffice

ROLES = ("facilitator", "programme_lead", "admin", "stakeholder")
MAY_EXPORT = {"programme_lead", "admin"}


@pytest.fixture
def users(app, session, period):
    made = {role: make_user(session, role, f"{role} person") for role in ROLES}
    session.commit()
    return made


URLS = ("/reports/", "/reports/review-day-report.docx?from=2025-07-07&to=2025-07-13",
        "/reports/curriculum-tracked.docx?stage=stage-1&since=2025-07-01")


def test_anonymous_visitors_are_sent_to_sign_in(client, users):
    for url in URLS:
        response = client.get(url)
        assert response.status_code == 302 and "sign-in" in response.headers["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_only_programme_leads_and_admins_export(client, users, role):
    sign_in(client, users[role])
    for url in URLS:
        assert client.get(url).status_code == (200 if role in MAY_EXPORT else 403), url


def test_reports_page_offers_each_week_and_the_whole_period(client, users, period):
    sign_in(client, users["programme_lead"])
    page = client.get("/reports/").get_data(as_text=True)
    assert "from=2025-07-08&amp;to=2025-07-29" in page  # the whole period
    for week in period.weeks:
        assert f"Week of {week.starts_on:%A} {week.starts_on.day}" in page
    assert 'href="/reports/"' in page  # in the menu


def test_download_is_the_report_for_those_dates(client, users):
    sign_in(client, users["programme_lead"])
    response = client.get(URLS[1])
    assert response.mimetype.endswith("wordprocessingml.document")
    assert "review-day-report-2025-07-07-to-2025-07-13.docx" in response.headers[
        "Content-Disposition"]
    document = docx.Document(io.BytesIO(response.data))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert "Tuesday 8 July 2025: Stage 1" in headings
    assert not any(h.startswith("Tuesday 15 July 2025") for h in headings)


def test_tracked_download_and_bad_input(client, users):
    sign_in(client, users["admin"])
    response = client.get(URLS[2])
    document = docx.Document(io.BytesIO(response.data))
    assert document.element.body.xpath(".//w:ins")
    assert client.get("/reports/review-day-report.docx?from=2025-07-31&to=2025-07-01"
                      ).status_code == 400
    assert client.get("/reports/review-day-report.docx?from=July").status_code == 400
    # Issue 13: what the form got wrong, on the Reports page the NHS way, not a bare 404.
    response = client.get("/reports/curriculum-tracked.docx?stage=stage-4&since=2025-07-01")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and '<a href="#stage">That curriculum has not' in page
    assert 'id="stage-error"' in page and 'value="stage-4" selected' not in page
    response = client.get("/reports/curriculum-tracked.docx?stage=nonsense")
    assert response.status_code == 400 and "Choose a curriculum from the list" in \
        response.get_data(as_text=True)
    response = client.get("/reports/curriculum-tracked.docx?stage=stage-2&review_day=99999")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'href="#review_day"' in page
    assert 'id="review_day-error"' in page and "nhsuk-select--error" in page


def test_chosen_dates_use_the_nhs_date_input_and_say_what_to_fix(client, users):
    sign_in(client, users["programme_lead"])
    page = client.get("/reports/").get_data(as_text=True)
    assert 'name="from-day"' in page and 'type="date"' not in page
    response = client.get("/reports/report?from-day=13&from-month=7&from-year=2025"
                          "&to-day=7&to-month=7&to-year=2025")
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "There is a problem" in text
    assert "The date the report ends must be the same as or after the date it starts" in text
    assert 'href="#to-day"' in text and "nhsuk-input--error" in text
    response = client.get("/reports/report?from-day=31&from-month=2&from-year=2025&to-day=")
    text = response.get_data(as_text=True)
    assert "must be a real date" in text and "Enter the date the report ends" in text
    response = client.get("/reports/report?from-day=7&from-month=7&from-year=2025"
                          "&to-day=13&to-month=7&to-year=2025&format=docx")
    assert response.status_code == 200 and response.mimetype.endswith("document")


def test_the_page_says_what_each_tracked_download_contains(client, users, period):
    sign_in(client, users["programme_lead"])
    text = client.get("/reports/").get_data(as_text=True)
    assert "implemented since the start of the Review Day on Tuesday 8 July 2025" in text
    first = period.days[0]
    response = client.get(f"/reports/curriculum-tracked.docx?stage=stage-1"
                          f"&review_day={first.id}")
    assert response.status_code == 200
    assert docx.Document(io.BytesIO(response.data)).core_properties.author == \
        "programme_lead person"
    for bad in ("review_day=99999999999", "review_day=%C2%B2", "since=2025-13-01"):
        assert client.get(f"/reports/curriculum-tracked.docx?stage=stage-1&{bad}"
                          ).status_code in (400, 404), bad


@needs_soffice
def test_the_pdf_is_prepared_in_the_background_then_offered(client, users, tmp_path):
    sign_in(client, users["programme_lead"])
    response = client.get("/reports/report?from-day=7&from-month=7&from-year=2025"
                          "&to-day=13&to-month=7&to-year=2025&format=pdf")
    assert response.status_code == 303
    page_url = response.headers["Location"]
    token = page_url.rstrip("/").rsplit("/", 1)[1]
    waited = 0.0
    while "Preparing the report" in (text := client.get(page_url).get_data(as_text=True)):
        assert 'http-equiv="refresh"' in text
        assert waited < 240, "the pack was never ready"
        time.sleep(0.5)
        waited += 0.5
    assert "Report ready" in text, text
    with client.get(f"/reports/packs/{token}/report.pdf") as pdf:
        assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    with client.get(f"/reports/packs/{token}/report.docx") as word:
        assert docx.Document(io.BytesIO(word.data)).core_properties.author == \
            "programme_lead person"
    for bad in ("0" * 32, "zz", "../" * 5):
        assert client.get(f"/reports/packs/{bad}").status_code == 404
    sign_in(client, users["facilitator"])
    assert client.get(page_url).status_code == 403


def test_a_control_character_in_stored_text_never_stops_a_download(client, session, users):
    """Issue 15, finding 1: a comment or curriculum text stored with a control character
    (before input was checked, or by hand) made the report, the curriculum .docx and the
    tracked download answer 500. The Word writers drop what XML cannot hold."""
    item = session.scalars(sa.select(CurriculumItem).order_by(CurriculumItem.id)).first()
    item.text += "\x01 pasted\x1f"
    comment = session.scalars(sa.select(Comment).order_by(Comment.id)).first()
    comment.text = "Pasted\x01 from Word\x0b"
    session.commit()
    sign_in(client, users["programme_lead"])
    for url in (*URLS[1:], "/curricula/stage-1.docx"):
        response = client.get(url)
        assert response.status_code == 200, url
        body = zipfile.ZipFile(io.BytesIO(response.data)).read("word/document.xml")
        assert b"pasted" in body.lower() and b"\x01" not in body, url
