"""Part 3: training samples per second on the digits, against PyTorch float32 on one thread.

Network 64-128-64-10 (ReLU, softmax), Adam(α = 0.01), the digits' 1,438 training examples, batch
sizes 1, 16, 64, 256 and m (full batch). Alternatives, interleaved, each running the same number of
whole epochs from a fresh network:

* ``train()`` of coursekit now (and before, with ``--before``);
* a bare loop over the same calls ``train()`` makes: for each epoch ``random_mini_batches``, then per
  mini-batch ``nn.cost_and_grads`` and ``opt.step``, then ``nn.evaluate`` on the training set;
* the float64 matrix products of those epochs alone (forward, backward and the evaluation's forward, on
  the same shapes, with no activation, cost, shuffle or optimizer): the most any float64 numpy network
  of these layers can reach, since PyTorch multiplies in float32, about twice as fast per product here;
* PyTorch, float32, one thread: ``nn.Sequential`` of ``Linear``/``ReLU``, ``CrossEntropyLoss``,
  ``torch.optim.Adam`` (its default implementation on the CPU), a ``randperm`` shuffle per epoch, the
  loss of each step read with ``.item()``, and the training set's loss and accuracy after each epoch
  (the same work as ``train()``'s history).

The faults column: minor page faults per step, counted over whole runs (see ``measure.py``), so a
run's first steps, which allocate what later steps reuse, are in the average.
"""

from __future__ import annotations

import math
import time

import numpy as np

from measure import interleave, median, minor_faults, ratio

LAYERS = [64, 128, 64, 10]
LR = 0.01
BATCH_SIZES = (1, 16, 64, 256, None)  # None: the full batch


def _result(start: float, faults: int, epochs: int, m: int, size: int) -> dict:
    """Samples per second and minor page faults per step of a run that began at ``start`` with ``faults``."""
    steps = epochs * math.ceil(m / size)
    return {"samples/s": epochs * m / (time.perf_counter() - start), "faults": (minor_faults() - faults) / steps}


def _train(package, X, Y, size: int, epochs: int):
    def once():
        faults, start = minor_faults(), time.perf_counter()
        package.train.train(X, Y, LAYERS, package.optim.Adam(LR), epochs=epochs, mini_batch_size=size)
        return _result(start, faults, epochs, X.shape[1], size)
    return once


def _bare(package, X, Y, size: int, epochs: int):
    nn, minibatch = package.nn, package.minibatch

    def once():
        faults, start = minor_faults(), time.perf_counter()
        params, opt = nn.init_params(LAYERS, 0), package.optim.Adam(LR)
        for epoch in range(1, epochs + 1):
            for X_t, Y_t in minibatch.random_mini_batches(X, Y, size, seed=epoch):
                _, grads = nn.cost_and_grads(X_t, Y_t, params)
                opt.step(params, grads)
            nn.evaluate(X, Y, params)
        return _result(start, faults, epochs, X.shape[1], size)
    return once


def _matmuls(package, X, size: int, epochs: int):
    work, m = package.nn.Workspace(), X.shape[1]
    weights = [package.nn.init_params(LAYERS, 0)[f"W{l}"] for l in range(1, len(LAYERS))]
    batches = [X[:, k:k + size] for k in range(0, m, size)]

    def products(A, backward: bool) -> None:
        inputs = []
        for l, W in enumerate(weights):
            inputs.append(A)
            A = np.matmul(W, A, out=work(f"Z{l}", (W.shape[0], A.shape[1])))  # Z = W A
        if backward:
            dZ = A
            for l in range(len(weights) - 1, -1, -1):
                np.matmul(dZ, inputs[l].T, out=work(f"dW{l}", weights[l].shape))  # dW = dZ Aᵀ
                if l:
                    dZ = np.matmul(weights[l].T, dZ, out=work(f"dA{l}", inputs[l].shape))  # dA = Wᵀ dZ

    def once():
        faults, start = minor_faults(), time.perf_counter()
        for _ in range(epochs):
            for X_t in batches:
                products(X_t, backward=True)
            products(X, backward=False)  # the evaluation at the end of the epoch
        return _result(start, faults, epochs, m, size)
    return once


