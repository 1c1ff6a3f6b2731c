"""coursekit's pytest plugin: every pytest run checks exercises strictly, so a wrong one fails.

Registered as a ``pytest11`` entry point, it sets ``COURSEKIT_CHECKS=strict`` when pytest starts. The
kernels that nbval then starts inherit it, so in ``make test`` and in ``pytest --nbval-lax`` over a
learner's notebook a failed check raises and fails its cell, while the same check in JupyterLab shows
its report and lets Run All go on (:mod:`coursekit.course.checks`).
"""

import os

from coursekit.course.checks import STRICT_VARIABLE


def pytest_configure(config) -> None:
    """Turn strict checks on for this run and for the kernels it starts."""
    os.environ[STRICT_VARIABLE] = "strict"
