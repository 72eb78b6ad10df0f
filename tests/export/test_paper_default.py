"""Letter or A4 by default from the user's locale."""

from __future__ import annotations

import locale

import pytest

from missionplanner.export import paper as paper_module
from missionplanner.export.paper import Paper, default_paper, parse_paper

VARIABLES = ("LC_ALL", "LC_PAPER", "LANG")


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for variable in VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    return monkeypatch


def process_locale(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make the C library report ``name`` as the process locale (only when queried)."""
    real = locale.setlocale

    def setlocale(category: int, value: str | None = None) -> str:
        if value is None and category == locale.LC_CTYPE:
            return name
        return real(category, value)

    monkeypatch.setattr(paper_module.locale, "setlocale", setlocale)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en_US.UTF-8", Paper.LETTER),
        ("es_CO.UTF-8", Paper.LETTER),
        ("es_CL.UTF-8", Paper.LETTER),
        ("en_CA.UTF-8", Paper.LETTER),
        ("de_DE.UTF-8", Paper.A4),
        ("en_GB.UTF-8", Paper.A4),
        ("es_ES.UTF-8@euro", Paper.A4),
        ("zh_CN.UTF-8", Paper.A4),
    ],
)
def test_lang_decides(clean_env: pytest.MonkeyPatch, lang: str, expected: Paper) -> None:
    clean_env.setenv("LANG", lang)
    assert default_paper() is expected
    assert parse_paper(None) is expected
    assert parse_paper("  ") is expected


def test_lc_paper_comes_before_lang_and_lc_all_before_both(
    clean_env: pytest.MonkeyPatch,
) -> None:
    clean_env.setenv("LANG", "de_DE.UTF-8")
    clean_env.setenv("LC_PAPER", "en_US.UTF-8")
    assert default_paper() is Paper.LETTER
    clean_env.setenv("LC_ALL", "fr_FR.UTF-8")
    assert default_paper() is Paper.A4


def test_an_explicit_choice_beats_the_locale(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("LANG", "en_US.UTF-8")
    assert parse_paper("A4") is Paper.A4
    clean_env.setenv("LANG", "de_DE.UTF-8")
    assert parse_paper("letter") is Paper.LETTER


@pytest.mark.parametrize("name", ["C", "C.UTF-8", "POSIX"])
def test_the_c_locale_names_no_country_so_a4(clean_env: pytest.MonkeyPatch, name: str) -> None:
    # Python's locale.getlocale() reports the C locale as en_US: it must not count.
    clean_env.setenv("LANG", name)
    process_locale(clean_env, name)
    assert default_paper() is Paper.A4


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("English_United States.1252", Paper.LETTER),
        ("Spanish_Colombia.1252", Paper.LETTER),
        ("German_Germany.1252", Paper.A4),
        ("en-US", Paper.LETTER),
        ("de-DE", Paper.A4),
    ],
)
def test_without_locale_variables_the_process_locale_decides_as_on_windows(
    clean_env: pytest.MonkeyPatch, name: str, expected: Paper
) -> None:
    process_locale(clean_env, name)
    assert default_paper() is expected


@pytest.mark.parametrize(
    ("territory", "expected"),
    [("US", Paper.LETTER), ("co", Paper.LETTER), ("DE", Paper.A4), ("CN", Paper.A4)],
)
def test_a_desktop_territory_code_picks_the_paper(territory: str, expected: Paper) -> None:
    from missionplanner.export.paper import paper_for_territory

    assert paper_for_territory(territory) is expected