def _torch(torch, X, Y, size: int, epochs: int):
    inputs = torch.tensor(X.T, dtype=torch.float32)
    labels = torch.tensor(Y.argmax(axis=0), dtype=torch.long)
    m = inputs.shape[0]

    def once():
        faults, start = minor_faults(), time.perf_counter()
        torch.manual_seed(0)
        layers = []
        for n_in, n_out in zip(LAYERS, LAYERS[1:]):
            layers += [torch.nn.Linear(n_in, n_out), torch.nn.ReLU()]
        model = torch.nn.Sequential(*layers[:-1])
        opt, loss_fn, costs = torch.optim.Adam(model.parameters(), lr=LR), torch.nn.CrossEntropyLoss(), []
        for _ in range(epochs):
            order = torch.randperm(m)
            for k in range(0, m, size):
                batch = order[k:k + size]
                opt.zero_grad()
                loss = loss_fn(model(inputs[batch]), labels[batch])
                loss.backward()
                opt.step()
                costs.append(loss.item())
            with torch.no_grad():
                logits = model(inputs)
                loss_fn(logits, labels).item(), (logits.argmax(dim=1) == labels).float().mean().item()
        return _result(start, faults, epochs, m, size)
    return once


def _epochs_for(call_with_epochs, min_seconds: float) -> int:
    """Epochs per measurement so that one measurement of coursekit takes about ``min_seconds``."""
    rate = call_with_epochs(1)()["samples/s"]  # also warms up caches and code paths
    return max(1, math.ceil(min_seconds * rate / 1438))


def run(after, before, torch, X, Y, rounds: int, min_seconds: float) -> list[dict]:
    """Measure every batch size; return one row per comparison."""
    rows = []
    for size in BATCH_SIZES:
        size = size or X.shape[1]
        epochs = _epochs_for(lambda e: _train(after, X, Y, size, e), min_seconds)
        alternatives = {"now": _train(after, X, Y, size, epochs), "bare loop": _bare(after, X, Y, size, epochs),
                        "matmuls": _matmuls(after, X, size, epochs)}
        if before is not None:
            alternatives["before"] = _train(before.package, X, Y, size, epochs)
            alternatives["bare loop before"] = _bare(before.package, X, Y, size, epochs)
        if torch is not None:
            alternatives["torch"] = _torch(torch, X, Y, size, epochs)
        for alternative in alternatives.values():
            alternative()  # warm-up
        results = interleave(alternatives, rounds)
        rows += _rows(size, X.shape[1], results)
    return rows


def _rows(size: int, m: int, results: dict) -> list[dict]:
    now, before = results["now"], results.get("before")
    label = f"batch {size}" if size < m else f"full batch ({m})"
    goal = ">= 2x" if size <= 64 else ">= 1x" if size < m else ">= 0.8x"
    common = {"part": "3 training", "case": f"{label}, Adam, 64-128-64-10", "unit": "samples/s",
              "now": median(now, "samples/s"), "before": before and median(before, "samples/s"),
              "faults_now": median(now, "faults"), "faults_before": before and median(before, "faults"),
              "higher_is_better": True}
    rows = []
    if "torch" in results:
        theirs = results["torch"]
        rows.append({**common, "versus": "torch f32, 1 thread", "reference": median(theirs, "samples/s"),
                     "ratio": ratio(now, theirs, "samples/s"), "goal": goal,
                     "ratio_before": before and ratio(before, theirs, "samples/s")})
        products = results["matmuls"]
        rows.append({**common, "case": f"{label}: f64 matmuls alone", "versus": "torch f32, 1 thread",
                     "now": median(products, "samples/s"), "before": None, "faults_now": None, "faults_before": None,
                     "reference": median(theirs, "samples/s"), "ratio": ratio(products, theirs, "samples/s"),
                     "goal": "", "ratio_before": None})
    bare, bare_before = results["bare loop"], results.get("bare loop before")
    rows.append({**common, "versus": "bare loop, same calls", "reference": median(bare, "samples/s"),
                 "ratio": ratio(now, bare, "samples/s"), "goal": ">= 0.9x",
                 "ratio_before": before and ratio(before, bare_before, "samples/s")})
    return rows
