"""Loading questionnaire files into the database, again and again without losing answers."""

from importlib import resources
from pathlib import Path

import yaml
from sqlalchemy import select

from survey.extensions import db
from survey.models import Answer, Question, Questionnaire, Section, Workshop
from survey.questionnaires.schema import QuestionnaireFileError, check_file

MAX_FILE_BYTES = 1024 * 1024


def builtin_files():
    """Return the paths of the questionnaire files that ship with Engage, sorted."""
    folder = resources.files("survey.questionnaires") / "data"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith((".yaml", ".yml")))


def read_file(path):
    """Return the checked content of the questionnaire file at ``path``."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise QuestionnaireFileError(f"{path}: cannot be read ({error.strerror})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise QuestionnaireFileError(f"{path}: larger than {MAX_FILE_BYTES // 1024} KiB")
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise QuestionnaireFileError(f"{path}: is not UTF-8 text") from None
    except yaml.YAMLError as error:
        raise QuestionnaireFileError(f"{path}: is not valid YAML ({error})") from None
    try:
        return check_file(data)
    except QuestionnaireFileError as error:
        raise QuestionnaireFileError(f"{path.name}: {error}") from None


def _upsert(session, model, where, values):
    """Return the row of ``model`` matching ``where``, created or updated with ``values``."""
    row = session.scalars(select(model).filter_by(**where)).one_or_none()
    if row is None:
        row = model(**where, **values)
        session.add(row)
    else:
        for key, value in values.items():
            setattr(row, key, value)
    return row


def _has_answers(session, question):
    """Return whether any response answered ``question``."""
    return session.scalar(select(Answer.id).where(Answer.question_id == question.id).limit(1)) is not None


def store(content, session=None):
    """Return the questionnaire described by checked ``content``, inserted or updated.

    Texts, options and order follow the file. A question that left the file is deleted
    if nobody answered it, else kept as *retired* so its answers survive. The status of
    an existing questionnaire is left as the committee set it.
    """
    session = session or db.session
    w, q = content["workshop"], content["questionnaire"]
    workshop = _upsert(session, Workshop, {"code": w["code"]},
                       {k: v for k, v in w.items() if k != "code"})
    questionnaire = session.scalars(select(Questionnaire).filter_by(slug=q["slug"])).one_or_none()
    if questionnaire is None:
        questionnaire = Questionnaire(slug=q["slug"], status=q["status"], anonymous=q["anonymous"])
        session.add(questionnaire)
    for key in ("kind", "languages", "minutes", "title", "purpose", "privacy"):
        setattr(questionnaire, key, q[key])
    questionnaire.workshop = workshop
    session.flush()

    existing = {s.code: s for s in questionnaire.sections}
    by_code = {question.code: question for question in questionnaire.questions}
    kept = set()
    for position, raw in enumerate(content["sections"]):
        section = existing.get(raw["code"]) or Section(questionnaire=questionnaire, code=raw["code"])
        section.position, section.title = position, raw["title"]
        section.intro, section.show_if = raw["intro"], raw["show_if"]
        session.add(section)
        for index, rq in enumerate(raw["questions"]):
            question = by_code.get(rq["code"]) or Question(questionnaire=questionnaire, code=rq["code"])
            question.section, question.position, question.retired = section, index, False
            for key in ("type", "text", "help", "required", "options", "show_if"):
                setattr(question, key, rq[key])
            session.add(question)
            kept.add(rq["code"])
    session.flush()
    for code, question in by_code.items():
        if code in kept:
            continue
        if _has_answers(session, question):
            question.retired = True
        else:
            session.delete(question)
    session.flush()
    file_sections = {raw["code"] for raw in content["sections"]}
    for code, section in existing.items():
        if code in file_sections:
            continue
        left = session.scalar(select(Question.id).where(Question.section_id == section.id).limit(1))
        if left is None:
            session.delete(section)
        else:  # a page of retired questions: kept for their answers, after the others
            section.position += len(content["sections"])
    session.flush()
    return questionnaire


def load_file(path, session=None):
    """Return the questionnaire loaded from the file at ``path`` (not yet committed)."""
    return store(read_file(path), session)
