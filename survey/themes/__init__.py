"""Theme analysis inside the app: runs stored in the database, the committee's corrections,
and what the reports read (findings). The theme pages register on ``bp``."""

from survey.themes import actions, catalogue_views, views  # noqa: F401
from survey.themes.blueprint import bp

__all__ = ["bp"]
