"""coursekit: the tested code behind the course on optimization algorithms for deep learning.

Three layers; each imports only from the layers below it (tests/test_layers.py reads the imports):

3. :mod:`coursekit.course` — how the course runs: exercises and their checks, editions, the environment report.
2. :mod:`coursekit.show` — how it is shown: figures and slider explorers, one module per topic.
1. What the course teaches, one module per idea, in the order of the notebooks: :mod:`~coursekit.minibatch`,
   :mod:`~coursekit.averages` (with :mod:`~coursekit.lag` and :mod:`~coursekit.smoothers`, which measure an
   average's lag and set it against a moving window), :mod:`~coursekit.optim` (gd, momentum, rmsprop, adam),
   :mod:`~coursekit.schedules`, :mod:`~coursekit.surfaces`, :mod:`~coursekit.trajectories`,
   :mod:`~coursekit.critical_points`, :mod:`~coursekit.activations`, :mod:`~coursekit.nn`,
   :mod:`~coursekit.train`, :mod:`~coursekit.data` (with the shipped ``datasets/``). No figures, no widgets.
"""

__version__ = "0.1.0"
