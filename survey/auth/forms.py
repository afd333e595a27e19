"""The login form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField
from wtforms.validators import DataRequired, Length, Regexp


class LoginForm(FlaskForm):
    """E-mail address and password; ``next`` is where to go afterwards (checked in the view)."""

    # No control characters (a NUL cannot even be looked up in PostgreSQL).
    email = EmailField(_l("E-mail address"), validators=[
        DataRequired(), Length(max=254),
        Regexp(r"^[^\x00-\x1f\x7f]*$", message=_l("Enter an e-mail address."))])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)])
    next = HiddenField()
