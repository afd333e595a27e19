"""The participant side: filling in a questionnaire at /s/<slug>."""

from survey.respond import pages, views  # noqa: F401  (their routes register on the blueprint)
from survey.respond.blueprint import bp

__all__ = ["bp"]
