"""Password hashing (scrypt) and the rules a new password must meet."""

import functools

from werkzeug.security import check_password_hash, generate_password_hash

MIN_LENGTH = 10
MAX_LENGTH = 1024


@functools.cache
def _dummy_hash():
    """Return the hash compared against when the account does not exist (same time taken)."""
    return generate_password_hash("not a password of anyone", method="scrypt")


def hash_password(password):
    """Return the scrypt hash of ``password``."""
    return generate_password_hash(password, method="scrypt")


def check_password(user, password):
    """Return whether ``password`` is ``user``'s, taking as long when ``user`` is None."""
    if len(password) > MAX_LENGTH:
        return False
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return False
    return check_password_hash(user.password_hash, password)


def password_problem(password):
    """Return why ``password`` may not be used, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"A password needs at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"A password may have at most {MAX_LENGTH} characters."
    if "\x00" in password or password.strip() != password:
        return "A password may not contain NUL characters or start or end with spaces."
    return None
