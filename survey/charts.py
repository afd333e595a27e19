"""Charts served as SVG images: drawn by the server with matplotlib, never pyplot."""

import io
import warnings

from flask import make_response


def svg_bytes(figure):
    """Return ``figure`` as SVG bytes, its text kept as text.

    Text stays text (not glyph outlines) so that the reader's browser draws it with its
    own fonts: Arabic, Chinese or Russian labels show even when the server has no font
    for them. No creation date: the same data give the same file.
    """
    import matplotlib  # on first use: not at start-up

    buffer = io.BytesIO()
    with warnings.catch_warnings(), matplotlib.rc_context({"svg.fonttype": "none"}):
        # Layout falls back to the default font's metrics for missing glyphs: not an error.
        warnings.simplefilter("ignore", UserWarning)
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def svg_response(figure):
    """Return an image response of ``figure``; its own policy lets the drawing's styles apply, never scripts."""
    response = make_response(svg_bytes(figure))
    response.headers["Content-Type"] = "image/svg+xml"
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    response.headers["Cache-Control"] = "private, no-store"
    return response
