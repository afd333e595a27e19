"""The theme pages at /review/<slug>/themes/: the blueprint their views register on."""

from flask import Blueprint

bp = Blueprint("themes", __name__, url_prefix="/review/<slug>/themes")
