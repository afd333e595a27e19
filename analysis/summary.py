"""Per-theme summaries with small-cell suppression."""

from collections import Counter

import numpy as np


def suppress(cells, min_cell):
    """Return ``cells`` with counts under ``min_cell`` replaced by None.

    When a row has exactly one suppressed cell, the next smallest cell is
    suppressed too, so the hidden count cannot be recovered from the total.
    """
    hidden = {key for key, count in cells.items() if 0 < count < min_cell}
    if len(hidden) == 1:
        # Sorted on the count alone: keys may not compare (None for "not stated").
        shown = sorted(((count, key) for key, count in cells.items()
                        if key not in hidden and count > 0), key=lambda pair: pair[0])
        if shown:
            hidden.add(shown[0][1])
    return {key: (None if key in hidden else count) for key, count in cells.items()}


def summarize(model, segments=None, min_cell=5):
    """Return the size, share, languages and segment counts of each fitted theme.

    Parameters
    ----------
    model : ThemeModel
        A fitted model.
    segments : sequence or dict of sequences, optional
        Segment label of each answer (for instance ``"SME"``/``"large"``), or
        several such columns keyed by name (``{"size": [...], "region": [...]}``).
        ``None`` or empty labels are counted as ``"unknown"``.
    min_cell : int, default=5
        Segment counts under this are suppressed (shown as ``None``) so that no
        small group can be singled out; see :func:`suppress` for the
        complementary suppression that protects them.

    Returns
    -------
    dict
        ``{"n_answers": int, "min_cell": int, "segments": {name: [values]},
        "themes": [{"id", "label", "source", "size", "share", "terms",
        "quote", "languages", "segments": {name: {value: count or None}}}]}``.
    """
    labels = np.asarray(model.labels_)
    if segments is None:
        segments = {}
    elif not isinstance(segments, dict):
        segments = {"segment": segments}
    columns = {}
    for name, values in segments.items():
        values = ["unknown" if v is None or str(v).strip() == "" else str(v) for v in values]
        if len(values) != len(labels):
            raise ValueError(f"segment {name!r} has {len(values)} labels for {len(labels)} answers")
        columns[name] = np.array(values, dtype=object)
    result = {
        "n_answers": int(len(labels)),
        "min_cell": int(min_cell),
        "segments": {name: sorted(set(col.tolist())) for name, col in columns.items()},
        "themes": [],
    }
    for theme in model.themes_:
        members = labels == theme.id
        entry = {
            "id": theme.id, "label": theme.label, "source": theme.source,
            "size": theme.size, "share": theme.share, "terms": list(theme.terms),
            "quote": theme.quotes[0] if theme.quotes else None,
            "languages": dict(theme.languages), "segments": {},
        }
        for name, col in columns.items():
            counts = Counter(col[members].tolist())
            cells = {value: counts.get(value, 0) for value in result["segments"][name]}
            entry["segments"][name] = suppress(cells, min_cell)
        result["themes"].append(entry)
    return result
