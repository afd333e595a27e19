"""Small answer sets that the theme-analysis tests ship themselves."""

import pytest


SME_ANSWERS = [
    "Membership fees are too high for SMEs and start-ups.",
    "Small companies cannot afford the membership fees.",
    "Start-ups need lower fees and mentoring to take part.",
    "The fees are too expensive for small and medium enterprises.",
    "Reduce the fees for SMEs, we are a small company.",
    "As a start-up we cannot pay the high membership fees.",
]

REMOTE_ANSWERS = [
    "Remote participation should be possible in every meeting.",
    "Travel to Geneva is too costly, allow remote participation.",
    "Better online tools for remote participation in meetings.",
    "Hybrid meetings with remote participation would help experts abroad.",
    "We need remote participation because travel takes too much time.",
    "Remote participation tools are outdated and unreliable.",
]

# About the workshop catering: unlike any catalogue theme.
CATERING_ANSWERS = [
    "The coffee during the breaks was cold.",
    "Lunch was served too late and the coffee ran out.",
    "Please offer vegetarian lunch and better coffee.",
    "More coffee breaks and a proper lunch buffet.",
    "The lunch buffet was excellent but coffee was weak.",
    "Coffee and lunch were the best part of the day.",
    "Serve coffee and tea at every break, and lunch earlier.",
]

NON_ANSWERS = ["N/A", "nothing", "-", "No comment", "n/a", "Rien", "无"]

# The same three answers in the six UN languages (the third about no catalogue theme).
MULTILINGUAL = {
    "en": ["Membership fees are too high for small companies.",
           "Remote participation in meetings should be free.",
           "There was not enough coffee during the breaks."],
    "fr": ["Les frais d'adhésion sont trop élevés pour les petites entreprises.",
           "La participation à distance aux réunions devrait être gratuite.",
           "Il n'y avait pas assez de café pendant les pauses."],
    "es": ["Las cuotas de membresía son demasiado altas para las pequeñas empresas.",
           "La participación a distancia en las reuniones debería ser gratuita.",
           "No había suficiente café durante las pausas."],
    "ru": ["Членские взносы слишком высоки для малых компаний.",
           "Дистанционное участие в заседаниях должно быть бесплатным.",
           "Во время перерывов не хватало кофе."],
    "ar": ["رسوم العضوية مرتفعة جدا بالنسبة للشركات الصغيرة.",
           "يجب أن تكون المشاركة عن بعد في الاجتماعات مجانية.",
           "لم تكن هناك قهوة كافية خلال الاستراحات."],
    "zh": ["会员费对小公司来说太高了。",
           "远程参加会议应该是免费的。",
           "茶歇时咖啡不够。"],
}


@pytest.fixture
def answers():
    """Return a small survey: SME, remote and catering answers plus non-answers."""
    return SME_ANSWERS + REMOTE_ANSWERS + CATERING_ANSWERS + NON_ANSWERS


@pytest.fixture
def cache_dir(tmp_path):
    """Return a fresh embedding cache folder."""
    return tmp_path / "cache"


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory):
    """Return an embedding cache shared by the tests of a session (catalogue and label phrases
    are embedded once)."""
    return tmp_path_factory.mktemp("shared-cache")


@pytest.fixture
def groups():
    """Return the fixture answers by group: sme, remote, catering, non_answers."""
    return {"sme": SME_ANSWERS, "remote": REMOTE_ANSWERS, "catering": CATERING_ANSWERS,
            "non_answers": NON_ANSWERS}


@pytest.fixture
def multilingual():
    """Return the same three answers in each of the six UN languages, by language."""
    return MULTILINGUAL
