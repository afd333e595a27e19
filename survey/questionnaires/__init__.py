"""Questionnaires as data files: their format, validation, conditions and loading."""

from survey.questionnaires.conditions import is_shown
from survey.questionnaires.loader import builtin_files, load_file, read_file, store
from survey.questionnaires.schema import QuestionnaireFileError

__all__ = ["QuestionnaireFileError", "builtin_files", "is_shown", "load_file", "read_file", "store"]
