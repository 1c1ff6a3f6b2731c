"""Part 4: one optimizer step on n float64 parameters, against PyTorch and the memory-bandwidth bound.

The parameters are ``{"W": (n / 1000, 1000), "b": (n / 1000, 1)}`` with a fixed random gradient; every
optimizer is stepped many times (its state exists before timing starts). Alternatives, interleaved:
coursekit now, coursekit before, ``torch.optim`` with ``foreach=True`` and with ``fused=True`` (float64,
one thread), and a plain copy of an ``n``-element array. The bound is the time to stream the arrays a
step must read and write once: ``passes × 8n bytes / bandwidth``, the bandwidth measured by that copy
(``2 × 8n`` bytes moved); GD reads W, dW and writes W (3 passes), momentum and RMSprop 5, Adam 7.
coursekit also reads every gradient once before a step, to refuse a NaN or inf before anything changes
(torch does not look): one more read pass, which is why GD, a single pass in torch, cannot beat it.
"""

from __future__ import annotations

import numpy as np

from measure import interleave, median, ratio, run_for

SIZES = (10**5, 10**6, 10**7)
PASSES = {"GD": 3, "Momentum": 5, "RMSprop": 5, "Adam": 7}
LR = 1e-4


def _problem(n: int, seed: int = 0) -> tuple[dict, dict]:
    rng = np.random.default_rng(seed)
    rows = n // 1000
    params = {"W": rng.standard_normal((rows, 1000)), "b": rng.standard_normal((rows, 1))}
    grads = {key: rng.standard_normal(value.shape) for key, value in params.items()}
    return params, grads


def _ours(package, name: str, n: int):
    optim = package.optim
    opt = {"GD": lambda: optim.GD(LR), "Momentum": lambda: optim.Momentum(LR, beta=0.9),
           "RMSprop": lambda: optim.RMSprop(LR, beta2=0.999), "Adam": lambda: optim.Adam(LR)}[name]()
    params, grads = _problem(n)
    opt.step(params, grads)
    return lambda: opt.step(params, grads)


def _torch(torch, name: str, n: int, how: str):
    """A step of torch's optimizer with ``foreach=True`` or ``fused=True``, or None if torch has no such kind."""
    params, grads = _problem(n)
    tensors = [torch.from_numpy(value) for value in params.values()]
    for tensor, grad in zip(tensors, grads.values()):
        tensor.grad = torch.from_numpy(grad)
    kind = {how: True}
    makers = {
        "GD": lambda: torch.optim.SGD(tensors, lr=LR, **kind),
        "Momentum": lambda: torch.optim.SGD(tensors, lr=LR, momentum=0.9, dampening=0.9, **kind),
        "RMSprop": lambda: torch.optim.RMSprop(tensors, lr=LR, alpha=0.999, eps=1e-8, **kind),
        "Adam": lambda: torch.optim.Adam(tensors, lr=LR, **kind),
    }
    try:
        opt = makers[name]()
        with torch.no_grad():
            opt.step()
    except (RuntimeError, TypeError, ValueError):
        return None
    return opt.step


def _copy(n: int):
    src, dst = np.random.default_rng(1).standard_normal(n), np.zeros(n)
    return lambda: np.copyto(dst, src)


def run(after, before, torch, rounds: int, min_seconds: float) -> list[dict]:
    """Measure every optimizer at every size; return one row per comparison."""
    rows = []
    for n in SIZES:
        for name, passes in PASSES.items():
            steps = {"now": _ours(after, name, n), "copy": _copy(n)}
            if before is not None:
                steps["before"] = _ours(before.package, name, n)
            if torch is not None:
                for how in ("foreach", "fused"):
                    step = _torch(torch, name, n, how)
                    if step is not None:
                        steps[f"torch {how}"] = step

            def measured(step):
                def once():
                    _, seconds, faults = run_for(step, min_seconds)
                    return {"seconds": seconds, "faults": faults}
                return once

            results = interleave({label: measured(step) for label, step in steps.items()}, rounds)
            for result in results["copy"]:  # the bound of this round: passes × (one array's bytes) / bandwidth
                result["bound"] = passes * result["seconds"] / 2
            case = f"{name}, n = {n:.0e}".replace("e+0", "e")
            rows += _rows(case, n, results)
            del steps, results
    return rows


def _rows(case: str, n: int, results: dict) -> list[dict]:
    now, before = results["now"], results.get("before")
    bound = [{"seconds": r["bound"]} for r in results["copy"]]
    ms = lambda runs: None if runs is None else 1000 * median(runs, "seconds")  # noqa: E731
    common = {"part": "4 optimizer step", "case": case, "unit": "ms/step", "now": ms(now), "before": ms(before),
              "faults_now": median(now, "faults"), "faults_before": before and median(before, "faults")}
    rows = [{**common, "versus": "bandwidth bound", "reference": ms(bound), "ratio": ratio(now, bound, "seconds"),
             "ratio_before": before and ratio(before, bound, "seconds"), "goal": "<= 3x" if n == 10**7 else "",
             "higher_is_better": False}]
    for how in ("foreach", "fused"):
        theirs = results.get(f"torch {how}")
        if theirs is None:
            continue
        goal = {("foreach", 10**7): "< 1x", ("fused", 10**5): "<= 2x"}.get((how, n), "")
        rows.append({**common, "versus": f"torch {how}", "reference": ms(theirs), "goal": goal,
                     "ratio": ratio(now, theirs, "seconds"), "ratio_before": before and ratio(before, theirs, "seconds"),
                     "higher_is_better": False})
    return rows
