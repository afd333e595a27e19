"""Choice questions (one or several answers), and the "Other, please specify" logic they share.

An "other" text typed without ticking "Other" ticks it: nothing a participant types is
thrown away. A single choice whose "other" text is filled while another answer is
chosen is refused with a message rather than losing the text.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from wtforms import RadioField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional
from wtforms.widgets import CheckboxInput, ListWidget

from survey.fields.base import (OTHER, Column, QuestionType, choice_code, declared_code,
                                items_text, label_of)
from survey.fields.options import check_labelled, fail
from survey.fields.summaries import Count, Counts
from survey.fields.text import length_validator
from survey.i18n import text_in
from survey.text import strip_control_characters

#: The longest "other, please specify" text.
MAX_OTHER = 500


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class OtherChoice(QuestionType):
    """A question whose choices may end with "Other, please specify" and its text box."""

    #: what the "other" choice says to participants
    other_label = _l("Other, please specify")
    #: the label of the "other" text box
    other_box_label = _l("Other, please specify:")

    @property
    def has_other(self):
        """Return whether the question offers "Other, please specify"."""
        return bool(self.options.get(OTHER))

    def choices(self, language, default):
        """Return the ``SelectChoice`` s offered, "other" last when there is one."""
        found = [SelectChoice(str(item["code"]), text_in(item["label"], language, default))
                 for item in self.options.get("choices", ())]
        if self.has_other:
            found.append(SelectChoice(OTHER, str(self.other_label)))
        return found

    def other_fields(self):
        """Yield the "other" text box, when the question has one."""
        if self.has_other:
            yield self.field_name(OTHER), StringField(
                validators=[Optional(), length_validator(MAX_OTHER)], filters=[strip_control_characters])

    def other_text(self, form):
        """Return the "other" text typed in ``form``, stripped ("" when none)."""
        return ((self.data(form, OTHER) if self.has_other else None) or "").strip()

    def describe_other(self, text):
        """Return how an "other" answer reads: "Other: <text>"."""
        return _("Other: %(text)s", text=text or "")

    def other_columns(self, language):
        """Return the export column of the "other" text, when the question has one."""
        if not self.has_other:
            return []
        text = text_in(self.question.text, language)
        return [Column(f"{self.question.code}_other", self.question, f"{text} (other, please specify)",
                       "other text", "", lambda value, answer_text: other_text_of(value, answer_text))]

    def export_columns(self, labels, language):
        return super().export_columns(labels, language) + self.other_columns(language)

    def annex_lines(self, language):
        items = [text_in(c["label"], language) for c in self.options.get("choices", ())]
        return items + ([str(self.other_label)] if self.has_other else [])

    def count_rows(self, codes, language, default):
        """Return a :class:`Count` per choice (and "other"), counting ``codes`` (a list)."""
        rows = [Count(item["code"], text_in(item["label"], language, default),
                      sum(1 for c in codes if str(c) == str(item["code"])))
                for item in self.options.get("choices", ())]
        if self.has_other or OTHER in codes:
            rows.append(Count(OTHER, _("Other"), codes.count(OTHER)))
        return rows


def other_text_of(value, text):
    """Return the "other, please specify" text of a stored choice answer, or None."""
    if isinstance(value, dict):
        return value.get(OTHER) or text
    return text if isinstance(value, list) and OTHER in value else None


class SingleChoiceQuestion(OtherChoice):
    """One answer among choices (radio buttons); stored as its code, or "other" with its text."""

    name = "single_choice"
    template = "choices"
    annex_name = "one choice"
    input_class = RadioField

    @classmethod
    def check_options(cls, raw, where, language):
        return {"choices": check_labelled(raw.get("choices"), where + ".choices", language),
                OTHER: bool(raw.get(OTHER, False))}

    def code_of(self, raw):
        """Return the stored code of a chosen form value."""
        return declared_code(self.options["choices"], raw)

    def label(self, code, language, default="en"):
        """Return how the answer ``code`` (not "other") reads in ``language``."""
        return label_of(self.options.get("choices", ()), code, language, default)

    def form_fields(self, language, default):
        yield self.field_name(), self.input_class(choices=self.choices(language, default),
                                                  validators=[Optional()])
        yield from self.other_fields()

    def read(self, form):
        """Return the answer; typing in the "other" box with nothing chosen chooses "other"."""
        chosen, other = self.data(form), self.other_text(form)
        if not chosen and other:
            chosen = OTHER
        if not chosen:
            return None
        if chosen == OTHER:
            return {"choice": OTHER, OTHER: other}, other or None
        # Another answer with an "other" text: kept as text so that the page can say so.
        return self.code_of(chosen), other or None

    def problem(self, answer):
        if answer is None:
            return None
        value, text = answer
        if isinstance(value, dict) and not (value.get(OTHER) or "").strip():
            return _l("Please specify your answer.")
        if not isinstance(value, dict) and text:
            return _l("You wrote an answer under “Other” but chose another one: "
                      "choose “Other” or clear the text.")
        return None

    def form_data(self, value, text=None):
        if value is None:
            return {}
        if isinstance(value, dict):
            return {self.field_name(): OTHER, self.field_name(OTHER): value.get(OTHER, "")}
        data = {self.field_name(): str(value)}
        if text and self.has_other:  # saved with another answer chosen: shown, not lost
            data[self.field_name(OTHER)] = text
        return data

    def from_plain(self, value):
        if isinstance(value, dict):
            return {"choice": OTHER, OTHER: value.get(OTHER, "")}, value.get(OTHER)
        return super().from_plain(value)

    def describe(self, answer, language, default):
        if answer is None:
            return []
        value = answer[0]
        if isinstance(value, dict):
            return [self.describe_other(value.get(OTHER, ""))]
        return [self.label(value, language, default)]

    def codebook_choices(self, language):
        return items_text(self.options.get("choices", ()), language)

    def cell(self, value, text, labels, language):
        code = choice_code(value)
        if not labels or code is None:
            return code
        return "Other" if code == OTHER else self.label(code, language)

    def summarise(self, answers, language, default="en"):
        codes = [choice_code(value) for value, _text in filter(None, answers)]
        others = [value.get(OTHER) for value, _t in filter(None, answers)
                  if isinstance(value, dict) and value.get(OTHER)]
        return Counts(len(codes), self.count_rows(codes, language, default), others=others)


class MultipleChoiceQuestion(OtherChoice):
    """Any number of answers among choices (checkboxes), at most ``max_choices``."""

    name = "multiple_choice"
    template = "choices"
    annex_name = "several choices"

    @classmethod
    def check_options(cls, raw, where, language):
        options = SingleChoiceQuestion.check_options(raw, where, language)
        limit = raw.get("max_choices")
        if limit is not None:
            if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
                fail(where, "max_choices must be a whole number of at least 1")
            options["max_choices"] = limit
        return options

    def form_fields(self, language, default):
        yield self.field_name(), MultiCheckboxField(choices=self.choices(language, default),
                                                    validators=[Optional()])
        yield from self.other_fields()

    def read(self, form):
        chosen, other = list(self.data(form) or ()), self.other_text(form)
        if other and OTHER not in chosen:
            chosen.append(OTHER)  # typing in the box is ticking "other"
        if not chosen:
            return None
        codes = [OTHER if code == OTHER else declared_code(self.options["choices"], code)
                 for code in chosen]
        return codes, (other or None) if OTHER in codes else None

    def problem(self, answer):
        if not answer:
            return None
        value, text = answer
        if OTHER in value and not (text or "").strip():
            return _l("Please specify your answer.")
        limit = self.options.get("max_choices")
        if limit and len(value) > limit:
            return lazy_ngettext("Choose at most %(num)d answer.", "Choose at most %(num)d answers.",
                                 limit)
        return None

    def form_data(self, value, text=None):
        if value is None:
            return {}
        data = {self.field_name(): [str(code) for code in value]}
        if OTHER in value:
            data[self.field_name(OTHER)] = text or ""
        return data

    def from_plain(self, value):
        if value is None:
            return None
        return (value if isinstance(value, list) else [value]), None

    def describe(self, answer, language, default):
        if answer is None:
            return []
        value, text = answer
        return [self.describe_other(text) if code == OTHER
                else label_of(self.options["choices"], code, language, default) for code in value]

    def codebook_choices(self, language):
        return items_text(self.options.get("choices", ()), language)

    def cell(self, value, text, labels, language):
        if not labels:
            return "; ".join(str(code) for code in value)
        return "; ".join("Other" if code == OTHER else label_of(self.options.get("choices", ()), code, language)
                         for code in value)

    def summarise(self, answers, language, default="en"):
        given = [(value, text) for value, text in filter(None, answers) if value]
        codes = [code for value, _text in given for code in value]
        others = [text for value, text in given if OTHER in value and text]
        return Counts(len(given), self.count_rows(codes, language, default), multiple=True,
                      others=others)
