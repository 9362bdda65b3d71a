"""The agenda picker: search competencies by any word of their texts (server-side, so it
works without JavaScript; JSON for the type-ahead), then the whole of one or one text."""

from urllib.parse import urlsplit

from review_app.models import AgendaItem

from ..factories import sign_in


def _distinctive_word(text):
    return max(text.split(), key=len).strip(".,;:()")


def test_search_finds_a_competency_by_a_word_of_one_of_its_outcomes(client, make_day):
    day = make_day(agenda=0)
    sign_in(client, day.facilitator)
    competency = day.curriculum.competencies()[4]
    outcome = competency.live_items("outcome")[1]
    word = _distinctive_word(outcome.text)
    page = client.get(f"/review-days/{day.id}/agenda/add", query_string={"q": word.upper()})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and competency.title in html
    assert f"item={outcome.id}" in html  # the matching text is offered by itself

    everything = client.get(f"/review-days/{day.id}/agenda/add").get_data(as_text=True)
    assert f"All {len(day.curriculum.competencies())} competencies" in everything
    nothing = client.get(f"/review-days/{day.id}/agenda/add", query_string={"q": "zzqx"})
    assert "No competency contains every word of “zzqx”" in nothing.get_data(as_text=True)


def test_json_for_the_type_ahead_orders_title_matches_first(client, make_day):
    day = make_day(agenda=1)
    sign_in(client, day.facilitator)
    first = day.curriculum.competencies()[0]
    word = _distinctive_word(first.title)
    data = client.get(f"/review-days/{day.id}/agenda/add",
                      query_string={"q": word, "format": "json"}).json
    assert data["query"] == word and data["count"] == len(data["results"]) >= 1
    top = data["results"][0]
    assert top["title"] == first.title and top["on_agenda"] is True
    assert urlsplit(top["url"]).path == f"/review-days/{day.id}/agenda/add"


def test_choose_one_text_then_add_it(client, session, make_day):
    day = make_day(agenda=0)
    sign_in(client, day.facilitator)
    competency = day.curriculum.competencies()[2]
    outcome = competency.live_items("outcome")[0]
    step = client.get(f"/review-days/{day.id}/agenda/add",
                      query_string={"competency": competency.id, "item": outcome.id})
    html = step.get_data(as_text=True)
    assert f"Add {competency.title} to the agenda" in html
    assert f'value="i{outcome.id}" checked' in html and "The whole competency" in html
    added = client.post(f"/review-days/{day.id}/agenda", data={
        "competency": competency.id, "subject": f"i{outcome.id}", "timebox_minutes": "12",
        "prompts": "Clear?"})
    assert added.status_code == 302
    assert [(a.competency_id, a.item_id) for a in session.query(AgendaItem)] == [
        (competency.id, outcome.id)]


def test_another_curriculums_competency_is_not_offered(client, make_day):
    day = make_day(agenda=0)
    sign_in(client, day.facilitator)
    step = client.get(f"/review-days/{day.id}/agenda/add",
                      query_string={"competency": 999999})
    assert "Find a competency" in step.get_data(as_text=True)  # the search, not a step


def test_a_frozen_agenda_sends_the_picker_back(client, session, make_day):
    day = make_day(agenda=1)
    day.status = "ready"
    session.commit()
    sign_in(client, day.facilitator)
    response = client.get(f"/review-days/{day.id}/agenda/add")
    assert response.status_code == 302 and response.location.endswith("#agenda")
