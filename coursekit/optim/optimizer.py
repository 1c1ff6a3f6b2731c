"""What every optimizer shares: checking a step's arrays, zero state, and the object that loops over named arrays.

A pure rule (``gd_update``, ``momentum_update``, ...) takes one parameter array and its gradient and returns
new arrays. An :class:`Optimizer` applies the same equations to every array of a parameter dict, in place,
and keeps the state (``v``, ``s``) and the step counter ``t`` (1 during the first step).

The objects are the fast path of the course (every training run and slider goes through them): they check
the hyperparameters when set and a parameter dict's arrays when they first see them, then each step
checks only what can change (every gradient, and that no parameter became NaN or infinite) before
changing anything. The arithmetic runs in place, ``out=`` on buffers the optimizer owns, chunk by chunk so
that each chunk's arrays stay in the processor's cache, and a step allocates no array of its own (only views):
see :class:`Optimizer`.
"""

from __future__ import annotations

import math

import numpy as np

from coursekit import _validate

#: Elements per chunk of a step (256 KiB per array): the six chunk-sized arrays of Adam (W, dW, v, s, two
#: scratch) stay in the L2 and L3 caches. Parameter arrays smaller than a chunk are packed together into one.
CHUNK = 32_768
_FLOAT = np.dtype(float)


def _checked(w, dw, state: dict):
    """Validate a parameter, its gradient and same-shaped state arrays; return them as float arrays."""
    w = _validate.array(w, "w")
    dw = _validate.array(dw, "dw")
    _validate.same_shape(w, "w", dw, "dw")
    arrays = []
    for name, value in state.items():
        arr = _validate.array(value, name)
        _validate.same_shape(w, "w", arr, name)
        arrays.append(arr)
    return w, dw, arrays


def zeros_like_params(params: dict) -> dict:
    """Zero arrays with the keys and shapes of ``params``: the initial ``v`` or ``s`` of an optimizer.

    >>> zeros_like_params({"W1": np.ones((2, 3)), "b1": np.ones((2, 1))})["W1"].shape
    (2, 3)
    """
    if not isinstance(params, dict):
        raise TypeError(f"params must be a dict of arrays, got {type(params).__name__}")
    return {key: np.zeros(np.shape(value), dtype=float) for key, value in params.items()}


def _finite(flat: np.ndarray) -> bool:
    """Whether a 1-D float64 array holds no NaN or inf: ``x·x`` is finite unless it overflowed (then look)."""
    return math.isfinite(flat.dot(flat)) or bool(np.isfinite(flat).all())


class _Layout:
    """Where each parameter lives in the optimizer's flat float64 state, and the chunks a step is cut into.

    The arrays are laid end to end in key order. A chunk is a range ``[a, b)`` of that flat space with
    its pieces ``(key, lo, hi, at)``: elements ``lo:hi`` of the flattened ``params[key]`` sit at ``at``
    in the chunk. A chunk of one piece is worked on where it lies; several small arrays packed into
    one chunk are gathered into the optimizer's chunk buffers and the new ``W`` is scattered back.
    """

    def __init__(self, params: dict):
        self.shapes = {key: value.shape for key, value in params.items()}
        ends = np.cumsum([0, *(value.size for value in params.values())]).tolist()
        self.spans = dict(zip(params, zip(ends, ends[1:])))  # key -> (first, last + 1) in the flat space
        self.size = ends[-1]
        cuts, start = [], 0
        for lo, hi in self.spans.values():
            if hi - start > CHUNK and lo > start:  # the array does not fit in the current chunk: close it
                cuts.append((start, lo))
                start = lo
            while hi - start > CHUNK:  # a large array alone, in chunks of CHUNK elements
                cuts.append((start, start + CHUNK))
                start += CHUNK
        if start < self.size:
            cuts.append((start, self.size))
        self.chunks = [
            (a, b, [(key, max(a, lo) - lo, min(b, hi) - lo, max(a, lo) - a)
                    for key, (lo, hi) in self.spans.items() if max(a, lo) < min(b, hi)])
            for a, b in cuts
        ]


