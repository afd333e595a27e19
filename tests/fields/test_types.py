"""Question types: one class each, asked by every other part; adding one needs nothing else."""

import pytest
from jinja2 import ChoiceLoader, DictLoader
from sqlalchemy import select
from wtforms import StringField

from survey.extensions import db
from survey.fields import FIELD_TYPES, QuestionType
from survey.fields.summaries import Counts
from survey.models import Answer, Question
from survey.questionnaires.schema import QuestionnaireFileError, check_file
from helpers import questionnaire_content

CHOICES = [{"code": "a", "label": {"en": "Alpha"}}, {"code": "b", "label": {"en": "Beta"}}]


def stored_answers():
    rows = db.session.execute(select(Question.code, Answer.value, Answer.text).join(Answer)).all()
    return {code: (value, text) for code, value, text in rows}


class ColourQuestion(QuestionType):
    """A type the product does not have: a colour typed as #rrggbb."""

    name = "colour"
    template = "colour"
    annex_name = "colour"

    def form_fields(self, language, default):
        yield self.field_name(), StringField()

    def read(self, form):
        data = (self.data(form) or "").strip().lower()
        return (data, None) if data else None

    def problem(self, answer):
        if answer and not (len(answer[0]) == 7 and answer[0].startswith("#")):
            return "Write a colour as #rrggbb."
        return None

    def summarise(self, answers, language, default="en"):
        return Counts(len([a for a in answers if a]), [])


@pytest.fixture
def colour_type(app):
    """Register ColourQuestion and its template, as adding a type to Engage would."""
    FIELD_TYPES["colour"] = ColourQuestion
    template = ('{% macro question(question, form, field, messages, default) %}'
                '<label for="{{ field.id }}">{{ question.text|tr(default) }}</label>{{ field() }}'
                '{% for m in messages or [] %}<p class="field-error">{{ m }}</p>{% endfor %}{% endmacro %}')
    loader = app.jinja_loader
    app.jinja_loader = ChoiceLoader([DictLoader({"respond/fields/colour.html": template}), loader])
    app.jinja_env.loader = app.jinja_loader
    yield ColourQuestion
    del FIELD_TYPES["colour"]
    app.jinja_env.loader = app.jinja_loader = loader


def test_a_new_type_is_one_class_and_its_template(colour_type, make_questionnaire, participant, client):
    make_questionnaire([{"code": "p", "title": {"en": "P"}, "questions": [
        {"code": "paint", "type": "colour", "text": {"en": "Favourite colour"}},
        {"code": "other", "type": "short_text", "text": {"en": "Anything else"}}]}])
    person = participant("test-q")
    person.start()
    page = client.get(person.page_url("p")).get_data(as_text=True)
    assert "Favourite colour" in page and 'name="q_paint"' in page
    refused = person.post("p", {"paint": "red"})
    assert refused.status_code == 422 and "Write a colour as #rrggbb." in refused.get_data(as_text=True)
    assert person.post("p", {"paint": "#FF0000"}).status_code == 302
    assert stored_answers()["paint"] == ("#ff0000", None)
    review = client.get(f"/s/test-q/r/{person.token}/review").get_data(as_text=True)
    assert "#ff0000" in review  # described by the base class


def test_an_unknown_type_is_refused_by_the_loader():
    content = questionnaire_content([{"code": "p", "title": {"en": "P"}, "questions": [
        {"code": "x", "type": "colour", "text": {"en": "X"}}]}])
    with pytest.raises(QuestionnaireFileError, match="type must be one of"):
        check_file(content)


def test_every_type_knows_all_of_its_behaviour():
    for name, cls in FIELD_TYPES.items():
        assert cls.name == name and cls.template and cls.annex_name
        for method in ("form_fields", "read", "summarise"):
            assert getattr(cls, method) is not getattr(QuestionType, method), (name, method)


OTHER_PAGE = [{"code": "p", "title": {"en": "P"}, "questions": [
    {"code": "single", "type": "single_choice", "text": {"en": "Single"}, "choices": CHOICES, "other": True},
    {"code": "multi", "type": "multiple_choice", "text": {"en": "Multi"}, "choices": CHOICES, "other": True},
    {"code": "place", "type": "country", "text": {"en": "Country"}, "other": True}]}]


def test_typing_in_an_other_box_chooses_other_without_javascript(make_questionnaire, participant):
    make_questionnaire(OTHER_PAGE)
    person = participant("test-q")
    person.start()
    moved = person.post("p", {"single__other": "Gamma", "multi": ["a"], "multi__other": "Delta",
                              "place__other": "Somewhere at sea"})
    assert moved.status_code == 302, moved.get_data(as_text=True)
    assert stored_answers() == {
        "single": ({"choice": "other", "other": "Gamma"}, "Gamma"),
        "multi": (["a", "other"], "Delta"),
        "place": ({"choice": "other", "other": "Somewhere at sea"}, "Somewhere at sea")}


def test_an_other_text_beside_another_choice_is_pointed_out_not_dropped(make_questionnaire, participant, client):
    make_questionnaire(OTHER_PAGE)
    person = participant("test-q")
    person.start()
    refused = person.post("p", {"single": "a", "single__other": "Gamma"})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "chose another one" in html and 'value="Gamma"' in html
    # "Save and continue later" keeps the text, and it comes back on the page.
    assert person.post("p", {"single": "a", "single__other": "Gamma"}, action="save").status_code == 302
    assert stored_answers()["single"] == ("a", "Gamma")
    assert 'value="Gamma"' in client.get(person.page_url("p")).get_data(as_text=True)


def test_a_grid_answer_reads_without_a_doubled_stop(make_questionnaire):
    questionnaire = make_questionnaire([{"code": "p", "title": {"en": "P"}, "questions": [
        {"code": "grid", "type": "likert", "text": {"en": "Grid"},
         "rows": [{"code": "r", "label": {"en": "Standards matter."}}],
         "scale": [{"code": 1, "label": {"en": "Agree"}}]}]}])
    grid = questionnaire.questions[0].field
    assert grid.describe(({"r": 1}, None), "en", "en") == ["Standards matter: Agree"]
