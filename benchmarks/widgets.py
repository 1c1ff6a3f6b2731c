"""Part 2: every explorer of ``coursekit.show``, from a new value of a control to the new figure's PNG.

Latency = from setting a control's value (programmatically, as a slider does) until the PNG of the
new figure is in the explorer's picture (the widget the browser shows). Every change uses a value not seen before, so nothing
comes from an explorer's cache. Alternatives, interleaved: the explorer now, the same explorer built
on the old coursekit (``--before``), and a naive rebuild, what ``interactive_output`` with a plotting
function does on each change: compute the data, build a new figure, ``savefig`` it as a PNG. When
coursekit's kernels run compiled (Numba), a fourth alternative makes the same change on their numpy form,
what a learner without Numba gets (``_compile._numba`` off for the change only), as its own row
"...: numpy path" against the compiled one, with the same goal.

The explorers are discovered from ``coursekit.show.__all__`` (every ``*_explorer``). ``EXPLORERS``
says how to build each one and which control to move; an explorer missing from it is measured
with its default arguments and its first slider when that works, without a naive rebuild, and
otherwise listed as "not measured" — add a line to ``EXPLORERS`` for it.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from dataclasses import dataclass

from measure import interleave, median, ratio


def _digits():
    from coursekit.data import load_digits

    split = load_digits()
    return split.X_train, split.Y_train


def _temperatures():
    from coursekit.data import daily_temperatures

    return daily_temperatures(2015)


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


@dataclass
class Spec:
    """How to measure one explorer: build it from a ``show`` module, the control moved, its new values.

    ``values[case]`` lists the values of one case (each measured change takes the next one);
    ``naive(show, value)`` rebuilds the figure from scratch; ``fresh`` builds a new explorer (untimed)
    before every change, for explorers that keep every value they have computed.
    """

    make: Callable
    control: str
    values: dict
    naive: Callable | None = None
    fresh: bool = False
    rounds: int | None = None


def _below(show, module: str):
    """The module ``module`` of the package of ``show``: coursekit, or the "before" side's package."""
    import importlib

    return importlib.import_module(f"{show.__name__.rsplit('.', 1)[0]}.{module}")


def _escape_data(show):
    basins, noise_escape = _below(show, "experiments.basins"), _below(show, "experiments.noise_escape")
    bowl = _below(show, "surfaces").several_minima()
    return noise_escape.escape_data(bowl, basins.start_grid(bowl, per_side=20), sigmas=noise_escape.SIGMAS,
                                    seeds=range(5), tau=100.0)  # notebook 10


def _escape_sigmas():
    from coursekit.experiments.noise_escape import SIGMAS

    return SIGMAS


def _computed(show, module: str, name: str):
    """``name`` from ``module`` of the package of ``show`` (the numbers are computed below show), or from
    ``show`` itself for an older coursekit on the "before" side, which computed them there."""
    import importlib

    try:
        below = importlib.import_module(f"{show.__name__.rsplit('.', 1)[0]}.{module}")
    except ModuleNotFoundError:
        return getattr(show, name)
    return getattr(below, name, None) or getattr(show, name)


def _trajectory_naive(show, lr):
    from coursekit.surfaces import elongated_quadratic
    from coursekit.trajectories import trajectory_data

    surface = elongated_quadratic(10.0)
    return _png(show.plot_trajectories(surface, trajectory_data(surface, ("GD", "Momentum", "Adam"), lr, steps=50)))


def _ewa_naive(show, beta):
    t, thetas = _temperatures()
    from coursekit.averages import ewa

    return _png(show.plot_ewa(t, thetas, {beta: ewa(thetas, beta)}))


def _noise_data(show):
    from coursekit import nn

    data = _computed(show, "experiments.gradient_noise", "gradient_noise_data")
    return data(*_digits(), nn.init_params([64, 32, 10], 0))  # notebook 02


def _noisy_descent_data(show):
    from coursekit.surfaces import elongated_quadratic

    return _computed(show, "experiments.gradient_noise", "noisy_descent_data")(elongated_quadratic(5.0))  # notebook 02


def _bowl(show):
    return _below(show, "surfaces").elongated_quadratic(100.0)  # notebook 06


