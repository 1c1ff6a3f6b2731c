"""coursekit._compile: one source, two speeds. Loops compiled by Numba on first call (cached when possible, still
compiled when not); their numpy forms run when Numba is absent or COURSEKIT_JIT=0, and give the same bits."""

import hashlib
import json
import math
import os
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from coursekit import _compile, nn
from coursekit._compile import blocks, kernel
from coursekit.optim import adam, gd, momentum, rmsprop
from tests.speeds import SPEEDS, running
from tests.strategies import betas, epsilons, learning_rates

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _halve_numpy(x):
    for i in blocks(x):
        np.divide(x[i], 2, out=x[i])
    return "numpy"


def _halve_in_place(x):
    for i in range(x.size):
        x[i] = x[i] / 2
    return "loop"


@pytest.mark.parametrize("speed", SPEEDS)
def test_a_kernel_runs_its_loop_compiled_or_else_its_numpy_form(speed):
    halve = kernel(numpy=_halve_numpy)(_halve_in_place)
    x = np.arange(3000.0)
    with running(speed):
        ran = [halve(x), halve(x)]
    assert ran == [{"numba": "loop", "numpy": "numpy"}[speed]] * 2
    np.testing.assert_array_equal(x, np.arange(3000.0) / 4)


def test_without_a_writable_cache_folder_the_loop_is_compiled_for_the_process(monkeypatch):
    """Only the zip-file locator left: Numba finds no folder for the cache, and the loop still runs compiled."""
    numba = pytest.importorskip("numba")
    if not _compile.compiled():
        pytest.skip("COURSEKIT_JIT=0")
    monkeypatch.setattr(numba.config, "CACHE_LOCATOR_CLASSES", "numba.core.caching.ZipCacheLocator")
    try:
        numba.njit(cache=True)(_halve_in_place)
    except RuntimeError as error:
        assert "no locator available" in str(error)
    else:
        raise AssertionError("the test's premise failed: Numba found a cache folder")
    halve = kernel(numpy=_halve_numpy)(_halve_in_place)
    x = np.array([8.0])
    assert halve(x) == "loop" and x.tolist() == [4.0]


