"""The steering committee's review area at /review/: overview, responses, users.

The routes are listed here, in one place, so that a reader (and the access tests) can
see the whole area at a glance. Themes and reports have blueprints of their own.
"""

from flask import Blueprint

from survey.review import charts, home, overview, responses, status, users

bp = Blueprint("review", __name__, url_prefix="/review")

#: An id in a URL: larger ones are 404 here rather than out of range in the database.
ID = "int(max=2147483647)"

#: (rule, endpoint, view, methods)
ROUTES = [
    ("/", "index", home.index, ["GET"]),
    ("/users/", "users", users.users, ["GET"]),
    ("/users/", "create_user", users.create_user, ["POST"]),
    (f"/users/<{ID}:user_id>", "change_user", users.change_user, ["POST"]),
    ("/<slug>/", "overview", overview.overview, ["GET"]),
    ("/<slug>/status", "set_status", status.set_status, ["POST"]),
    ("/<slug>/charts/<name>.svg", "chart", charts.chart, ["GET"]),
    ("/<slug>/responses/", "responses", responses.responses, ["GET"]),
    (f"/<slug>/responses/<{ID}:response_id>", "response", responses.response, ["GET"]),
    (f"/<slug>/responses/<{ID}:response_id>/delete", "delete_response_form",
     responses.delete_response_form, ["GET"]),
    (f"/<slug>/responses/<{ID}:response_id>/delete", "delete_response",
     responses.delete_response, ["POST"]),
]

for rule, endpoint, view, methods in ROUTES:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
