"""Tuesday, live: the hints a draft gets, and who may ask for them."""

from review_app.quality import spelling
from review_app.quality.hints import hints_for

from ..factories import sign_in


def test_a_vague_outcome_draft_gets_a_hint_and_a_good_one_none():
    found = hints_for("Understand the budget rules.", "outcome")
    assert [(f.rule, f.severity) for f in found] == [("outcome-verb", "error")]
    assert hints_for("Apply the budget rules to your team's spending.", "outcome") == []
    # The verb rule is for outcomes only.
    assert hints_for("Understand the budget rules.", "individual_activity") == []


def test_spelling_hints_on_any_kind():
    if spelling.speller() is None:
        return
    found = hints_for("Share wellbeing programs.", "instructor_activity")
    assert [f.suggestion for f in found] == ["Write “programmes”."]


def test_the_hints_route_answers_staff_and_refuses_strangers(client, make_day):
    day = make_day(agenda=1)
    url = f"/curricula/quality/hints?day={day.id}&kind=outcome&text=Know+the+rules."
    assert client.get(url).status_code == 403
    assert client.get("/curricula/quality/hints?day=999999&text=x").status_code == 404
    sign_in(client, day.facilitator)
    answer = client.get(url).get_json()
    assert [h["rule"] for h in answer["hints"]] == ["outcome-verb"]
    assert "“know”" in answer["hints"][0]["message"]
