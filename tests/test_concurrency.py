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
            go_on.wait(timeout=10)
            questionnaire.minutes += 1
            db.session.commit()
            return None
        except Exception as error:  # noqa: BLE001 - the error is the result
            db.session.rollback()
            return error
        finally:
            db.session.remove()


def _request_that_writes(app, questionnaire_id, hold_seconds):
    """Hold the write lock like a saving request, for ``hold_seconds``."""
    import time

    from survey.models import Questionnaire

    with app.test_request_context(method="POST"):
        db.session.get(Questionnaire, questionnaire_id).minutes += 1
        db.session.flush()
        time.sleep(hold_seconds)
        db.session.commit()
        db.session.remove()



@pytest.mark.parametrize("mark_writing", [True, False])
def test_a_background_writer_waits_for_a_writing_request(app, make_questionnaire, mark_writing):
    """A background run that reads, then writes while a request holds the write lock, waits
    its turn when it says it writes; otherwise SQLite refuses at once (the bug this prevents)."""
    import threading

    if db.engine.dialect.name != "sqlite":
        pytest.skip("about SQLite's write lock; PostgreSQL waits for row locks by itself")
    questionnaire = make_questionnaire(SECTIONS)
    read, go_on = threading.Event(), threading.Event()
    with ThreadPoolExecutor(max_workers=2) as pool:
        background = pool.submit(_read_then_write, app, questionnaire.id, read, go_on, mark_writing)
        assert read.wait(timeout=10)
        request = pool.submit(_request_that_writes, app, questionnaire.id, 1.0)
        threading.Timer(0.3, go_on.set).start()  # write while the request holds the lock
        error = background.result(timeout=30)
        request.result(timeout=30)
    if mark_writing:
        assert error is None
        db.session.rollback()  # a fresh snapshot
        assert questionnaire.minutes == 17  # 15, plus one from each writer
    else:
        assert error is not None and "database is locked" in str(error)
