"""Committee accounts, managed by administrators on the web (as `engage user` does)."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from survey.auth import permission_required
from survey.auth.access import grant
from survey.audit import recent_entries, record_by_current_user
from survey.auth.passwords import hash_password
from survey.errors import abort_with
from survey.extensions import db
from survey.models import Questionnaire, User
from survey.review.forms import ROLE_LABELS, ChangeUserForm, CreateUserForm
from survey.text import normal_email
from survey.review.blueprint import bp


def all_questionnaires():
    """Return every questionnaire, by slug (an account may be limited to some)."""
    return db.session.scalars(select(Questionnaire).order_by(Questionnaire.slug)).all()


def change_form(user, questionnaires):
    """Return the form changing ``user``, filled with the account's current values."""
    form = ChangeUserForm(formdata=None, prefix=f"u{user.id}", role=user.role,
                          active=user.active,
                          questionnaires=[] if user.all_questionnaires else [q.id for q in user.granted])
    return form.set_questionnaires(questionnaires)


def render_users(create=None, changed=None, status=200):
    """Return the users page; ``create`` and ``changed`` (user id, form) show their errors."""
    questionnaires = all_questionnaires()
    users = db.session.scalars(select(User).order_by(User.email)).all()
    forms = {u.id: change_form(u, questionnaires) for u in users}
    if changed is not None:
        forms[changed[0]] = changed[1]
    create = create or CreateUserForm(formdata=None).set_questionnaires(questionnaires)
    entries = recent_entries(("create_user", "change_user"))
    return render_template("review/users.html", users=users, forms=forms, create=create,
                           role_labels=ROLE_LABELS, entries=entries), status


def scope(user):
    """Return the slugs ``user`` is limited to, or "all"."""
    return "all" if user.all_questionnaires else sorted(q.slug for q in user.granted)


def audit(action, user, summary, detail):
    record_by_current_user(action, summary, {"user_id": user.id, "email": user.email, **detail})


@bp.get("/users/")
@permission_required("manage_users")
def users():
    return render_users()


@bp.post("/users/")
@permission_required("manage_users")
def create_user():
    form = CreateUserForm().set_questionnaires(all_questionnaires())
    if not form.validate_on_submit():
        return render_users(create=form, status=400)
    user = User(email=normal_email(form.email.data), name=(form.name.data or "").strip() or None,
                role=form.role.data, password_hash=hash_password(form.password.data))
    db.session.add(user)
    try:
        db.session.flush()
    except IntegrityError:  # another administrator created the same address meanwhile
        db.session.rollback()
        abort_with(400, _("This e-mail address already has an account."))
    grant(user, form.questionnaires.data)
    db.session.flush()
    db.session.refresh(user)
    audit("create_user", user, f"Created {user.role} {user.email}",
          {"role": user.role, "questionnaires": scope(user)})
    db.session.commit()
    flash(_("Account %(email)s created.", email=user.email), "success")
    return redirect(url_for("review.users"))


@bp.post("/users/<id:user_id>")
@permission_required("manage_users")
def change_user(user_id):
    user = db.session.get(User, user_id)
    if user is None:
        abort_with(404, _("There is no such account."))
    form = ChangeUserForm(prefix=f"u{user.id}").set_questionnaires(all_questionnaires())
    if not form.validate_on_submit():
        return render_users(changed=(user.id, form), status=400)
    if user.id == current_user.id and (form.role.data != "admin" or not form.active.data):
        abort_with(400, _("You cannot take away your own administrator rights or log-in: "
                          "ask another administrator."))
    before = {"role": user.role, "active": user.active, "questionnaires": scope(user)}
    user.role, user.active = form.role.data, form.active.data
    grant(user, form.questionnaires.data)
    db.session.flush()
    db.session.refresh(user)
    after = {"role": user.role, "active": user.active, "questionnaires": scope(user)}
    if after != before:
        audit("change_user", user, f"Changed {user.email}: " + ", ".join(
            f"{key} {before[key]} -> {after[key]}" for key in after if after[key] != before[key]),
            {"old": before, "new": after})
    db.session.commit()
    flash(_("Account %(email)s saved.", email=user.email), "success")
    return redirect(url_for("review.users"))
