"""Font runs: the fast path for text the main font covers agrees with the slow one."""

from __future__ import annotations

import pytest

from missionplanner.export.fonts import CJK, Run, runs, split_runs


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Start-Up Chile",
        "AT&T <Latam> & Partners",
        "Medellín, Ñandú, Zoë Özdemir",
        "Λάμπρος Παπαδόπουλος — Директор по развитию",
        "华为技术有限公司",
        "华为技术 (Shenzhen)",
        "Huawei (华为) headquarters",
        "line one\n华为\nline two",
        "\x00 control",
        "snow ☃ and a box \U0001f600",
        "한국어",
        "ｆｕｌｌ ｗｉｄｔｈ",
    ],
)
def test_fast_path_gives_the_same_runs(text: str) -> None:
    assert list(runs(text)) == list(split_runs(text))


def test_text_the_main_font_covers_is_one_run() -> None:
    assert list(runs("Bogotá · Ωmega · Щука")) == [Run("Bogotá · Ωmega · Щука", None)]


def test_chinese_goes_to_the_cjk_font() -> None:
    assert list(runs("Visit 华为")) == [Run("Visit ", None), Run("华为", CJK)]