def _cycle(options, n: int = 1000) -> list:
    """``n`` values that step through ``options`` back and forth, so every change moves the slider."""
    options = list(options)
    there_and_back = options + options[-2:0:-1]
    return [there_and_back[i % len(there_and_back)] for i in range(1, n + 1)]


def _schedule_naive(show, lr0):
    from coursekit.show.schedules import _schedule_rates

    return _png(show.plot_schedules(_schedule_rates(lr0, 1.0, 1.0, 0.95, 10, 30), 30))


BATCH = dict(layer_dims=[64, 32, 10], sizes=(1, 8, 32, 64, 256), optimizer="GD", lr=0.5, epochs=5)  # notebook 01


def _batch_naive(show, size):
    from coursekit.experiments.batch_size import batch_size_data

    X, Y = _digits()
    args = (X, Y, BATCH["layer_dims"])
    kwargs = dict(optimizer=BATCH["optimizer"], lr=BATCH["lr"], epochs=BATCH["epochs"])
    history, _ = batch_size_data(*args, size, **kwargs)
    reference, _ = batch_size_data(*args, X.shape[1], **kwargs)
    return _png(show.plot_minibatch_costs(history, reference, label="this size"))


_distinct = lambda first, factor: [first * factor**i for i in range(1000)]  # noqa: E731

#: How to measure each explorer of coursekit.show; the settings are those of the notebooks.
EXPLORERS = {
    "trajectory_explorer": Spec(
        make=lambda show: show.trajectory_explorer(optimizers=("GD", "Momentum", "Adam"), lr=0.1, steps=50),
        control="lr", values={"α, 3 optimizers × 50 steps": _distinct(0.01, 1.003)}, naive=_trajectory_naive),
    "ewa_explorer": Spec(
        make=lambda show: show.ewa_explorer(*_temperatures(), beta=0.9),
        control="beta", values={"β, 365 days": _distinct(0.5, 1.0007)}, naive=_ewa_naive),
    "schedule_explorer": Spec(
        make=lambda show: show.schedule_explorer(),
        control="lr0", values={"α₀, 4 schedules × 30 epochs": _distinct(0.05, 1.003)}, naive=_schedule_naive),
    "gradient_noise_explorer": Spec(
        make=lambda show: show.gradient_noise_explorer(_noise_data(show)),
        control="mini_batch_size", values={"size, 32 gradients each": _cycle((1, 4, 16, 64, 256, 1024))}),
    "noisy_descent_explorer": Spec(
        make=lambda show: show.noisy_descent_explorer(_noisy_descent_data(show)),
        control="mini_batch_size", values={"size, paths of 60 steps": _cycle((1, 4, 16, 64, 256))}),
    "correction_factor_explorer": Spec(
        make=lambda show: show.correction_factor_explorer(), control="t",
        values={"step t, 3 βs": _cycle((1, 2, 3, 5, 10, 20, 32))}),
    "playground_explorer": Spec(
        make=lambda show: show.playground_explorer(), control="lr Adam",
        values={"Adam's α, 4 optimizers × 100 steps": _distinct(0.01, 1.003)}),
    "plateau_explorer": Spec(
        make=lambda show: show.plateau_explorer(), control="length",
        values={"plateau length, 4 optimizers": _cycle(range(3, 31))}),
    "noise_escape_explorer": Spec(
        make=lambda show: show.noise_escape_explorer(_escape_data(show)), control="sigma",
        values={"σ, 14 levels × 2 kinds of noise precomputed": _cycle(_escape_sigmas())}),
    "eigen_errors_explorer": Spec(
        make=lambda show: show.eigen_errors_explorer(_bowl(show), gd_lr=2 / 101, lr=0.05, beta=0.9, steps=150),
        control="beta", values={"β, 2 directions × 150 steps": _cycle([round(0.01 * k, 2) for k in range(100)])}),
    "decay_explorer": Spec(
        make=lambda show: show.decay_explorer(lr=0.01, weight_decay=0.1, steps=300),
        control="lr", values={"α, 3 decays × 300 steps": _distinct(0.002, 1.003)}),
    "warmup_explorer": Spec(
        make=lambda show: show.warmup_explorer(lr_max=0.1, warmup=10, total=100),
        control="lr_max", values={"peak α, warmup + cosine over 100 steps": _distinct(0.002, 1.003)}),
    "batch_size_explorer": Spec(
        make=lambda show: show.batch_size_explorer(*_digits(), **BATCH),
        control="mini_batch_size", fresh=True, rounds=3, naive=_batch_naive,
        values={f"new size {size} (trains 5 epochs)": [size] * 1000 for size in (1, 8, 256)}),
}


