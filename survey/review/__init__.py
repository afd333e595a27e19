"""The steering committee's review area at /review/: overview, responses, users.

Each view module registers its routes on the blueprint; themes and reports have
blueprints of their own.
"""

from survey.review import charts, home, overview, responses, status, users  # noqa: F401
from survey.review.blueprint import bp

__all__ = ["bp"]
