"""The ``workout`` command line (the README's command-line contract).

Kept import-light: no Textual here (the TUI is imported inside ``main`` only when launched),
icalendar only inside the ics export. Exit codes: 0 done, 2 bad input (a flag or a data file),
1 anything else that stopped the command (a conflict, a failed save); never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from planner.cliparser import EXIT_BAD_INPUT, build_parser, command_in
from planner.errors import ConflictError, DataFileError, UsageError, WorkoutError

if TYPE_CHECKING:
    pass

EXIT_OK, EXIT_FAILED = 0, 1
EXIT_BROKEN_PIPE = 141
"""128 + SIGPIPE, as a shell reports a tool stopped by a closed pipe."""
EXIT_INTERRUPTED = 130
"""128 + SIGINT: stopped by Ctrl+C."""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``workout`` script."""
    if argv is None:  # the script's own process (tests run many commands in one: not there)
        import gc

        # What start-up has built so far lives until the process ends: the garbage collector
        # need not walk it again on each full collection (~7-11 M instructions of `today`).
        gc.freeze()
    earlier = sys.modules.get("planner.safewrite")
    if earlier is not None:  # (tests run many commands in one process)
        earlier.saved.clear()
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return _interrupted()


def _interrupted() -> int:
    """Ctrl+C: one line saying what was saved before it (a save is whole or not at all), 130."""
    from planner import safewrite

    if safewrite.saved:
        names = ", ".join(sorted({str(path) for path in safewrite.saved}))
        print(f"workout: interrupted; saved before that: {names}", file=sys.stderr)
    else:
        print("workout: interrupted; nothing was saved", file=sys.stderr)
    return EXIT_INTERRUPTED


def _main(argv: Sequence[str] | None) -> int:
    from planner import codecache

    codecache.install()  # before the model's classes are built (see planner.codecache)
    words = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(command_in(words)).parse_args(words)
    if args.command is None:
        return _launch_tui(args)
    try:
        return _handler(args.command)(args)
    except DataFileError as exc:
        for problem in exc.problems:
            print(f"workout: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except UsageError as exc:
        print(f"workout {args.command}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ConflictError as exc:
        print(f"workout {args.command}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except WorkoutError as exc:
        print(f"workout {args.command}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        # The reader went away (``workout show | head``): stop quietly, as a tool killed by
        # SIGPIPE does; whatever was saved stays saved. Python flushes stdout at exit, so point
        # it at /dev/null first or that flush would raise again.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def _handler(command: str) -> Callable[[argparse.Namespace], int]:
    """The function that runs ``command`` (its module imported only now)."""
    from importlib import import_module

    from planner.commands import MODULES

    module = import_module(f"planner.commands.{MODULES[command]}")
    handler: Callable[[argparse.Namespace], int] = getattr(
        module, f"cmd_{command.replace('-', '_')}"
    )
    return handler


def _launch_tui(args: argparse.Namespace) -> int:
    from planner.commands import today_of

    today = today_of(args)
    import gc

    # Start-up builds ~10⁵ objects that live as long as the app: the cyclic collector would walk
    # them again and again before the first frame (~6 % of it). The app turns it back on once
    # that frame is drawn (screens.idle_gc).
    gc.disable()
    from screens.app import (
        WorkoutApp,
    )  # the one allowed planner → screens import (docs/ARCHITECTURE.md)

    WorkoutApp(today=today).run()
    return EXIT_OK
