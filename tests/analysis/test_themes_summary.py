"""Summaries with small-cell suppression, and charts."""

from matplotlib.figure import Figure

from analysis import (ThemeModel, plot_segment_shares, plot_theme_sizes, segment_shares,
                      summarize, theme_sizes)
from analysis.summary import suppress


def test_cells_under_the_threshold_aresuppressed_with_a_complement():
    cells = suppress({"SME": 3, "large": 12, "academia": 20}, min_cell=5)
    # 3 is hidden, and so is the next smallest, or 3 = total - 12 - 20.
    assert cells == {"SME": None, "large": None, "academia": 20}
    assert suppress({"SME": 0, "large": 7}, 5) == {"SME": 0, "large": 7}


def test_summary_counts_by_segment(answers):
    model = ThemeModel(catalogue="default", embedding="tfidf", cache_dir=False).fit(answers)
    segments = ["SME" if i % 3 else "large" for i in range(len(answers))]
    summary = summarize(model, segments={"size": segments}, min_cell=2)
    assert summary["n_answers"] == len(answers)
    for theme in summary["themes"]:
        counts = theme["segments"]["size"]
        assert all(c is None or c == 0 or c >= 2 for c in counts.values())
        shown = sum(c for c in counts.values() if c is not None)
        hidden = sum(c is None for c in counts.values())
        if hidden == 0:
            assert shown == theme["size"]
        elif hidden == 1:  # a lone hidden cell only when no other cell has answers to hide
            assert shown == 0
        else:
            assert shown < theme["size"]
    # Without suppression every theme's cells add up to its size.
    for theme in summarize(model, segments={"size": segments}, min_cell=1)["themes"]:
        assert sum(theme["segments"]["size"].values()) == theme["size"]
    assert model.summary(segments=segments)["segments"] == {"segment": ["SME", "large"]}


def test_charts_compute_numbers_then_draw_figures(answers):
    model = ThemeModel(embedding="tfidf", cache_dir=False).fit(answers)
    sizes = theme_sizes(model)
    assert sizes["sizes"] == sorted(sizes["sizes"], reverse=True)
    assert sum(sizes["sizes"]) == len(answers)
    assert isinstance(plot_theme_sizes(sizes), Figure)
    summary = model.summary(segments=["a", "b"] * (len(answers) // 2) + ["a"] * (len(answers) % 2))
    shares = segment_shares(summary, "segment")
    assert set(shares["values"]) == {"a", "b"}
    assert isinstance(plot_segment_shares(shares), Figure)