class Optimizer:
    """Base of the optimizer objects: validates ``lr`` and the dicts, and loops over named arrays.

    Subclasses name their state arrays in ``_state_names`` and implement ``_update_in_place(w, dw, *state,
    a, b)``: the equations of their pure rule, the same operations in the same order, written with
    ``out=`` into ``w`` and the state (``a`` and ``b`` are scratch arrays); so a step gives bit for bit
    what the pure rule gives (``tests/test_optim_fast.py``). ``t`` counts the steps taken (1 during the first).

    The state arrays ``state[name][key]`` are views, shaped like the parameters, into one flat array per
    name; a step works through that flat space in chunks of :data:`CHUNK` elements.

    >>> from coursekit.optim import Momentum
    >>> opt = Momentum(lr=0.1); params = {"W1": np.ones((2, 2))}
    >>> opt.step(params, {"W1": np.ones((2, 2))}); opt.t, sorted(opt.state["v"])
    (1, ['W1'])
    """

    _state_names: tuple[str, ...] = ()

    def __init__(self, lr: float):
        self.lr = lr
        self.t = 0
        self.state: dict[str, dict[str, np.ndarray]] = {name: {} for name in self._state_names}
        self._layout: _Layout | None = None
        self._flat_state: dict[str, np.ndarray] = {}
        self._seen: dict[str, np.ndarray] = {}  # the parameter arrays checked, by key
        self._flat_params: dict[str, np.ndarray] = {}  # their flat float64 views, or staging copies
        self._staged: list[str] = []  # the keys of the staging copies (params not float64 C-contiguous)
        self._pieces: list[list[np.ndarray]] = []  # per chunk, its pieces of the flat params

    @property
    def lr(self) -> float:
        """The learning rate ``α``; assign to it between steps to follow a schedule."""
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        self._lr = _validate.positive(value, "lr")

    def step(self, params: dict, grads: dict) -> None:
        """Update every array of ``params`` in place from the same-keyed ``grads``; advance ``t`` by one.

        Nothing changes if a check fails: wrong keys or shapes, a gradient or parameter that is not finite.
        """
        flat_grads = self._known(params, grads)
        if flat_grads is None:
            flat_grads = self._check_new(params, grads)
        for key in self._staged:  # params that are not float64 C-contiguous: the step works on a float64 copy
            np.copyto(self._flat_params[key].reshape(params[key].shape), params[key])
        shapes = self._layout.shapes
        with np.errstate(over="ignore"):
            for key, flat in self._flat_params.items():
                if not _finite(flat):
                    _validate.array(flat.reshape(shapes[key]), f"params[{key!r}]")
                if not _finite(flat_grads[key]):
                    _validate.array(flat_grads[key].reshape(shapes[key]), f"grads[{key!r}]")
        self.t += 1
        self._apply(flat_grads)
        for key in self._staged:
            np.copyto(params[key], self._flat_params[key].reshape(params[key].shape), casting="unsafe")

    def _known(self, params, grads) -> dict | None:
        """The gradients as flat float64 views if ``params`` holds the arrays checked before and every
        gradient is a float64 C-contiguous array of its parameter's shape; otherwise None."""
        if type(params) is not dict or type(grads) is not dict or params.keys() != self._seen.keys():
            return None
        flat = {}
        shapes = self._layout.shapes
        for key, w in params.items():
            dw = grads.get(key)
            if (w is not self._seen[key] or w.shape != shapes[key] or type(dw) is not np.ndarray
                    or dw.dtype != _FLOAT or dw.shape != shapes[key] or not dw.flags.c_contiguous):
                return None
            flat[key] = dw.reshape(-1)
        return flat if len(grads) == len(params) else None

    def _check_new(self, params, grads) -> dict:
        """Every check, with its message, for arrays not seen before; remember the parameters; flat gradients."""
        _validate.matching_dicts(params, grads)
        flat_grads = {}
        for key, value in params.items():
            if not isinstance(value, np.ndarray) or not np.issubdtype(value.dtype, np.floating):
                raise TypeError(f"params[{key!r}] must be a float numpy array (updated in place), got {value!r}")
            _validate.array(value, f"params[{key!r}]")
            flat_grads[key] = np.ascontiguousarray(_validate.array(grads[key], f"grads[{key!r}]")).reshape(-1)
        if self._state_names and self._layout is not None:
            if self._layout.shapes.keys() != params.keys():
                raise ValueError(
                    f"params must keep the keys of the first step, {sorted(self._layout.shapes)}, got {sorted(params)}"
                )
            for key, shape in self._layout.shapes.items():
                if shape != params[key].shape:
                    raise ValueError(f"params[{key!r}] must have the shape of the first step's params[{key!r}], "
                                     f"{shape}, got {params[key].shape}")
        elif self._layout is None or self._layout.shapes != {key: value.shape for key, value in params.items()}:
            self._start(params)
        self._seen = dict(params)
        self._staged = [key for key, value in params.items() if value.dtype != _FLOAT or not value.flags.c_contiguous]
        self._flat_params = {key: np.empty(value.size) if key in self._staged else value.reshape(-1)
                             for key, value in params.items()}
        self._pieces = [[self._flat_params[key][lo:hi] for key, lo, hi, _ in pieces]
                        for _, _, pieces in self._layout.chunks]
        return flat_grads

    def _start(self, params) -> None:
        """Lay out new parameters: zero state (views into one flat array per name) and chunk buffers."""
        self._layout = layout = _Layout(params)
        self._flat_state = {name: np.zeros(layout.size) for name in self._state_names}
        self.state = {name: {key: flat[lo:hi].reshape(layout.shapes[key]) for key, (lo, hi) in layout.spans.items()}
                      for name, flat in self._flat_state.items()}
        self._buffers = [np.empty(min(CHUNK, layout.size)) for _ in range(4)]  # gathered W and dW, two scratch

    def _apply(self, flat_grads: dict) -> None:
        """One step over every chunk: the chunk's W, dW and state, updated in place by the rule."""
        w_buffer, dw_buffer, a, b = self._buffers
        flat_state = [self._flat_state[name] for name in self._state_names]
        for (start, stop, pieces), w_pieces in zip(self._layout.chunks, self._pieces):
            n = stop - start
            dw_pieces = [flat_grads[key][lo:hi] for key, lo, hi, _ in pieces]
            if len(pieces) == 1:
                w, dw = w_pieces[0], dw_pieces[0]
            else:
                w, dw = np.concatenate(w_pieces, out=w_buffer[:n]), np.concatenate(dw_pieces, out=dw_buffer[:n])
            self._update_in_place(w, dw, *(flat[start:stop] for flat in flat_state), a=a[:n], b=b[:n])
            if len(pieces) > 1:
                for (_, lo, hi, at), target in zip(pieces, w_pieces):
                    np.copyto(target, w[at:at + hi - lo])

    def _update_in_place(self, w, dw, *state, a, b) -> None:
        raise NotImplementedError

    def _hyperparameters(self) -> dict:
        return {"lr": self.lr}

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self._hyperparameters().items())
        return f"{type(self).__name__}({args})"
