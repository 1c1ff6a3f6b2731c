"""coursekit: the tested code behind the course on optimization algorithms for deep learning.

Three layers; each imports only from the layers below it (tests/test_layers.py reads the imports):

3. :mod:`coursekit.course` — how the course runs: in the learner's kernel, the exercises and their checks,
   hints, questions and progress; in :mod:`coursekit.course.tools`, what ``make`` runs (editions,
   working copy, self-check, slides, book, grading, guide).
2. :mod:`coursekit.show` — how it is shown: figures and slider explorers, one module per topic. It only draws.
1. What the course teaches. At the top, the lecture's ideas in the order of the notebooks —
   :mod:`~coursekit.minibatch`, :mod:`~coursekit.averages`, :mod:`~coursekit.optim` (gd, momentum, rmsprop,
   adam), :mod:`~coursekit.schedules`, :mod:`~coursekit.critical_points` — and what they run on:
   :mod:`~coursekit.activations`, :mod:`~coursekit.nn`, :mod:`~coursekit.train`, :mod:`~coursekit.data`
   (with the shipped ``datasets/``), :mod:`~coursekit.surfaces`, :mod:`~coursekit.trajectories`.
   Beside them :mod:`coursekit.experiments`: what each notebook measures, one module per question.
   No figures, no widgets.
"""

__version__ = "0.1.0"
