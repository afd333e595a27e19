"""Engage: survey and feedback platform for the ITU-T industry engagement workshops."""

import os
from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config=None):
    """Return the Engage web application, configured from ``ENGAGE_*`` variables.

    ``test_config`` (a mapping) overrides the environment; tests use it.
    """
    from survey import auth, config, database, errors, i18n, routing, schedule, security, services, templating
    from survey.extensions import babel, csrf, db, migrate

    instance_path = os.environ.get("ENGAGE_INSTANCE_PATH") or str(ROOT / "instance")
    app = Flask(__name__, instance_path=instance_path,
                template_folder=str(ROOT / "templates"), static_folder="static")
    app.config.from_mapping(config.from_environment(instance_path))
    app.config.from_mapping(services.from_environment())
    if test_config:
        app.config.from_mapping(test_config)
    Path(instance_path).mkdir(parents=True, exist_ok=True)
    app.config["SECRET_KEY"] = config.secret_key(app.config, instance_path)
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = database.engine_options(app)

    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True,
                     compare_type=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    i18n.init_app(app)
    templating.init_app(app)
    errors.init_app(app)
    security.init_app(app)
    routing.init_app(app)
    schedule.init_app(app)

    auth.init_app(app)

    from survey.home import bp as home_bp
    from survey.respond import bp as respond_bp
    from survey.reports.views import bp as reports_bp
    from survey.review import bp as review_bp
    from survey.review import nav
    from survey.themes import bp as themes_bp

    app.register_blueprint(home_bp)
    app.register_blueprint(respond_bp)
    app.register_blueprint(review_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(themes_bp)
    from survey import publishing
    from survey.contacts.views import bp as contacts_bp
    from survey.invitations.views import bp as invitations_bp
    from survey.mail.unsubscribe import bp as unsubscribe_bp
    from survey.mail.views import bp as mail_bp

    app.register_blueprint(contacts_bp)
    app.register_blueprint(mail_bp)
    app.register_blueprint(invitations_bp)
    app.register_blueprint(unsubscribe_bp)
    publishing.init_app(app)
    nav.init_app(app)
    if app.config["TRUSTED_PROXIES"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Behind HTTPS termination, links shown to participants must say https://.
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    return app
