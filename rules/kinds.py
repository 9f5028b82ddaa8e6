"""Every rule kind of docs/ARCHITECTURE.md by its name in program files, and :func:`make_rule`.

The kinds are frozen attrs classes (see :mod:`rules.rule` for what a rule does):
:class:`Linear`, :class:`Double`, :class:`Wave` and :class:`Stages` step with every performed
session (:mod:`rules.load_kinds`); :class:`Hold` and :class:`Volume` once a week
(:mod:`rules.week_kinds`); :class:`Fixed` never. To add a kind: write its class in the module of
its family, and name it in :data:`RULE_KINDS`.
"""

from __future__ import annotations

from typing import Any

import attrs

from rules.load_kinds import Double, Linear, Stages, Wave
from rules.rule import Fixed, Rule
from rules.week_kinds import Hold, Volume, WeekRule

__all__ = [
    "RULE_KINDS",
    "Double",
    "Fixed",
    "Hold",
    "Linear",
    "Rule",
    "Stages",
    "Volume",
    "Wave",
    "WeekRule",
    "make_rule",
]

RULE_KINDS: dict[str, type[Rule]] = {
    cls.kind: cls for cls in (Linear, Double, Wave, Stages, Hold, Volume, Fixed)
}
"""Every rule kind by its name in program files."""


def make_rule(params: dict[str, Any]) -> Rule:
    """Build a rule from ``{"kind": ..., **parameters}``; ``ValueError``/``TypeError`` name what is wrong."""
    kind = params.get("kind")
    if kind not in RULE_KINDS:
        known = ", ".join(RULE_KINDS)
        raise ValueError(f"unknown rule kind {kind!r} (known: {known})")
    cls = RULE_KINDS[kind]
    rest = {k: val for k, val in params.items() if k != "kind"}
    names = {a.name for a in attrs.fields(cls)}
    unknown = sorted(set(rest) - names)
    if unknown:
        raise ValueError(
            f"unknown parameter {unknown[0]!r} for rule {kind!r} (known: {', '.join(sorted(names)) or 'none'})"
        )
    return cls(**rest)
