"""Theme catalogues: the themes an analysis looks for before discovering new ones."""

import dataclasses
import json
import re
from importlib import resources
from pathlib import Path

import yaml

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# Ids the model gives to its own groups; a catalogue may not take them.
RESERVED_IDS = ("non-answer", "unassigned")


class CatalogueError(ValueError):
    """Raised when a catalogue file cannot be read or is malformed."""


@dataclasses.dataclass(frozen=True)
class CatalogueTheme:
    """One theme of a catalogue.

    Attributes
    ----------
    id : str
        Short unique identifier, such as ``"smes-startups"``.
    title : str
        Human-readable title, used as the theme's label.
    description : str
        One paragraph saying what belongs to the theme.
    keywords : tuple of str
        Words and phrases typical of the theme.
    examples : tuple of str
        Answers that clearly belong to the theme, in any language.
    """

    id: str
    title: str
    description: str
    keywords: tuple = ()
    examples: tuple = ()

    def to_dict(self):
        """Return the theme as a JSON-serialisable dict."""
        return dataclasses.asdict(self) | {
            "keywords": list(self.keywords), "examples": list(self.examples)}


@dataclasses.dataclass(frozen=True)
class Catalogue:
    """An ordered collection of :class:`CatalogueTheme`.

    Attributes
    ----------
    name : str
        What the catalogue is about.
    themes : tuple of CatalogueTheme
    """

    name: str
    themes: tuple

    def __len__(self):
        return len(self.themes)

    def __iter__(self):
        return iter(self.themes)

    def to_dict(self):
        """Return the catalogue as a JSON-serialisable dict."""
        return {"name": self.name, "themes": [theme.to_dict() for theme in self.themes]}

    def with_examples(self, examples):
        """Return a copy with more example answers for some themes.

        Examples are answers the committee placed in a theme (in any language);
        the next fit places answers like them in that theme too.

        Parameters
        ----------
        examples : dict
            Theme id -> list of answers. Blank and repeated answers are skipped.

        Raises
        ------
        CatalogueError
            For a theme id the catalogue does not have, or an answer that is
            not a string.
        """
        ids = {theme.id for theme in self.themes}
        unknown = sorted(set(examples) - ids)
        if unknown:
            raise CatalogueError(f"no catalogue theme {', '.join(map(repr, unknown))}: "
                                 f"examples can only be added to {', '.join(sorted(ids))}")
        themes = []
        for theme in self.themes:
            added = examples.get(theme.id) or ()
            if isinstance(added, str) or not all(isinstance(text, str) for text in added):
                raise CatalogueError(f"examples of {theme.id!r} must be a list of strings")
            kept = list(theme.examples)
            seen = {" ".join(text.split()).casefold() for text in kept}
            for text in added:
                key = " ".join(text.split()).casefold()
                if key and key not in seen:
                    seen.add(key)
                    kept.append(" ".join(text.split()))
            themes.append(dataclasses.replace(theme, examples=tuple(kept)))
        return Catalogue(name=self.name, themes=tuple(themes))


def _strings(value, field, where):
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CatalogueError(f"{where}: '{field}' must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _theme(entry, index):
    where = f"theme {index + 1}"
    if not isinstance(entry, dict):
        raise CatalogueError(f"{where}: expected a mapping with id, title and description")
    unknown = set(entry) - {"id", "title", "description", "keywords", "examples"}
    if unknown:
        raise CatalogueError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    for field in ("id", "title", "description"):
        if not isinstance(entry.get(field), str) or not entry[field].strip():
            raise CatalogueError(f"{where}: '{field}' is missing or empty")
    theme_id = entry["id"].strip()
    if not _ID.match(theme_id) or theme_id in RESERVED_IDS or theme_id.startswith("new-"):
        raise CatalogueError(
            f"{where}: id {theme_id!r} must be lower-case letters, digits, '-' or '_', "
            f"and not one of {', '.join(RESERVED_IDS)} or start with 'new-'")
    return CatalogueTheme(
        id=theme_id, title=entry["title"].strip(), description=entry["description"].strip(),
        keywords=_strings(entry.get("keywords"), "keywords", where),
        examples=_strings(entry.get("examples"), "examples", where))


def parse_catalogue(data):
    """Return a :class:`Catalogue` built from parsed YAML or JSON data.

    Parameters
    ----------
    data : dict or list
        Either a mapping with a ``themes`` list (and an optional ``name``) or
        the list of themes itself.

    Raises
    ------
    CatalogueError
        If the data does not describe at least one valid theme.
    """
    if isinstance(data, list):
        data = {"themes": data}
    if not isinstance(data, dict) or not isinstance(data.get("themes"), list):
        raise CatalogueError("a catalogue needs a 'themes' list")
    if not data["themes"]:
        raise CatalogueError("the catalogue has no themes")
    themes = tuple(_theme(entry, i) for i, entry in enumerate(data["themes"]))
    seen = set()
    for theme in themes:
        if theme.id in seen:
            raise CatalogueError(f"theme id {theme.id!r} appears twice")
        seen.add(theme.id)
    return Catalogue(name=str(data.get("name") or "catalogue"), themes=themes)


def load_catalogue(path):
    """Return the catalogue stored in a YAML or JSON file.

    Parameters
    ----------
    path : str or path-like
        A ``.yaml``, ``.yml`` or ``.json`` file.

    Raises
    ------
    CatalogueError
        If the file is missing, unreadable or malformed.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogueError(f"catalogue file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise CatalogueError(f"cannot read catalogue {path}: {error}") from None
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as error:
        raise CatalogueError(f"catalogue {path} is not valid YAML/JSON: {error}") from None
    try:
        return parse_catalogue(data)
    except CatalogueError as error:
        raise CatalogueError(f"catalogue {path}: {error}") from None


def default_catalogue():
    """Return the default catalogue: the ITU-T industry engagement action plan."""
    source = resources.files("analysis").joinpath("data", "action_plan.yaml")
    with resources.as_file(source) as path:
        return load_catalogue(path)
