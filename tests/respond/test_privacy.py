"""What the database holds about participants: nothing that opens a response or names who answered."""

from sqlalchemy import text

from survey.extensions import db
from helpers import KEY_FIELD, csrf_token


def test_the_database_holds_no_usable_idempotency_key(client, make_questionnaire):
    make_questionnaire([{"code": "p", "title": {"en": "P"}, "questions": [
        {"code": "q", "type": "short_text", "text": {"en": "Q"}}]}])
    html = client.get("/s/test-q/").get_data(as_text=True)
    key = KEY_FIELD.search(html).group(1)
    started = client.post("/s/test-q/start", data={"csrf_token": csrf_token(html), "idempotency_key": key,
                                                   "lang": "en"})
    assert started.status_code == 302
    row = db.session.execute(text("SELECT * FROM responses")).mappings().one()
    assert key.lower() not in " ".join(str(value).lower() for value in row.values())
    # What is stored cannot be posted as a key to reach the response.
    html = client.get("/s/test-q/").get_data(as_text=True)
    replay = client.post("/s/test-q/start?fresh=1", data={
        "csrf_token": csrf_token(html), "idempotency_key": row["idempotency_digest"], "lang": "en"})
    assert replay.status_code == 400