def _generic(show, name: str) -> Spec | None:
    """A spec for an explorer missing from EXPLORERS: default arguments, its first slider; or None."""
    try:
        explorer = getattr(show, name)()
    except Exception:
        return None
    for control_name, control in explorer.controls.items():
        if isinstance(getattr(control, "value", None), (int, float)) and hasattr(control, "min"):
            low, high, kind = control.min, control.max, type(control.value)
            values = [kind(low + (high - low) * ((0.618 * i) % 1.0)) for i in range(1, 1000)]
            if hasattr(control, "base"):  # a log slider's min and max are exponents
                values = [control.base ** value for value in values]
            return Spec(make=lambda show: getattr(show, name)(), control=control_name,
                        values={f"{control_name}, defaults (not in EXPLORERS)": values})
    return None


def _latency(spec: Spec, show, values) -> Callable[[], dict]:
    """One measured change per call: the explorer of ``show`` set to the next value."""
    explorer, values = (None if spec.fresh else spec.make(show)), iter(values)

    def once():
        target = spec.make(show) if spec.fresh else explorer
        value = next(values)
        start = time.perf_counter()
        target.controls[spec.control].value = value
        return {"seconds": time.perf_counter() - start}
    return once


def _naive(spec: Spec, show, values) -> Callable[[], dict]:
    values = iter(values)

    def once():
        value = next(values)
        start = time.perf_counter()
        spec.naive(show, value)
        return {"seconds": time.perf_counter() - start}
    return once


def _numpy_path(once: Callable[[], dict]) -> Callable[[], dict]:
    """``once`` with coursekit's kernels on their numpy form (as without Numba) for that change only."""
    from coursekit import _compile

    def run():
        numba, _compile._numba = _compile._numba, False
        try:
            return once()
        finally:
            _compile._numba = numba
    return run


def run(after_show, before, rounds: int) -> list[dict]:
    """Measure every explorer that ``after_show.__all__`` lists; return one row per case, and one more for the
    same change on the numpy path when the kernels run compiled."""
    from coursekit._compile import compiled

    before_show = None
    if before is not None:
        import importlib

        before_show = importlib.import_module(f"{before.package.__name__}.show")
    rows = []
    for name in sorted(n for n in after_show.__all__ if n.endswith("_explorer")):
        spec = EXPLORERS.get(name) or _generic(after_show, name)
        if spec is None:
            rows.append({"part": "2 widgets", "case": name, "versus": "", "unit": "ms", "goal": "<= 15 ms",
                         "now": None, "detail": {"not measured": "needs arguments: add it to EXPLORERS"}})
            continue
        for case, values in spec.values.items():
            alternatives = {"now": _latency(spec, after_show, values)}
            if compiled():
                alternatives["numpy"] = _numpy_path(_latency(spec, after_show, values))
            if before_show is not None and hasattr(before_show, name):
                alternatives["before"] = _latency(spec, before_show, values)
            if spec.naive is not None:
                alternatives["naive"] = _naive(spec, after_show, values)
            n = spec.rounds or rounds
            results = {label: runs[1:] for label, runs in interleave(alternatives, n + 1).items()}  # 1st: warm-up
            rows.append(_row(f"{name}: {case}", results))
            if "numpy" in results:
                rows.append(_row(f"{name}: {case}: numpy path", {"now": results["numpy"], "naive": results["now"]})
                            | {"versus": "compiled"})
    return rows


def _row(case: str, results: dict) -> dict:
    now, before, naive = results["now"], results.get("before"), results.get("naive")
    ms = lambda runs: None if runs is None else 1000 * median(runs, "seconds")  # noqa: E731
    return {"part": "2 widgets", "case": case, "versus": "naive rebuild" if naive else "", "unit": "ms",
            "goal": "<= 15 ms", "now": ms(now), "before": ms(before), "reference": ms(naive),
            "ratio": naive and ratio(now, naive, "seconds"), "ratio_before": naive and before and ratio(before, naive, "seconds"),
            "higher_is_better": False}

