"""Theme catalogues: the default one and clear errors for malformed files."""

import pytest

from analysis import CatalogueError, default_catalogue, load_catalogue


def test_default_catalogue_covers_the_action_plan():
    catalogue = default_catalogue()
    ids = [theme.id for theme in catalogue]
    assert len(ids) == 12 and len(set(ids)) == 12
    assert {"smes-startups", "developing-countries", "remote-participation"} <= set(ids)
    assert all(theme.description for theme in catalogue)


@pytest.mark.parametrize("content, message", [
    ("themes: [", "not valid YAML"),
    ("name: x", "'themes' list"),
    ("themes: []", "no themes"),
    ("themes:\n  - id: a\n    title: A\n", "'description'"),
    ("themes:\n  - {id: a, title: A, description: d}\n  - {id: a, title: B, description: e}\n",
     "appears twice"),
    ("themes:\n  - {id: non-answer, title: A, description: d}\n", "must be"),
    ("themes:\n  - {id: a, title: A, description: d, colour: red}\n", "unknown field"),
])
def test_malformed_catalogues_are_rejected_with_a_reason(tmp_path, content, message):
    path = tmp_path / "catalogue.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CatalogueError, match=message):
        load_catalogue(path)


def test_missing_catalogue_file_is_reported(tmp_path):
    with pytest.raises(CatalogueError, match="not found"):
        load_catalogue(tmp_path / "nope.yaml")


def test_json_catalogue_is_accepted(tmp_path):
    path = tmp_path / "c.json"
    path.write_text('[{"id": "fees", "title": "Fees", "description": "Cost", "keywords": ["fee"]}]')
    assert [theme.id for theme in load_catalogue(path)] == ["fees"]
