"""Theme analysis of free-text answers, offline, in the six UN languages.

Nothing here imports Flask or the web application: the web app, the
``engage themes`` command and a notebook all call the same functions.

Public API
----------
ThemeModel(catalogue=None, embedding="use", min_theme_size=5, max_themes=12, n_themes=None,
           assign_threshold=None, languages=UN_LANGUAGES, label_language="en", n_terms=8,
           n_quotes=5, cache_dir=None, random_state=0, verbose=False)
    scikit-learn estimator of 1-D text. ``fit(X, y=None, *, languages=None)``,
    ``fit_predict``, ``predict(X, *, languages=None)``, ``predict_with_confidence``;
    fitted ``labels_`` (theme id per answer), ``confidence_``, ``language_``,
    ``reason_`` (why an answer is or is not in a catalogue theme), ``best_catalogue_``,
    ``catalogue_score_``, ``threshold_``, ``themes_`` (list of :class:`Theme`);
    ``placement_summary()``, ``summary(segments=None, min_cell=5)`` and ``to_dict()``.
Theme
    One theme: id, label (a phrase of 3 to 7 words for a discovered theme), source
    ("catalogue", "discovered", "non_answer", "unassigned"), size, share, terms, quotes,
    quote_indices, quote_languages, languages, description, close_to and
    close_similarity (a discovered look-alike of a catalogue theme);
    ``to_dict()``/``from_dict()``.
summarize(model, segments=None, min_cell=5)
    Per-theme counts by segment, small cells suppressed.
load_catalogue(path), default_catalogue(), parse_catalogue(data)
    Theme catalogues (YAML or JSON); :class:`Catalogue` (``with_examples({id: [answers]})``
    adds the committee's examples), :class:`CatalogueTheme`, :class:`CatalogueError`.
theme_sizes(model), plot_theme_sizes(data, ax=None)
segment_shares(summary, segment), plot_segment_shares(data, ax=None)
    Chart numbers, then a matplotlib ``Figure`` drawn from them.
default_cache_dir()
    Where embeddings are cached: ``$ENGAGE_CACHE_DIR`` or ``~/.cache/engage``.

Example
-------
>>> from analysis import ThemeModel
>>> model = ThemeModel(catalogue="default").fit(answers)  # doctest: +SKIP
>>> model.summary(segments={"size": sizes})  # doctest: +SKIP
"""

import importlib

# Names are imported on first use (PEP 562): the web app imports a small helper from
# here without paying for scikit-learn and the embedding model at start-up.
_EXPORTS = {
    "Catalogue": "catalogue", "CatalogueError": "catalogue", "CatalogueTheme": "catalogue",
    "default_catalogue": "catalogue", "load_catalogue": "catalogue", "parse_catalogue": "catalogue",
    "plot_segment_shares": "charts", "plot_theme_sizes": "charts", "segment_shares": "charts",
    "theme_sizes": "charts", "default_cache_dir": "embed", "UN_LANGUAGES": "languages",
    "ThemeModel": "model", "summarize": "summary", "suppress": "summary",
    "NON_ANSWER": "themes", "UNASSIGNED": "themes", "Theme": "themes",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
