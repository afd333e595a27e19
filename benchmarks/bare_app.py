"""A one-route Flask app: the baseline that ``serve_speed.py`` compares Engage's pages with.

    gunicorn --pythonpath benchmarks bare_app:app
"""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello, World!"
