"""Login and logout of committee members."""

import secrets
from urllib.parse import urlsplit

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user, login_user, logout_user
from sqlalchemy import select

from survey.auth import throttle
from survey.auth.forms import LoginForm
from survey.auth.passwords import check_password
from survey.extensions import db
from survey.models import User, utc_now

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = _l("Log in to see this page.")
login_manager.login_message_category = "info"


def init_app(app):
    """Set up sessions of committee members and register the login pages."""
    login_manager.init_app(app)
    app.register_blueprint(bp)

    @app.before_request
    def forget_request_state():
        # `g` outlives a request when an app context was pushed around several (tests,
        # scripts): never let one request see the user or CSRF token of another.
        g.pop("_login_user", None)
        g.pop("csrf_token", None)


@login_manager.user_loader
def load_user(session_id):
    user_id, _dot, marker = session_id.partition(".")
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.get_id() != session_id:
        return None
    return user


def safe_next(target):
    """Return ``target`` if it is a path on this site, else None (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    if any(ord(c) < 32 or c == "\\" for c in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def client_address():
    return request.remote_addr or "unknown"


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm(next=request.args.get("next", ""))
    target = safe_next(form.next.data) or url_for("review.index")
    if current_user.is_authenticated and request.method == "GET":
        return redirect(target)
    if not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        return render_template("auth/login.html", form=form), status
    email = form.email.data.strip().lower()
    if throttle.is_throttled(email, client_address()):
        message = _("Too many failed attempts. Wait 15 minutes and try again.")
        return render_template("auth/login.html", form=form, error=message), 429
    user = db.session.scalars(select(User).where(User.email == email)).one_or_none()
    if not check_password(user, form.password.data) or not user.active:
        throttle.record_failure(email, client_address())
        db.session.commit()
        message = _("The e-mail address or the password is not right.")
        return render_template("auth/login.html", form=form, error=message), 401
    throttle.forget_failures(email)
    user.last_login_on = utc_now()
    db.session.commit()
    # A new session on login: nothing set before it (by anyone) carries over.
    session.clear()
    g.pop("csrf_token", None)  # a token made earlier in this request belongs to the old session
    session["sid"] = secrets.token_urlsafe(16)
    login_user(user)
    return redirect(target)


@bp.post("/logout")
def logout():
    logout_user()
    session.clear()
    g.pop("csrf_token", None)
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))