def test_blocks_cover_the_first_axis_once_in_pieces_of_about_block_elements():
    B = _compile.BLOCK
    assert [(i.start, i.stop) for i in blocks(np.zeros(2 * B + 1))] == [(0, B), (B, 2 * B), (2 * B, 3 * B)]
    assert [(i.start, i.stop) for i in blocks(np.zeros((5, B // 3)))] == [(0, 3), (3, 6)]  # whole rows, ≤ B
    assert [(i.start, i.stop) for i in blocks(np.zeros((2, B + 1)))] == [(0, 1), (1, 2)]  # at least a row
    assert list(blocks(np.zeros(0))) == []


# Every kernel of coursekit, with its arguments drawn at random: any float, NaN, ±inf and ±0.0 included, in arrays
# that cross a block boundary; the network's arrays also in Fortran order.

_any_float = st.floats(allow_subnormal=True) | st.sampled_from([0.0, -0.0, math.inf, -math.inf, math.nan])


@st.composite
def _flat(draw, count):
    n = draw(st.sampled_from([1, 5, _compile.BLOCK + 3]))
    return [draw(hnp.arrays(np.float64, n, elements=_any_float)) for _ in range(count)]


#: The network's arrays: small, or rows of more than half a block (each block then one row).
_layers = hnp.array_shapes(min_dims=2, max_dims=2, max_side=40) | st.just((3, _compile.BLOCK // 2 + 1))


@st.composite
def _bias_relu(draw):
    Z = draw(hnp.arrays(np.float64, _layers, elements=_any_float))
    b = draw(hnp.arrays(np.float64, (Z.shape[0], 1), elements=_any_float))
    Z = np.asfortranarray(Z) if draw(st.booleans()) else Z
    return [Z, b, np.empty_like(Z)]


@st.composite
def _relu_derivative(draw):
    dA = draw(hnp.arrays(np.float64, _layers, elements=_any_float))
    Z = draw(hnp.arrays(np.float64, dA.shape, elements=_any_float))
    return [np.asfortranarray(dA) if draw(st.booleans()) else dA, Z]


_corrections = st.floats(min_value=1e-3, max_value=1.0)
_weights = betas.map(lambda beta: 1 - beta) | st.just(1.0)  # of dW in momentum: 1 − β (the lecture's form) or 1
KERNELS = {  # name -> (kernel, strategy of its arguments)
    "gd": (gd._gd_in_place, st.tuples(_flat(2), st.tuples(learning_rates))),
    "momentum": (momentum._momentum_in_place, st.tuples(_flat(3), st.tuples(learning_rates, betas, _weights))),
    "rmsprop": (rmsprop._rmsprop_in_place, st.tuples(_flat(3), st.tuples(learning_rates, betas, epsilons))),
    "adam": (adam._adam_in_place, st.tuples(_flat(4), st.tuples(learning_rates, betas, betas, epsilons, _corrections,
                                                                 _corrections))),
    "bias + relu": (nn._add_bias_relu, st.tuples(_bias_relu(), st.just(()))),
    "relu derivative": (nn._times_relu_derivative, st.tuples(_relu_derivative(), st.just(()))),
}


@pytest.mark.parametrize("name", KERNELS)
@given(data=st.data())
def test_each_kernels_numpy_form_gives_the_bits_of_its_compiled_loop(name, data):
    """The same numbers, the sign of zero and where the NaNs are included; not the sign of a NaN: of two NaNs
    added, which one the sum keeps depends on the instruction numpy picks for the array (and no output shows it)."""
    run, arguments = KERNELS[name]
    arrays, numbers = data.draw(arguments)
    results = {}
    for speed in SPEEDS:
        copies = [array.copy(order="K") for array in arrays]
        with running(speed):
            returned = run(*copies, *numbers)
        results[speed] = returned, copies
    (returned_compiled, compiled), (returned_numpy, numpy) = results["numba"], results["numpy"]
    assert returned_compiled == returned_numpy
    for index, (a, b) in enumerate(zip(compiled, numpy)):  # every array, written or read
        not_nan = ~np.isnan(a)
        np.testing.assert_array_equal(np.signbit(a[not_nan]), np.signbit(b[not_nan]), err_msg=f"array {index}")
        np.testing.assert_array_equal(a, b, err_msg=f"array {index}")


def _trained() -> dict:
    """Train two small networks (Adam, momentum): the bits of their epoch costs and final parameters, and
    whether the kernels ran compiled and Numba was imported."""
    from coursekit.data import two_moons
    from coursekit.optim import Adam, Momentum
    from coursekit.train import train

    X, Y = two_moons(m=200, seed=0)
    numbers = []
    for opt in (Adam(0.01), Momentum(0.1)):
        history = train(X, Y, [2, 16, 8, 1], opt, epochs=3, mini_batch_size=32)
        numbers += [cost.hex() for cost in history.epoch_costs]
        numbers += [hashlib.sha256(history.params[key].tobytes()).hexdigest() for key in sorted(history.params)]
    return {"compiled": _compile.compiled(), "numba imported": sys.modules.get("numba") is not None,
            "numbers": numbers}


def _trained_in_a_new_process(setup: str = "", **env) -> dict:
    program = f"import json, sys\n{setup}\nfrom tests.test_compile import _trained\nprint(json.dumps(_trained()))"
    run = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=300, cwd=ROOT,
                         env={**os.environ, "MPLBACKEND": "Agg", **env})
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout)


def test_with_numba_unimportable_the_package_imports_trains_and_gives_the_same_numbers():
    """As on a Python Numba has no wheel for: ``import numba`` fails, and training gives the same bits."""
    without = _trained_in_a_new_process("sys.modules['numba'] = None  # import numba raises ImportError")
    assert not without["compiled"] and not without["numba imported"]
    assert without["numbers"] == _trained()["numbers"]


def test_coursekit_jit_0_runs_the_numpy_forms_and_never_imports_numba():
    pytest.importorskip("numba")
    off = _trained_in_a_new_process(COURSEKIT_JIT="0")
    assert not off["compiled"] and not off["numba imported"]
    with running("numba"):
        assert off["numbers"] == _trained()["numbers"]
