"""The steering committee's review area at /review/: overview, responses, users.

The routes are listed here, in one place, so that a reader (and the access tests) can
see the whole area at a glance. Themes and reports have blueprints of their own.
"""

from flask import Blueprint

from survey.review import home

bp = Blueprint("review", __name__, url_prefix="/review")

#: (rule, endpoint, view, methods)
ROUTES = [
    ("/", "index", home.index, ["GET"]),
]

for rule, endpoint, view, methods in ROUTES:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
