"""The back-care guide as ``workout guide`` prints it: complete, cited, wrapped, selectable."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, strategies as st

from planner.guide import MIN_WIDTH, SECTION_KEYS, SECTIONS, Section, guide_text

RED_FLAGS = (
    "severe",
    "worsening",
    "fall",
    "down a leg",
    "below the knee",
    "numbness",
    "tingling",
    "weakness",
    "genitals",
    "bladder",
    "bowel",
    "same day",
    "fever",
    "weight loss",
    "cancer",
    "night",
)


def words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.key)
def test_every_section_has_a_title_text_and_a_source(section: Section) -> None:
    text = guide_text(section=section.key)
    assert text.splitlines()[0] == section.title
    assert len(words(" ".join(section.paragraphs))) >= 40
    assert section.sources
    assert "Sources:" in text


def test_the_sections_cover_what_a_person_with_a_bad_back_needs() -> None:
    text = guide_text(width=1000).lower()
    for topic in (
        "hurt is not the same as harm",
        "feet flat",
        "every 30 to 45 minutes",
        "hip hinge",
        "three points of contact",
        "10 minutes",
        "boom and bust",
        "5 out of 10",
        "next morning",
    ):
        assert topic in text


def test_the_clinician_section_names_every_red_flag_and_when_it_is_urgent() -> None:
    text = " ".join(guide_text(width=1000, section="clinician").split()).lower()
    missing = [flag for flag in RED_FLAGS if flag not in text]
    assert not missing


def test_every_source_is_a_reference_to_the_guidance_the_brief_names() -> None:
    cited = " ".join(source for section in SECTIONS for source in section.sources)
    for reference in ("NG59", "WHO guideline", "Back Mechanic", "NHS", "Silbernagel", "Lancet"):
        assert reference in cited


def test_the_guide_is_brief() -> None:
    count = sum(len(words(p)) for section in SECTIONS for p in section.paragraphs)
    assert 600 <= count <= 900


@given(st.integers(min_value=MIN_WIDTH, max_value=200))
def test_no_line_is_longer_than_the_width(width: int) -> None:
    assert max(len(line) for line in guide_text(width=width).splitlines()) <= width


def test_at_60_columns_nothing_is_lost_to_wrapping() -> None:
    narrow = guide_text(width=60)
    assert max(len(line) for line in narrow.splitlines()) <= 60
    assert words(narrow) == words(guide_text(width=1000))


def test_a_section_key_prints_that_section_alone() -> None:
    text = guide_text(section="walking")
    assert text.startswith("Walking\n=======\n")
    assert "every day" in text
    for other in SECTIONS:
        if other.key != "walking":
            assert other.title not in text


def test_the_whole_guide_has_every_section_in_order() -> None:
    text = guide_text()
    positions = [text.index(f"{section.title}\n") for section in SECTIONS]
    assert positions == sorted(positions)


def test_an_unknown_section_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match="posture") as raised:
        guide_text(section="posture")
    for key in SECTION_KEYS:
        assert key in str(raised.value)


def test_a_width_too_narrow_to_read_is_refused() -> None:
    with pytest.raises(ValueError, match=str(MIN_WIDTH)):
        guide_text(width=MIN_WIDTH - 1)


def test_the_guide_loads_without_toml_or_textual() -> None:
    code = "import sys, planner.guide; print(' '.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    loaded = {name.split(".")[0] for name in out.stdout.split()}
    assert not loaded & {"textual", "tomllib", "tomli_w", "rich"}
