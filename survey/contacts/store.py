"""Storing imported contacts (merged by e-mail address) and erasing a contact on request."""

from sqlalchemy import delete, func, or_, select

from survey.audit import record
from survey.extensions import db
from survey.invitations import tokens
from survey.models import Contact, ContactTag, Invitation, Message, Questionnaire, Response, utc_now

FIELDS = ("name", "organisation", "country", "size", "language")


def save_contacts(rows, user, file_name, tag=None):
    """Merge checked ``rows`` into the contacts (add, not commit); return ``(new, updated)``.

    What the file says replaces what was known; what it leaves empty is kept. An import
    never undoes an unsubscribe.
    """
    existing = {}
    emails = [row.email for row in rows]
    for start in range(0, len(emails), 500):
        existing.update({c.email: c for c in db.session.scalars(
            select(Contact).where(Contact.email.in_(emails[start:start + 500])))})
    new = updated = 0
    now = utc_now()
    for row in rows:
        contact = existing.get(row.email)
        if contact is None:
            contact = Contact(email=row.email, language=row.language or "en",
                              consent=bool(row.consent), created_on=now, updated_on=now)
            db.session.add(contact)
            new += 1
        changed = False
        for name in FIELDS:
            value = getattr(row, name)
            if value is not None and getattr(contact, name) != value:
                setattr(contact, name, value)
                changed = True
        if row.consent is not None and contact.consent != row.consent:
            contact.consent, changed = row.consent, True
        have = set(contact.tag_names)
        for tag_name in sorted(row.tags - have):
            contact.tags.append(ContactTag(tag=tag_name))
            changed = True
        if changed and contact.id is not None:
            contact.updated_on = now
            updated += 1
    db.session.flush()
    record(user, "import_contacts", f"Imported {file_name}: {new} new contacts, {updated} updated",
           {"file": file_name, "new": new, "updated": updated, "rows": len(rows), "tag": tag})
    return new, updated


def contacts(tag=None, search=None, limit=None):
    """Return the contacts (with ``tag``, matching ``search``), by e-mail address."""
    query = select(Contact).order_by(Contact.email)
    if tag:
        query = query.join(ContactTag).where(ContactTag.tag == tag)
    if search:
        like = f"%{search.lower()}%"
        query = query.where(or_(func.lower(Contact.email).like(like),
                                func.lower(Contact.name).like(like),
                                func.lower(Contact.organisation).like(like)))
    if limit:
        query = query.limit(limit)
    return db.session.scalars(query).all()


def all_tags():
    """Return ``[(tag, count)]`` of every tag in use, by tag."""
    return db.session.execute(select(ContactTag.tag, func.count()).group_by(ContactTag.tag)
                              .order_by(ContactTag.tag)).all()


def _invitations_of(contact):
    return db.session.scalars(select(Invitation).where(or_(
        Invitation.contact_id == contact.id, Invitation.email == contact.email))).all()


def erasure_counts(contact):
    """Return what erasing ``contact`` deletes: messages, invitations, responses."""
    invitations = _invitations_of(contact)
    return {"messages": db.session.scalar(select(func.count()).select_from(Message).where(
                Message.contact_id == contact.id)),
            "invitations": len(invitations), "responses": len(_responses_of(invitations))}


def _responses_of(invitations):
    """Return the ids of the responses the holders of ``invitations`` answered in."""
    ids = set()
    for invitation in invitations:
        questionnaire = db.session.get(Questionnaire, invitation.questionnaire_id)
        response, _token = tokens.response_of(questionnaire, invitation)
        if response is not None:
            ids.add(response.id)
        ids.update(db.session.scalars(select(Response.id).filter_by(invitation_id=invitation.id)))
    return ids


def erase(contact, user):
    """Delete ``contact`` with the messages sent to them, their invitations and the responses
    they gave through them (anonymous ones too, found through the invitation); audit it
    without keeping the address. Return the counts (not committed)."""
    invitations = _invitations_of(contact)
    counts = erasure_counts(contact)
    responses = _responses_of(invitations)
    if responses:
        db.session.execute(delete(Response).where(Response.id.in_(responses)))
    if invitations:
        db.session.execute(delete(Invitation).where(Invitation.id.in_([i.id for i in invitations])))
    db.session.delete(contact)
    db.session.flush()
    record(user, "erase_contact",
           f"Erased contact #{contact.id} on request: {counts['messages']} messages, "
           f"{counts['invitations']} invitations, {counts['responses']} responses",
           {"contact_id": contact.id, **counts})
    return counts
