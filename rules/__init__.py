"""The progression engine: pure functions over frozen attrs values.

Nothing in this package reads a file, a clock or a global. Today's date, the log and the parameters are
passed in; prescriptions come out, each with the human reason (``why``) the engine chose it.
"""
