"""The .ics file attached to an invitation is valid iCalendar."""

from datetime import UTC, date, datetime, time

import pytest

from review_app.prep.invitations import invite_stakeholders
from review_app.prep.messages import _fold

from ..factories import sign_in


def unfold(body: str) -> list[str]:
    return body.replace("\r\n ", "").split("\r\n")


def test_the_calendar_file(client, session, make_day, make_stakeholder):
    # 24 November is winter time (UTC+0); 9 June is summer time (UTC+1).
    for on, start, end in ((date(2026, 11, 24), "20261124T100000Z", "20261124T120000Z"),
                           (date(2026, 6, 9), "20260609T090000Z", "20260609T110000Z")):
        day = make_day(on=on, starts_at=time(10), ends_at=time(12), title="Stage 1; review, x")
        [invitation] = invite_stakeholders(session, day.facilitator, day,
                                           [make_stakeholder(name="Ben Turner").id])
        session.commit()
        sign_in(client, day.facilitator)
        response = client.get(f"/review-days/{day.id}/invitations/{invitation.id}/invitation.ics")
        assert response.status_code == 200
        assert response.mimetype == "text/calendar"
        assert "attachment" in response.headers["Content-Disposition"]
        body = response.get_data(as_text=True)
        assert body.endswith("\r\n") and "\n" not in body.replace("\r\n", "")
        assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
        lines = unfold(body)
        assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"] and lines[-2] == "END:VCALENDAR"
        fields = dict(line.split(":", 1) for line in lines if ":" in line)
        assert fields["UID"].startswith(f"review-day-invitation-{invitation.id}@")
        assert (fields["DTSTART"], fields["DTEND"]) == (start, end)
        datetime.strptime(fields["DTSTAMP"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        assert fields["SUMMARY"] == "Review Day: Stage 1\\; review\\, x"
        assert fields["URL"].startswith(client.application.config["BASE_URL"] + "/join/")
        assert fields["URL"] in fields["DESCRIPTION"].replace("\\n", "\n")
        assert "Dear Ben Turner\\," in fields["DESCRIPTION"]
        assert fields["LOCATION"] == day.call_link
        assert "BEGIN:VEVENT" in lines and "END:VEVENT" in lines


def test_folding_never_splits_a_character():
    line = "DESCRIPTION:" + "é" * 100
    folded = _fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


@pytest.mark.parametrize("newline", ["\r", "\n", "\r\n", "\x0b", "\x85"])
def test_line_breaks_in_a_title_or_call_link_cannot_add_properties(
        client, session, make_day, make_stakeholder, newline):
    """Issue 15, 8: a bare CR in a day title or call link injected properties."""
    day = make_day(title=f"Stage 1{newline}ATTENDEE:mailto:evil@example.org",
                   call_link=f"https://call.example.org/x{newline}ORGANIZER:mailto:e@example.org")
    [invitation] = invite_stakeholders(session, day.facilitator, day,
                                       [make_stakeholder(name="Ben Turner").id])
    session.commit()
    sign_in(client, day.facilitator)
    response = client.get(f"/review-days/{day.id}/invitations/{invitation.id}/invitation.ics")
    body = response.get_data(as_text=True)
    assert "\r" not in body.replace("\r\n", "") and "\n" not in body.replace("\r\n", "")
    assert "\x0b" not in body and "\x85" not in body
    names = [line.split(":", 1)[0].split(";", 1)[0] for line in unfold(body) if line]
    assert "ATTENDEE" not in names and "ORGANIZER" not in names
    assert names == ["BEGIN", "VERSION", "PRODID", "CALSCALE", "METHOD", "BEGIN", "UID",
                     "SEQUENCE", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "URL",
                     "LOCATION", "STATUS", "TRANSP", "END", "END"]
    fields = dict(line.split(":", 1) for line in unfold(body) if ":" in line)
    assert fields["SUMMARY"].startswith("Review Day: Stage 1") and "ATTENDEE" in fields["SUMMARY"]


def test_text_values_are_escaped_per_rfc_5545():
    from review_app.prep.messages import _escape

    assert _escape("a\\b;c,d") == "a\\\\b\\;c\\,d"
    assert _escape("one\r\ntwo\rthree\nfour", multiline=True) == "one\\ntwo\\nthree\\nfour"
    assert _escape("one\r\ntwo\rthree") == "one two three"
    assert _escape("tab\there\x00\x1f\x7f") == "tab\there"
