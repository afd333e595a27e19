"""Forms of the review area: creating and changing committee accounts."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import BooleanField, PasswordField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, Optional, ValidationError

from survey.auth.passwords import password_problem
from survey.extensions import db
from survey.models import ROLES, User
from survey.text import is_email, normal_email

ROLE_LABELS = {"admin": _l("Administrator"), "reviewer": _l("Reviewer"), "observer": _l("Observer")}


class AccessFields(FlaskForm):
    """Role and questionnaires: what a user may do and see."""

    class Meta:
        # The app-wide CSRFProtect checks the token of every POST (the field keeps its
        # plain name even in forms with a prefix, several of which share a page).
        csrf = False

    role = SelectField(_l("Role"), choices=[SelectChoice(r, ROLE_LABELS[r]) for r in ROLES])
    questionnaires = SelectMultipleField(
        _l("Limit to these questionnaires (none selected: all of them)"), coerce=int,
        validate_choice=True)

    def set_questionnaires(self, questionnaires):
        """Offer ``questionnaires`` to choose from."""
        self.questionnaires.choices = [SelectChoice(q.id, q.slug) for q in questionnaires]
        return self


class CreateUserForm(AccessFields):
    """A new account with an initial password typed twice."""

    role = SelectField(_l("Role"), choices=[SelectChoice(r, ROLE_LABELS[r]) for r in ROLES],
                       default="observer")  # the least power unless chosen otherwise

    email = StringField(_l("E-mail address"), validators=[DataRequired(), Length(max=254)],
                        render_kw={"autocomplete": "off"})
    name = StringField(_l("Name"), validators=[Optional(), Length(max=200)])
    password = PasswordField(_l("Initial password"), validators=[DataRequired()],
                             render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("Initial password again"), render_kw={"autocomplete": "new-password"}, validators=[
        DataRequired(), EqualTo("password", message=_l("The two passwords differ."))])

    def validate_email(self, field):
        email = normal_email(field.data)
        if not is_email(email):
            raise ValidationError(_l("This is not an e-mail address."))
        if db.session.scalars(select(User.id).filter_by(email=email)).first():
            raise ValidationError(_l("This e-mail address already has an account."))

    def validate_password(self, field):
        problem = password_problem(field.data or "")
        if problem:
            raise ValidationError(problem)


class ChangeUserForm(AccessFields):
    """An existing account's role, questionnaires, and whether it may log in."""

    active = BooleanField(_l("May log in"))
