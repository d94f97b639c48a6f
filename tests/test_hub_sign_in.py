"""The sign-in page a hub links to says which hub it is; everything else is as before."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.support import PASSWORD, Hubs
from workflows import Role


def test_the_sign_in_page_names_the_hub_its_link_names(client: FlaskClient, hubs: Hubs):
    page = client.get("/login?hub=hub-a")
    assert page.status_code == 200
    assert "<h1>Sign in to Hub A</h1>" in page.text
    assert "<title>Sign in to Hub A" in page.text


def test_a_hubs_short_link_leads_to_its_sign_in_page(client: FlaskClient, hubs: Hubs):
    short = client.get("/h/hub-a/login")
    assert short.status_code == 302
    assert short.headers["Location"].endswith("/login?hub=hub-a")
    assert client.get("/h/Not%20a%20slug!/login").status_code == 404


def test_an_unknown_hub_gives_the_plain_sign_in_page(client: FlaskClient, hubs: Hubs):
    page = client.get("/login?hub=nowhere")
    assert page.status_code == 200
    assert "<h1>Sign in</h1>" in page.text
    assert "nowhere" not in page.text


def test_a_failed_sign_in_still_names_the_hub_and_a_good_one_goes_on(
    client: FlaskClient, hubs: Hubs
):
    email = hubs.user(Role.CLINICIAN).email
    wrong = client.post("/login?hub=hub-a", data={"email": email, "password": "wrong-one"})
    assert wrong.status_code == 401
    assert "Sign in to Hub A" in wrong.text
    right = client.post("/login?hub=hub-a&next=/cases", data={"email": email,
                                                              "password": PASSWORD})
    assert right.status_code == 302
    assert right.headers["Location"] == "/cases"
