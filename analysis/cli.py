"""The ``themes`` command: analyse the free text of any CSV file.

Registered in the ``engage`` CLI as ``engage themes``; also runs as
``python -m analysis FILE.csv --text-column COL``.
"""

import csv
import sys

import click

from .catalogue import CatalogueError, load_catalogue
from .model import ThemeModel


def read_csv(path, text_column, extra_columns=()):
    """Return ``(fieldnames, rows)`` of a UTF-8 CSV file, raising ClickException on problems."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            fieldnames = reader.fieldnames
            rows = list(reader)
    except FileNotFoundError:
        raise click.ClickException(f"file not found: {path}") from None
    except IsADirectoryError:
        raise click.ClickException(f"{path} is a folder, not a CSV file") from None
    except UnicodeDecodeError as error:
        raise click.ClickException(
            f"{path} is not UTF-8 text (byte {error.start}); re-save it as UTF-8 CSV") from None
    except csv.Error as error:
        raise click.ClickException(f"{path} is not a readable CSV file: {error}") from None
    if not fieldnames:
        raise click.ClickException(f"{path} is empty")
    for column in (text_column, *extra_columns):
        if column and column not in fieldnames:
            raise click.UsageError(
                f"column {column!r} is not in {path}; its columns are: {', '.join(fieldnames)}")
    if not rows:
        raise click.ClickException(f"{path} has a header but no rows")
    return fieldnames, rows


def write_rows(output, fieldnames, rows, model):
    """Write the input rows with ``theme_id``, ``theme_label`` and ``confidence`` added."""
    labels = {theme.id: theme.label for theme in model.themes_}
    added = [name for name in ("theme_id", "theme_label", "confidence") if name not in fieldnames]
    handle = sys.stdout if output == "-" else open(output, "w", encoding="utf-8", newline="")
    try:
        writer = csv.DictWriter(handle, fieldnames=[*fieldnames, *added])
        writer.writeheader()
        for row, theme_id, confidence in zip(rows, model.labels_, model.confidence_):
            writer.writerow(row | {"theme_id": theme_id, "theme_label": labels[theme_id],
                                   "confidence": f"{confidence:.3f}"})
    finally:
        if handle is not sys.stdout:
            handle.close()


#: How the reasons an answer is not in a catalogue theme are printed.
REASONS = {"weak": "no theme close enough", "ambiguous": "two themes alike",
           "non_answer": "non-answers"}


def echo_summary(model, summary, err=False):
    """Print the themes: id, size, share, label, top terms and one quote."""
    echo = lambda text="": click.echo(text, err=err)  # noqa: E731
    echo(f"{summary['n_answers']} answers, {sum(t['size'] > 0 for t in summary['themes'])} "
         f"themes with answers")
    if model.catalogue_ is not None:
        placement = model.placement_summary()
        reasons = ", ".join(f"{REASONS.get(k, k)}: {v}" for k, v in placement["reasons"].items()
                            if k != "placed")
        echo(f"{placement['share_placed']:.0%} placed in the catalogue"
             + (f"; not placed: {reasons}" if reasons else ""))
    close = {theme.id: theme for theme in model.themes_}
    for theme in summary["themes"]:
        if theme["size"] == 0:
            echo(f"\n[{theme['id']}] {theme['label']}: no answers")
            continue
        echo(f"\n[{theme['id']}] {theme['label']} ({theme['source']}): "
             f"{theme['size']} answers, {theme['share']:.1%}")
        found = close[theme["id"]]
        if found.close_to:
            echo(f"  close to catalogue theme [{found.close_to}] "
                 f"(similarity {found.close_similarity:.2f}): it may belong there")
        if theme["terms"]:
            echo("  terms: " + ", ".join(theme["terms"][:6]))
        if theme["quote"]:
            quote = theme["quote"] if len(theme["quote"]) <= 160 else theme["quote"][:159] + "…"
            echo(f"  quote: \"{quote}\"")
        for name, cells in theme["segments"].items():
            shown = ", ".join(f"{value}: {'<' + str(summary['min_cell']) if count is None else count}"
                              for value, count in cells.items())
            echo(f"  by {name}: {shown}")


@click.command("themes")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--text-column", required=True, help="Column holding the free-text answers.")
@click.option("--lang-column", help="Column holding each answer's language (else detected).")
@click.option("--segment-column", multiple=True,
              help="Column of segment labels (SME/large, region...); may be repeated.")
@click.option("--themes", "catalogue",
              help="Theme catalogue (YAML/JSON), or 'default' for the ITU-T industry engagement "
                   "action plan. Without it, themes are discovered only.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@click.option("--embedding", type=click.Choice(["use", "tfidf"]), default="use",
              show_default=True, help="Multilingual sentence embeddings or TF-IDF + LSA.")
@click.option("--min-theme-size", type=click.IntRange(min=1), default=5, show_default=True)
@click.option("--min-cell", type=click.IntRange(min=1), default=5, show_default=True,
              help="Segment counts under this are suppressed.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str),
              help="Write every row with theme_id, theme_label and confidence added "
                   "('-' for standard output).")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=str),
              help="Embedding cache (default $ENGAGE_CACHE_DIR or ~/.cache/engage).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def themes(file, text_column, lang_column, segment_column, catalogue, seed, embedding,
           min_theme_size, min_cell, output, cache_dir, quiet):
    """Group the free-text answers of FILE (a UTF-8 CSV) into themes."""
    fieldnames, rows = read_csv(file, text_column, (lang_column, *segment_column))
    if catalogue and catalogue != "default":
        try:
            catalogue = load_catalogue(catalogue)
        except CatalogueError as error:
            raise click.ClickException(str(error)) from None
    model = ThemeModel(catalogue=catalogue, embedding=embedding, min_theme_size=min_theme_size,
                       cache_dir=cache_dir, random_state=seed, verbose=not quiet)
    languages = [row[lang_column] for row in rows] if lang_column else None
    model.fit([row[text_column] or "" for row in rows], languages=languages)
    segments = {name: [row[name] for row in rows] for name in segment_column}
    summary = model.summary(segments=segments, min_cell=min_cell)
    if output:
        write_rows(output, fieldnames, rows, model)
    echo_summary(model, summary, err=output == "-")
