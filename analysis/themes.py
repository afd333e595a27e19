"""The :class:`Theme` record a fitted model reports for each theme."""

import dataclasses

#: Where a theme comes from.
SOURCES = ("catalogue", "discovered", "non_answer", "unassigned")
NON_ANSWER = "non-answer"
UNASSIGNED = "unassigned"


@dataclasses.dataclass
class Theme:
    """One theme found by :class:`analysis.ThemeModel`.

    Attributes
    ----------
    id : str
        Catalogue id, ``"new-N"`` for discovered themes, ``"non-answer"`` or
        ``"unassigned"``.
    label : str
        Catalogue title, or the distinctive terms of a discovered theme.
    source : str
        One of ``"catalogue"``, ``"discovered"``, ``"non_answer"``, ``"unassigned"``.
    size : int
        Number of answers (rows) in the theme, repeated answers included.
    share : float
        ``size`` divided by the number of answers.
    terms : list of str
        Distinctive words and bigrams, most distinctive first.
    quotes : list of str
        Representative answers, verbatim.
    quote_indices : list of int
        Row index (in the texts given to ``fit``) of each quote's first occurrence.
    languages : dict
        Language code -> number of answers.
    description : str
        The catalogue description, empty for other themes.
    """

    id: str
    label: str
    source: str
    size: int = 0
    share: float = 0.0
    terms: list = dataclasses.field(default_factory=list)
    quotes: list = dataclasses.field(default_factory=list)
    quote_indices: list = dataclasses.field(default_factory=list)
    languages: dict = dataclasses.field(default_factory=dict)
    description: str = ""

    def to_dict(self):
        """Return the theme as a JSON-serialisable dict."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data):
        """Return a theme rebuilt from :meth:`to_dict` output."""
        return cls(**data)


def discovered_label(terms):
    """Return the label of a discovered theme: its three most distinctive terms."""
    return ", ".join(terms[:3]) if terms else "(no distinctive words)"
