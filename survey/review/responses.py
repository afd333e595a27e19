"""The responses of a questionnaire: a filtered list, one response in full, and deleting one."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from survey.audit import recent_entries, record_by_current_user
from survey.auth import can, permission_required, visible_questionnaire
from survey.extensions import db
from survey.models import DEMO_MODES, Answer, Question, Response, Section
from survey.respond import flow
from survey.review.filters import PER_PAGE, SEGMENT_VALUES, STATUSES, matching_ids, read_filters
from survey.fields import TEXT_TYPES
from survey.i18n import page_language, text_in
from survey.segments import response_segments
from survey.review.blueprint import bp

#: Words of a response's free text shown in the list, and at most that many characters
#: (for languages written without spaces).
PREVIEW_WORDS = 20
PREVIEW_CHARACTERS = 160


def text_previews(response_ids):
    """Return ``{response id: first words of its free-text answers}``, in questionnaire order."""
    rows = db.session.execute(
        select(Answer.response_id, Answer.text)
        .join(Question, Answer.question_id == Question.id)
        .join(Section, Question.section_id == Section.id)
        .where(Answer.response_id.in_(response_ids), Question.type.in_(TEXT_TYPES))
        .order_by(Section.position, Question.position)).all()
    words = {}
    for response_id, text in rows:
        words.setdefault(response_id, []).extend((text or "").split())
    previews = {}
    for rid, found in words.items():
        preview = " ".join(found[:PREVIEW_WORDS])
        cut = len(found) > PREVIEW_WORDS or len(preview) > PREVIEW_CHARACTERS
        previews[rid] = preview[:PREVIEW_CHARACTERS] + (" …" if cut else "")
    return previews


def recent_deletions(questionnaire, limit=10):
    """Return the latest audit entries of deleted responses of ``questionnaire``."""
    return recent_entries(("delete_response",), questionnaire, limit)


@bp.get("/<slug>/responses/")
@permission_required("view")
def responses(slug):
    questionnaire = visible_questionnaire(slug)
    filters = read_filters(questionnaire, request.args)
    ids = matching_ids(questionnaire, filters)
    pages = max(1, -(-len(ids) // PER_PAGE))
    if filters.page > pages:
        filters.notices.append(_("There are only %(n)s pages: showing the last one.", n=pages))
        filters.page = pages
    page_ids = ids[(filters.page - 1) * PER_PAGE:filters.page * PER_PAGE]
    rows = db.session.scalars(select(Response).where(Response.id.in_(page_ids))
                              .order_by(Response.id.desc())).all() if page_ids else []
    return render_template(
        "review/responses.html", questionnaire=questionnaire, filters=filters, rows=rows,
        total=len(ids), pages=pages, segments=response_segments(questionnaire, page_ids),
        previews=text_previews(page_ids), statuses=STATUSES, segment_values=SEGMENT_VALUES,
        demo_modes=DEMO_MODES,
        deletions=recent_deletions(questionnaire) if can("delete_response") else [])


def response_of(questionnaire, response_id):
    """Return response ``response_id`` if it belongs to ``questionnaire``; else stop with 404."""
    response = db.session.get(Response, response_id)
    if response is None or response.questionnaire_id != questionnaire.id:
        abort(404)
    return response


def answered_questions(questionnaire, response):
    """Return ``[(section, question, lines, note)]`` for each answer, in questionnaire order.

    ``note`` says when the question is retired or would now be hidden by other answers.
    """
    answers = flow.stored_answers(response)
    values = flow.values_of(answers)
    shown_sections = set(flow.visible_sections(questionnaire, values))
    language, default = page_language(), questionnaire.default_language
    found = []
    for section in questionnaire.sections:
        shown = set(flow.visible_questions(section, values)) if section in shown_sections else set()
        for question in section.questions:
            if question.code not in answers:
                continue
            note = (_("retired question") if question.retired
                    else None if question in shown else _("hidden by other answers"))
            lines = question.field.describe(answers[question.code], language, default)
            found.append((text_in(section.title, language, default), question, lines, note))
    return found


def invitee(questionnaire, response):
    """Return the invited person's e-mail, only where who answered is not kept apart."""
    if questionnaire.anonymous or response.invitation is None or not can("analyse"):
        return None
    return response.invitation.email


@bp.get("/<slug>/responses/<id:response_id>")
@permission_required("view")
def response(slug, response_id):
    questionnaire = visible_questionnaire(slug)
    found = response_of(questionnaire, response_id)
    return render_template(
        "review/response.html", questionnaire=questionnaire, response=found,
        answers=answered_questions(questionnaire, found), invitee=invitee(questionnaire, found),
        segments=response_segments(questionnaire, [found.id])[found.id])


@bp.get("/<slug>/responses/<id:response_id>/delete")
@permission_required("delete_response")
def delete_response_form(slug, response_id):
    questionnaire = visible_questionnaire(slug)
    found = response_of(questionnaire, response_id)
    return render_template("review/delete_response.html", questionnaire=questionnaire,
                           response=found)


@bp.post("/<slug>/responses/<id:response_id>/delete")
@permission_required("delete_response")
def delete_response(slug, response_id):
    questionnaire = visible_questionnaire(slug)
    found = response_of(questionnaire, response_id)
    n_answers = db.session.scalar(select(func.count()).where(Answer.response_id == found.id))
    summary = f"Deleted response #{found.id} ({found.status}, {found.language})"
    # The entry names the response by number only: no answer may outlive the deletion.
    record_by_current_user(
        "delete_response", summary, questionnaire=questionnaire,
        detail={"response_id": found.id, "status": found.status, "language": found.language,
                "is_demo": found.is_demo, "answers": n_answers})
    db.session.delete(found)
    db.session.commit()
    flash(_("Response #%(n)s and its %(answers)s answers were deleted.", n=response_id,
            answers=n_answers), "success")
    return redirect(url_for("review.responses", slug=questionnaire.slug))
