"""The review area's front page: the questionnaires the user may see."""

from flask import render_template
from sqlalchemy import case, func, select

from survey.auth import permission_required, visible_questionnaires
from survey.extensions import db
from survey.models import Response
from survey.review.blueprint import bp


def response_counts():
    """Return ``{questionnaire id: (started, completed, demo)}`` response counts (demo included)."""
    rows = db.session.execute(
        select(Response.questionnaire_id, func.count(),
               func.sum(case((Response.status == "completed", 1), else_=0)),
               func.sum(case((Response.is_demo, 1), else_=0)))
        .group_by(Response.questionnaire_id)).all()
    return {qid: (started, int(done or 0), int(demo or 0)) for qid, started, done, demo in rows}


@bp.get("/")
@permission_required("view")
def index():
    return render_template("review/index.html", questionnaires=visible_questionnaires(),
                           counts=response_counts())
