"""Checking what a user hands to :class:`analysis.ThemeModel`: answers and their languages."""

import numbers

import numpy as np


def check_texts(X, name="X"):
    """Return ``X`` as a list of str, or raise a clear error when it is not 1-D text.

    Parameters
    ----------
    X : sequence of str
        One answer per element: a list, a tuple, a 1-D numpy array or a pandas
        Series. ``None`` counts as an empty answer (a missing value).

    Raises
    ------
    TypeError
        For a single string, a number, a 2-D array or elements that are not
        strings.
    ValueError
        For an empty sequence.
    """
    if isinstance(X, (str, bytes)):
        raise TypeError(f"{name} must be a sequence of answers (strings), not a single "
                        f"{type(X).__name__}; wrap it in a list: [{name}]")
    shape = getattr(X, "shape", None)
    if shape is not None and len(shape) != 1:
        raise TypeError(f"{name} must be a 1-D sequence of strings (one answer per element); "
                        f"got an array of shape {tuple(shape)}. For a table, pass one column.")
    try:
        texts = list(X)
    except TypeError:
        raise TypeError(f"{name} must be a sequence of strings, not "
                        f"{type(X).__name__}") from None
    if not texts:
        raise ValueError(f"{name} is empty: there is nothing to analyse")
    for position, text in enumerate(texts):
        if text is None or isinstance(text, str):
            continue
        if isinstance(text, (numbers.Number, np.generic)) and text != text:  # NaN: missing
            texts[position] = None
            continue
        kind = "a nested sequence" if np.ndim(text) > 0 else type(text).__name__
        raise TypeError(f"{name} must contain strings (one answer each); element {position} "
                        f"is {kind}. Text estimators take 1-D text, not numeric features.")
    return texts


def check_languages(languages, n_texts):
    """Return ``languages`` as a list with one entry per text, or None."""
    if languages is None:
        return None
    if isinstance(languages, str):
        raise TypeError("languages must give one language code per answer, not one string")
    languages = list(languages)
    if len(languages) != n_texts:
        raise ValueError(f"languages has {len(languages)} entries for {n_texts} answers: "
                         f"give one language code (or None) per answer")
    return languages
