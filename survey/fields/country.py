"""The country question: ITU Member States (and the territories of the reference table), with
their ITU region and developing status, plus "Other territory (please specify)" when asked for."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from survey import reference
from survey.fields.base import OTHER, choice_code
from survey.fields.choice import SingleChoiceQuestion
from survey.fields.summaries import Count, Counts, Places


def country_of(value):
    """Return the reference Country of a stored country answer, or None ("other" or unknown)."""
    code = choice_code(value)
    return None if code in (None, OTHER) else reference.country(code)


class CountryQuestion(SingleChoiceQuestion):
    """A country chosen from the reference list; stored as its ISO 3166 alpha-2 code."""

    name = "country"
    template = "country"
    annex_name = "country (list of ITU Member States)"
    other_label = _l("Other territory (please specify)")
    other_box_label = _l("Other territory, please specify:")
    input_class = SelectField

    @classmethod
    def check_options(cls, raw, where, language):
        return {OTHER: bool(raw.get(OTHER, False))}

    def choices(self, language, default):
        found = [SelectChoice("", str(_l("Choose a country")))]
        found += [SelectChoice(code, name) for code, name in reference.choices(language)]
        if self.has_other:
            found.append(SelectChoice(OTHER, str(self.other_label)))
        return found

    def code_of(self, raw):
        return raw

    def label(self, code, language, default="en"):
        place = country_of(code)
        return place.name(language) if place else str(code)

    def codebook_choices(self, language):
        return "ISO 3166 alpha-2 code = country" + ("; other = another territory" if self.has_other else "")

    def cell(self, value, text, labels, language):
        code = choice_code(value)
        if labels and country_of(code) is not None:
            return self.label(code, language)
        return code

    def annex_lines(self, language):
        return [str(self.other_label)] if self.has_other else []

    def summarise(self, answers, language, default="en"):
        values = [value for value, _text in filter(None, answers)]
        places = [country_of(value) for value in values]
        regions = [Count(code, reference.region_label(code, language),
                         sum(1 for p in places if p is not None and p.region == code))
                   for code in reference.REGIONS]
        by_country = {}
        for place in places:
            if place is not None:
                by_country[place.iso2] = by_country.get(place.iso2, 0) + 1
        rows = sorted((Count(code, reference.country(code).name(language), n)
                       for code, n in by_country.items()), key=lambda c: (-c.count, c.label))
        others = [value.get(OTHER) for value in values if isinstance(value, dict) and value.get(OTHER)]
        if others:
            rows.append(Count(OTHER, str(self.other_label), len(others)))
        return Places(Counts(len(values), regions), Counts(len(values), rows, others=others))
