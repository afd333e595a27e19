"""One-click unsubscribe (RFC 8058): the link and header in every message, and its page.

The token is the contact's id signed with an HMAC of the secret key: it cannot be
guessed for another contact, and nothing needs storing. A GET only asks (mail scanners
open links); the POST, from the page or straight from a mail program, unsubscribes.
"""

import hashlib
import hmac
import re
from base64 import urlsafe_b64encode

from flask import Blueprint, current_app, render_template

from survey.audit import record
from survey.errors import abort_with
from survey.extensions import csrf, db
from survey.i18n import INTERFACE_LANGUAGES, use_language
from survey.models import Contact, utc_now
from survey.services import public_url

bp = Blueprint("unsubscribe", __name__)
csrf.exempt(bp)  # mail programs post the one-click request without a form of ours
TOKEN = re.compile(r"^([1-9][0-9]{0,9})\.([A-Za-z0-9_-]{24})$")


def _mac(contact_id):
    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, f"unsubscribe:{contact_id}".encode(), hashlib.sha256).digest()
    return urlsafe_b64encode(digest[:18]).decode()


def token_of(contact):
    """Return the unsubscribe token of ``contact``."""
    return f"{contact.id}.{_mac(contact.id)}"


def link_of(contact):
    """Return the public unsubscribe address of ``contact`` (on ENGAGE_BASE_URL)."""
    # Built by hand: workers have no request to build URLs from, and never use its Host.
    return public_url(current_app.config, f"/u/{token_of(contact)}")


def contact_of(token):
    """Return the contact whose unsubscribe ``token`` this is; 404 if none."""
    match = TOKEN.match(token or "")
    contact = None
    if match and hmac.compare_digest(match.group(2), _mac(int(match.group(1)))):
        contact = db.session.get(Contact, int(match.group(1)))
    if contact is None:
        from flask_babel import gettext as _

        abort_with(404, _("This unsubscribe link is not valid, or the address was erased."))
    use_language(contact.language if contact.language in INTERFACE_LANGUAGES else "en")
    return contact


@bp.get("/u/<token>")
def page(token):
    contact = contact_of(token)
    return render_template("mail/unsubscribe.html", contact=contact, token=token, done=False)


@bp.post("/u/<token>")
def unsubscribe(token):
    contact = contact_of(token)
    if contact.unsubscribed_on is None:
        contact.unsubscribed_on = utc_now()
        entry = record(None, "unsubscribe", f"Contact #{contact.id} unsubscribed",
                       {"contact_id": contact.id})
        entry.actor = "the contact (unsubscribe link)"
        db.session.commit()
    return render_template("mail/unsubscribe.html", contact=contact, token=token, done=True)
