"""The random inputs of an exercise's cases, drawn from a generator that belongs to that exercise alone.

Each exercise builds its cases in a function of its own module that makes one ``Draws(seed)``, with a
seed no other exercise uses: adding, removing or reordering a case of one exercise changes no other
exercise's inputs (``tests/course/test_exercises.py`` reads the catalogue to hold it to that).
"""

from __future__ import annotations

import numpy as np

__all__ = ["Draws"]


class Draws:
    """Seeded random arrays for the cases of one exercise, in the order they are asked for.

    Args:
        seed: the exercise's own seed, for ``numpy.random.default_rng``.

    >>> draw = Draws(0)
    >>> draw.normal(2, 3).shape, bool((draw.squares(4, scale=1e-2) >= 0).all())
    ((2, 3), True)
    """

    def __init__(self, seed: int):
        self._rng = np.random.default_rng(seed)

    def normal(self, *shape: int, scale: float = 1.0) -> np.ndarray:
        """Standard normal entries times ``scale``: parameters, gradients, velocities, first moments."""
        return scale * self._rng.standard_normal(shape)

    def squares(self, *shape: int, scale: float = 1.0) -> np.ndarray:
        """Squared standard normal entries times ``scale``, never negative: second moments (averages of squares)."""
        return scale * self._rng.standard_normal(shape) ** 2
