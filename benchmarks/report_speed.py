"""Time to write the TSAG report and the data exports for 5,000 responses.

    python benchmarks/report_speed.py [--responses 5000] [--seed 0]

Builds its own temporary SQLite database: the built-in industry questionnaire, N
completed responses whose answers are drawn from the demo responses (mixed per question),
and a finished theme run with six themes per free-text question. It then times the Word
report, the CSV ZIP and the XLSX export, and a bare python-docx document with as many
paragraphs and tables as the report (the baseline: what python-docx itself costs).
Target: the report in 10 s or less.
"""

import argparse
import io
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def answer_pools(questions):
    """Return ``{question code: [(value, text)]}`` from the demo responses."""
    from survey.demo import demo_responses

    pools = {}
    for item in demo_responses():
        for code, value in (item.get("answers") or {}).items():
            question = questions.get(code)
            if question is None:
                continue
            text = None
            if question.is_text:
                value = text = str(value)
            elif question.type == "single_choice" and isinstance(value, dict):
                value, text = {"choice": "other", "other": value.get("other", "")}, value.get("other")
            elif question.type == "multiple_choice" and not isinstance(value, list):
                value = [value]
            pools.setdefault(code, []).append((value, text))
    return pools


def fill(questionnaire, n, rng):
    """Insert ``n`` completed responses and their answers in bulk; return the answer count."""
    from sqlalchemy import insert

    from survey.extensions import db
    from survey.models import Answer, Response, coarse_now

    questions = {q.code: q for q in questionnaire.questions}
    pools = answer_pools(questions)
    now = coarse_now()
    db.session.execute(insert(Response), [
        {"questionnaire_id": questionnaire.id, "idempotency_digest": str(uuid.UUID(int=rng.getrandbits(128))),
         "resume_digest": f"{i:064x}", "status": "completed", "language": "en",
         "started_on": now, "updated_on": now, "completed_on": now} for i in range(n)])
    ids = [r for (r,) in db.session.execute(db.select(Response.id).order_by(Response.id))]
    rows = []
    for response_id in ids:
        for code, pool in pools.items():
            if rng.random() < 0.85 or code in ("country", "org_size", "quote_consent"):
                value, text = rng.choice(pool)
                if text and questions[code].is_text:
                    value = text = f"{text} ({rng.randrange(1000)})"  # mostly distinct texts
                rows.append({"response_id": response_id, "question_id": questions[code].id,
                             "value": value, "text": text})
    db.session.execute(insert(Answer), rows)
    return len(rows)


def add_runs(questionnaire, rng):
    """Store a finished run with six themes for each free-text question."""
    from sqlalchemy import insert, select

    from survey.extensions import db
    from survey.models import AnalysisRun, Answer, Theme, ThemeAssignment

    for question in [q for q in questionnaire.questions if q.is_text]:
        answers = list(db.session.scalars(select(Answer.id).where(Answer.question_id == question.id)))
        run = AnalysisRun(questionnaire_id=questionnaire.id, question_code=question.code, status="done",
                          actor="benchmark", answer_count=len(answers),
                          parameters={"embedding": "tfidf", "min_theme_size": 5})
        db.session.add(run)
        db.session.flush()
        themes = [Theme(run_id=run.id, key=f"t{i}", source="discovered", label=f"Theme {i} of {question.code}",
                        description="Answers about one idea.", position=i) for i in range(6)]
        db.session.add_all(themes)
        db.session.flush()
        db.session.execute(insert(ThemeAssignment), [
            {"run_id": run.id, "answer_id": a, "theme_id": themes[min(int(rng.expovariate(0.6)), 5)].id,
             "confidence": rng.random(), "highlighted": rng.random() < 0.01} for a in answers])


def timed(function):
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def bare_document(paragraphs, tables):
    """Write a python-docx document with that many paragraphs and 3x10 tables (the baseline)."""
    from docx import Document

    document = Document()
    for i in range(paragraphs):
        document.add_paragraph(f"Paragraph {i} of the baseline document, about as long as a report line.")
    for _ in range(tables):
        table = document.add_table(rows=10, cols=3)
        for row in table.rows:
            for cell in row.cells:
                cell.text = "12 (34%)"
    document.save(io.BytesIO())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--responses", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ENGAGE_ENV"] = "testing"
        os.environ["ENGAGE_INSTANCE_PATH"] = folder
        from flask_migrate import upgrade

        from survey import create_app
        from survey.extensions import db
        from survey.questionnaires import builtin_files, load_file
        from survey.reports.docx_report import write_report
        from survey.reports.exports import write_csv_zip, write_xlsx
        from survey.reports.table import export_table

        app = create_app({"TESTING": True, "SECRET_KEY": "benchmark-only-secret-key-0123456789",
                          "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite3"})
        with app.app_context():
            upgrade()
            questionnaire = next(q for q in map(load_file, builtin_files()) if q.slug == "iew-2026-industry")
            answers = fill(questionnaire, args.responses, rng)
            add_runs(questionnaire, rng)
            db.session.commit()
            print(f"{args.responses} responses, {answers} answers (SQLite, temporary)")
            report = io.BytesIO()
            seconds = {"report (docx)": timed(lambda: write_report(questionnaire, report)),
                       "CSV ZIP": timed(lambda: write_csv_zip(export_table(questionnaire), io.BytesIO())),
                       "XLSX": timed(lambda: write_xlsx(export_table(questionnaire), io.BytesIO()))}
            from docx import Document

            written = Document(io.BytesIO(report.getvalue()))
            paragraphs, tables = len(written.paragraphs), len(written.tables)
            seconds["bare python-docx"] = timed(lambda: bare_document(paragraphs, tables))
            db.session.remove()
            db.engine.dispose()
    baseline = seconds["bare python-docx"]
    print(f"baseline: a bare python-docx document with {paragraphs} paragraphs and {tables} tables")
    for name, value in seconds.items():
        print(f"{name:<18} {value:6.2f} s   {value / baseline:6.1f} x baseline")
    verdict = "within" if seconds["report (docx)"] <= 10 else "OVER"
    print(f"report target 10 s: {verdict}")


if __name__ == "__main__":
    main()
