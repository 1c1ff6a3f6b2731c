"""coursekit: the tested code behind the course on optimization algorithms for deep learning.

Modules, in the order of the course: ``minibatch``, ``averages``, ``optim``, ``schedules``,
``surfaces``, ``nn``, ``train``, ``data``; figures in ``plots`` (built in ``figures``,
``training_plots``, ``average_plots``, ``surface_plots``) and explorers in ``widgets`` (built on
``explorer``, in ``training_widgets``, ``average_widgets``, ``surface_widgets``); then ``exercises``,
``editions`` and ``environment``.
"""

__version__ = "0.1.0"
