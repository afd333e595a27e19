"""Responses written straight into the database, for the review area's tests."""

from helpers import add_response, csrf_token

__all__ = ["add_many", "add_response", "post_form"]


def add_many(questionnaire, n, **answers):
    """Add ``n`` completed responses with the same ``answers``; return them."""
    return [add_response(questionnaire, answers) for _ in range(n)]


def post_form(client, page_url, action, data):
    """Post ``data`` to ``action`` with the CSRF token of the page at ``page_url``."""
    token = csrf_token(client.get(page_url).get_data(as_text=True))
    return client.post(action, data={"csrf_token": token, **data})
