"""The Flask extensions, created here and bound to the app in ``create_app``."""

from flask_babel import Babel
from flask_migrate import Migrate
from flask_wtf.csrf import CSRFProtect

from survey.models.base import db

__all__ = ["babel", "csrf", "db", "migrate"]
migrate = Migrate()
csrf = CSRFProtect()
babel = Babel()
