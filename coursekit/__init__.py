"""coursekit: the tested code behind the course on optimization algorithms for deep learning.

Modules, in the order of the course: ``minibatch``, ``averages``, ``optim``, ``schedules``,
``surfaces``, ``nn``, ``train``, ``data``, ``plots``, ``widgets``, ``exercises``, ``editions``.
"""

__version__ = "0.1.0"
