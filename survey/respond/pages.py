"""The question pages, the check-your-answers page and submitting: saved at every move."""

import json

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import HiddenField

from survey import reference
from survey.errors import abort_with
from survey.extensions import db
from survey.questionnaires import is_shown
from survey.respond import flow
from survey.respond.blueprint import bp, choose_language, closed, in_progress
from survey.respond.forms import field_errors, page_form
from survey.respond.input import check_fields, posted_form

ACTIONS = ("next", "back", "save")


class SubmitForm(FlaskForm):
    """The review page's submit button."""

    lang = HiddenField()


def _client_condition(question, page_codes):
    """Return the JSON a script uses to show ``question`` live, if it depends on this page."""
    show_if = question.show_if
    if not show_if or show_if["question"] not in page_codes:
        return None
    if "in" in show_if:
        values = [str(v) for v in show_if["in"]]
    elif "equals" in show_if:
        values = [str(show_if["equals"])]
    else:
        values = [c.iso2 for c in reference.countries()
                  if ("developing" in show_if and c.developing == bool(show_if["developing"]))
                  or c.region == show_if.get("region")]
    return json.dumps({"field": f"q_{show_if['question']}", "values": values})


def _page_questions(section, values):
    """Return the questions a page shows: those hidden by an answer on an earlier page are left out.

    A question that depends on an answer on the same page is kept: the page shows it to
    participants without JavaScript, and the saved answer is dropped if it stays hidden.
    """
    page_codes = {q.code for q in section.active_questions}
    return [q for q in section.active_questions
            if not q.show_if or q.show_if["question"] in page_codes or is_shown(q.show_if, values)]


def _render_page(questionnaire, token, section, questions, form, sections, status=200, errors=None):
    page_codes = {q.code for q in section.active_questions}
    position = next(i for i, s in enumerate(sections) if s.code == section.code)
    return render_template(
        "respond/page.html", questionnaire=questionnaire, token=token,
        section=section, form=form, errors=errors or {},
        questions=questions, position=position + 1, total=len(sections),
        conditions={q.code: _client_condition(q, page_codes) for q in questions},
        resume_url=url_for(".resume", slug=questionnaire.slug, token=token, _external=True),
    ), status


def _page_errors(form, questions, shown, answers, action):
    """Return ``{question code: [messages]}`` for the page's questions."""
    errors = {}
    for question in questions:
        messages = field_errors(form, question)
        if action == "next" and question in shown and not messages:
            missing = question.field.missing(answers.get(question))
            if missing:
                messages.append(str(missing))
        if messages:
            errors[question.code] = messages
    return errors


