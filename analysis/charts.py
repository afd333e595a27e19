"""Chart data and drawings: numbers first, then a matplotlib Figure (never pyplot)."""

import functools

import matplotlib.text
from matplotlib import font_manager
from matplotlib.figure import Figure

#: Fonts tried in turn for each character: answers and theme names come in every UN
#: language, and DejaVu Sans has no Chinese. Those not installed are skipped.
FONT_FAMILIES = ("DejaVu Sans", "Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC",
                 "WenQuanYi Zen Hei", "Droid Sans Fallback", "Microsoft YaHei", "PingFang SC",
                 "Arial Unicode MS", "Noto Sans Arabic")


@functools.cache
def installed_fonts():
    """Return the FONT_FAMILIES present on this machine, in order."""
    names = {font.name for font in font_manager.fontManager.ttflist}
    return [name for name in FONT_FAMILIES if name in names] or ["sans-serif"]


def _with_fonts(plot):
    """Decorate a plot function so that its texts fall back through the installed fonts."""
    @functools.wraps(plot)
    def wrapper(*args, **kwargs):
        figure = plot(*args, **kwargs)
        # Every text, also those of axes created by the caller before plotting.
        for text in figure.findobj(matplotlib.text.Text):
            text.set_fontfamily(installed_fonts())
        return figure
    return wrapper


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
    return plot_category_counts({"labels": data["labels"], "counts": data["sizes"],
                                 "title": "Themes by number of answers", "xlabel": "Answers"}, ax)


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


@_with_fonts
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


def counts_over_time(dates, period="auto"):
    """Return ``{"periods", "counts", "period"}``: how many ``dates`` fall in each day or week.

    Every period between the first and the last date is listed, with 0 where nothing
    happened, so that a gap shows as a gap.

    Parameters
    ----------
    dates : iterable of datetime.date or datetime.datetime
        One date per event (e.g. per completed response).
    period : {"auto", "day", "week"}
        Weeks start on Monday; "auto" counts by day over two months or less, else by week.

    Returns
    -------
    dict
        ``periods`` (the first day of each period, as ``datetime.date``), ``counts``
        (ints, same length) and ``period`` (the period used).

    Examples
    --------
    >>> from datetime import date
    >>> counts_over_time([date(2026, 3, 2), date(2026, 3, 4)], "day")["counts"]
    [1, 0, 1]
    """
    import datetime as dt
    from collections import Counter

    days = sorted(d.date() if isinstance(d, dt.datetime) else d for d in dates)
    if period not in ("auto", "day", "week"):
        raise ValueError(f"unknown period {period!r}")
    if not days:
        return {"periods": [], "counts": [], "period": "day" if period == "auto" else period}
    if period == "auto":
        period = "day" if (days[-1] - days[0]).days <= 62 else "week"
    step = dt.timedelta(days=1 if period == "day" else 7)
    start = days[0] if period == "day" else days[0] - dt.timedelta(days=days[0].weekday())
    counts = Counter((d - start) // step for d in days)
    n_periods = (days[-1] - start) // step + 1
    return {"periods": [start + i * step for i in range(n_periods)],
            "counts": [counts.get(i, 0) for i in range(n_periods)], "period": period}


@_with_fonts
def plot_counts_over_time(data, ax=None):
    """Draw counts per day or week as bars; return the Figure.

    Parameters
    ----------
    data : dict
        Output of :func:`counts_over_time`; an optional ``"title"`` key sets the title.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new Figure is created when omitted.
    """
    if ax is None:
        fig = Figure(figsize=(8, 3), layout="constrained")
        ax = fig.add_subplot()
    width = 0.8 if data["period"] == "day" else 5.6
    ax.bar(data["periods"], data["counts"], width=width, color="#1f77b4")
    ax.set_ylabel("Per day" if data["period"] == "day" else "Per week")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.figure.autofmt_xdate()
    ax.set_title(data.get("title", "Completed responses over time"))
    return ax.figure


def category_counts(rows, title=""):
    """Return ``{"labels", "counts", "title"}`` for a bar chart of counts by category.

    An ``"xlabel"`` key may be added to name the counts (default: completed responses).

    Parameters
    ----------
    rows : iterable of (str, int or None)
        Label and count of each category, in display order; a count of ``None`` is a
        suppressed cell: it keeps its row but no bar is drawn.
    title : str
        Title of the chart.
    """
    rows = list(rows)
    return {"labels": [str(label) for label, _count in rows],
            "counts": [count for _label, count in rows], "title": title}


@_with_fonts
def plot_category_counts(data, ax=None):
    """Draw counts by category as horizontal bars, suppressed ones only named; return the Figure.

    Parameters
    ----------
    data : dict
        Output of :func:`category_counts`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new Figure is created when omitted.
    """
    if ax is None:
        fig = Figure(figsize=(7, 0.4 * max(len(data["labels"]), 3) + 1), layout="constrained")
        ax = fig.add_subplot()
    positions = list(range(len(data["labels"])))
    drawn = [(i, n) for i, n in zip(positions, data["counts"]) if n is not None]
    ax.barh([i for i, _n in drawn], [n for _i, n in drawn], color="#1f77b4")
    for i, count in zip(positions, data["counts"]):
        if count is None:
            # Say the count is hidden rather than leave a blank that reads as zero.
            ax.text(0, i, " suppressed", va="center", color="#666666", fontsize=9)
    ax.set_yticks(positions, [_short(label) for label in data["labels"]])
    ax.invert_yaxis()
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel(data.get("xlabel", "Completed responses"))
    ax.set_title(data.get("title", ""))
    return ax.figure
