"""Counts over time and by category: the numbers, and drawings that leave suppressed cells out."""

import io
import xml.etree.ElementTree as ET
from datetime import date, datetime

import pytest
from matplotlib.figure import Figure

from analysis.charts import category_counts, counts_over_time, plot_category_counts, plot_counts_over_time


def test_days_between_events_are_counted_as_zero():
    data = counts_over_time([datetime(2026, 3, 4, 10), date(2026, 3, 2), date(2026, 3, 4)], "day")
    assert data["periods"] == [date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4)]
    assert data["counts"] == [1, 0, 2]


def test_weeks_start_on_monday_and_long_spans_are_counted_by_week():
    data = counts_over_time([date(2026, 1, 7), date(2026, 1, 11), date(2026, 4, 1)])
    assert data["period"] == "week"
    assert data["periods"][0] == date(2026, 1, 5)  # the Monday before the first date
    assert data["counts"][0] == 2 and data["counts"][-1] == 1 and sum(data["counts"]) == 3


def test_no_dates_give_an_empty_series_and_a_bad_period_is_refused():
    assert counts_over_time([])["counts"] == []
    with pytest.raises(ValueError):
        counts_over_time([date(2026, 1, 1)], "month")


def bars(fig):
    return [p for p in fig.axes[0].patches]


def test_suppressed_categories_keep_their_row_but_get_no_bar():
    data = category_counts([("Africa", 12), ("CIS", None), ("Europe", 7)], title="By region")
    fig = plot_category_counts(data)
    assert isinstance(fig, Figure)
    assert sorted(p.get_width() for p in bars(fig)) == [7, 12]
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Africa", "CIS", "Europe"]
    assert fig.axes[0].get_title() == "By region"


def test_charts_save_as_valid_svg():
    for fig in (plot_category_counts(category_counts([("a", 1)])),
                plot_counts_over_time(counts_over_time([date(2026, 1, 1), date(2026, 1, 3)]))):
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg")
        assert ET.fromstring(buffer.getvalue()).tag.endswith("svg")


def test_counts_over_time_draws_one_bar_per_period():
    fig = plot_counts_over_time(counts_over_time([date(2026, 1, 1), date(2026, 1, 3)], "day"))
    assert [p.get_height() for p in bars(fig)] == [1, 0, 1]
