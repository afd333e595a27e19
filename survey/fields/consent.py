"""Consent: a tick box; a required one must be ticked to go on."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField

from survey.fields.base import QuestionType
from survey.fields.summaries import Count, Counts


class ConsentQuestion(QuestionType):
    """A statement the participant agrees to by ticking it; stored as true or false."""

    name = "consent"
    template = "consent"
    annex_name = "tick box"

    def form_fields(self, language, default):
        yield self.field_name(), BooleanField()

    def read(self, form):
        return bool(self.data(form)), None

    def unanswered(self, answer):
        return None if answer and answer[0] is True else _l("Tick this box to continue.")

    def form_data(self, value, text=None):
        return {} if value is None else {self.field_name(): bool(value)}

    def describe(self, answer, language, default):
        return [] if answer is None else [_("Yes") if answer[0] else _("No")]

    def codebook_choices(self, language):
        return "1 = Yes; 0 = No"

    def cell(self, value, text, labels, language):
        return ("Yes" if value else "No") if labels else int(bool(value))

    def summarise(self, answers, language, default="en"):
        values = [value is True for value, _text in filter(None, answers)]
        return Counts(len(values), [Count(True, _("Yes"), values.count(True)),
                                    Count(False, _("No"), values.count(False))])
