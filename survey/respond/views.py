"""What a participant sees: welcome, one page per section, review, thank-you."""

import functools
import json
import uuid

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import Regexp

from survey import reference
from survey.errors import abort_with
from survey.extensions import csrf, db
from survey.i18n import use_language
from survey.questionnaires import is_shown
from survey import invitations
from survey.invitations import tokens
from survey.respond import flow
from survey.respond.answers import answer_of, needs
from survey.respond.describe import describe
from survey.respond.forms import field_name, field_values, page_form
from survey.respond.input import check_fields, posted_form

bp = Blueprint("respond", __name__, url_prefix="/s")
# Each participant form checks its own CSRF token so that an expired token can give the
# page back with the answers typed, instead of an error page that loses them.
csrf.exempt(bp)
ACTIONS = ("next", "back", "save")


class StartForm(FlaskForm):
    """The welcome page's start button, with the key that makes starting idempotent."""

    idempotency_key = HiddenField(validators=[Regexp(flow.IDEMPOTENCY_KEY.pattern)])
    lang = HiddenField()


class SubmitForm(FlaskForm):
    """The review page's submit button."""

    lang = HiddenField()


def _questionnaire(slug):
    questionnaire = flow.find_questionnaire(slug)
    if questionnaire is None:
        abort_with(404, _("There is no questionnaire at this address. Check the link you were given."))
    return questionnaire


def _response(questionnaire, token):
    response = flow.find_response(questionnaire, token)
    if response is None:
        abort_with(404, _("This personal link is not valid. Check that you copied all of it."))
    return response


def _language(questionnaire, *candidates):
    """Return the first candidate the questionnaire is offered in, and use it for the page."""
    chosen = next((c for c in candidates if c in questionnaire.languages), None)
    if chosen is None and not any(candidates):
        chosen = request.accept_languages.best_match(questionnaire.languages)
    use_language(chosen or questionnaire.default_language)
    return g.language


def _closed(questionnaire, status=200):
    return render_template("respond/closed.html", questionnaire=questionnaire), status


def _remembered(slug):
    return session.get("responses", {}).get(slug)


def _remember(slug, token):
    session["responses"] = {**session.get("responses", {}), slug: token}


def _invitation(questionnaire):
    """Return the invitation this browser arrived with, if any."""
    return invitations.find_invitation(questionnaire, session.get("invitations", {}).get(questionnaire.slug))


@bp.get("/<slug>/i/<token>")
def invited(slug, token):
    questionnaire = _questionnaire(slug)
    invitation = invitations.find_invitation(questionnaire, token)
    if invitation is None:
        abort_with(404, _("This invitation link is not valid. Check that you copied all of it."))
    session["invitations"] = {**session.get("invitations", {}), slug: token}
    # The invitee's own response, if they started one: the link leads back to it.
    response, resume_token = tokens.response_of(questionnaire, invitation)
    lang = request.args.get("lang") if request.args.get("lang") in questionnaire.languages else None
    if response is not None:
        _remember(slug, resume_token)
        return redirect(url_for(".resume", slug=slug, token=resume_token, lang=lang))
    # The welcome page's address no longer shows the personal token.
    return redirect(url_for(".welcome", slug=slug, lang=lang))


def _in_progress(view):
    """Give ``view`` the questionnaire and response of the URL; a completed one shows its thanks."""

    @functools.wraps(view)
    def load(slug, token, **kwargs):
        questionnaire = _questionnaire(slug)
        response = _response(questionnaire, token)
        if response.status == "completed":
            return redirect(url_for(".thanks", slug=slug, token=token))
        return view(questionnaire, response, token, **kwargs)

    return load


@bp.get("/<slug>/")
def welcome(slug):
    questionnaire = _questionnaire(slug)
    language = _language(questionnaire, request.args.get("lang"))
    if questionnaire.status != "open":
        return _closed(questionnaire)
    earlier = flow.find_response(questionnaire, _remembered(slug))
    form = StartForm(formdata=None, idempotency_key=str(uuid.uuid4()), lang=language)
    return render_template("respond/welcome.html", questionnaire=questionnaire, form=form,
                           earlier=earlier, earlier_token=_remembered(slug) if earlier else None)


@bp.post("/<slug>/start")
def start(slug):
    questionnaire = _questionnaire(slug)
    formdata = posted_form()
    form = StartForm(formdata=formdata)
    check_fields(formdata, form)
    language = _language(questionnaire, form.lang.data)
    if questionnaire.status != "open":
        return _closed(questionnaire, 403)
    if not form.validate():
        if "csrf_token" in form.errors:
            flash(_("The page had expired. Press Start again."), "warning")
            return redirect(url_for(".welcome", slug=slug, lang=language))
        abort_with(400, _("This start button is not valid. Reload the welcome page and try again."))
    invitation = _invitation(questionnaire)
    earlier = flow.find_response(questionnaire, _remembered(slug))
    if (invitation is None and earlier is not None and earlier.status == "in_progress"
            and not request.args.get("fresh")):
        return redirect(url_for(".resume", slug=slug, token=_remembered(slug)))
    # An invitee always gets the one response their invitation leads to.
    key = tokens.response_key(invitation) if invitation else form.idempotency_key.data
    response, token = flow.start(questionnaire, key, language)
    invitations.attach(questionnaire, response, invitation)
    db.session.commit()
    _remember(slug, token)
    return redirect(url_for(".resume", slug=slug, token=token))


