"""Monday: findings on agenda items appear beside the readiness check as suggested prompts."""

from review_app.prep.agenda import add_agenda_item
from review_app.quality import spelling
from review_app.quality.prompts import suggested_prompts

from ..factories import sign_in


def test_a_vague_outcome_on_the_agenda_is_a_suggested_prompt(client, session, make_day):
    day = make_day(agenda=2)
    outcome = day.agenda[1].competency.live_items("outcome")[0]
    outcome.text = "Understand " + outcome.text
    session.commit()
    found = {s.position: s.prompts for s in suggested_prompts(day)}
    assert any(p.startswith("Learning outcome 1: This outcome opens with “understand”")
               and p.endswith("Which observable verb would make it assessable?")
               for p in found[2])
    if spelling.speller() is not None:
        assert any("“programs” is an American spelling" in p for p in found[1])
    sign_in(client, day.facilitator)
    page = client.get(f"/review-days/{day.id}").get_data(as_text=True)
    assert "Suggested prompts from the quality checks" in page
    assert "This outcome opens with “understand”" in page


def test_no_suggestion_for_a_clean_item_or_one_its_prompts_cover(session, make_day):
    day = make_day(agenda=0)
    comp = day.curriculum.competencies()[1]  # Keep Safe and Develop Wellbeing Strategies
    add_agenda_item(session, day.facilitator, day, comp.id, None, 10, "Is it right?")
    session.commit()
    assert suggested_prompts(day) == []
    outcome = comp.live_items("outcome")[0]
    outcome.text = "Know " + outcome.text
    session.commit()
    [suggested] = suggested_prompts(day)
    day.agenda[0].prompts = "\n".join(suggested.prompts)
    assert suggested_prompts(day) == []
