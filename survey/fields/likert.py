"""Agreement grids: statements as rows, one scale (strongly disagree ... strongly agree) as columns."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from survey.fields.base import Column, QuestionType, declared_code, items_text, label_of
from survey.fields.options import check_labelled
from survey.fields.summaries import Count, Counts, Grid, GridRow
from survey.i18n import text_in


class LikertQuestion(QuestionType):
    """A grid of statements, each answered on the same scale; stored as ``{row: scale code}``."""

    name = "likert"
    template = "likert"
    annex_name = "agreement grid"

    @classmethod
    def check_options(cls, raw, where, language):
        return {"rows": check_labelled(raw.get("rows"), where + ".rows", language),
                "scale": check_labelled(raw.get("scale"), where + ".scale", language)}

    @property
    def rows(self):
        """Return the statements, in order."""
        return self.options.get("rows", [])

    @property
    def scale(self):
        """Return the scale points, in order."""
        return self.options.get("scale", [])

    def form_fields(self, language, default):
        scale = [SelectChoice(str(p["code"]), text_in(p["label"], language, default)) for p in self.scale]
        for row in self.rows:
            yield self.field_name(row["code"]), RadioField(choices=scale, validators=[Optional()])

    def read(self, form):
        grid = {}
        for row in self.rows:
            chosen = self.data(form, row["code"])
            if chosen:
                grid[str(row["code"])] = declared_code(self.scale, chosen)
        return (grid, None) if grid else None

    def unanswered(self, answer):
        if not answer or len(answer[0]) < len(self.rows):
            return _l("Answer every line of this question.")
        return None

    def form_data(self, value, text=None):
        if value is None:
            return {}
        return {self.field_name(row): str(code) for row, code in value.items()}

    def describe(self, answer, language, default):
        if answer is None:
            return []
        return [f"{label_of(self.rows, row, language, default).rstrip('.')}: "
                f"{label_of(self.scale, code, language, default)}"
                for row, code in answer[0].items()]

    def export_columns(self, labels, language):
        text = text_in(self.question.text, language)
        return [Column(f"{self.question.code}_{row['code']}", self.question,
                       f"{text} {text_in(row['label'], language)}", self.name,
                       items_text(self.scale, language), self._reader(row["code"], labels, language))
                for row in self.rows]

    def _reader(self, row_code, labels, language):
        def read(value, _text):
            code = value.get(str(row_code)) if isinstance(value, dict) else None
            if code is None:
                return None
            return label_of(self.scale, code, language) if labels else code
        return read

    def annex_lines(self, language):
        scale = "; ".join(f"{p['code']} = {text_in(p['label'], language)}" for p in self.scale)
        return ([f"Statement {r['code']}: {text_in(r['label'], language)}" for r in self.rows]
                + [f"Scale: {scale}"])

    def summarise(self, answers, language, default="en"):
        grids = [value for value, _text in filter(None, answers) if isinstance(value, dict)]
        rows = []
        for row in self.rows:
            chosen = [str(grid[str(row["code"])]) for grid in grids if str(row["code"]) in grid]
            counts = [Count(p["code"], text_in(p["label"], language, default), chosen.count(str(p["code"])))
                      for p in self.scale]
            rows.append(GridRow(row["code"], text_in(row["label"], language, default),
                                Counts(len(chosen), counts)))
        codes = [p["code"] for p in self.scale]
        half = len(codes) // 2
        return Grid(rows, [Count(p["code"], text_in(p["label"], language, default), 0) for p in self.scale],
                    negative=tuple(codes[:half]), positive=tuple(codes[len(codes) - half:]))
