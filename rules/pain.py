"""The pain model: what a session's pain says about progression, and the red flags that stop it.

From the pain-monitoring model used in physiotherapy (Silbernagel et al., 2007): pain during the
exercises up to a threshold (5/10 by default) is acceptable if it has settled by the next
morning. So a session is judged on two numbers, pain *during* (logged with ``done --pain``) and
pain the *next morning* (``workout pain N``):

- ``calm``: during at or under the threshold, and settled by morning (the morning no worse than
  during, or at or under the threshold): progression goes on;
- ``held``: during above the threshold: the load stays (twice in a row: one step back);
- ``worse``: worse the next morning than during, and above the threshold: one step back;
- ``unrated``: no pain given: nothing to go on, progression goes on as without a gate.

Red flags are not pain to train through. Severe pain (8/10 or more), pain spreading down a leg,
or words in the note such as numbness, weakness, tingling, or bladder or bowel changes: every
exercise holds, and the person is told plainly to stop and see a clinician, until a session at
or under the threshold. The planner never diagnoses; it says what to do and why.

Everything here is a pure function of its arguments (a table test pins each down).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Literal

import attrs

RED_FLAG_PAIN = 8
"""Pain at or above this (0–10) is a red flag, whatever the program's threshold."""

WHERES: tuple[str, ...] = ("back", "buttock", "leg")
"""Where pain can be logged; ``leg`` (pain spreading down a leg) is a red flag."""

DEFAULT_RED_FLAG_WORDS: tuple[str, ...] = (
    "numbness",
    "numb",
    "weakness",
    "weak",
    "tingling",
    "tingly",
    "pins and needles",
    "bladder",
    "bowel",
    "incontinence",
    "incontinent",
    "saddle",
    "down my leg",
    "down the leg",
    "down a leg",
    "down both legs",
)
"""Words in a session's note that are red flags, for programs that list none of their own
(``red_flag_words``): what a person would type about nerve or bladder and bowel symptoms, and
pain spreading down a leg."""

Verdict = Literal["calm", "held", "worse", "unrated"]
"""What a session's pain says about progression (see the module's doc)."""


@attrs.frozen(slots=False)
class PainReport:
    """What a person said about one session's pain."""

    during: int | None = None
    """Pain during the session, 0–10 (None: not given)."""
    where: str = ""
    """Where it hurt during the session: ``back``, ``buttock`` or ``leg`` ("" not said)."""
    morning: int | None = None
    """Pain the next morning, 0–10 (None: not given yet)."""
    morning_where: str = ""
    """Where it hurt the next morning."""
    note: str = ""
    by_exercise: tuple[tuple[str, int], ...] = ()
    """Pain during single exercises (exercise id, 0–10)."""

    @property
    def rated(self) -> bool:
        """Whether any pain number was given."""
        return self.during is not None or self.morning is not None or bool(self.by_exercise)


def worse_by_morning(report: PainReport, threshold: int) -> bool:
    """Worse the next morning than during, and above the threshold: not settled."""
    morning = report.morning
    if morning is None or morning <= threshold:
        return False
    return report.during is None or morning > report.during


def verdict(report: PainReport, threshold: int) -> Verdict:
    """What the session's pain says about progression (see the module's doc)."""
    if worse_by_morning(report, threshold):
        return "worse"
    if report.during is not None and report.during > threshold:
        return "held"
    if report.during is None and report.morning is None:
        return "unrated"
    return "calm"


@lru_cache(maxsize=64)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    cleaned = [w.strip().lower() for w in words if w.strip()]
    if not cleaned:
        return None
    # Whole words and phrases only ("weak" is a flag, "weekend" is not); longest first, so
    # "pins and needles" is named as such.
    alternatives = "|".join(re.escape(w) for w in sorted(cleaned, key=len, reverse=True))
    return re.compile(rf"\b({alternatives})\b", re.IGNORECASE)


