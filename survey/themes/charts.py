"""Charts and segment tables of a stored run, drawn by the server (no script in the page)."""

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from survey.reference import region_label
from survey.themes import findings

#: Segment values shown as column headings (regions are named by survey.reference).
VALUE_LABELS = {"sme": _l("SMEs"), "large": _l("Large organisations"),
                "developing": _l("Developing countries"), "developed": _l("Developed countries")}
#: Headings of the three comparisons.
DIMENSION_LABELS = {"size": _l("SMEs and large organisations"),
                    "development": _l("Developing and developed countries"),
                    "region": _l("Regions")}


def theme_sizes_figure(run):
    """Return the bar chart of the run's visible theme sizes (a matplotlib Figure)."""
    from analysis import plot_theme_sizes

    found = [f for f in findings.theme_findings(run, n_quotes=0) if f.size]
    data = {"ids": [f.theme.key for f in found], "labels": [f.theme.label for f in found],
            "sizes": [f.size for f in found], "shares": [f.share for f in found]}
    return plot_theme_sizes(data)


def segment_tables(run):
    """Return ``[(heading, [(value, label)], comparison)]`` for size, development and region."""
    language = str(get_locale() or "en").split("_")[0]
    tables = []
    for dimension in ("size", "development", "region"):
        comparison = findings.segment_comparison(run, dimension)
        labels = [(value, region_label(value, language) if dimension == "region"
                   else VALUE_LABELS[value]) for value in comparison["values"]]
        tables.append((DIMENSION_LABELS[dimension], labels, comparison))
    return tables
