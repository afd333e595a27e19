"""Every question type stores what the participant chose, and refuses what it cannot be."""

import pytest
from sqlalchemy import select

from survey.extensions import db
from survey.models import Answer, Question, Response

CHOICES = [{"code": "a", "label": {"en": "Alpha"}}, {"code": "b", "label": {"en": "Beta"}}]
SECTIONS = [{"code": "all", "title": {"en": "All types"}, "questions": [
    {"code": "short", "type": "short_text", "text": {"en": "Short"}, "max_length": 20},
    {"code": "long", "type": "long_text", "text": {"en": "Long"}},
    {"code": "single", "type": "single_choice", "text": {"en": "Single"}, "choices": CHOICES,
     "other": True},
    {"code": "multi", "type": "multiple_choice", "text": {"en": "Multi"}, "choices": CHOICES,
     "other": True, "max_choices": 2},
    {"code": "grid", "type": "likert", "text": {"en": "Grid"},
     "rows": [{"code": "speed", "label": {"en": "Speed"}}, {"code": "cost", "label": {"en": "Cost"}}],
     "scale": [{"code": 1, "label": {"en": "Disagree"}}, {"code": 2, "label": {"en": "Agree"}}]},
    {"code": "score", "type": "rating", "text": {"en": "Score"}},
    {"code": "count", "type": "number", "text": {"en": "Count"}, "min": 0, "max": 100},
    {"code": "share", "type": "number", "text": {"en": "Share"}, "integer": False, "min": 0, "max": 1},
    {"code": "country", "type": "country", "text": {"en": "Country"}},
    {"code": "agree", "type": "consent", "text": {"en": "I agree"}, "required": True},
]}]


@pytest.fixture
def p(make_questionnaire, participant):
    make_questionnaire(SECTIONS)
    person = participant("test-q")
    person.start()
    return person


def stored():
    response = db.session.scalars(select(Response)).one()
    rows = db.session.execute(select(Question.code, Answer.value, Answer.text).join(Answer)
                              .where(Answer.response_id == response.id)).all()
    return {code: (value, text) for code, value, text in rows}


def test_page_renders_every_type_accessibly(p, client):
    html = client.get(p.page_url("all")).get_data(as_text=True)
    assert html.count("<fieldset") >= 6  # choices, grid (and its rows), rating
    assert '<label for="q_short"' in html and '<label for="q_agree">' in html
    assert 'name="q_grid__speed"' in html and 'name="q_single__other"' in html
    assert '<option value="KE">Kenya</option>' in html


def test_every_type_is_stored_as_typed_data(p):
    moved = p.post("all", {
        "short": "Hi", "long": "Line one\r\nLine two", "single": "other", "single__other": "Gamma",
        "multi": ["a", "other"], "multi__other": "Delta", "grid__speed": "2", "grid__cost": "1",
        "score": "9", "count": "42", "share": "0,5", "country": "KE", "agree": "y"})
    assert moved.status_code == 302, moved.get_data(as_text=True)
    assert stored() == {
        "short": ("Hi", "Hi"), "long": ("Line one\nLine two", "Line one\nLine two"),
        "single": ({"choice": "other", "other": "Gamma"}, "Gamma"),
        "multi": (["a", "other"], "Delta"), "grid": ({"speed": 2, "cost": 1}, None),
        "score": (9, None), "count": (42, None), "share": (0.5, None), "country": ("KE", None),
        "agree": (True, None)}


@pytest.mark.parametrize("answers, message", [
    ({"short": "x" * 21}, "under 20 characters"),
    ({"single": "zzz"}, "Not a valid choice"),
    ({"single": "other"}, "Please specify"),
    ({"multi": ["a", "b", "other"], "multi__other": "c"}, "at most 2"),
    ({"multi": ["a", "nope"]}, "not a valid choice"),
    ({"grid__speed": "7"}, "Not a valid choice"),
    ({"score": "11"}, "Not a valid choice"),
    ({"count": "101"}, "from 0 to 100"),
    ({"count": "1.5"}, "whole number"),
    ({"count": "nan"}, "Enter a number"),
    ({"share": "1e400"}, "Enter a number"),
    ({"country": "XX"}, "Not a valid choice"),
    ({}, "Tick this box"),
])
def test_invalid_answers_are_refused_beside_the_field(p, answers, message):
    answers = {"agree": "y", **answers} if "Tick" not in message else answers
    refused = p.post("all", answers)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert message.lower() in html.lower()
    assert 'class="error-summary"' in html
    assert stored() == {}


def test_unticked_optional_consent_is_stored_as_no(make_questionnaire, participant):
    make_questionnaire([{"code": "c", "title": {"en": "C"}, "questions": [
        {"code": "quote", "type": "consent", "text": {"en": "Quote me"}},
        {"code": "note", "type": "short_text", "text": {"en": "Note"}}]}])
    person = participant("test-q")
    person.start()
    person.post("c", {"note": "n"})
    assert stored()["quote"] == (False, None)
