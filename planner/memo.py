"""Answers worked out from a projection, kept while the projection lives.

A projection is immutable, so what is derived from it (the calendar's rows, an exercise's
series, the personal bests) holds for as long as it lives: a screen opened again on the plan
service's latest projection finds them ready. Each answer is dropped with its projection.
"""

from __future__ import annotations

import functools
import threading
import weakref
from collections.abc import Callable, Hashable
from typing import Concatenate, ParamSpec, TypeVar

from planner.projection import Projection

P = ParamSpec("P")
R = TypeVar("R")

_kept: dict[int, dict[Hashable, object]] = {}
_lock = threading.Lock()


def _forget(key: int) -> None:
    with _lock:
        _kept.pop(key, None)


def per_projection(
    derive: Callable[Concatenate[Projection, P], R],
) -> Callable[Concatenate[Projection, P], R]:
    """``derive(projection, *args)``, worked out once per projection and arguments.

    The answer must not hold the projection itself (it would keep it, and itself, alive).
    """

    @functools.wraps(derive)
    def kept(projection: Projection, /, *args: P.args, **kwargs: P.kwargs) -> R:
        key = (derive.__qualname__, args, tuple(sorted(kwargs.items())))
        with _lock:
            answers = _kept.get(id(projection))
            if answers is not None and key in answers:
                return answers[key]  # type: ignore[return-value]
        answer = derive(projection, *args, **kwargs)
        with _lock:
            answers = _kept.get(id(projection))
            if answers is None:
                answers = _kept[id(projection)] = {}
                weakref.finalize(projection, _forget, id(projection))
            answers[key] = answer
        return answer

    return kept
