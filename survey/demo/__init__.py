"""Demo responses: invented answers in several languages, clearly marked as demo data."""

import uuid
from datetime import timedelta
from importlib import resources

import yaml
from sqlalchemy import select

from survey.extensions import db
from survey.models import Question, Response, coarse_now
from survey.respond import flow

DEMO_SLUG = "iew-2026-industry"
NAMESPACE = uuid.UUID("6f1c1f4e-3c41-4d59-9a6b-5d0b1f6f2a10")


def demo_responses():
    """Return the demo responses shipped with Engage, as read from their data file."""
    text = (resources.files("survey.demo") / "responses.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text) or []


def add_demo_responses(questionnaire):
    """Add the demo responses to ``questionnaire`` unless present; return how many were added."""
    questions = {q.code: q for q in db.session.scalars(
        select(Question).filter_by(questionnaire_id=questionnaire.id, retired=False))}
    added = 0
    now = coarse_now()
    for index, item in enumerate(demo_responses()):
        key = str(uuid.uuid5(NAMESPACE, f"{questionnaire.slug}:{index}"))
        if db.session.scalars(select(Response.id).filter_by(
                questionnaire_id=questionnaire.id, idempotency_digest=flow.digest(key))).first():
            continue
        language = item.get("language", questionnaire.default_language)
        if language not in questionnaire.languages:
            language = questionnaire.default_language
        response, _token = flow.start(questionnaire, key, language, is_demo=True)
        response.started_on = now - timedelta(days=20 - index % 20, hours=index % 7)
        answers = {questions[code]: questions[code].field.from_plain(value)
                   for code, value in (item.get("answers") or {}).items() if code in questions}
        flow.save_answers(response, answers)
        if item.get("status", "completed") == "completed":
            response.status = "completed"
            response.completed_on = response.started_on + timedelta(hours=1)
        response.updated_on = response.completed_on or response.started_on
        added += 1
    return added


#: The demo's reviewer account (example.org is reserved for examples: no one's real address).
DEMO_REVIEWER = "reviewer@example.org"


def add_demo_reviewer():
    """Create (or reset) the demo reviewer with a new random password; return the password."""
    import secrets

    from survey.auth.passwords import hash_password
    from survey.models import User

    password = secrets.token_urlsafe(12)
    user = db.session.scalars(select(User).filter_by(email=DEMO_REVIEWER)).one_or_none()
    if user is None:
        user = User(email=DEMO_REVIEWER, name="Demo reviewer", role="reviewer", password_hash="")
        db.session.add(user)
    user.password_hash = hash_password(password)
    user.active = True
    return password
