"""After sign-in, `next` only ever leads to a page of this site (issue 15, 6:
`/sign-in?next=/%09/evil.example/` redirected to `//evil.example/`; `%0a` gave a 500)."""

import pytest

from ..factories import PASSWORD, forget_loaded_user

OUTSIDE = ["//evil.example/", "/%09/evil.example/", "/\t/evil.example/", "/%0a/evil.example",
           "/%0d/evil.example", "/x%0d%0aSet-Cookie:%20a=b", "/\\evil.example", "\\\\evil.example",
           "/\\/evil.example", "https://evil.example/", "javascript:alert(1)",
           "  //evil.example", "/%20//evil.example", "http:/evil.example", "evil.example",
           "/%e2%80%a8/evil.example", "/%c2%85//evil.example", "/" + "a" * 3000]


@pytest.mark.parametrize("target", OUTSIDE)
def test_next_outside_this_site_goes_to_the_dashboard(client, make_user, target):
    user = make_user()
    query = target if "%" in target else target.replace("\t", "%09").replace("\\", "%5C")
    forget_loaded_user()
    response = client.post(f"/sign-in?next={query}",
                           data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/review-days/"
    # Signed in already, the sign-in page sends them on the same way.
    again = client.get(f"/sign-in?next={query}")
    assert again.status_code == 302 and again.headers["Location"] == "/review-days/"


@pytest.mark.parametrize("target", ["/stakeholders/", "/review-days/3?moved=4#agenda",
                                    "/curricula/stage-1?q=lead%20with%20care"])
def test_next_on_this_site_is_followed(client, make_user, target):
    from urllib.parse import quote

    user = make_user()
    response = client.post(f"/sign-in?next={quote(target)}",
                           data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == target


def test_the_form_carries_only_a_safe_next(client):
    page = client.get("/sign-in?next=//evil.example/").get_data(as_text=True)
    assert "evil.example" not in page
    page = client.get("/sign-in?next=/stakeholders/").get_data(as_text=True)
    assert 'name="next" value="/stakeholders/"' in page
