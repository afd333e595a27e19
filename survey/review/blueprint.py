"""The steering committee's review area at /review/: the blueprint its views register on."""

from flask import Blueprint

bp = Blueprint("review", __name__, url_prefix="/review")
