"""Every text put in an export cell or a report paragraph is made safe in one place."""

import pytest

from survey.reports.cells import MAX_CELL, TRUNCATED, cell_text, cell_value, office_text, file_name


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1",
                                  '=HYPERLINK("http://evil.example","x")', "\x00=cmd|' /C calc'!A0",
                                  "  =1+1", "\n@SUM(A1)", " \n -2+3"])
def test_formula_prefixes_are_neutralised_with_an_apostrophe(text):
    safe = cell_text(text)
    assert safe.startswith("'")
    assert "\x00" not in safe


def test_ordinary_text_is_unchanged():
    assert cell_text("Interoperability matters.\nA lot.") == "Interoperability matters.\nA lot."
    assert cell_text("مرحبا بالعالم") == "مرحبا بالعالم"  # right-to-left text needs no override


def test_control_characters_are_removed_but_lines_and_tabs_inside_are_kept():
    assert office_text("a\x00b\x07c\x1bd\x85e\x9fz") == "abcdez"
    assert office_text("one\r\ntwo\rthree\tfour") == "one\ntwo\nthree\tfour"


def test_lone_surrogates_become_the_replacement_sign():
    safe = office_text("broken \ud800 pair \udfff")
    assert safe == "broken \ufffd pair \ufffd"
    safe.encode("utf-8")  # would raise on a surrogate


def test_bidirectional_overrides_and_isolates_are_removed():
    text = "invoice\u202etxt.exe \u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069end"
    assert office_text(text) == "invoicetxt.exe end"


def test_a_megabyte_is_cut_at_excels_cell_limit_and_says_so():
    safe = cell_text("x" * 1_000_000)
    assert len(safe) == MAX_CELL
    assert safe.endswith(TRUNCATED)


def test_numbers_stay_numbers_and_booleans_become_0_or_1():
    assert cell_value(-3) == -3
    assert cell_value(2.5) == 2.5
    assert cell_value(True) == 1
    assert cell_value(None) is None
    assert cell_value("-3") == "'-3"


def test_file_names_are_plain_ascii():
    assert file_name("../../etc/passwd") == "etc_passwd"
    assert file_name("rapport\u202egpj.exe é\x00") == "rapportgpj.exe"
    assert file_name("\u202e") == "export"
    assert len(file_name("a" * 500)) == 80
