"""The life of a response: starting, resuming, saving pages, submitting exactly once."""

import hashlib
import hmac
import re
from base64 import urlsafe_b64encode

from flask import current_app
from sqlalchemy import delete, select, update

from survey.extensions import db
from survey.models import Answer, Question, Questionnaire, Response, coarse_now
from survey.questionnaires import is_shown
from survey.text import has_control_characters

IDEMPOTENCY_KEY = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def resume_token(questionnaire, idempotency_key):
    """Return the secret resume token of the response started with ``idempotency_key``.

    Derived, not random: a repeated start (double click, reload) finds the same
    response and can send the participant to the same link, while the database keeps
    only a digest of the token.
    """
    message = f"resume:{questionnaire.id}:{idempotency_key.lower()}".encode()
    mac = hmac.new(current_app.config["SECRET_KEY"].encode(), message, hashlib.sha256).digest()
    return urlsafe_b64encode(mac[:24]).decode().rstrip("=")


def digest(token):
    """Return the SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def _insert(model):
    """Return an INSERT of ``model`` that can say ON CONFLICT, in the current database's dialect."""
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(model)


def start(questionnaire, idempotency_key, language, is_demo=False):
    """Return ``(response, token)``: a new response, or the one this key already started.

    Two starts with the same key at the same moment (a double click reaching two
    workers) insert one row: the second INSERT does nothing, and both read it back.
    """
    token = resume_token(questionnaire, idempotency_key)
    key = digest(idempotency_key.lower())
    db.session.execute(_insert(Response).values(
        questionnaire_id=questionnaire.id, idempotency_digest=key, resume_digest=digest(token),
        language=language, is_demo=is_demo, section_code=questionnaire.sections[0].code,
        status="in_progress", started_on=coarse_now(), updated_on=coarse_now(),
    ).on_conflict_do_nothing(index_elements=["questionnaire_id", "idempotency_digest"]))
    response = db.session.scalars(select(Response).filter_by(
        questionnaire_id=questionnaire.id, idempotency_digest=key)).one()
    return response, token


def find_response(questionnaire, token):
    """Return the response of ``questionnaire`` reached by resume ``token``, or None."""
    if not token or not TOKEN.match(token):
        return None
    return db.session.scalars(select(Response).filter_by(
        questionnaire_id=questionnaire.id, resume_digest=digest(token))).one_or_none()


def find_questionnaire(slug):
    """Return the questionnaire with URL name ``slug``, or None."""
    if len(slug) > 64 or has_control_characters(slug):  # a NUL cannot even be looked up
        return None
    return db.session.scalars(select(Questionnaire).filter_by(slug=slug)).one_or_none()


def stored_answers(response):
    """Return the saved answers of ``response`` as ``{question code: (value, text)}``."""
    rows = db.session.execute(
        select(Question.code, Answer.value, Answer.text)
        .join(Answer, Answer.question_id == Question.id)
        .where(Answer.response_id == response.id)).all()
    return {code: (value, text) for code, value, text in rows}


def values_of(answers):
    """Return ``{code: value}`` from ``{code: (value, text)}``, for conditions."""
    return {code: pair[0] for code, pair in answers.items()}


def visible_sections(questionnaire, values):
    """Return the pages shown given answer ``values``: their condition holds, they have questions."""
    return [s for s in questionnaire.sections
            if s.active_questions and is_shown(s.show_if, values)]


def visible_questions(section, values):
    """Return the questions of ``section`` shown given answer ``values``."""
    return [q for q in section.active_questions if is_shown(q.show_if, values)]


def save_answers(response, answers):
    """Store ``{question: (value, text) or None}`` for ``response``: insert, update or delete."""
    for question, answer in answers.items():
        if answer is None:
            db.session.execute(delete(Answer).where(
                Answer.response_id == response.id, Answer.question_id == question.id))
            continue
        value, text = answer
        statement = _insert(Answer).values(
            response_id=response.id, question_id=question.id, value=value, text=text)
        db.session.execute(statement.on_conflict_do_update(
            index_elements=["response_id", "question_id"],
            set_={"value": statement.excluded.value, "text": statement.excluded.text}))
    response.updated_on = coarse_now()


def complete(response, hidden_questions):
    """Mark ``response`` completed unless another request already did; drop hidden answers.

    The conditional UPDATE makes a double submission (two tabs, a double click, a
    replayed request) complete the response exactly once.
    """
    done = db.session.execute(
        update(Response)
        .where(Response.id == response.id, Response.status == "in_progress")
        .values(status="completed", completed_on=coarse_now(), updated_on=coarse_now()))
    if done.rowcount and hidden_questions:
        db.session.execute(delete(Answer).where(
            Answer.response_id == response.id,
            Answer.question_id.in_([q.id for q in hidden_questions])))
    return bool(done.rowcount)
