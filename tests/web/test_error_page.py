"""An unexpected error shows the NHS-styled page, not Werkzeug's (issue 15, 8)."""

import pytest
import sqlalchemy as sa

from ..conftest import app_with_tables
from ..factories import sign_in


@pytest.fixture
def failing_app(database_config, tmp_path):
    """The app as in production: errors become a 500 page instead of reaching the test."""
    with app_with_tables(database_config, tmp_path, PROPAGATE_EXCEPTIONS=False) as app:
        def broken():
            raise RuntimeError("something went wrong inside")

        def broken_database():
            from review_app.extensions import db

            db.session.execute(sa.text("SELECT * FROM no_such_table"))

        app.add_url_rule("/broken", view_func=broken)
        app.add_url_rule("/broken-database", view_func=broken_database)
        yield app


@pytest.mark.parametrize("path", ["/broken", "/broken-database"])
def test_the_500_page_is_the_services_own(failing_app, path):
    from review_app.auth.users import UserDetails, add_user
    from review_app.extensions import db

    user = add_user(db.session, UserDetails("fay@example.org", "Fay", "facilitator"),
                    "violet-harbour-lantern-77")
    db.session.commit()
    client = failing_app.test_client()
    sign_in(client, user)  # the page draws the signed-in header from the database
    response = client.get(path)
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Sorry, there is a problem with the service" in page
    assert 'class="nhsuk-header"' in page and "Sign out" in page  # the base layout
    assert "Internal Server Error" not in page and "something went wrong" not in page
    assert "Content-Security-Policy" in response.headers
