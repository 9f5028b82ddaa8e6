"""Saves that write only what changed: the file always reads back as exactly the plan saved,
whatever changed and however the file was laid out before (hypothesis), and parts are reused
only where that is sure to be right."""

from __future__ import annotations

import datetime as dt
import itertools
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings, strategies as st

from planner import actions, files, tomltext
from planner.convert import to_data
from planner.errors import SaveError
from planner.model import LogEntry, Plan
from planner.projection import project_plan

from . import strategies
from .strategies import plans

_SLUGS = itertools.count()


def _runs(blocks: list[bytes]) -> list[tomltext.Run]:
    """Single blocks as runs of one, for ``tomltext.compose``."""
    return [(block, (0,)) for block in blocks]


def _on_disk(path: Path) -> Plan:
    return files.read_plan(path).plan


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(plans(), st.data())
def test_every_save_reads_back_as_the_plan_saved(
    data_dir: Path, plan: Plan, data: st.DataObject
) -> None:
    current = files.create_plan(plan, f"p{next(_SLUGS)}")  # a file of its own per example
    assert _on_disk(current.path) == plan
    today = plan.start + dt.timedelta(days=data.draw(st.integers(0, plan.weeks * 7)))
    for _ in range(data.draw(st.integers(1, 5))):
        whole = project_plan(current.plan, today)
        session = data.draw(st.sampled_from(whole.sessions))
        change = data.draw(st.sampled_from(["done", "skip", "unlog", "rename"]))
        if change == "done":
            new = actions.log_done(current.plan, session, note=data.draw(strategies.text))
        elif change == "skip":
            new = actions.log_skip(current.plan, session)
        elif change == "unlog":
            new = actions.unlog(current.plan, session)
        else:
            import attrs

            new = attrs.evolve(current.plan, name=f"{current.plan.name} again")
        current = files.save_plan(current, new)
        assert _on_disk(current.path) == new
        # The file is what a whole-file save would say, part for part.
        assert tomllib.loads(current.path.read_text("utf-8")) == files.plan_data(new)
        if new.log:  # (a file with no log is reused whole only when the app wrote it)
            assert current.blocks == tomltext.split(current.content, "log", len(new.log))


def test_a_short_log_entry_still_gets_a_block_of_its_own(data_dir: Path) -> None:
    # tomli_w writes a short table inline (log = [{...}]): appended after another block that
    # would put a "log" key inside that block's last table (a bug the concurrency test caught).
    text = tomltext.block("log", {"date": dt.date(2026, 12, 4), "status": "skipped"})
    assert text.startswith(b"[[log]]\n")
    whole, _ = tomltext.compose(
        b'name = "x"\n',
        _runs(
            [
                tomltext.block("log", to_data(_done())),
                text,
                tomltext.block("log", to_data(_done(1))),
            ]
        ),
    )
    statuses = [e["status"] for e in tomllib.loads(whole.decode())["log"]]
    assert statuses == ["done", "skipped", "done"]


def _done(day: int = 0) -> LogEntry:
    from planner.model import LoggedExercise, LoggedSet

    sets = (LoggedSet(reps=5, load=60.0),) * 5
    return LogEntry(
        date=dt.date(2026, 11, 30) + dt.timedelta(days=day),
        status="done",
        exercises=(LoggedExercise("squat", sets),),
    )


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (
            'a = 1\n\n[[log]]\nnote = """x\n[[log]]\n"""\n',
            "a multi-line string could hide a header",
        ),
        (
            'a = 1\n\n[[ log ]]\nnote = """x\n[[log]]\ny"""\n',
            "one header line, but inside a string: the real header is spelt otherwise",
        ),
        ("a = 1\r\n\r[[log]]\r\nx = 1\r\n", "a carriage return that ends no line"),
        ("a = 1\n\n[[log]]\nx = 1\n\n[loads]\nsquat = 1\n", "another table after the log"),
    ],
)
def test_split_refuses_layouts_it_cannot_be_sure_of(text: str, why: str) -> None:
    assert tomllib.loads(text.replace("\r\n", "\n").replace("\r", "\n"))["log"]  # valid TOML
    assert tomltext.split(text.encode(), "log", 1) is None, why


