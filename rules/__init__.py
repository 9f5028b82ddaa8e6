"""The progression engine: pure functions over frozen attrs values.

Nothing in this package reads a file, a clock or a global. Today's date, the log and the parameters are
passed in; prescriptions come out, each with the human reason (``why``) the engine chose it.

- :mod:`rules.values`: sets, results, a slot's progression state, load arithmetic;
- :mod:`rules.kinds`: the rule kinds (``linear``, ``wave``, …; see :mod:`rules.rule`);
- :mod:`rules.phases` and :mod:`rules.calendar`: the plan's shape and its dates;
- :mod:`rules.policies`: the steps each slot of each session goes through (deload week, break
  back-off, override, pain gate, advance, …): where to change how the engine trains someone;
- :mod:`rules.real_life`: the steps for training in real life (strength carried by e1RM, holds
  carried, buildable loads, done lighter, sessions logged in another unit);
- :mod:`rules.strength` (estimated one-rep maxes) and :mod:`rules.equipment` (bars, plates,
  warm-up sets): the arithmetic those steps use;
- :mod:`rules.engine`: the fold of the log over the calendar, and its checkpoints.
"""
