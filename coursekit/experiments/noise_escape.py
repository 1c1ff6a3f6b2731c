"""Gradient noise and the way out of a poor local minimum (notebook 10, pointed to from 03).

The lecture says that the noise of small mini-batches helps a model leave poor local minima. Here that claim
is measured on notebook 10's bowl with three wells: gradient descent from a grid of starts, each gradient
perturbed by Gaussian noise of standard deviation ``σ`` (constant, or annealed as ``σ_t = σ₀ / (1 + t/τ)``),
then the share of runs that end in the deepest well, seed by seed. :func:`noise_levels` gives ``σ_t``,
:func:`escape_data` runs every ``σ`` and seed at once, and :class:`NoiseEscape` holds the result.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from coursekit import _validate
from coursekit.schedules import inverse_time_decay
from coursekit.surfaces import Surface

#: The noise levels of notebook 10's experiment and of its slider: 0, then about evenly spaced in log σ.
SIGMAS = (0.0, 0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 5.0, 7.0, 10.0)
#: The two ways the noise is given, in the order of the first axis of :class:`NoiseEscape`'s arrays.
MODES = ("constant", "annealed")


def noise_levels(sigma0: float, steps: int, tau: float | None = None) -> np.ndarray:
    """The noise's standard deviation at each step: ``σ_t = σ₀``, or annealed ``σ_t = σ₀ / (1 + t/τ)``.

    The annealed form is notebook 09's inverse-time decay (:func:`coursekit.schedules.inverse_time_decay`
    with ``decay_rate = 1/τ``), applied to the noise instead of the learning rate; ``t`` counts the steps
    from 1, as the course's step counter does.

    Args:
        sigma0: ``σ₀`` ≥ 0.  steps: the number of noisy steps ``T`` ≥ 1.
        tau: ``τ`` > 0, the step at which the noise is halved; ``None`` keeps it constant.

    Returns:
        ``σ_1, ..., σ_T``, an array of shape ``(T,)``.

    Reference: notebooks 09 (the decay) and 10.

    >>> noise_levels(1.0, 3, tau=1.0).tolist(), noise_levels(0.5, 2).tolist()
    ([0.5, 0.3333333333333333, 0.25], [0.5, 0.5])
    """
    sigma0 = _validate.non_negative(sigma0, "sigma0")
    steps = _validate.positive_int(steps, "steps")
    _validate.budget(steps, "steps", memory=8 * steps, operations=steps * _validate.STEP_OPERATIONS)
    if tau is None or sigma0 == 0:
        if tau is not None:
            _validate.positive(tau, "tau")
        return np.full(steps, sigma0)
    schedule = inverse_time_decay(sigma0, decay_rate=1 / _validate.positive(tau, "tau"))
    return np.array([schedule(t) for t in range(1, steps + 1)])


class NoiseEscape(NamedTuple):
    """Where noisy gradient descent from many starts ends, for each noise level, seed and mode (:func:`escape_data`).

    Fields: ``surface`` (the surface run on); ``sigmas`` (the ``σ`` or ``σ₀`` of each level, shape ``(S,)``);
    ``seeds`` (``K`` of them);
    ``tau`` (``τ`` of the annealed mode); ``starts`` (``(N, 2)``); ``ends``, the iterate ``w_T`` after the
    noisy steps, shape ``(2, S, K, N, 2)`` (first axis: :data:`MODES`, constant then annealed); ``deepest``,
    whether the run then settles at the deepest minimum, shape ``(2, S, K, N)``.

    >>> from coursekit.surfaces import several_minima
    >>> data = escape_data(several_minima(), [[1.0, 1.0]], sigmas=(0.0, 0.5), seeds=(0, 1, 2))
    >>> data.ends.shape, data.shares.shape, data.window("constant")
    ((2, 2, 3, 1, 2), (2, 2, 3), (0.0, 0.5))
    """

    surface: Surface
    sigmas: np.ndarray
    seeds: tuple
    tau: float
    starts: np.ndarray
    ends: np.ndarray
    deepest: np.ndarray

    @property
    def shares(self) -> np.ndarray:
        """The share of starts that end in the deepest well, shape ``(2, S, K)``: mode, noise level, seed."""
        return self.deepest.mean(axis=-1)

    def window(self, mode: str = "constant", level: float = 0.8) -> tuple[float, float] | None:
        """The smallest and the largest noise level whose share, averaged over the seeds, is at least ``level``.

        Args:
            mode: ``"constant"`` or ``"annealed"``.  level: a share in (0, 1).

        Returns:
            ``(σ_low, σ_high)``, or ``None`` if no level reaches ``level``.
        """
        row = MODES.index(_validate.one_of(mode, "mode", MODES))
        good = self.sigmas[self.shares[row].mean(axis=-1) >= _validate.fraction(level, "level")]
        return (float(good.min()), float(good.max())) if good.size else None


def escape_data(surface: Surface, starts, sigmas=SIGMAS, seeds=range(5), tau: float = 100.0, lr: float = 0.3,
                steps: int = 300, settle: int = 100, tol: float = 0.05) -> NoiseEscape:
    """Noisy gradient descent from every start, at every noise level and seed, with constant and annealed noise.

    ``w_t = w_{t−1} − α (∇J(w_{t−1}) + σ_t ξ_t)`` for ``t = 1..T``, with ``ξ_t`` standard normal, drawn for each
    run; ``σ_t = σ`` (constant) or ``σ_t = σ₀ / (1 + t/τ)`` (annealed, :func:`noise_levels`). Then the
    well a run ends in is read off: plain gradient descent from ``w_T`` for ``settle`` more steps, and the run
    counts as in the deepest well if it then lies within ``tol`` of ``surface.minima[0]``. Seed ``k`` draws the
    same ``ξ_t`` for every noise level and both modes (``numpy.random.default_rng(k)``), so that the levels
    are compared on the same draws; all runs advance together, one numpy step per iteration.

    Args:
        surface: a :class:`~coursekit.surfaces.Surface` whose ``minima`` list the deepest first (as
            :func:`~coursekit.surfaces.several_minima` does).  starts: ``w_0`` of each run, shape ``(N, 2)``
            (e.g. :func:`coursekit.experiments.basins.start_grid`).
        sigmas: the noise levels ``σ`` (or ``σ₀``), each ≥ 0.  seeds: the seeds, integers ≥ 0.
        tau: ``τ`` > 0 of the annealed mode.  lr: ``α`` > 0.  steps: ``T``, the noisy steps.
        settle: the noiseless steps that read off the well.  tol: the distance ``tol`` > 0 that counts as arrived.

    Returns:
        A :class:`NoiseEscape`.

    Reference: notebook 10; the noise of mini-batches, notebook 03.

    >>> from coursekit.surfaces import several_minima
    >>> data = escape_data(several_minima(), [[-2.5, 2.5], [1.0, 1.0]], sigmas=(0.0, 1.0), seeds=(0, 1))
    >>> data.shares.tolist()
    [[[0.5, 0.5], [1.0, 1.0]], [[0.5, 0.5], [0.5, 0.5]]]
    """
    _validate.instance(surface, "surface", Surface)
    starts = _validate.array(starts, "starts", ndim=2)
    if starts.shape[1] != 2 or not len(starts):
        raise ValueError(f"starts must have shape (N, 2) with N >= 1, got shape {starts.shape}")
    sigmas = np.array([_validate.non_negative(s, f"sigmas[{i}]")
                       for i, s in enumerate(_validate.sequence(sigmas, "sigmas", "noise levels >= 0", non_empty=True))])
    seeds = tuple(_validate.non_negative_int(k, f"seeds[{i}]")
                  for i, k in enumerate(_validate.sequence(seeds, "seeds", "integers >= 0", non_empty=True)))
    tau, lr, tol = _validate.positive(tau, "tau"), _validate.positive(lr, "lr"), _validate.positive(tol, "tol")
    steps, settle = _validate.positive_int(steps, "steps"), _validate.positive_int(settle, "settle")
    runs = 2 * len(sigmas) * len(seeds) * len(starts)
    _validate.budget(steps, "steps", memory=16 * (steps * len(seeds) * len(starts) + 3 * runs),
                     operations=(steps + settle) * (_validate.STEP_OPERATIONS + 100 * runs))
    levels = np.array([[noise_levels(s, steps, t) for s in sigmas] for t in (None, tau)])  # (2, S, T)
    xi = np.stack([np.random.default_rng(k).standard_normal((steps, len(starts), 2)) for k in seeds], axis=1)
    w = np.broadcast_to(starts, (2, len(sigmas), len(seeds), *starts.shape)).copy()
    with np.errstate(over="ignore", invalid="ignore"):  # a run sent off by a too large α turns NaN: in no well
        for t in range(steps):
            w -= lr * (_gradient(surface, w) + levels[:, :, t, None, None, None] * xi[t])
        ends = w.copy()
        for _ in range(settle):
            w -= lr * _gradient(surface, w)
        deepest = np.linalg.norm(w - np.array(surface.minima[0]), axis=-1) <= tol
    return NoiseEscape(surface, sigmas, seeds, tau, starts, ends, deepest)


def _gradient(surface: Surface, w: np.ndarray) -> np.ndarray:
    """``∇J`` at every point of ``w`` (last axis: x, y), in the shape of ``w``."""
    return np.stack(surface.df(w[..., 0], w[..., 1]), axis=-1)
