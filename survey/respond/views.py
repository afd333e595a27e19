"""A participant's way in and out: welcome, start, an invitation link, resume, thank-you."""

import uuid

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import Regexp

from survey.errors import abort_with
from survey.extensions import db
from survey import invitations
from survey.invitations import tokens
from survey.respond import flow
from survey.respond.blueprint import (arrived_invitation, bp, closed, in_progress, choose_language,
                                      questionnaire_of, remember, remembered, response_of)
from survey.respond.input import check_fields, posted_form


class StartForm(FlaskForm):
    """The welcome page's start button, with the key that makes starting idempotent."""

    idempotency_key = HiddenField(validators=[Regexp(flow.IDEMPOTENCY_KEY.pattern)])
    lang = HiddenField()


@bp.get("/<slug>/i/<token>")
def invited(slug, token):
    questionnaire = questionnaire_of(slug)
    invitation = invitations.find_invitation(questionnaire, token)
    if invitation is None:
        abort_with(404, _("This invitation link is not valid. Check that you copied all of it."))
    session["invitations"] = {**session.get("invitations", {}), slug: token}
    # The invitee's own response, if they started one: the link leads back to it.
    response, resume_token = tokens.response_of(questionnaire, invitation)
    lang = request.args.get("lang") if request.args.get("lang") in questionnaire.languages else None
    if response is not None:
        remember(slug, resume_token)
        return redirect(url_for(".resume", slug=slug, token=resume_token, lang=lang))
    # The welcome page's address no longer shows the personal token.
    return redirect(url_for(".welcome", slug=slug, lang=lang))


@bp.get("/<slug>/")
def welcome(slug):
    questionnaire = questionnaire_of(slug)
    language = choose_language(questionnaire, request.args.get("lang"))
    if questionnaire.status != "open":
        return closed(questionnaire)
    earlier = flow.find_response(questionnaire, remembered(slug))
    form = StartForm(formdata=None, idempotency_key=str(uuid.uuid4()), lang=language)
    return render_template("respond/welcome.html", questionnaire=questionnaire, form=form,
                           earlier=earlier, earlier_token=remembered(slug) if earlier else None)


@bp.post("/<slug>/start")
def start(slug):
    questionnaire = questionnaire_of(slug)
    formdata = posted_form()
    form = StartForm(formdata=formdata)
    check_fields(formdata, form)
    language = choose_language(questionnaire, form.lang.data)
    if questionnaire.status != "open":
        return closed(questionnaire, 403)
    if not form.validate():
        if "csrf_token" in form.errors:
            flash(_("The page had expired. Press Start again."), "warning")
            return redirect(url_for(".welcome", slug=slug, lang=language))
        abort_with(400, _("This start button is not valid. Reload the welcome page and try again."))
    invitation = arrived_invitation(questionnaire)
    earlier = flow.find_response(questionnaire, remembered(slug))
    if (invitation is None and earlier is not None and earlier.status == "in_progress"
            and not request.args.get("fresh")):
        return redirect(url_for(".resume", slug=slug, token=remembered(slug)))
    # An invitee always gets the one response their invitation leads to.
    key = tokens.response_key(invitation) if invitation else form.idempotency_key.data
    response, token = flow.start(questionnaire, key, language)
    invitations.attach(questionnaire, response, invitation)
    db.session.commit()
    remember(slug, token)
    return redirect(url_for(".resume", slug=slug, token=token))


@bp.get("/<slug>/r/<token>/")
@in_progress
def resume(questionnaire, response, token):
    slug = questionnaire.slug
    remember(slug, token)
    values = flow.values_of(flow.stored_answers(response))
    sections = flow.visible_sections(questionnaire, values)
    target = next((s for s in sections if s.code == response.section_code), sections[0])
    return redirect(url_for(".page", slug=slug, token=token, section_code=target.code,
                            lang=request.args.get("lang")))


@bp.get("/<slug>/r/<token>/thanks")
def thanks(slug, token):
    questionnaire = questionnaire_of(slug)
    response = response_of(questionnaire, token)
    choose_language(questionnaire, request.args.get("lang"), response.language)
    if response.status != "completed":
        return redirect(url_for(".review", slug=slug, token=token))
    return render_template("respond/thanks.html", questionnaire=questionnaire, token=token)
