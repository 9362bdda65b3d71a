"""Building the agenda: add, change, move by keyboard buttons, reorder by drag, remove."""

import re

from review_app.models import AgendaItem

from ..factories import sign_in


def order(day):
    return [a.id for a in sorted(day.agenda, key=lambda a: a.position)]


def test_add_a_competency_and_a_single_learning_outcome(client, session, make_day):
    day = make_day(agenda=0)
    sign_in(client, day.facilitator)
    competency = day.curriculum.competencies()[4]
    outcome = competency.live_items("outcome")[1]
    for subject, prompts in ((f"c{competency.id}", "Is the pitch right?"),
                             (f"i{outcome.id}", "")):
        response = client.post(f"/review-days/{day.id}/agenda", data={
            "subject": subject, "timebox_minutes": "25", "prompts": prompts})
        assert response.status_code == 302
    session.refresh(day)
    assert [(a.competency_id, a.item_id, a.timebox_minutes) for a in day.agenda] == [
        (competency.id, None, 25), (competency.id, outcome.id, 25)]
    page = client.get(f"/review-days/{day.id}").get_data(as_text=True)
    assert "Whole competency" in page and "Learning outcome: " in page


def test_bad_agenda_input_changes_nothing(client, session, make_day):
    day = make_day(agenda=1)
    sign_in(client, day.facilitator)
    competency = day.curriculum.competencies()[3]
    response = client.post(f"/review-days/{day.id}/agenda", data={
        "competency": competency.id, "subject": "c999999", "timebox_minutes": "0",
        "prompts": ""})
    assert response.status_code == 400  # the second step again, with its errors
    page = response.get_data(as_text=True)
    assert "There is a problem" in page and "between 1 and 240" in page
    assert 'href="#subject"' in page and f"Add {competency.title} to the agenda" in page
    lost = client.post(f"/review-days/{day.id}/agenda", data={"subject": "c999999",
                                                                "timebox_minutes": "10"})
    assert lost.status_code == 400  # no competency named: back to the search, said so
    assert 'href="#q"' in lost.get_data(as_text=True)
    duplicate = client.post(f"/review-days/{day.id}/agenda", data={
        "subject": f"c{day.agenda[0].competency_id}", "timebox_minutes": "10"})
    assert "already on the agenda" in duplicate.get_data(as_text=True)
    assert session.query(AgendaItem).count() == 1


def test_move_buttons_reorder_and_keep_focus_on_the_moved_item(client, session, make_day):
    day = make_day(agenda=3)
    first, second, third = order(day)
    sign_in(client, day.facilitator)
    response = client.post(f"/review-days/{day.id}/agenda/{third}/move",
                           data={"direction": "up"})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert f"moved={third}" in location and "#" not in location  # a #fragment stops autofocus
    session.refresh(day)
    assert order(day) == [first, third, second]
    page = client.get(location).get_data(as_text=True)
    item = page[page.index(f'id="agenda-item-{third}"'):]
    item = item[:item.index("</li>")]
    assert re.search(r'data-move="up" autofocus aria-describedby="moved-position"', item)
    assert "Now number 2 of 3." in item
    assert "to position 2 of 3" in page


def test_moving_the_first_item_up_is_refused(client, session, make_day):
    day = make_day(agenda=2)
    first, second = order(day)
    sign_in(client, day.facilitator)
    client.post(f"/review-days/{day.id}/agenda/{first}/move", data={"direction": "up"})
    session.refresh(day)
    assert order(day) == [first, second]


def test_drag_and_drop_posts_the_whole_order(client, session, make_day):
    day = make_day(agenda=3)
    a, b, c = order(day)
    sign_in(client, day.facilitator)
    response = client.post(f"/review-days/{day.id}/agenda/order", json={"order": [c, a, b]})
    assert response.status_code == 200 and response.json == {"ok": True, "order": [c, a, b]}
    session.refresh(day)
    assert order(day) == [c, a, b]
    wrong = client.post(f"/review-days/{day.id}/agenda/order", json={"order": [c, a]})
    assert wrong.status_code == 400 and wrong.json["ok"] is False
    session.refresh(day)
    assert order(day) == [c, a, b]


def test_change_timebox_and_prompts(client, session, make_day):
    day = make_day(agenda=1)
    item = day.agenda[0]
    sign_in(client, day.facilitator)
    response = client.post(f"/review-days/{day.id}/agenda/{item.id}", data={
        f"timebox_minutes-{item.id}": "35", f"prompts-{item.id}": "What is missing?"})
    assert response.status_code == 302
    session.refresh(item)
    assert (item.timebox_minutes, item.prompts) == (35, "What is missing?")
    bad = client.post(f"/review-days/{day.id}/agenda/{item.id}", data={
        f"timebox_minutes-{item.id}": "lots", f"prompts-{item.id}": "x"})
    assert bad.status_code == 400 and "must be a whole number" in bad.get_data(as_text=True)
    session.refresh(item)
    assert (item.timebox_minutes, item.prompts) == (35, "What is missing?")


def test_remove_renumbers_the_rest(client, session, make_day):
    day = make_day(agenda=3)
    a, b, c = order(day)
    sign_in(client, day.facilitator)
    client.post(f"/review-days/{day.id}/agenda/{b}/remove")
    session.refresh(day)
    assert order(day) == [a, c] and [x.position for x in day.agenda] == [0, 1]
