"""Finding the run and the theme an address names, within the questionnaire it names."""

from flask_babel import gettext as _

from survey.errors import abort_with
from survey.extensions import db
from survey.models import AnalysisRun, Theme
from survey.themes import findings


def load_run(questionnaire, run_id):
    """Return run ``run_id`` of ``questionnaire``; 404 if it belongs to another one."""
    run = db.session.get(AnalysisRun, run_id)
    if run is None or run.questionnaire_id != questionnaire.id:
        abort_with(404, _("There is no such analysis run for this questionnaire."))
    return run


def load_theme(run, theme_id):
    """Return theme ``theme_id`` of ``run``; 404 if it belongs to another run."""
    theme = db.session.get(Theme, theme_id)
    if theme is None or theme.run_id != run.id:
        abort_with(404, _("There is no such theme in this run."))
    return theme


def is_latest(run):
    """Return whether ``run`` is the newest finished run of its scope (the one to correct)."""
    latest = findings.latest_run(run.questionnaire, run.question_code)
    return latest is not None and latest.id == run.id