def flag_words(note: str, words: Sequence[str]) -> tuple[str, ...]:
    """The red-flag words and phrases of ``words`` that ``note`` contains, in order of first
    appearance (each once)."""
    pattern = _pattern(tuple(words))
    if pattern is None or not note:
        return ()
    return tuple(dict.fromkeys(match.group(1).lower() for match in pattern.finditer(note)))


def _pain_part(pain: int | None, where: str, when: str) -> str:
    severe = pain is not None and pain >= RED_FLAG_PAIN
    leg = where == "leg"
    if not severe and not leg:
        return ""
    text = f"pain {pain}/10" if pain is not None else "pain"
    if leg:
        text += " spreading down the leg"
    return text + when


def red_flag(report: PainReport, words: Sequence[str]) -> str:
    """Why the session is a red flag, as the start of a sentence (``Pain 9/10 spreading down
    the leg``); "" when it is not one."""
    parts = [
        _pain_part(report.during, report.where, ""),
        _pain_part(report.morning, report.morning_where, " the next morning"),
    ]
    parts += [
        f"pain {pain}/10 during {name}"
        for name, pain in report.by_exercise
        if pain >= RED_FLAG_PAIN
    ]
    found = flag_words(report.note, words)
    if found:
        parts.append("you noted " + ", ".join(f"“{word}”" for word in found))
    text = ", ".join(part for part in parts if part)
    return text[:1].upper() + text[1:]


def clears(report: PainReport, threshold: int, words: Sequence[str]) -> bool:
    """Whether a done session lifts a red flag: rated, at or under the threshold, settled by
    morning, and no red flag of its own."""
    return verdict(report, threshold) == "calm" and not red_flag(report, words)


@attrs.frozen(slots=False)
class Flag:
    """A red flag raised by a session and not yet cleared by a calm one."""

    date: dt.date
    """The session's (scheduled) date."""
    reason: str
    """:func:`red_flag`'s text."""

    def advice(self) -> str:
        """What to do, plainly: ``Pain 9/10 spreading down the leg on 2027-01-07: stop these
        exercises and see a clinician before you train again.``"""
        return (
            f"{self.reason} on {self.date}: stop these exercises and see a clinician before "
            "you train again."
        )

    def why(self, *, eased: bool = False) -> str:
        """A held (or eased off) exercise's why."""
        reason = self.reason[:1].lower() + self.reason[1:]
        verb = "eased off" if eased else "held"
        return f"{verb}: red flag on {self.date} ({reason}): see a clinician before training"


def lifted(flag: Flag, date: dt.date, last: dt.date | None) -> str:
    """The why of a lift the flag held, once a calm session lifted it: the load stays where
    it was held, and progression goes on from the next session done."""
    done = f"; as before: done on {last}" if last is not None else ""
    return f"red flag of {flag.date} lifted by a calm session on {date}{done}"


@attrs.frozen(slots=False)
class Judged:
    """One done session, as :func:`active_flag` needs it."""

    date: dt.date
    report: PainReport
    threshold: int
    words: tuple[str, ...] = DEFAULT_RED_FLAG_WORDS


def active_flag(done: Iterable[Judged]) -> Flag | None:
    """The red flag still standing after ``done`` (done sessions in date order): the latest
    one, unless a calm session came after it."""
    flag = None
    for session in done:
        reason = red_flag(session.report, session.words)
        if reason:
            flag = Flag(session.date, reason)
        elif clears(session.report, session.threshold, session.words):
            flag = None
    return flag


def pain_text(date: dt.date, report: PainReport, threshold: int) -> str:
    """Why a session was not calm, for whys and the calendar: ``pain 7/10 on 2027-05-20``, or
    ``worse the next morning (6/10 after 4/10 on 2027-05-20)``."""
    if worse_by_morning(report, threshold):
        after = f" after {report.during}/10" if report.during is not None else ""
        return f"worse the next morning ({report.morning}/10{after} on {date})"
    return f"pain {report.during}/10 on {date}"


def exercise_pain(report: PainReport) -> Mapping[str, int]:
    """Pain during single exercises, by exercise id."""
    return dict(report.by_exercise)
