"""The ``workout`` command line's words: every command, its flags and its help (the README's command-line contract).

Kept import-light like :mod:`planner.cli`, which runs the commands.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

__version__ = "0.1.0"

EXIT_BAD_INPUT = 2
"""A flag or a data file was wrong."""


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors that name the command."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> Any:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message} (see {self.prog} --help)\n")


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, told the terminal's width: left to find it itself, argparse
    imports shutil for it (with bz2, lzma, fnmatch), ~2 ms on every command."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=terminal_columns() - 2)


def terminal_columns() -> int:
    """The terminal's width as shutil.get_terminal_size finds it: $COLUMNS, else the terminal
    of stdout, else 80."""
    import os

    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


def _plan_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--plan", metavar="NAME", help="which plan (implied when there is only one)")


def _session_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "session",
        nargs="?",
        metavar="SESSION",
        help="date, number or 'today' (default: next planned)",
    )


def _new_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--program",
        metavar="ID[:WEEKS]",
        action="append",
        required=True,
        help="a program, optionally for WEEKS weeks; repeat to chain phases (back-rehab:26 then linear-5x5)",
    )
    p.add_argument("--start", metavar="YYYY-MM-DD", help="first day of the plan (default: today)")
    p.add_argument("--days", metavar="mon,thu", required=True, help="training weekdays")
    p.add_argument("--name", help="plan name (default: the programs' names)")
    p.add_argument("--units", choices=("kg", "lb"), default="kg", help="load units (default kg)")
    p.add_argument(
        "--set",
        metavar="EXERCISE=LOAD",
        action="append",
        default=[],
        dest="loads",
        help="starting working load (training max for wave lifts) of the first phase with the "
        "lift, or its one-rep max: squat=1rm:120; repeatable",
    )
    p.add_argument("--bar", metavar="X", help="your bar's weight (default 20 kg / 45 lb)")
    p.add_argument(
        "--plates", metavar="25,20,10,5,2.5", help="the plate pairs you have (default: the usual)"
    )


def _show_flags(p: argparse.ArgumentParser) -> None:
    _plan_flag(p)
    p.add_argument("--week", type=str, metavar="N", help="show week N of the plan in detail")


def _done_flags(p: argparse.ArgumentParser) -> None:
    _session_arg(p)
    _plan_flag(p)
    p.add_argument(
        "--reps",
        metavar="EXERCISE=5,5,5,4,3",
        action="append",
        default=[],
        help="reps of each set (in a terminal, done asks those of an AMRAP set left out)",
    )
    p.add_argument(
        "--load", metavar="EXERCISE=X", action="append", default=[], help="load used for every set"
    )
    p.add_argument(
        "--seconds",
        metavar="EXERCISE=10,10,8",
        action="append",
        default=[],
        help="seconds held, each set",
    )
    p.add_argument(
        "--rpe",
        metavar="EXERCISE=8,8,9",
        action="append",
        default=[],
        help="how hard each set felt, RPE 1-10 (one value for every set, or one per set)",
    )
    p.add_argument(
        "--rir",
        metavar="EXERCISE=2,2,1",
        action="append",
        default=[],
        help="reps left in reserve, each set (kept as RPE: 2 in reserve is RPE 8)",
    )
    p.add_argument(
        "--pain", metavar="0-10", help="pain during or after the session (0 none, 10 worst)"
    )
    p.add_argument("--note", default="", help="a note to keep with the session")
    p.add_argument(
        "--pain-where", default="", metavar="WHERE", help="where it hurt: back, buttock or leg"
    )
    p.add_argument(
        "--exercise-pain",
        metavar="EXERCISE=0-10",
        action="append",
        default=[],
        help="pain during one exercise; repeatable",
    )
    _replace_flag(p)
    p.add_argument("--yes", action="store_true", help="log a load far from its target anyway")


def _replace_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--replace",
        action="store_true",
        help="replace what is logged for the session already (refused without it)",
    )


def _pain_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("pain", metavar="0-10", help="pain this morning (0 none, 10 worst)")
    _plan_flag(p)
    p.add_argument("--where", default="", metavar="WHERE", help="where: back, buttock or leg")
    p.add_argument(
        "--session", metavar="YYYY-MM-DD", help="the session it is about (default: the last done)"
    )


def _units_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("unit", choices=("kg", "lb"), help="the unit to show and prescribe from now on")
    _plan_flag(p)


def _days_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("days", metavar="mon,thu", help="the training weekdays from now on")
    p.add_argument(
        "--from",
        dest="since",
        metavar="YYYY-MM-DD",
        help="the first day of the new days (default: today, or the day after the latest "
        "session logged); every session before stays where it was",
    )
    _plan_flag(p)


def _skip_flags(p: argparse.ArgumentParser) -> None:
    _session_arg(p)
    _plan_flag(p)
    p.add_argument("--note", default="", help="why (kept with the session)")
    _replace_flag(p)


def _export_flags(p: argparse.ArgumentParser) -> None:
    _plan_flag(p)
    p.add_argument(
        "--format", required=True, choices=("ics", "csv", "md", "json"), help="output format"
    )
    p.add_argument("-o", "--output", metavar="FILE", help="file to write ('-' for standard output)")


def _restore_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("number", metavar="N", help="which version: its number in `workout history`")
    _plan_flag(p)


def _merge_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", nargs="?", metavar="PLAN", help="the plan (default: as --plan)")
    _plan_flag(p)
    p.add_argument(
        "--keep",
        metavar="mine|theirs|DATE=mine,...",
        help="for sessions logged differently on both sides: keep this plan's log (mine), the "
        "copy's (theirs), or choose per session by date or by its number in the table",
    )


def _validate_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="a plan or program TOML file")


def _guide_flags(p: argparse.ArgumentParser) -> None:
    from planner.guide import SECTION_KEYS

    p.add_argument(
        "section",
        nargs="?",
        metavar="SECTION",
        help=f"one section only: {', '.join(SECTION_KEYS)}",
    )
    p.add_argument(
        "--width",
        type=int,
        metavar="N",
        help="wrap at N columns (default: the terminal, at most 100)",
    )


def _plans_flags(p: argparse.ArgumentParser) -> None:
    _plan_flag(p)
    shelf = p.add_mutually_exclusive_group()
    shelf.add_argument("--archived", action="store_true", help="the plans put away (archive)")
    shelf.add_argument("--trash", action="store_true", help="the plans deleted (the trash)")


def _rename_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("old", metavar="OLD", help="the plan's name in commands (workout plans)")
    p.add_argument("new", metavar="NEW", help="its new name (shown, and in commands)")


def _name_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", metavar="NAME", help="the plan's name in commands (workout plans)")


_COMMAND_FLAGS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None] | None]] = {
    "programs": (
        "list built-in and user programs; a broken file is reported beside them (exit code 2)",
        None,
    ),
    "new": ("create a plan from one or more programs chained as phases", _new_flags),
    "plans": (
        "list your plans (--archived, --trash: the ones put away); "
        "a broken file is reported beside them (exit code 2)",
        _plans_flags,
    ),
    "show": ("the plan week by week, or one week in detail", _show_flags),
    "today": ("today's session (or the next one) with every prescription and why", _plan_flag),
    "done": ("log a session as done (as prescribed unless told otherwise)", _done_flags),
    "skip": ("mark a session skipped (progression waits for you)", _skip_flags),
    "pain": ("how your back settled: pain the morning after your last session", _pain_flags),
    "advance": ("start the next phase now (overrides the wait for a calm back)", _plan_flag),
    "units": ("change the plan's unit (kg or lb); what was logged keeps its own", _units_flags),
    "days": (
        "change the training weekdays from a date on; what was logged before stays where it was",
        _days_flags,
    ),
    "undo": ("revert the last change to the plan (repeat to go further back)", _plan_flag),
    "history": (
        "the kept versions of the plan, newest first, with what changed after each",
        _plan_flag,
    ),
    "restore": (
        "put back version N of `workout history` (the current one is kept)",
        _restore_flags,
    ),
    "merge": (
        "merge a sync tool's conflict copy of a plan into it (both sides' sessions kept; "
        "you choose where one session was logged differently)",
        _merge_flags,
    ),
    "export": ("write the plan as a calendar, spreadsheet, printable plan or JSON", _export_flags),
    "validate": ("check a plan or program file and report every problem in it", _validate_flags),
    "rename": ("rename a plan (the name shown and the name in commands)", _rename_flags),
    "archive": ("put a plan away (restore-plan brings it back)", _name_arg),
    "delete": ("move a plan to the trash (restore-plan brings it back)", _name_arg),
    "restore-plan": ("bring back an archived or deleted plan", _name_arg),
    "guide": (
        "caring for your back: why moving helps, sitting, lifting, walking, pacing, when to see a clinician",
        _guide_flags,
    ),
}
"""Every command: its one-line help and its flags."""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Every command and flag; ``--help`` on each. With ``only``, that command's flags alone
    (a command starts faster; what it accepts and how it reports mistakes are the same)."""
    parser = _Parser(
        prog="workout",
        description="A terminal workout planner: periodized plans, progressive overload, "
        "a log you never lose. Run without a command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"workout-planner {__version__}")
    parser.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        help="treat this date as today (plan ahead, back-fill, scripts)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (text, flags) in _COMMAND_FLAGS.items():
        if only is None or name == only:
            command = sub.add_parser(name, help=text, description=text)
            if flags is not None:
                flags(command)
    return parser


def command_in(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names after the global options, unless it asks for the overall
    help or version (which list every command) or is not plain enough to be sure."""
    index = 0
    while index < len(argv):
        word = argv[index]
        if word == "--today":
            index += 2
        elif word.startswith("--today="):
            index += 1
        else:
            return word if word in _COMMAND_FLAGS else None
    return None
