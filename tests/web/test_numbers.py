"""Numbers from outside are bounded (1 to 2**31 - 1): a bad id in a path is a 404, a bad
number in a form a clear error, never a 500 (issue 15, 8: Unicode digits such as '²', 2**70
and 5,000-digit numbers gave 18 kinds of unhandled 500)."""

import re

import pytest

from review_app.extensions import db

from ..factories import sign_in

BAD = {"superscript two": "²", "arabic-indic three": "٣", "2**70": str(2**70),
       "2**31": str(2**31), "5,000 digits": "9" * 5000, "zero": "0", "minus one": "-1"}


def int_routes(app):
    for rule in app.url_map.iter_rules():
        ints = [name for name, converter in rule._converters.items()
                if converter.regex == app.url_map.converters["int"].regex]
        if ints:
            yield rule, ints


@pytest.mark.parametrize("label", list(BAD))
def test_every_integer_in_a_path_is_bounded(app, client, make_day, label):
    day = make_day()
    sign_in(client, db.session.merge(make_admin()))
    checked = 0
    for rule, ints in int_routes(app):
        for name in ints:
            path = rule.rule
            for other in ints:
                path = path.replace(f"<int:{other}>", BAD[label] if other == name else
                                    str(day.id))
            path = re.sub(r"<[^>]+>", "x", path)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                response = client.open(path, method=method)
                assert response.status_code == 404, (method, path[:80], response.status_code)
                checked += 1
    assert checked >= 35  # every id of every route


def make_admin():
    from review_app.auth.users import UserDetails, add_user

    user = add_user(db.session, UserDetails("root@example.org", "Root Admin", "admin"),
                    "violet-harbour-lantern-77")
    db.session.commit()
    return user


@pytest.mark.parametrize("value", list(BAD.values()), ids=list(BAD))
def test_numbers_in_forms_get_a_clear_error(client, session, make_day, make_stakeholder,
                                            value):
    day = make_day()
    stakeholder = make_stakeholder()
    sign_in(client, day.facilitator)
    new_day = client.post("/review-days/new", data={
        "title": "A day", "curriculum_id": value, "facilitator_id": value,
        "date-day": value, "date-month": "11", "date-year": "2026",
        "starts_at": f"{value}:00", "ends_at": "12:00"})
    assert new_day.status_code == 400
    page = new_day.get_data(as_text=True)
    assert "There is a problem" in page
    agenda = client.post(f"/review-days/{day.id}/agenda", data={  # the picker's second step
        "competency": day.curriculum.competencies()[0].id, "subject": f"c{value}",
        "timebox_minutes": value, "prompts": ""})
    assert agenda.status_code == 400
    text = agenda.get_data(as_text=True)
    assert "Select what to review from the list" in text
    assert re.search(r"The timebox in minutes must be (a whole number|between 1 and 240)", text)
    reorder = client.post(f"/review-days/{day.id}/agenda/order", json={"order": [value]})
    assert reorder.status_code in (400, 409)
    invite = client.post(f"/review-days/{day.id}/invitations",
                         data={"stakeholder_ids": [value]})
    assert invite.status_code == 400
    assert client.get(f"/review-days/{day.id}?moved={value}").status_code == 200
    admin = make_admin()
    sign_in(client, admin)
    edit = client.post(f"/stakeholders/{stakeholder.id}/edit", data={
        "name": stakeholder.name, "organisation_id": value, "group_id": value})
    assert edit.status_code == 400
    assert "Select an organisation from the list" in edit.get_data(as_text=True)


def test_the_converter_and_helper_agree_on_the_bounds():
    from review_app.ids import MAX_ID, bounded_int

    assert bounded_int("1") == 1 and bounded_int(str(MAX_ID)) == MAX_ID
    assert bounded_int(" 42 ") == 42 and bounded_int(7) == 7
    for bad in ("", "0", str(MAX_ID + 1), "²", "٣", "1e3", "0x10", "+5", "9" * 5000, None,
                True, 2**70, 3.0):
        assert bounded_int(bad) is None, bad
