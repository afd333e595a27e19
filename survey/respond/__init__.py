"""The participant side: filling in a questionnaire at /s/<slug>."""

from survey.respond.views import bp

__all__ = ["bp"]
