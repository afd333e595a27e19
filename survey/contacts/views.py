"""The Contacts pages of the review area (administrators): list, import, one contact, erase."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from survey.auth import permission_required
from survey.contacts.importer import ContactFileError, read_contacts, tag_of
from survey.contacts.store import all_tags, contacts, erase, erasure_counts, save_contacts
from survey.audit import recent_entries
from survey.errors import abort_with
from survey.extensions import db
from survey.models import Contact, Invitation, Message, Questionnaire

bp = Blueprint("contacts", __name__, url_prefix="/review/contacts")
ID = "int(max=2147483647)"
#: Rows shown on the list page at most (the command line lists them all).
SHOWN = 500


def _filters():
    tag = request.args.get("tag") or None
    if tag is not None and tag_of(tag) != tag:
        abort_with(400, _("Choose a tag from the list."))
    search = (request.args.get("q") or "").strip()[:200] or None
    return tag, search


def render_list(problems=None, status=200):
    """Return the contacts page (with an import's problems, if any)."""
    tag, search = _filters() if request.method == "GET" else (None, None)
    found = contacts(tag=tag, search=search, limit=SHOWN + 1)
    return render_template("contacts/index.html", contacts=found[:SHOWN], more=len(found) > SHOWN,
                           tags=all_tags(), tag=tag, search=search or "", problems=problems,
                           entries=recent_entries(("import_contacts", "erase_contact")),
                           shown=SHOWN), status


@permission_required("send_mail")
def index():
    return render_list()


@permission_required("send_mail")
def import_contacts():
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        abort_with(400, _("Choose a CSV or XLSX file to import."))
    tag = (request.form.get("tag") or "").strip() or None
    name = upload.filename.rsplit("/", 1)[-1][:200]
    try:
        rows, problems = read_contacts(name, upload.read(), tag)
    except ContactFileError as error:
        return render_list(problems=[(None, str(error))], status=400)
    if problems:
        return render_list(problems=problems, status=422)
    new, updated = save_contacts(rows, current_user, name, tag)
    db.session.commit()
    flash(_("Imported %(count)d contacts: %(new)d new, %(updated)d updated.",
            count=len(rows), new=new, updated=updated), "success")
    return redirect(url_for(".index", tag=tag_of(tag) if tag else None), 303)


def load_contact(contact_id):
    contact = db.session.get(Contact, contact_id)
    if contact is None:
        abort_with(404, _("There is no such contact (it may have been erased)."))
    return contact


@permission_required("send_mail")
def contact_page(contact_id):
    contact = load_contact(contact_id)
    messages = db.session.scalars(select(Message).filter_by(contact_id=contact.id)
                                  .order_by(Message.id.desc())).all()
    invitations = db.session.execute(
        select(Invitation, Questionnaire).join(Questionnaire)
        .where(Invitation.contact_id == contact.id).order_by(Questionnaire.slug)).all()
    return render_template("contacts/contact.html", contact=contact, messages=messages,
                           invitations=invitations)


@permission_required("send_mail")
def erase_form(contact_id):
    contact = load_contact(contact_id)
    return render_template("contacts/erase.html", contact=contact, counts=erasure_counts(contact))


@permission_required("send_mail")
def erase_contact(contact_id):
    contact = load_contact(contact_id)
    if request.form.get("confirm") != contact.email:
        abort_with(400, _("Type the contact's e-mail address to confirm."))
    counts = erase(contact, current_user)
    db.session.commit()
    flash(_("The contact was erased with %(messages)d messages, %(invitations)d invitations and "
            "%(responses)d responses.", **counts), "success")
    return redirect(url_for(".index"), 303)


ROUTES = [
    ("/", "index", index, ["GET"]),
    ("/import", "import_contacts", import_contacts, ["POST"]),
    (f"/<{ID}:contact_id>", "contact", contact_page, ["GET"]),
    (f"/<{ID}:contact_id>/erase", "erase_form", erase_form, ["GET"]),
    (f"/<{ID}:contact_id>/erase", "erase", erase_contact, ["POST"]),
]
for rule, endpoint, view, methods in ROUTES:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