@bp.get("/<slug>/r/<token>/")
@_in_progress
def resume(questionnaire, response, token):
    slug = questionnaire.slug
    _remember(slug, token)
    values = flow.values_of(flow.stored_answers(response))
    sections = flow.visible_sections(questionnaire, values)
    target = next((s for s in sections if s.code == response.section_code), sections[0])
    return redirect(url_for(".page", slug=slug, token=token, section_code=target.code,
                            lang=request.args.get("lang")))


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
        section=section, form=form, errors=errors or {}, field_name=field_name,
        questions=questions, position=position + 1, total=len(sections),
        conditions={q.code: _client_condition(q, page_codes) for q in questions},
        resume_url=url_for(".resume", slug=questionnaire.slug, token=token, _external=True),
    ), status


def _field_errors(form, question):
    """Return the messages of the form fields of ``question`` (a grid has one per row)."""
    prefix = field_name(question)
    return [message for name, field in form._fields.items()
            if name == prefix or name.startswith(prefix + "__") for message in field.errors]


def _page_errors(form, questions, shown, answers, action):
    """Return ``{question code: [messages]}`` for the page's questions."""
    errors = {}
    for question in questions:
        messages = _field_errors(form, question)
        if action == "next" and question in shown and not messages:
            missing = needs(question, answers.get(question))
            if missing:
                messages.append(str(missing))
        if messages:
            errors[question.code] = messages
    return errors


@bp.route("/<slug>/r/<token>/p/<section_code>", methods=["GET", "POST"])
@_in_progress
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
        language = _language(questionnaire, request.args.get("lang"), response.language)
        data = {"lang": language}
        for question in questions:
            data.update(field_values(question, *stored.get(question.code, (None, None))))
        form = page_form(questions, language, questionnaire.default_language, formdata=None, data=data)
        return _render_page(questionnaire, token, section, questions, form, sections)

    formdata = posted_form()
    language = _language(questionnaire, formdata.get("lang"), response.language)
    form = page_form(questions, language, questionnaire.default_language, formdata=formdata)
    check_fields(formdata, form)
    action = formdata.get("action", "next")
    if action not in ACTIONS:
        abort_with(400, _("Unknown action. Use the page's buttons."))
    if questionnaire.status != "open":
        return _closed(questionnaire, 403)
    form.validate()
    if "csrf_token" in form.errors:
        flash(_("This page had expired, so nothing was saved yet. Your answers are shown "
                "again below: check them and press the button again."), "warning")
        return _render_page(questionnaire, token, section, questions, form, sections, status=400)
    answers = {q: answer_of(form, q) for q in questions if not _field_errors(form, q)}
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
                 "lines": describe(q, stored.get(q.code), language, questionnaire.default_language),
                 "missing": needs(q, stored.get(q.code))} for q in shown]
        items.append({"section": section, "rows": rows})
    return items, hidden


@bp.get("/<slug>/r/<token>/review")
@_in_progress
def review(questionnaire, response, token):
    language = _language(questionnaire, request.args.get("lang"), response.language)
    items, _hidden = _review_items(questionnaire, flow.stored_answers(response), language)
    form = SubmitForm(formdata=None, lang=language)
    return render_template("respond/review.html", questionnaire=questionnaire, token=token,
                           items=items, form=form)


@bp.post("/<slug>/r/<token>/submit")
@_in_progress
def submit(questionnaire, response, token):
    slug = questionnaire.slug
    formdata = posted_form()
    form = SubmitForm(formdata=formdata)
    check_fields(formdata, form)
    language = _language(questionnaire, form.lang.data, response.language)
    if questionnaire.status != "open":
        return _closed(questionnaire, 403)
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


@bp.get("/<slug>/r/<token>/thanks")
def thanks(slug, token):
    questionnaire = _questionnaire(slug)
    response = _response(questionnaire, token)
    _language(questionnaire, request.args.get("lang"), response.language)
    if response.status != "completed":
        return redirect(url_for(".review", slug=slug, token=token))
    return render_template("respond/thanks.html", questionnaire=questionnaire, token=token)


@bp.after_request
def no_store(response):
    # Pages carry answers and a secret link: keep them out of shared caches and history.
    response.headers["Cache-Control"] = "no-store"
    return response
