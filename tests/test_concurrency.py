"""Many participants saving at once: every save is stored, none fails with "database is locked"."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from sqlalchemy import func, select

from helpers import HttpParticipant
from survey.extensions import db
from survey.models import Answer

SECTIONS = [{"code": f"s{i}", "title": {"en": f"Page {i}"}, "questions": [
    {"code": f"text{i}", "type": "long_text", "text": {"en": f"Question {i}"}}]} for i in range(4)]


def test_concurrent_participants_all_save_every_page(make_questionnaire, live_server):
    make_questionnaire(SECTIONS)

    def fill_in(n):
        person = HttpParticipant(live_server, "test-q")
        statuses = [person.start()[0]]
        for i in range(4):
            statuses.append(person.save(f"s{i}", {f"text{i}": f"participant {n} page {i}"})[0])
        return statuses

    with ThreadPoolExecutor(max_workers=12) as pool:
        results = list(pool.map(fill_in, range(24)))
    assert all(status == 200 for statuses in results for status in statuses), results
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Answer)) == 24 * 4


def _read_then_write(app, questionnaire_id, read, go_on, mark_writing):
    """In a thread like a background analysis: read, wait for ``go_on``, write, commit."""
    import contextlib

    from survey.database import writing
    from survey.models import Questionnaire

    with app.app_context(), (writing() if mark_writing else contextlib.nullcontext()):
        try:
            questionnaire = db.session.get(Questionnaire, questionnaire_id)
            read.set()
            assert go_on.wait(timeout=30)
            questionnaire.minutes += 1
            db.session.commit()
            return None
        except Exception as error:  # noqa: BLE001 - the error is the result
            db.session.rollback()
            return error
        finally:
            db.session.remove()


def _request_that_writes(app, questionnaire_id, locked, release):
    """Take the write lock like a saving request, say so with ``locked``, commit on ``release``."""
    from survey.models import Questionnaire

    with app.test_request_context(method="POST"):
        db.session.get(Questionnaire, questionnaire_id).minutes += 1
        db.session.flush()
        locked.set()
        assert release.wait(timeout=30)
        db.session.commit()
        db.session.remove()


@pytest.mark.parametrize("mark_writing", [True, False])
def test_a_background_writer_waits_for_a_writing_request(app, make_questionnaire, mark_writing):
    """A background run that reads, then writes while a request holds the write lock, waits
    its turn when it says it writes; otherwise SQLite refuses at once (the bug this prevents).

    Events order every step: the request holds the lock before the background writes (or,
    when it says it writes, before the background even begins), so the case cannot pass
    without contention.
    """
    import threading

    from sqlalchemy import event

    if db.engine.dialect.name != "sqlite":
        pytest.skip("about SQLite's write lock; PostgreSQL waits for row locks by itself")
    questionnaire = make_questionnaire(SECTIONS)
    read, go_on, locked, release = (threading.Event() for _ in range(4))
    waiting = threading.Event()  # the background has asked for the write lock

    def on_statement(connection, cursor, statement, *args):
        if statement.startswith("BEGIN IMMEDIATE") and threading.current_thread().name.startswith("bg"):
            waiting.set()

    event.listen(db.engine, "before_cursor_execute", on_statement)
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="bg") as background_pool, \
                ThreadPoolExecutor(max_workers=1, thread_name_prefix="rq") as request_pool:
            if mark_writing:
                # The request holds the lock; the background asks for it at its first read.
                request = request_pool.submit(_request_that_writes, app, questionnaire.id, locked, release)
                assert locked.wait(timeout=30)
                go_on.set()
                background = background_pool.submit(_read_then_write, app, questionnaire.id, read, go_on, True)
                assert waiting.wait(timeout=30)
                assert not read.is_set()  # it waits for the lock instead of reading
                release.set()
            else:
                # The background has read; the request takes the lock; then the background writes.
                background = background_pool.submit(_read_then_write, app, questionnaire.id, read, go_on, False)
                assert read.wait(timeout=30)
                request = request_pool.submit(_request_that_writes, app, questionnaire.id, locked, release)
                assert locked.wait(timeout=30)
                go_on.set()
            error = background.result(timeout=60)
            release.set()
            request.result(timeout=60)
    finally:
        event.remove(db.engine, "before_cursor_execute", on_statement)
    if mark_writing:
        assert error is None
        db.session.rollback()  # a fresh snapshot
        assert questionnaire.minutes == 17  # 15, plus one from each writer
    else:
        assert error is not None and "database is locked" in str(error)
