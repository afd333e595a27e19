"""The front page: what Engage is, and the questionnaires open now."""

from flask import Blueprint, render_template
from sqlalchemy import select

from survey.extensions import db
from survey.models import Questionnaire

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    questionnaires = db.session.scalars(
        select(Questionnaire).where(Questionnaire.status == "open").order_by(Questionnaire.slug)).all()
    return render_template("home/index.html", questionnaires=questionnaires)


@bp.get("/health")
def health():
    db.session.execute(select(1))
    return {"status": "ok"}
