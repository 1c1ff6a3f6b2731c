"""What ``make`` runs: the editions, the learner's working copy and self-check, slides, book, grading, guide.

These modules run in a terminal, never in a learner's kernel; nothing in :mod:`coursekit.course` outside
this folder imports them (``tests/test_layers.py`` reads the imports). Each has a ``main()`` built with
:mod:`.cli`, so that every tool parses, reports a known failure and exits the same way.
"""

__all__: list[str] = []
