"""Hypothesis strategies shared by the tests of coursekit.

Values are kept small and finite so that every property can be checked to a tight tolerance.
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from coursekit.optim import GD, Adam, Momentum, RMSprop, adam_update, gd_update, momentum_sum_update, momentum_update
from coursekit.optim import rmsprop_update
from coursekit.surfaces import elongated_quadratic, plateau, rosenbrock, rotated_quadratic, saddle, several_minima

#: β of an exponentially weighted average: any number in [0, 1).
betas = st.floats(min_value=0.0, max_value=1.0, exclude_max=True)

#: learning rates α > 0 of a sensible size.
learning_rates = st.floats(min_value=1e-4, max_value=1.0)

#: ε > 0, from the usual 1e-8 to a large 1.0 that makes its placement visible.
epsilons = st.floats(min_value=1e-8, max_value=1.0)

#: finite numbers of moderate size, the entries of parameters and gradients.
entries = st.floats(min_value=-10.0, max_value=10.0, allow_subnormal=False)

#: shapes of one parameter array: vectors and matrices with up to 4 entries per side.
shapes = hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=4)


def arrays(shape) -> st.SearchStrategy[np.ndarray]:
    """Float64 arrays of ``shape`` with finite entries."""
    return hnp.arrays(np.float64, shape, elements=entries)


@st.composite
def params_and_grads(draw, steps: int = 3):
    """A parameter dict ``{"W1", "b1"[, "W2", "b2"]}`` of a small network and ``steps`` gradient dicts.

    Returns ``(params, [grads_1, ..., grads_steps])``; every gradient dict has the keys and shapes of
    ``params``.
    """
    sizes = draw(st.lists(st.integers(1, 4), min_size=2, max_size=3))
    shapes_by_key = {}
    for layer, (n_prev, n) in enumerate(zip(sizes, sizes[1:]), start=1):
        shapes_by_key[f"W{layer}"] = (n, n_prev)
        shapes_by_key[f"b{layer}"] = (n, 1)
    params = {key: draw(arrays(shape)) for key, shape in shapes_by_key.items()}
    grads = [{key: draw(arrays(shape)) for key, shape in shapes_by_key.items()} for _ in range(steps)]
    return params, grads


@st.composite
def labelled_sets(draw, max_m: int = 40):
    """A training set ``(X, Y)`` in which row 0 of both holds the example's id ``0..m−1``.

    ``X`` has shape ``(1 + n_features, m)`` and ``Y`` shape ``(n_y, m)``; the id in ``Y[0, j]`` names the
    column of ``X`` it belongs to, so a test can tell whether the pairs ``(x(i), y(i))`` stayed together.
    """
    m = draw(st.integers(1, max_m))
    n_features = draw(st.integers(0, 2))
    n_y = draw(st.integers(1, 2))
    ids = np.arange(m, dtype=float)
    X = np.vstack([ids, draw(arrays((n_features, m)))])
    Y = np.vstack([ids, draw(arrays((n_y - 1, m)))])
    return X, Y


#: mini-batch sizes, sometimes larger than the training set.
mini_batch_sizes = st.integers(min_value=1, max_value=50)

#: seeds of numpy.random.default_rng.
seeds = st.integers(min_value=0, max_value=2**32 - 1)


@st.composite
def optimizers(draw):
    """A fresh optimizer object of any kind, with random valid hyperparameters."""
    kind = draw(st.sampled_from(["GD", "Momentum", "Momentum-sum", "RMSprop", "Adam"]))
    lr = draw(learning_rates)
    if kind == "GD":
        return GD(lr)
    if kind.startswith("Momentum"):
        return Momentum(lr, beta=draw(betas), average=kind == "Momentum")
    if kind == "RMSprop":
        return RMSprop(lr, beta2=draw(betas), eps=draw(epsilons))
    return Adam(lr, beta1=draw(betas), beta2=draw(betas), eps=draw(epsilons))


#: the surfaces of coursekit.surfaces, some with non-default parameters.
SURFACES = {
    "elongated_quadratic": elongated_quadratic(condition_number=25.0, scale=2.0),
    "rotated_quadratic": rotated_quadratic(condition_number=20.0, angle=30.0),
    "rosenbrock": rosenbrock(),
    "rosenbrock_a": rosenbrock(a=-0.5, b=10.0),
    "saddle": saddle(),
    "plateau": plateau(),
    "plateau_steep": plateau(slope=0.3),
    "several_minima": several_minima(),
}
surface_names = st.sampled_from(sorted(SURFACES))
unit = st.floats(0.0, 1.0)


def point_in_window(surface, u, v):
    """Map (u, v) in [0, 1]² to a point of the surface's plotting window."""
    (x0, x1), (y0, y1) = surface.xlim, surface.ylim
    return np.array([x0 + u * (x1 - x0), y0 + v * (y1 - y0)])


def pure_step(opt, state, key, w, dw, t):
    """The pure rule behind optimizer ``opt`` on one array, in float64, with the caller's state dict; the new W."""
    w, dw = np.asarray(w, dtype=float), np.asarray(dw, dtype=float)
    if isinstance(opt, GD):
        return gd_update(w, dw, opt.lr)
    if isinstance(opt, Momentum):
        rule = momentum_update if opt.average else momentum_sum_update
        w, state["v"][key] = rule(w, state["v"][key], dw, opt.lr, opt.beta)
        return w
    if isinstance(opt, RMSprop):
        w, state["s"][key] = rmsprop_update(w, state["s"][key], dw, opt.lr, opt.beta2, opt.eps)
        return w
    w, state["v"][key], state["s"][key] = adam_update(
        w, state["v"][key], state["s"][key], dw, t, opt.lr, opt.beta1, opt.beta2, opt.eps
    )
    return w
