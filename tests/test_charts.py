"""Charts served as SVG: text stays text, so any script shows in the reader's browser."""

import xml.etree.ElementTree as ElementTree

from analysis.charts import category_counts, plot_category_counts
from survey.charts import svg_bytes, svg_response


def test_labels_in_any_script_are_kept_as_text(app):
    labels = ["Afrique", "الدول العربية", "亚太地区", "СНГ", "<script>x</script>"]
    figure = plot_category_counts(category_counts([(label, 5) for label in labels]))
    svg = svg_bytes(figure).decode("utf-8")
    ElementTree.fromstring(svg)  # well-formed XML: the hostile label is escaped
    for label in labels[:4]:
        assert label in svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_the_image_response_forbids_scripts(app):
    figure = plot_category_counts(category_counts([("a", 5)]))
    with app.test_request_context():
        response = svg_response(figure)
    assert response.mimetype == "image/svg+xml"
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert "script" not in response.headers["Content-Security-Policy"]
