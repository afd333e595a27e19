"""The overview's charts, drawn by the server as SVG images (never with pyplot)."""

from flask import abort, request
from flask_babel import gettext as _

from survey.auth import permission_required, visible_questionnaire
from survey.charts import svg_response
from survey.review.overview import PARTICIPATION_TABLES, completion_dates, demo_mode, participation
from survey.review.blueprint import bp

#: Chart names besides the participation dimensions.
COMPLETIONS = "completions"


def chart_names():
    """Return the names a chart URL may carry."""
    return (COMPLETIONS, *PARTICIPATION_TABLES)


# analysis.charts (matplotlib) is imported when a chart is drawn, not when the app starts.


def completions_figure(questionnaire, mode):
    from analysis.charts import counts_over_time, plot_counts_over_time

    data = counts_over_time(completion_dates(questionnaire, mode))
    data["title"] = _("Completed responses over time")
    return plot_counts_over_time(data)


def participation_figure(questionnaire, mode, dimension):
    """Return the bar chart of one participation table; suppressed counts are not drawn."""
    from analysis.charts import category_counts, plot_category_counts

    tables = participation(questionnaire, mode, only=dimension)
    if not tables:
        abort(404)  # the questionnaire does not ask the profile question of this chart
    table = tables[0]
    rows = [(label, cell.count if cell.shown else None) for label, cell in table.rows]
    return plot_category_counts(category_counts(rows, title=table.title))


@bp.get("/<slug>/charts/<name>.svg")
@permission_required("view")
def chart(slug, name):
    questionnaire = visible_questionnaire(slug)
    if name not in chart_names():
        abort(404)
    mode, _default = demo_mode(questionnaire, request.args.get("demo"))
    figure = (completions_figure(questionnaire, mode) if name == COMPLETIONS
              else participation_figure(questionnaire, mode, name))
    return svg_response(figure)
