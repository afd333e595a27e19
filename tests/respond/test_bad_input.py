"""Hostile or broken input gets a clear message and a 4xx, and never damages stored answers."""

import pytest
from sqlalchemy import select

from helpers import csrf_token
from survey.extensions import db
from survey.models import Answer, Question

SECTIONS = [{"code": "one", "title": {"en": "One"}, "questions": [
    {"code": "story", "type": "long_text", "text": {"en": "Story"}},
    {"code": "pick", "type": "multiple_choice", "text": {"en": "Pick"},
     "choices": [{"code": "a", "label": {"en": "A"}}, {"code": "b", "label": {"en": "B"}}]},
]}]


@pytest.fixture
def p(make_questionnaire, participant):
    make_questionnaire(SECTIONS)
    make_questionnaire([{"code": "x", "title": {"en": "X"}, "questions": [
        {"code": "secret", "type": "short_text", "text": {"en": "Other questionnaire"}}]}],
        slug="other-q")
    person = participant("test-q")
    person.start()
    assert person.post("one", {"story": "original"}).status_code == 302
    return person


def story():
    return db.session.scalars(select(Answer.text).join(Question).where(Question.code == "story")).one()


def post_raw(client, p, body, content_type="application/x-www-form-urlencoded"):
    return client.post(p.page_url("one"), data=body, content_type=content_type)


def test_answer_over_the_limit_is_refused(p):
    refused = p.post("one", {"story": "x" * 10_001})
    assert refused.status_code == 422
    assert "under 10000 characters" in refused.get_data(as_text=True)
    assert story() == "original"


def test_control_characters_are_removed_and_text_kept_verbatim(p):
    text = "Line\x00 one\x07\r\nline two\twith tab \u202e and <b>tags</b> =1+1 'quoted' \x85end"
    assert p.post("one", {"story": text}).status_code == 302
    assert story() == "Line one\nline two\twith tab \u202e and <b>tags</b> =1+1 'quoted' end"


def test_script_tags_are_stored_as_typed_and_escaped_when_shown(client, p):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    p.post("one", {"story": payload})
    assert story() == payload
    for url in (p.page_url("one"), f"/s/test-q/r/{p.token}/review"):
        html = client.get(url).get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert" in html


def test_invalid_utf8_is_refused(client, p):
    token = csrf_token(client.get(p.page_url("one")).get_data(as_text=True))
    refused = post_raw(client, p, f"csrf_token={token}&q_story=%FF%FEbad".encode())
    assert refused.status_code == 400
    assert "not valid text (UTF-8)" in refused.get_data(as_text=True)
    raw = post_raw(client, p, b"csrf_token=" + token.encode() + b"&q_story=\xff\xfe")
    assert raw.status_code == 400
    assert story() == "original"


@pytest.mark.parametrize("extra, message", [
    ("q_unknown=1", "does not have (q_unknown)"),
    ("q_secret=from+another+questionnaire", "does not have (q_secret)"),
    ("q_story=twice", "more than once"),
    ("question_id=17", "does not have"),
])
def test_unknown_duplicate_and_tampered_fields_are_refused(client, p, extra, message):
    token = csrf_token(client.get(p.page_url("one")).get_data(as_text=True))
    refused = post_raw(client, p, f"csrf_token={token}&q_story=changed&{extra}")
    assert refused.status_code == 400
    assert message in refused.get_data(as_text=True)
    assert story() == "original"


def test_repeated_checkbox_values_are_accepted(client, p):
    token = csrf_token(client.get(p.page_url("one")).get_data(as_text=True))
    assert post_raw(client, p, f"csrf_token={token}&q_story=s&q_pick=a&q_pick=b").status_code == 302


def test_unknown_action_is_refused(client, p):
    token = csrf_token(client.get(p.page_url("one")).get_data(as_text=True))
    assert post_raw(client, p, f"csrf_token={token}&action=delete").status_code == 400


def test_oversized_body_is_refused(client, p):
    refused = post_raw(client, p, b"q_story=" + b"x" * (3 * 1024 * 1024))
    assert refused.status_code == 413
    assert "too large" in refused.get_data(as_text=True)
    assert story() == "original"


def test_other_encodings_are_refused(client, p):
    refused = post_raw(client, p, b'{"q_story": "json"}', content_type="application/json")
    assert refused.status_code == 415
    assert story() == "original"


@pytest.mark.parametrize("url", [
    "/s/no-such-questionnaire/", "/s/test-q/r/not-a-token/", "/s/test-q/r/AAAAAAAAAAAAAAAAAAAAAAAA/",
    "/s/" + "x" * 500 + "/", "/s/test-q/r/{token}/p/nope",
    "/s/other-q/r/{token}/",
])
def test_unknown_slugs_tokens_and_pages_give_a_clear_404(client, p, url):
    page = client.get(url.format(token=p.token))
    assert page.status_code == 404
    assert "<h1>" in page.get_data(as_text=True)


def test_start_with_a_forged_idempotency_key_is_refused(client, p):
    html = client.get("/s/test-q/").get_data(as_text=True)
    refused = client.post("/s/test-q/start?fresh=1", data={
        "csrf_token": csrf_token(html), "idempotency_key": "'; DROP TABLE responses; --", "lang": "en"})
    assert refused.status_code == 400


def test_security_headers_are_sent(client, p):
    headers = client.get(p.page_url("one")).headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cache-Control"] == "no-store"
    assert headers["Referrer-Policy"] == "no-referrer"
