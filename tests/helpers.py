"""Helpers for tests: questionnaire content and a participant driving the pages."""

import contextlib
import re
import threading
import uuid
from datetime import datetime, timedelta

from survey import create_app
from survey.extensions import db
from survey.models import Question
from survey.respond import flow

SECRET = "test-secret-key-not-for-production"


def make_app(database_url, **overrides):
    """Return an app for tests on ``database_url``."""
    config = {"TESTING": True, "SECRET_KEY": SECRET, "SQLALCHEMY_DATABASE_URI": database_url,
              "SESSION_COOKIE_SECURE": False, "SERVER_NAME": None}
    config.update(overrides)
    return create_app(config)


def questionnaire_content(sections, slug="test-q", languages=("en", "fr"), status="open"):
    """Return questionnaire file content (as parsed YAML) with the given sections."""
    return {
        "workshop": {"code": "ws-test", "name": {"en": "Test workshop"}, "edition": 2026},
        "questionnaire": {
            "slug": slug, "kind": "pre_workshop", "status": status, "languages": list(languages),
            "title": {"en": f"Questionnaire {slug}", "fr": f"Questionnaire {slug} (fr)"},
            "purpose": {"en": "Purpose."}, "privacy": {"en": "Privacy."}, "sections": sections,
        },
    }



TOKEN_FIELD = re.compile(r'<input[^>]*\bname="csrf_token"[^>]*\bvalue="([^"]+)"')
KEY_FIELD = re.compile(r'name="idempotency_key" type="hidden" value="([^"]+)"')


class Participant:
    """Drives the participant pages through the test client, as a browser would."""

    def __init__(self, client, slug):
        self.client, self.slug, self.url = client, slug, None

    def start(self, lang=None):
        """Open the welcome page, press Start, and return the first page's response."""
        page = self.client.get(f"/s/{self.slug}/" + (f"?lang={lang}" if lang else ""))
        html = page.get_data(as_text=True)
        data = {"csrf_token": csrf_token(html), "idempotency_key": KEY_FIELD.search(html).group(1),
                "lang": lang or "en"}
        started = self.client.post(f"/s/{self.slug}/start", data=data)
        assert started.status_code == 302, started.get_data(as_text=True)
        self.token = started.headers["Location"].rstrip("/").split("/")[-1]
        return self.client.get(started.headers["Location"], follow_redirects=True)

    def page_url(self, section):
        return f"/s/{self.slug}/r/{self.token}/p/{section}"

    def post(self, section, answers, action="next", token=None, lang="en"):
        """Post ``answers`` (field name without ``q_`` -> value) on page ``section``."""
        if token is None:
            token = csrf_token(self.client.get(self.page_url(section)).get_data(as_text=True))
        data = {"csrf_token": token, "action": action, "lang": lang}
        data.update({f"q_{name}": value for name, value in answers.items()})
        return self.client.post(self.page_url(section), data=data)

    def submit(self):
        review = self.client.get(f"/s/{self.slug}/r/{self.token}/review")
        return self.client.post(f"/s/{self.slug}/r/{self.token}/submit",
                                data={"csrf_token": csrf_token(review.get_data(as_text=True)),
                                      "lang": "en"})


def csrf_token(html):
    """Return the CSRF token of the first form in ``html``."""
    return TOKEN_FIELD.search(html).group(1)




class HttpParticipant:
    """A participant talking HTTP to a live server, with its own cookies."""

    def __init__(self, base_url, slug):
        import http.cookiejar
        import urllib.request

        self.base, self.slug = base_url, slug
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def request(self, path, data=None):
        """Return ``(status, final URL, body)`` of a GET, or of a POST when ``data`` is given."""
        import urllib.error
        import urllib.parse

        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=60) as answer:
                return answer.status, answer.url, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.url, error.read().decode()

    def start(self):
        _, _, html = self.request(f"/s/{self.slug}/")
        status, url, html = self.request(f"/s/{self.slug}/start", {
            "csrf_token": csrf_token(html), "idempotency_key": KEY_FIELD.search(html).group(1),
            "lang": "en"})
        self.token = url.split("/r/")[1].split("/")[0]
        return status, url, html

    def save(self, section, answers, action="next"):
        path = f"/s/{self.slug}/r/{self.token}/p/{section}"
        _, _, html = self.request(path)
        data = {"csrf_token": csrf_token(html), "action": action, "lang": "en"}
        data.update({f"q_{k}": v for k, v in answers.items()})
        return self.request(path, data)


def log_in(client, email, password, next_url=None):
    """Log ``client`` in through the login form; return the response to the POST."""
    page = client.get("/login")
    data = {"csrf_token": csrf_token(page.get_data(as_text=True)), "email": email,
            "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post("/login", data=data)


def responses_in_database(**where):
    """Return how many responses the database holds (``status="completed"``, ``is_demo=...``)."""
    from sqlalchemy import func, select

    from survey.models import Response

    return db.session.scalar(select(func.count()).select_from(Response).filter_by(**where))


def completed_answers_to(code):
    """Return how many completed responses have a non-empty answer to question ``code``."""
    from sqlalchemy import select

    from survey.models import Answer, Response

    texts = db.session.scalars(
        select(Answer.text).join(Question, Answer.question_id == Question.id)
        .join(Response, Answer.response_id == Response.id)
        .where(Question.code == code, Response.status == "completed"))
    return sum(1 for text in texts if text and text.strip())


def add_response(questionnaire, answers=None, status="completed", language="en", is_demo=False,
                 started=None):
    """Add a response of ``questionnaire`` with ``{question code: value}``; return it."""
    questions = {q.code: q for q in db.session.query(Question).filter_by(
        questionnaire_id=questionnaire.id)}
    response, _token = flow.start(questionnaire, str(uuid.uuid4()), language, is_demo=is_demo)
    response.started_on = started or datetime(2026, 3, 2, 10)
    flow.save_answers(response, {questions[code]: questions[code].field.from_plain(value)
                                 for code, value in (answers or {}).items()})
    if status == "completed":
        response.status = "completed"
        response.completed_on = response.started_on + timedelta(hours=1)
    db.session.commit()
    return response


@contextlib.contextmanager
def jobs_finishing():
    """Within the block, ``finished(job_id)`` waits for a background job of this process to
    end and returns its status (the job queue's ``job_finished`` signal, not a sleep)."""
    from survey.jobs import job_finished

    ended, condition = {}, threading.Condition()

    def heard(_sender, job_id, status):
        with condition:
            ended[job_id] = status
            condition.notify_all()

    def finished(job_id, timeout=120):
        with condition:
            assert condition.wait_for(lambda: job_id in ended, timeout), f"job {job_id} never ended"
            return ended[job_id]

    job_finished.connect(heard)
    try:
        yield finished
    finally:
        job_finished.disconnect(heard)
