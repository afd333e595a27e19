"""Login throttling: too many failures for one e-mail address or from one address pause logins."""

import hashlib
from datetime import timedelta

from sqlalchemy import delete, func, or_, select

from survey.extensions import db
from survey.models import LoginAttempt, utc_now

WINDOW = timedelta(minutes=15)
#: Failures within WINDOW after which logins for that e-mail address are refused.
MAX_PER_EMAIL = 5
#: Failures within WINDOW after which logins from that client address are refused.
MAX_PER_ADDRESS = 30


def email_digest(email):
    """Return the digest under which failures for ``email`` are counted."""
    return hashlib.sha256(email.strip().lower().encode("utf-8", "surrogatepass")).hexdigest()


def is_throttled(email, address):
    """Return whether logins for ``email`` or from ``address`` are paused now."""
    since = utc_now() - WINDOW
    digest = email_digest(email)
    by_email, by_address = db.session.execute(
        select(func.count().filter(LoginAttempt.email_digest == digest),
               func.count().filter(LoginAttempt.address == address))
        .where(LoginAttempt.attempted_on >= since,
               or_(LoginAttempt.email_digest == digest, LoginAttempt.address == address))).one()
    return by_email >= MAX_PER_EMAIL or by_address >= MAX_PER_ADDRESS


def record_failure(email, address):
    """Remember a failed login (and forget failures too old to count)."""
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.attempted_on < utc_now() - WINDOW))
    db.session.add(LoginAttempt(email_digest=email_digest(email), address=address[:64]))


def forget_failures(email):
    """Forget the failures for ``email`` after a successful login."""
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.email_digest == email_digest(email)))
