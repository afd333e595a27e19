"""The :class:`ThemeModel` estimator: answers in, themes out."""

from sklearn.base import BaseEstimator

from . import assign
from .catalogue import Catalogue, default_catalogue, load_catalogue
from .corpus import build_corpus
from .languages import UN_LANGUAGES, detect_language
from .prepare import content_tokens, normalise
from .represent import LsaRepresentation, SentenceRepresentation
from .themes import NON_ANSWER, UNASSIGNED

EMBEDDINGS = ("use", "tfidf")


class ThemeModel(BaseEstimator):
    """Group free-text answers into catalogue themes and newly discovered themes.

    Each answer is, in turn: flagged as a non-answer ("n/a", "nothing"...);
    assigned to a catalogue theme when it is clearly about it; or grouped
    with similar answers into a discovered theme, whose number is chosen by
    stability across seeds. Every theme is named by its distinctive terms and
    illustrated by representative quotes. The output does not depend on the
    order of the answers.

    Parameters
    ----------
    catalogue : Catalogue, str, path-like or None, default=None
        Themes to look for first: a :class:`~analysis.Catalogue`, the path of
        a YAML/JSON catalogue, or ``"default"`` for the ITU-T industry
        engagement action plan. ``None`` discovers themes only.
    embedding : {"use", "tfidf"}, default="use"
        ``"use"``: multilingual sentence embeddings (answers in different
        languages that say the same thing land together); ``"tfidf"``: TF-IDF
        on stems reduced by LSA, faster but blind across languages.
    min_theme_size : int, default=5
        Smallest discovered theme, counting repeated answers.
    max_themes : int, default=40
        Largest number of discovered themes considered.
    n_themes : int or None, default=None
        Number of discovered themes; ``None`` chooses it by stability.
    assign_threshold : float or None, default=None
        Minimum catalogue score to assign an answer to a catalogue theme;
        ``None`` uses the embedding's default (0.40 for "use", 0.15 for "tfidf").
    languages : sequence of str, default=("ar", "en", "es", "fr", "ru", "zh")
        Candidate languages for detection.
    n_terms : int, default=8
        Distinctive terms kept per theme.
    n_quotes : int, default=5
        Representative quotes kept per theme (at most).
    cache_dir : str, path-like, False or None, default=None
        Embedding cache; ``None`` means ``$ENGAGE_CACHE_DIR`` or ``~/.cache/engage``,
        ``False`` disables caching.
    random_state : int, default=0
        Seed for every random choice; the same seed gives the same themes.
    verbose : bool, default=False
        Show a progress bar while embedding.

    Attributes
    ----------
    labels_ : ndarray of str, shape (n_answers,)
        Theme id of each answer.
    confidence_ : ndarray of float, shape (n_answers,)
        How clearly each answer belongs to its theme, between 0 and 1.
    language_ : ndarray of str, shape (n_answers,)
        Language of each answer.
    themes_ : list of Theme
        Catalogue themes (in catalogue order, empty ones included), then
        discovered themes by decreasing size, then the non-answer and
        unassigned groups when they have answers.
    catalogue_ : Catalogue or None
        The catalogue used.
    stability_ : dict
        Stability score of each number of discovered themes tried.

    Examples
    --------
    >>> model = ThemeModel(catalogue="default", embedding="tfidf")
    >>> labels = model.fit_predict(answers)  # doctest: +SKIP
    >>> [(t.id, t.size, t.terms[:3]) for t in model.themes_]  # doctest: +SKIP
    """

    def __init__(self, catalogue=None, embedding="use", min_theme_size=5, max_themes=40,
                 n_themes=None, assign_threshold=None, languages=UN_LANGUAGES, n_terms=8,
                 n_quotes=5, cache_dir=None, random_state=0, verbose=False):
        self.catalogue = catalogue
        self.embedding = embedding
        self.min_theme_size = min_theme_size
        self.max_themes = max_themes
        self.n_themes = n_themes
        self.assign_threshold = assign_threshold
        self.languages = languages
        self.n_terms = n_terms
        self.n_quotes = n_quotes
        self.cache_dir = cache_dir
        self.random_state = random_state
        self.verbose = verbose

    def _validate(self, texts):
        if isinstance(texts, str):
            raise TypeError("texts must be a sequence of strings, not a single string")
        texts = list(texts)
        if not texts:
            raise ValueError("texts is empty: there is nothing to analyse")
        if self.embedding not in EMBEDDINGS:
            raise ValueError(f"embedding must be one of {EMBEDDINGS}, not {self.embedding!r}")
        if int(self.min_theme_size) < 1 or int(self.max_themes) < 1:
            raise ValueError("min_theme_size and max_themes must be at least 1")
        return texts

    def _resolve_catalogue(self):
        if self.catalogue is None or isinstance(self.catalogue, Catalogue):
            return self.catalogue
        if str(self.catalogue) == "default":
            return default_catalogue()
        return load_catalogue(self.catalogue)

    def _stems_of(self, text):
        text = normalise(text)
        language = detect_language(text, tuple(self.languages))
        return [language + ":" + stem for stem, _, _ in content_tokens(text, language)]

    def _representation(self):
        if self.embedding == "use":
            return SentenceRepresentation(self.cache_dir, assign.progress_bar(self.verbose))
        return LsaRepresentation(self._stems_of, random_state=self.random_state)

    def fit(self, texts, languages=None):
        """Find the themes of ``texts``; return self.

        Parameters
        ----------
        texts : sequence of str
            One answer per element.
        languages : sequence of str, optional
            Language of each answer; detected when omitted.

        Returns
        -------
        self : ThemeModel
        """
        texts = self._validate(texts)
        corpus = build_corpus(texts, languages, self.languages)
        self.catalogue_ = self._resolve_catalogue()
        self.representation_ = self._representation()
        real = ~corpus.non_answer
        X = self.representation_.fit(corpus, real) if real.any() else None
        if self.catalogue_ is not None and real.any():
            self.representation_.fit_catalogue(self.catalogue_)
        result = assign.fit_assign(self, corpus, real, X)
        self.labels_ = result.ids[corpus.rows]
        self.confidence_ = result.confidence[corpus.rows]
        self.language_ = corpus.languages[corpus.rows].astype(str)
        self.themes_ = result.themes
        self.centers_ = result.centers
        self.stability_ = result.stability
        return self

    def fit_predict(self, texts, languages=None):
        """Fit on ``texts`` and return the theme id of each answer."""
        return self.fit(texts, languages).labels_

    def predict(self, texts, languages=None):
        """Return the theme id of each answer among the fitted themes.

        Answers are flagged, matched to the catalogue and otherwise given the
        nearest discovered theme; themes are not re-discovered.
        """
        return self.predict_with_confidence(texts, languages)[0]

    def predict_with_confidence(self, texts, languages=None):
        """Return ``(theme_ids, confidence)`` for new answers (see :meth:`predict`)."""
        if not hasattr(self, "themes_"):
            from sklearn.exceptions import NotFittedError

            raise NotFittedError("this ThemeModel is not fitted yet; call fit first")
        texts = self._validate(texts)
        corpus = build_corpus(texts, languages, self.languages)
        ids, confidence = assign.predict_assign(self, corpus)
        return ids[corpus.rows], confidence[corpus.rows]

    def theme(self, theme_id):
        """Return the fitted :class:`Theme` with id ``theme_id``."""
        for theme in self.themes_:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)

    def summary(self, segments=None, min_cell=5):
        """Return per-theme counts (see :func:`analysis.summarize`)."""
        from .summary import summarize

        return summarize(self, segments=segments, min_cell=min_cell)

    def to_dict(self):
        """Return the fitted model's results as a JSON-serialisable dict."""
        return {
            "catalogue": self.catalogue_.name if self.catalogue_ is not None else None,
            "embedding": self.embedding,
            "random_state": self.random_state,
            "themes": [theme.to_dict() for theme in self.themes_],
            "labels": self.labels_.tolist(),
            "confidence": [round(float(c), 4) for c in self.confidence_],
            "languages": self.language_.tolist(),
        }


__all__ = ["ThemeModel", "NON_ANSWER", "UNASSIGNED"]
