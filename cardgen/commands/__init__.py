"""cardgen's commands, a module per family that shares options; :mod:`cardgen.cli` groups them.

Each command parses its options, builds what the stages take (:class:`cardgen.inputs.Inputs`,
:class:`cardgen.options.PrintOptions`), calls one function of a stage and says what was made.

- :mod:`~cardgen.commands.common`: what commands share: -q/-v, the workspace, --watch, errors told as messages.
- :mod:`~cardgen.commands.arguments`: the options several commands take.
- :mod:`~cardgen.commands.documents`: ``card``, ``sheet`` and ``demo``.
- :mod:`~cardgen.commands.team`: ``batch`` and ``handout``.
- :mod:`~cardgen.commands.catalogue`: ``list``, ``show``, ``plan`` and ``validate``.
- :mod:`~cardgen.commands.workspace`: ``init``, ``import`` and ``schema``.
"""
