"""Forms built at run time from a page's questions: each question's type gives its fields."""

from flask_wtf import FlaskForm
from wtforms import HiddenField


class PageForm(FlaskForm):
    """The base of every page: the language the page is answered in."""

    lang = HiddenField()


def page_form(questions, language, default_language, **kwargs):
    """Return a form for ``questions``, filled from the request or from ``data``."""
    attrs = {}
    for question in questions:
        attrs.update(question.field.form_fields(language, default_language))
    cls = type("QuestionPageForm", (PageForm,), attrs)
    return cls(**kwargs)


def field_errors(form, question):
    """Return the messages of the form fields of ``question`` (a grid has one per row)."""
    prefix = question.field.field_name()
    return [message for name, field in form._fields.items()
            if name == prefix or name.startswith(prefix + "__") for message in field.errors]
