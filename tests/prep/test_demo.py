"""`review-app demo` makes a live Review Day to try, and can run again."""

import json
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from review_app.models import BaselineEntry, ReviewDay, Stakeholder
from review_app.prep.clock import LONDON

from ..factories import participants


@pytest.fixture
def demo(runner):
    def run():
        result = runner.invoke(args=["demo", "--json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)
    return run


def test_demo_json(app, client, session, demo):
    data = demo()
    assert set(data) == {"base_url", "facilitator", "review_day_id", "join_url",
                         "stakeholders"}
    assert data["base_url"] == app.config["BASE_URL"]
    assert data["facilitator"]["email"] == "facilitator@example.org"
    assert len(data["facilitator"]["password"]) >= 12
    assert 8 <= len(data["stakeholders"]) and {"name", "organisation", "invite_url"} == set(
        data["stakeholders"][0])
    assert len({s["organisation"] for s in data["stakeholders"]}) >= 6
    day = session.get(ReviewDay, data["review_day_id"])
    now = datetime.now(UTC).astimezone(LONDON)
    assert day.status == "live" and day.date == now.date()
    assert day.starts_at <= now.time() <= day.ends_at or now.hour == 23
    assert 3 <= len(day.agenda) <= 4 and all(a.prompts for a in day.agenda)
    assert day.baseline_frozen_at is not None
    assert session.scalars(sa.select(BaselineEntry)).first() is not None
    for url in [data["join_url"]] + [s["invite_url"] for s in data["stakeholders"]]:
        assert url.startswith(data["base_url"] + "/join/")
        assert client.get(urlsplit(url).path).status_code == 200
    signed_in = client.post("/sign-in", data={"email": "facilitator@example.org",
                                              "password": data["facilitator"]["password"]})
    assert signed_in.status_code == 302


def test_demo_runs_twice(client, session, demo):
    first, second = demo(), demo()
    assert first["review_day_id"] == second["review_day_id"]
    assert first["facilitator"]["password"] != second["facilitator"]["password"]
    assert session.scalars(sa.select(sa.func.count(Stakeholder.id))).one() == len(
        second["stakeholders"])
    assert session.scalars(sa.select(sa.func.count(ReviewDay.id))).one() == 1
    link = urlsplit(second["stakeholders"][0]["invite_url"]).path
    assert client.post(link).status_code == 302
    assert len(participants(session)) == 1


def test_demo_prints_the_login_and_the_join_link(runner):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "facilitator@example.org" in result.output and "Password: " in result.output
    assert "Open join link" in result.output and "/join/" in result.output
