"""The :class:`ThemeModel` estimator: answers in, themes out."""

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted

from . import assign
from .build import build_themes
from .catalogue import Catalogue, default_catalogue, load_catalogue
from .corpus import build_corpus
from .embed import progress_bar
from .inputs import check_languages, check_texts
from .languages import UN_LANGUAGES, detect_language, normalise_language
from .prepare import content_tokens, normalise
from .represent import LsaRepresentation, SentenceRepresentation
from .themes import NON_ANSWER, UNASSIGNED

EMBEDDINGS = ("use", "tfidf")
#: Default catalogue threshold, in spreads above what unrelated answers score.
DEFAULT_THRESHOLD = 1.0


class ThemeModel(BaseEstimator):
    """Place free-text answers in catalogue themes, and group the rest into new themes.

    Each answer is, in turn: flagged as a non-answer ("n/a", "nothing"...);
    placed in the catalogue theme it is clearly about (judged on the theme's
    title, description, keywords and examples, in any language); or grouped
    with similar answers into a discovered theme, whose number is chosen by
    stability across subsamples. Discovered themes are named by a short phrase
    and keep their distinctive terms; a discovered theme that looks like a
    catalogue theme says so (``close_to``). The output does not depend on the
    order of the answers.

    Parameters
    ----------
    catalogue : Catalogue, str, path-like or None, default=None
        Themes to look for first: a :class:`~analysis.Catalogue`, the path of
        a YAML/JSON catalogue, or ``"default"`` for the ITU-T industry
        engagement action plan. ``None`` discovers themes only. To teach the
        model with answers the committee placed, pass
        ``catalogue.with_examples({theme_id: [answers]})``.
    embedding : {"use", "tfidf"}, default="use"
        ``"use"``: multilingual sentence embeddings (answers in different
        languages that say the same thing land together); ``"tfidf"``: TF-IDF
        on stems reduced by LSA, faster but blind across languages.
    min_theme_size : int, default=5
        Smallest discovered theme, counting repeated answers.
    max_themes : int, default=12
        Largest number of discovered themes considered.
    n_themes : int or None, default=None
        Number of discovered themes; ``None`` chooses it by stability.
    assign_threshold : float or None, default=None
        How far above unrelated answers (in spreads of the catalogue scores)
        an answer's best catalogue theme must score for the answer to be
        placed there; ``None`` means 1.0. Lower places more answers in the
        catalogue, higher sends more to discovered themes.
    languages : sequence of str, default=("ar", "en", "es", "fr", "ru", "zh")
        Candidate languages for detection.
    label_language : str, default="en"
        Language of the names of discovered themes.
    n_terms : int, default=8
        Distinctive terms kept per theme.
    n_quotes : int, default=5
        Representative quotes kept per theme (at most).
    cache_dir : str, path-like, False or None, default=None
        Embedding cache; ``None`` means ``$ENGAGE_CACHE_DIR`` or ``~/.cache/engage``,
        ``False`` disables caching.
    random_state : int, RandomState instance or None, default=0
        Seeds every random choice (subsamples, k-means, LSA). An int gives the
        same themes every time; ``None`` or a ``RandomState`` follow
        scikit-learn's rules (:func:`sklearn.utils.check_random_state`).
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
    reason_ : ndarray of str, shape (n_answers,)
        Why each answer is or is not in a catalogue theme: ``"placed"``,
        ``"weak"`` (its best catalogue theme scored under the threshold),
        ``"ambiguous"`` (two catalogue themes scored alike), ``"non_answer"``
        or ``"no_catalogue"``.
    best_catalogue_ : ndarray of object, shape (n_answers,)
        Id of each answer's best catalogue theme (None without a catalogue).
    catalogue_score_ : ndarray of float, shape (n_answers,)
        That theme's score, in spreads above unrelated answers (compare with
        ``threshold_``); NaN without a catalogue.
    second_catalogue_ : ndarray of object, shape (n_answers,)
        Id of the runner-up catalogue theme (None if there is none).
    second_score_ : ndarray of float, shape (n_answers,)
        The runner-up's score.
    threshold_ : float
        The catalogue threshold used.
    themes_ : list of Theme
        Catalogue themes (in catalogue order, empty ones included), then
        discovered themes by decreasing size, then the non-answer and
        unassigned groups when they have answers.
    catalogue_ : Catalogue or None
        The catalogue used.
    catalogue_index_ : object or None
        The catalogue's entries as vectors and the scale of their scores,
        kept to place new answers in :meth:`predict`.
    representation_ : object
        The fitted text representation (sentence embeddings with per-language
        offsets, or TF-IDF + LSA), kept to embed new answers in :meth:`predict`.
    centers_ : ndarray of shape (n_discovered, n_features)
        Unit-length centres of the discovered themes, in the representation's
        space, in the order of the discovered themes in ``themes_``.
    stability_ : dict
        Stability score of each number of discovered themes tried.

    Examples
    --------
    >>> model = ThemeModel(catalogue="default", embedding="tfidf")
    >>> labels = model.fit_predict(answers)  # doctest: +SKIP
    >>> [(t.id, t.label, t.size) for t in model.themes_]  # doctest: +SKIP
    >>> model.placement_summary()  # doctest: +SKIP
    """

    def __init__(self, catalogue=None, embedding="use", min_theme_size=5, max_themes=12,
                 n_themes=None, assign_threshold=None, languages=UN_LANGUAGES,
                 label_language="en", n_terms=8, n_quotes=5, cache_dir=None, random_state=0,
                 verbose=False):
        self.catalogue = catalogue
        self.embedding = embedding
        self.min_theme_size = min_theme_size
        self.max_themes = max_themes
        self.n_themes = n_themes
        self.assign_threshold = assign_threshold
        self.languages = languages
        self.label_language = label_language
        self.n_terms = n_terms
        self.n_quotes = n_quotes
        self.cache_dir = cache_dir
        self.random_state = random_state
        self.verbose = verbose

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.one_d_array = True
        tags.input_tags.string = True
        tags.target_tags.required = False
        tags.non_deterministic = False
        return tags

    def _check_params(self):
        if self.embedding not in EMBEDDINGS:
            raise ValueError(f"embedding must be one of {EMBEDDINGS}, not {self.embedding!r}")
        if int(self.min_theme_size) < 1 or int(self.max_themes) < 1:
            raise ValueError("min_theme_size and max_themes must be at least 1")
        if self.n_themes is not None and int(self.n_themes) < 1:
            raise ValueError("n_themes must be at least 1, or None")

    def _check_input(self, X, languages):
        texts = check_texts(X)
        return texts, check_languages(languages, len(texts))

    def _resolve_catalogue(self):
        if self.catalogue is None or isinstance(self.catalogue, Catalogue):
            return self.catalogue
        if str(self.catalogue) == "default":
            return default_catalogue()
        return load_catalogue(self.catalogue)

    def _detect(self, text):
        return detect_language(normalise(text), tuple(self.languages))

    def _stems_of(self, text, language=None):
        text = normalise(text)
        if language is None:
            language = detect_language(text, tuple(self.languages))
        return [language + ":" + stem for stem, _, _ in content_tokens(text, language)]

    def _representation(self, seed):
        if self.embedding == "use":
            return SentenceRepresentation(self.languages, self.cache_dir,
                                          progress_bar(self.verbose))
        return LsaRepresentation(self._stems_of, random_state=seed)

    def fit(self, X, y=None, *, languages=None):
        """Find the themes of the answers ``X``; return self.

        Parameters
        ----------
        X : sequence of str
            One answer per element (a list, a 1-D array, a pandas Series).
        y : None
            Ignored: themes are found without labels.
        languages : sequence of str, optional
            Language of each answer ("en", "fra", "zh-CN"...); detected when
            omitted or None for an answer.

        Returns
        -------
        self : ThemeModel
        """
        self._check_params()
        texts, languages = self._check_input(X, languages)
        rng = check_random_state(self.random_state)
        seeds = [int(seed) for seed in rng.randint(np.iinfo(np.int32).max, size=3)]
        corpus = build_corpus(texts, languages, self.languages)
        self.label_language_ = normalise_language(self.label_language)
        self.catalogue_ = self._resolve_catalogue()
        self.representation_ = self._representation(seeds[2])
        self.threshold_ = (DEFAULT_THRESHOLD if self.assign_threshold is None
                           else float(self.assign_threshold))
        real = ~corpus.non_answer
        X_all = self.representation_.fit(corpus, real) if real.any() else None
        self.catalogue_index_ = (assign.CatalogueIndex(self.catalogue_, self.representation_,
                                                       self._detect)
                                 if self.catalogue_ is not None and real.any() else None)
        result = assign.fit_assign(self, corpus, real, X_all, seeds)
        self.centers_ = result.centers
        self.stability_ = result.stability
        self.themes_ = build_themes(self, corpus, result, self.catalogue_)
        self.labels_ = assign.theme_ids(self.themes_, result.labels)[corpus.rows]
        self.confidence_ = result.confidence[corpus.rows]
        self.language_ = corpus.languages[corpus.rows].astype(str)
        self._keep_placement(result.placement, corpus)
        return self

    def _keep_placement(self, placement, corpus):
        ids = np.array([None, *(self.catalogue_index_.ids if self.catalogue_index_ else [])],
                       dtype=object)
        rows = corpus.rows
        self.reason_ = placement.reason[rows].astype(str)
        self.best_catalogue_ = ids[placement.best[rows] + 1]
        self.second_catalogue_ = ids[placement.second[rows] + 1]
        self.catalogue_score_ = placement.best_score[rows].astype(float)
        self.second_score_ = placement.second_score[rows].astype(float)

    def fit_predict(self, X, y=None, *, languages=None):
        """Fit on the answers ``X`` and return the theme id of each answer."""
        return self.fit(X, languages=languages).labels_

    def predict(self, X, *, languages=None):
        """Return the theme id of each answer among the fitted themes.

        Answers are flagged, placed in the catalogue and otherwise given the
        nearest discovered theme; themes are not re-discovered.
        """
        return self.predict_with_confidence(X, languages=languages)[0]

    def predict_with_confidence(self, X, *, languages=None):
        """Return ``(theme_ids, confidence)`` for new answers (see :meth:`predict`)."""
        check_is_fitted(self, "themes_")
        texts, languages = self._check_input(X, languages)
        corpus = build_corpus(texts, languages, self.languages)
        ids, confidence, _ = assign.predict_assign(self, corpus)
        return ids[corpus.rows], confidence[corpus.rows]

    def theme(self, theme_id):
        """Return the fitted :class:`Theme` with id ``theme_id``."""
        for theme in self.themes_:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)

    def placement_summary(self):
        """Return how many answers went to the catalogue, and why the others did not.

        Returns
        -------
        dict
            ``{"answers", "placed", "share_placed", "threshold",
            "reasons": {reason: count}}``, counting input rows.
        """
        check_is_fitted(self, "themes_")
        reasons = dict(sorted(zip(*np.unique(self.reason_, return_counts=True))))
        placed = int(reasons.get("placed", 0))
        return {"answers": len(self.reason_), "placed": placed,
                "share_placed": placed / len(self.reason_), "threshold": self.threshold_,
                "reasons": {str(k): int(v) for k, v in reasons.items()}}

    def summary(self, segments=None, min_cell=5):
        """Return per-theme counts (see :func:`analysis.summarize`)."""
        from .summary import summarize

        return summarize(self, segments=segments, min_cell=min_cell)

    def to_dict(self):
        """Return the fitted model's results as a JSON-serialisable dict."""
        def score(value):
            return None if np.isnan(value) else round(float(value), 4)

        return {
            "catalogue": self.catalogue_.name if self.catalogue_ is not None else None,
            "embedding": self.embedding,
            "random_state": self.random_state if isinstance(self.random_state, int) else None,
            "threshold": self.threshold_,
            "themes": [theme.to_dict() for theme in self.themes_],
            "labels": self.labels_.tolist(),
            "confidence": [round(float(c), 4) for c in self.confidence_],
            "languages": self.language_.tolist(),
            "reasons": self.reason_.tolist(),
            "best_catalogue": self.best_catalogue_.tolist(),
            "catalogue_scores": [score(v) for v in self.catalogue_score_],
        }


__all__ = ["ThemeModel", "NON_ANSWER", "UNASSIGNED"]
