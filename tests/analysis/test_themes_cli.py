"""The themes command: output rows, summary, and clear errors (never a traceback)."""

import csv

import pytest
from click.testing import CliRunner

from analysis.cli import themes


def run(*args):
    return CliRunner().invoke(themes, [*args, "--embedding", "tfidf", "-q"])


@pytest.fixture
def survey_csv(tmp_path, answers):
    path = tmp_path / "answers.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "answer", "size"])
        for i, answer in enumerate(answers):
            writer.writerow([i, answer, "SME" if i % 2 else "large"])
    return path


def test_rows_are_written_with_theme_columns(survey_csv, tmp_path, answers):
    out = tmp_path / "out.csv"
    result = run(str(survey_csv), "--text-column", "answer", "--themes", "default",
                 "--segment-column", "size", "-o", str(out))
    assert result.exit_code == 0, result.output
    with open(out, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["answer"] for row in rows] == answers
    assert {"id", "size", "theme_id", "theme_label", "confidence"} <= set(rows[0])
    assert rows[0]["theme_id"] == "smes-startups"
    assert "[smes-startups]" in result.output and "quote:" in result.output
    assert "by size:" in result.output


@pytest.mark.parametrize("setup, args, message", [
    (None, ["missing.csv", "--text-column", "answer"], "file not found"),
    ("id,answer\n1,hello\n", ["{path}", "--text-column", "text"], "column 'text' is not in"),
    ("", ["{path}", "--text-column", "answer"], "is empty"),
    ("id,answer\n", ["{path}", "--text-column", "answer"], "no rows"),
    (b"id,answer\n1,caf\xe9\n", ["{path}", "--text-column", "answer"], "not UTF-8"),
    ("id,answer\n1,hello\n", ["{path}", "--text-column", "answer", "--themes", "{bad}"],
     "description"),
])
def test_errors_are_clear_messages(tmp_path, setup, args, message):
    path = tmp_path / "input.csv"
    if isinstance(setup, bytes):
        path.write_bytes(setup)
    elif setup is not None:
        path.write_text(setup, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("themes:\n  - {id: fees, title: Fees}\n", encoding="utf-8")
    args = [a.format(path=path, bad=bad) for a in args]
    if args[0] == "missing.csv":
        args[0] = str(tmp_path / "missing.csv")
    result = run(*args)
    assert result.exit_code in (1, 2)
    assert message in result.output
    assert isinstance(result.exception, SystemExit)  # a message, not a traceback