@bp.route("/<slug>/r/<token>/p/<section_code>", methods=["GET", "POST"])
@in_progress
def page(questionnaire, response, token, section_code):
    slug = questionnaire.slug
    stored = flow.stored_answers(response)
    values = flow.values_of(stored)
    sections = flow.visible_sections(questionnaire, values)
    section = next((s for s in sections if s.code == section_code), None)
    if section is None:
        if any(s.code == section_code for s in questionnaire.sections):
            return redirect(url_for(".resume", slug=slug, token=token))
        abort_with(404, _("This page is not part of the questionnaire."))
    questions = _page_questions(section, values)
    if request.method == "GET":
        language = choose_language(questionnaire, request.args.get("lang"), response.language)
        data = {"lang": language}
        for question in questions:
            data.update(question.field.form_data(*stored.get(question.code, (None, None))))
        form = page_form(questions, language, questionnaire.default_language, formdata=None, data=data)
        return _render_page(questionnaire, token, section, questions, form, sections)

    formdata = posted_form()
    language = choose_language(questionnaire, formdata.get("lang"), response.language)
    form = page_form(questions, language, questionnaire.default_language, formdata=formdata)
    check_fields(formdata, form)
    action = formdata.get("action", "next")
    if action not in ACTIONS:
        abort_with(400, _("Unknown action. Use the page's buttons."))
    if questionnaire.status != "open":
        return closed(questionnaire, 403)
    form.validate()
    if "csrf_token" in form.errors:
        flash(_("This page had expired, so nothing was saved yet. Your answers are shown "
                "again below: check them and press the button again."), "warning")
        return _render_page(questionnaire, token, section, questions, form, sections, status=400)
    answers = {q: q.field.read(form) for q in questions if not field_errors(form, q)}
    new_values = {**values, **{q.code: a[0] for q, a in answers.items() if a is not None}}
    for q, a in answers.items():
        if a is None:
            new_values.pop(q.code, None)
    shown = flow.visible_questions(section, new_values)
    errors = _page_errors(form, questions, shown, answers, action)
    if errors:
        return _render_page(questionnaire, token, section, questions, form, sections,
                            status=422, errors=errors)
    flow.save_answers(response, {q: (a if q in shown else None) for q, a in answers.items()})
    response.language = language
    after = flow.visible_sections(questionnaire, new_values)
    index = next(i for i, s in enumerate(after) if s.code == section.code)
    if action == "save":
        response.section_code = section.code
        db.session.commit()
        flash(_("Your answers are saved. Use your personal link to come back later."), "success")
        return redirect(url_for(".page", slug=slug, token=token, section_code=section.code))
    if action == "back":
        response.section_code = after[index - 1].code if index > 0 else section.code
        db.session.commit()
        if index == 0:
            return redirect(url_for(".welcome", slug=slug))
        return redirect(url_for(".page", slug=slug, token=token, section_code=after[index - 1].code))
    if index + 1 < len(after):
        response.section_code = after[index + 1].code
        db.session.commit()
        return redirect(url_for(".page", slug=slug, token=token, section_code=after[index + 1].code))
    db.session.commit()
    return redirect(url_for(".review", slug=slug, token=token))


def _review_items(questionnaire, stored, language):
    """Return the review page's sections, each with its visible questions and what they need."""
    values = flow.values_of(stored)
    shown_sections = flow.visible_sections(questionnaire, values)
    items, hidden = [], []
    for section in questionnaire.sections:
        shown = flow.visible_questions(section, values) if section in shown_sections else []
        hidden += [q for q in section.active_questions if q not in shown]
        if not shown:
            continue
        rows = [{"question": q,
                 "lines": q.field.describe(stored.get(q.code), language, questionnaire.default_language),
                 "missing": q.field.missing(stored.get(q.code))} for q in shown]
        items.append({"section": section, "rows": rows})
    return items, hidden


@bp.get("/<slug>/r/<token>/review")
@in_progress
def review(questionnaire, response, token):
    language = choose_language(questionnaire, request.args.get("lang"), response.language)
    items, _hidden = _review_items(questionnaire, flow.stored_answers(response), language)
    form = SubmitForm(formdata=None, lang=language)
    return render_template("respond/review.html", questionnaire=questionnaire, token=token,
                           items=items, form=form)


@bp.post("/<slug>/r/<token>/submit")
@in_progress
def submit(questionnaire, response, token):
    slug = questionnaire.slug
    formdata = posted_form()
    form = SubmitForm(formdata=formdata)
    check_fields(formdata, form)
    language = choose_language(questionnaire, form.lang.data, response.language)
    if questionnaire.status != "open":
        return closed(questionnaire, 403)
    items, hidden = _review_items(questionnaire, flow.stored_answers(response), language)
    missing = any(row["missing"] for item in items for row in item["rows"])
    if not form.validate() or missing:
        if "csrf_token" in form.errors:
            flash(_("This page had expired. Check your answers and press Send my answers again."), "warning")
        return render_template("respond/review.html", questionnaire=questionnaire, token=token,
                               items=items, form=form, missing=missing), 400 if not missing else 422
    # Nothing is written to the invitation: its holder's completion is read from the response.
    flow.complete(response, hidden)
    db.session.commit()
    return redirect(url_for(".thanks", slug=slug, token=token))
