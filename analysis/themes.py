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
        Catalogue title, or for a discovered theme a short phrase in the label
        language (3 to 7 words, sentence case, unique among the themes).
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
    quote_languages : list of str
        Language of each quote, so that a report can prefer quotes in its language.
    languages : dict
        Language code -> number of answers.
    description : str
        The catalogue description, empty for other themes.
    close_to : str or None
        For a discovered theme that sits close to a catalogue theme: that
        theme's id (the committee may take it as part of it); else None.
    close_similarity : float or None
        Cosine similarity between the discovered theme's centre and the centre
        of the catalogue theme it is close to.
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
    quote_languages: list = dataclasses.field(default_factory=list)
    close_to: str = None
    close_similarity: float = None

    def to_dict(self):
        """Return the theme as a JSON-serialisable dict."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data):
        """Return a theme rebuilt from :meth:`to_dict` output (older outputs too)."""
        fields = {field.name for field in dataclasses.fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in fields})
