"""The readiness check warns about overruns, missing prompts and nobody invited."""

from datetime import time

from review_app.prep.invitations import invite_stakeholders
from review_app.prep.readiness import check_readiness

from ..factories import sign_in


def test_each_warning_shows_on_the_page(client, session, make_day):
    day = make_day(agenda=3, timebox=50, starts_at=time(10), ends_at=time(12), prompts="")
    readiness = check_readiness(day)
    assert {"overrun", "no_prompt", "nobody_invited"} <= readiness.codes
    assert (readiness.agenda_minutes, readiness.slot_minutes) == (150, 120)
    sign_in(client, day.facilitator)
    page = client.get(f"/review-days/{day.id}").get_data(as_text=True)
    assert "The timeboxes add up to 150 minutes, 30 more than the 120-minute slot." in page
    assert "No prompt or question yet for: " + day.agenda[0].competency.title in page
    assert "Nobody has been invited yet." in page


def test_warnings_go_away_when_fixed(session, make_day, make_stakeholder):
    day = make_day(agenda=2, timebox=30, prompts="What would you change?")
    assert check_readiness(day).codes == {"nobody_invited"}
    invite_stakeholders(session, day.facilitator, day, [make_stakeholder().id])
    assert check_readiness(day).warnings == []


def test_a_revoked_invitation_does_not_count(session, make_day, make_stakeholder):
    from review_app.prep.invitations import revoke_invitation

    day = make_day(agenda=1)
    [invitation] = invite_stakeholders(session, day.facilitator, day, [make_stakeholder().id])
    revoke_invitation(session, day.facilitator, invitation)
    assert "nobody_invited" in check_readiness(day).codes
