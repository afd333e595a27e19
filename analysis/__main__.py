"""Run the ``themes`` command: ``python -m analysis FILE.csv --text-column COL``."""

from .cli import themes

if __name__ == "__main__":
    themes(prog_name="python -m analysis")
