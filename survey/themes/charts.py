"""Charts and segment tables of a stored run, drawn by the server (no script in the page)."""

from survey.segments import DIMENSION_LABELS, segment_label
from survey.themes import findings


def theme_sizes_figure(run):
    """Return the bar chart of the run's visible theme sizes (a matplotlib Figure)."""
    from analysis import plot_theme_sizes

    found = [f for f in findings.theme_findings(run, n_quotes=0) if f.size]
    data = {"ids": [f.theme.key for f in found], "labels": [f.theme.label for f in found],
            "sizes": [f.size for f in found], "shares": [f.share for f in found]}
    return plot_theme_sizes(data)


def segment_tables(run):
    """Return ``[(heading, [(value, label)], comparison)]`` for size, development and region."""
    tables = []
    for dimension in ("size", "development", "region"):
        comparison = findings.segment_comparison(run, dimension)
        labels = [(value, segment_label(dimension, value)) for value in comparison["values"]]
        tables.append((DIMENSION_LABELS[dimension], labels, comparison))
    return tables
