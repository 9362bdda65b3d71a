"""Marking a day ready freezes its baseline; the status moves draft → ready → live → closed."""

from datetime import time

import sqlalchemy as sa

from review_app.models import AgendaItem, BaselineEntry
from review_app.prep.baseline import baseline_entries, changed_since_baseline

from ..factories import sign_in


def post_status(client, day, action):
    return client.post(f"/review-days/{day.id}/status", data={"action": action})


def test_ready_freezes_every_item_of_every_agenda_competency(client, session, make_day):
    day = make_day(agenda=2)
    competency = day.curriculum.competencies()[5]
    single = competency.live_items("individual_activity")[0]
    session.add(AgendaItem(review_day=day, position=2, competency=competency, item=single,
                           timebox_minutes=5, prompts="?"))
    session.commit()
    sign_in(client, day.facilitator)
    assert post_status(client, day, "ready").status_code == 302
    session.refresh(day)
    assert day.status == "ready" and day.baseline_frozen_at is not None
    entries = baseline_entries(session, day)
    expected = [i for a in day.agenda[:2] for i in a.competency.items if not i.retired]
    kinds = {entries[i.id].item.kind for i in expected}
    assert kinds == {"statement", "outcome", "instructor_activity", "individual_activity"}
    assert set(entries) == {i.id for i in expected} | {single.id}
    for item in expected:
        assert (entries[item.id].version, entries[item.id].title, entries[item.id].text) == (
            item.version, item.title, item.text)


def test_the_agenda_is_frozen_once_ready_until_returned_to_draft(client, session, make_day):
    day = make_day(agenda=2)
    sign_in(client, day.facilitator)
    post_status(client, day, "ready")
    first, second = [a.id for a in day.agenda]
    response = client.post(f"/review-days/{day.id}/agenda/{second}/move",
                           data={"direction": "up"}, follow_redirects=True)
    assert "The agenda is frozen because the day is ready" in response.get_data(as_text=True)
    client.post(f"/review-days/{day.id}/agenda/{first}/remove")
    client.post(f"/review-days/{day.id}/agenda", data={
        "subject": f"c{day.curriculum.competencies()[9].id}", "timebox_minutes": "5"})
    session.refresh(day)
    assert [a.id for a in day.agenda] == [first, second]

    assert post_status(client, day, "draft").status_code == 302
    session.refresh(day)
    assert day.status == "draft" and day.baseline_frozen_at is None
    assert session.scalars(sa.select(BaselineEntry)).all() == []
    client.post(f"/review-days/{day.id}/agenda/{second}/move", data={"direction": "up"})
    session.refresh(day)
    assert [a.id for a in day.agenda] == [second, first]


def test_later_edits_are_judged_against_the_baseline(session, make_day):
    from review_app.prep.status import mark_ready

    day = make_day(agenda=1)
    mark_ready(session, day.facilitator, day)
    item = day.agenda[0].competency.statement
    item.text, item.version = item.text + " Changed.", item.version + 1
    session.flush()
    changed = changed_since_baseline(session, day)
    assert [entry.item_id for entry in changed] == [item.id]
    assert changed[0].version == item.version - 1


def test_an_empty_agenda_cannot_be_marked_ready(client, session, make_day):
    day = make_day(agenda=0)
    sign_in(client, day.facilitator)
    page = post_status(client, day, "ready")
    assert "Add at least one item" in client.get(page.headers["Location"]).get_data(as_text=True)
    session.refresh(day)
    assert day.status == "draft"


def test_open_early_extend_close_and_reopen(client, session, make_day):
    day = make_day(agenda=1, ends_at=time(12))
    sign_in(client, day.facilitator)
    post_status(client, day, "open")  # not ready yet: refused
    session.refresh(day)
    assert day.status == "draft"
    for action, status in (("ready", "ready"), ("open", "live"), ("extend", "live"),
                           ("close", "closed"), ("reopen", "live")):
        post_status(client, day, action)
        session.refresh(day)
        assert day.status == status, action
    assert day.ends_at == time(12, 15)
    assert day.opened_at is not None and day.closed_at is None


def test_an_unknown_action_changes_nothing(client, session, make_day):
    day = make_day()
    sign_in(client, day.facilitator)
    post_status(client, day, "explode")
    session.refresh(day)
    assert day.status == "draft"
