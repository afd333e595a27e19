"""Many participants saving at once: every save is stored, none fails with "database is locked"."""

from concurrent.futures import ThreadPoolExecutor

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
