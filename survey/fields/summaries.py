"""What the answers to one question add up to, as plain data: counts, grids and numbers.

A question type's ``summarise`` returns one of these. They hold raw counts; whoever shows
them (the review area, the report) suppresses small cells (``survey.segments.cells``).
Labels are already in the language asked for.
"""

import dataclasses
import statistics


@dataclasses.dataclass
class Count:
    """One row of a distribution: a code, its label and how many chose it."""

    code: object
    label: str
    count: int


@dataclasses.dataclass
class Counts:
    """How many respondents chose each option of a question (or each value of a scale).

    ``answered`` is the number of respondents who answered; with ``multiple`` choices a
    respondent may be counted in several rows, so shares are of respondents and may add
    up to more than 100%.
    """

    answered: int
    rows: list  #: Count, in the questionnaire's order
    multiple: bool = False
    others: list = dataclasses.field(default_factory=list)  #: "other, please specify" texts

    def share(self, row):
        """Return the share of respondents in ``row`` (0 when nobody answered)."""
        return row.count / self.answered if self.answered else 0.0


@dataclasses.dataclass
class GridRow:
    """One statement of an agreement grid and its distribution over the scale."""

    code: object
    label: str
    counts: Counts


@dataclasses.dataclass
class Grid:
    """An agreement grid: a distribution per statement, on one scale.

    ``negative`` and ``positive`` are the scale codes on each side of the middle (for
    "disagree" and "agree" shares); a middle point belongs to neither.
    """

    rows: list  #: GridRow
    scale: list  #: Count of each scale point with count 0: codes and labels, in order
    negative: tuple = ()
    positive: tuple = ()

    def side_shares(self, row):
        """Return ``(disagree share, agree share)`` of ``row`` among those who answered it."""
        by_code = {str(c.code): c.count for c in row.counts.rows}
        answered = row.counts.answered
        if not answered:
            return 0.0, 0.0
        low = sum(by_code.get(str(code), 0) for code in self.negative)
        high = sum(by_code.get(str(code), 0) for code in self.positive)
        return low / answered, high / answered


@dataclasses.dataclass
class Numbers:
    """The numbers given to a question (a 0-10 rating or a count), with their statistics."""

    values: list  #: the numbers, sorted
    distribution: Counts = None  #: for a bounded scale (0-10), how many gave each value
    adds_up: bool = False  #: whether a total means something (contributions planned)

    @property
    def answered(self):
        """Return how many respondents gave a number."""
        return len(self.values)

    @property
    def median(self):
        """Return the median, or None without numbers."""
        return statistics.median(self.values) if self.values else None

    @property
    def mean(self):
        """Return the mean, or None without numbers."""
        return statistics.fmean(self.values) if self.values else None

    @property
    def quartiles(self):
        """Return ``(first, third)`` quartile (inclusive method), or None under two numbers."""
        if len(self.values) < 2:
            return None
        q1, _q2, q3 = statistics.quantiles(self.values, n=4, method="inclusive")
        return q1, q3

    @property
    def total(self):
        """Return the sum of the numbers."""
        return sum(self.values)

    def net_score(self, low=6, high=9):
        """Return promoters (``high`` or more) minus detractors (``low`` or less), in points."""
        if not self.values:
            return None
        promoters = sum(1 for v in self.values if v >= high)
        detractors = sum(1 for v in self.values if v <= low)
        return round(100 * (promoters - detractors) / len(self.values))


@dataclasses.dataclass
class Places:
    """Where respondents are: counts by ITU region and by country."""

    regions: Counts
    countries: Counts


@dataclasses.dataclass
class Texts:
    """A free-text question: how many answered (its themes come from the analysis)."""

    answered: int
