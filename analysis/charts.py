"""Chart data and drawings: numbers first, then a matplotlib Figure (never pyplot)."""

from matplotlib.figure import Figure


def theme_sizes(model, include_non_answers=True):
    """Return ``{"ids", "labels", "sizes", "shares"}`` for a bar chart of theme sizes.

    Themes with no answers are left out; largest first.
    """
    themes = [t for t in model.themes_ if t.size > 0
              and (include_non_answers or t.source != "non_answer")]
    themes.sort(key=lambda t: (-t.size, t.id))
    return {"ids": [t.id for t in themes], "labels": [t.label for t in themes],
            "sizes": [t.size for t in themes], "shares": [t.share for t in themes]}


def plot_theme_sizes(data, ax=None):
    """Draw theme sizes as horizontal bars; return the Figure.

    Parameters
    ----------
    data : dict
        Output of :func:`theme_sizes`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new Figure is created when omitted.
    """
    if ax is None:
        fig = Figure(figsize=(8, 0.4 * max(len(data["ids"]), 3) + 1), layout="constrained")
        ax = fig.add_subplot()
    labels = [_short(label) for label in data["labels"]]
    positions = range(len(labels))
    ax.barh(positions, data["sizes"], color="#1f77b4")
    ax.set_yticks(list(positions), labels)
    ax.invert_yaxis()
    ax.set_xlabel("Answers")
    ax.set_title("Themes by number of answers")
    return ax.figure


def segment_shares(summary, segment):
    """Return ``{"ids", "labels", "values", "shares"}`` for shares of themes by segment.

    ``shares[v][i]`` is the share of segment value ``v``'s answers that fall in
    theme ``i``; suppressed cells are ``None`` (not drawn).

    Parameters
    ----------
    summary : dict
        Output of :func:`analysis.summarize` with the segment given.
    segment : str
        Name of the segment column.
    """
    if segment not in summary["segments"]:
        raise KeyError(f"the summary has no segment {segment!r}")
    values = summary["segments"][segment]
    themes = [t for t in summary["themes"] if t["size"] > 0]
    totals = {v: sum(t["segments"][segment][v] or 0 for t in themes) for v in values}
    shares = {v: [None if t["segments"][segment][v] is None or not totals[v]
                  else t["segments"][segment][v] / totals[v] for t in themes] for v in values}
    return {"ids": [t["id"] for t in themes], "labels": [t["label"] for t in themes],
            "values": values, "shares": shares}


def plot_segment_shares(data, ax=None):
    """Draw each theme's share of every segment as grouped bars; return the Figure."""
    if ax is None:
        fig = Figure(figsize=(9, 0.5 * max(len(data["ids"]), 3) + 1), layout="constrained")
        ax = fig.add_subplot()
    n_values = max(len(data["values"]), 1)
    height = 0.8 / n_values
    for j, value in enumerate(data["values"]):
        positions = [i + j * height for i, share in enumerate(data["shares"][value])
                     if share is not None]
        shares = [share for share in data["shares"][value] if share is not None]
        ax.barh(positions, shares, height=height, label=str(value))
    ax.set_yticks([i + 0.4 - height / 2 for i in range(len(data["ids"]))],
                  [_short(label) for label in data["labels"]])
    ax.invert_yaxis()
    ax.set_xlabel("Share of the segment's answers (suppressed cells not shown)")
    ax.legend(title="Segment")
    ax.set_title("Themes by segment")
    return ax.figure


def _short(label, width=45):
    return label if len(label) <= width else label[:width - 1] + "…"