@pytest.mark.parametrize(
    "text",
    [
        "a = 1\r\n\r\n[[log]]\r\nx = 1\r\n",
        "a = 1\n\n[[log]] # first\nx = 1\n",
        "a = 1\n\n[[log]] \nx = 1\n",
        "a = 1\n\n  [[ log ]]\nx = 1\n",
    ],
    ids=["crlf", "comment after the header", "space after the header", "spaced header"],
)
def test_split_finds_headers_as_people_write_them(text: str) -> None:
    """CRLF files and headers with spaces or a comment used to be rewritten whole (their
    comments lost): they are laid out block by block as well."""
    assert tomltext.split(text.encode(), "log", 1) == (
        text.index("\n\n") + 2 if "\r" not in text else 9,
    )


def test_split_finds_each_block_of_a_file_it_wrote() -> None:
    entries = [to_data(_done(day)) for day in range(3)]
    content, starts = tomltext.compose(
        tomli_w.dumps({"name": "x"}).encode(),
        _runs([tomltext.block("log", e) for e in entries]),
    )
    assert tomltext.split(content, "log", 3) == starts
    head = content[: starts[0]]
    blocks = [content[a:b] for a, b in zip(starts, (*starts[1:], len(content)), strict=True)]
    assert tomllib.loads(head.decode()) == {"name": "x"}
    assert [tomllib.loads(b.decode())["log"][0] for b in blocks] == entries


def test_a_hand_laid_out_file_is_rewritten_whole_on_its_first_save_and_blockwise_after(
    data_dir: Path,
) -> None:
    plan = _plan_with_log()
    current = files.create_plan(plan, "hand")
    # As the app used to write it (and a person might): [[overrides]] after the log.
    data = files.plan_data(plan)
    note = "a note long enough that it is not written inline " * 3
    edit = {"date": plan.start + dt.timedelta(days=9), "note": note}
    current.path.write_text(tomli_w.dumps({**data, "overrides": [edit]}), "utf-8")
    assert current.path.read_text("utf-8").rstrip().endswith(f'note = "{note}"')
    loaded = files.read_plan(current.path)
    assert loaded.blocks is None  # [[overrides]] follows the log: not reusable block by block
    session = project_plan(loaded.plan, plan.start).next_planned()
    assert session is not None
    saved = files.save_plan(loaded, actions.log_done(loaded.plan, session))
    assert saved.blocks is not None
    assert _on_disk(saved.path) == saved.plan
    following = project_plan(saved.plan, plan.start).next_planned()
    assert following is not None
    again = files.save_plan(saved, actions.log_skip(saved.plan, following))
    assert _on_disk(again.path) == again.plan


def _plan_with_log() -> Plan:
    from tests.screens.conftest import TODAY, linear_5x5

    plan = actions.new_plan("Hand", [(linear_5x5(), 4)], TODAY, ("mon", "wed", "fri"))
    for _ in range(3):
        session = project_plan(plan, TODAY).next_planned()
        assert session is not None
        plan = actions.log_done(plan, session, note="ok")
    return plan


def test_a_value_toml_cannot_hold_is_refused_before_anything_is_written() -> None:
    with pytest.raises(SaveError):
        tomltext.block("log", {"date": dt.date(2026, 1, 1), "bad": object()})
    with pytest.raises(SaveError):
        tomltext.dumps({"x": float("nan")})  # reads back as nan != nan


def test_notes_with_triple_quotes_save_and_stay_reusable_block_by_block(data_dir: Path) -> None:
    plan = _plan_with_log()
    current = files.create_plan(plan, "quotes")
    session = project_plan(current.plan, plan.start).next_planned()
    assert session is not None
    noted = actions.log_done(current.plan, session, note="""said '''no''' and \"\"\"yes\"\"\" """)
    saved = files.save_plan(current, noted)
    reread = files.read_plan(saved.path)
    assert reread.plan == noted
    assert reread.blocks == saved.blocks  # each block checked by parsing it on its own


def test_split_checks_each_block_when_a_multi_line_string_could_hide_a_header() -> None:
    hiding = b'a = 1\n\n[[ log ]]\nnote = """x\n[[log]]\ny"""\n'
    tables = tomllib.loads(hiding.decode())["log"]
    assert tomltext.split(hiding, "log", 1, tables) is None
    honest = b'a = 1\n\n[[log]]\nnote = """x\ny"""\n\n[[log]]\nnote = "z"\n'
    tables = tomllib.loads(honest.decode())["log"]
    assert tomltext.split(honest, "log", 2, tables) == (7, 33)
    assert tomltext.split(honest, "log", 2) is None  # not without the tables to check against
