"""The theme pages' addresses, in one list: /review/<slug>/themes/..."""

from flask import Blueprint

from survey.themes import actions, catalogue_views, views

bp = Blueprint("themes", __name__, url_prefix="/review/<slug>/themes")

RUN = "/runs/<int:run_id>"
THEME = RUN + "/themes/<int:theme_id>"
ANSWER = RUN + "/answers/<int:answer_id>"

#: (rule, endpoint, view, methods)
ROUTES = [
    ("/", "index", views.index, ["GET"]),
    ("/runs/", "start_run", views.start_run, ["POST"]),
    (RUN + "/", "run_page", views.run_page, ["GET"]),
    (RUN + "/status", "run_status", views.run_status, ["GET"]),
    (RUN + "/chart.svg", "run_chart", views.run_chart, ["GET"]),
    (THEME + "/", "theme_page", views.theme_page, ["GET"]),
    (THEME + "/rename", "rename_theme", actions.rename_theme, ["POST"]),
    (THEME + "/merge", "merge_theme", actions.merge_theme, ["POST"]),
    (THEME + "/split", "split_theme", actions.split_theme, ["POST"]),
    (THEME + "/notes", "add_note", actions.add_note, ["POST"]),
    (ANSWER + "/move", "move_answer", actions.move_answer, ["POST"]),
    (ANSWER + "/highlight", "highlight_answer", actions.highlight_answer, ["POST"]),
    ("/catalogue/", "catalogue", catalogue_views.show, ["GET"]),
    ("/catalogue/add", "catalogue_add", catalogue_views.add, ["POST"]),
    ("/catalogue/<key>/edit", "catalogue_edit", catalogue_views.edit, ["POST"]),
    ("/catalogue/<key>/retire", "catalogue_retire", catalogue_views.retire, ["POST"]),
]

for rule, endpoint, view, methods in ROUTES:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
