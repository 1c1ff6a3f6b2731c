"""Tests of coursekit.nn: gradient checks, He initialisation, activations, cost, predictions, errors."""

import math
import tracemalloc

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from coursekit import nn
from coursekit.activations import relu
from tests.speeds import SPEEDS, running

EPS = 1e-6  # finite-difference step, float64


def _problem(layer_dims, seed, m=7):
    """Random inputs, labels and parameters (He weights, random non-zero biases) for a gradient check."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((layer_dims[0], m))
    n_y = layer_dims[-1]
    if n_y == 1:
        Y = rng.integers(0, 2, size=(1, m)).astype(float)
    else:
        Y = np.eye(n_y)[:, rng.integers(0, n_y, size=m)]
    params = nn.init_params(layer_dims, seed=seed)
    for key in params:
        if key.startswith("b"):
            params[key] += 0.1 * rng.standard_normal(params[key].shape)
    return X, Y, params


def _numerical_grads(X, Y, params):
    """Central differences ``(J(θ + ε) − J(θ − ε)) / 2ε`` for every entry of every parameter array."""
    grads = {}
    for key, theta in params.items():
        g = np.zeros_like(theta)
        for idx in np.ndindex(theta.shape):
            old = theta[idx]
            theta[idx] = old + EPS
            J_plus = nn.cost(nn.forward(X, params)[0], Y)
            theta[idx] = old - EPS
            J_minus = nn.cost(nn.forward(X, params)[0], Y)
            theta[idx] = old
            g[idx] = (J_plus - J_minus) / (2 * EPS)
        grads[key] = g
    return grads


def _relative_error(a, b):
    return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))


@pytest.mark.parametrize(
    "layer_dims, seed",
    [
        ([2, 5, 2, 1], 0),  # sigmoid output, two hidden layers (the two-moons network)
        ([4, 3, 3], 1),  # softmax, one hidden layer
        ([3, 6, 4, 5, 2], 2),  # softmax, three hidden layers
        ([5, 4, 1], 3),  # sigmoid, one hidden layer
        ([3, 4], 4),  # softmax, no hidden layer (multinomial logistic regression)
    ],
)
def test_backward_matches_central_differences_for_every_array(layer_dims, seed):
    X, Y, params = _problem(layer_dims, seed)
    _, cache = nn.forward(X, params)
    # ReLU has a kink at 0; with these seeds no hidden pre-activation is within 1e-3 of it, far more than
    # a step of EPS in any parameter moves it (|ΔZ| <= EPS · max|A| ~ 1e-5), so differences never cross it.
    hidden_Z = [Z for _, _, Z in cache[:-1]]
    assert all(np.abs(Z).min() > 1e-3 for Z in hidden_Z)
    _, grads = nn.cost_and_grads(X, Y, params)
    numerical = _numerical_grads(X, Y, params)
    assert list(grads) == list(params)
    for key in params:
        assert grads[key].shape == params[key].shape
        assert _relative_error(grads[key], numerical[key]) < 1e-7, key


def test_gradient_check_can_fail():
    X, Y, params = _problem([2, 5, 2, 1], 0)
    _, grads = nn.cost_and_grads(X, Y, params)
    numerical = _numerical_grads(X, Y, params)
    assert _relative_error(2 * grads["W1"], numerical["W1"]) > 0.1  # a factor 2 (e.g. a lost 1/2) is caught


def test_backward_matches_pytorch_autograd():
    torch = pytest.importorskip("torch")
    X, Y, params = _problem([3, 6, 4, 5, 2], 5, m=11)
    _, grads = nn.cost_and_grads(X, Y, params)
    t = {key: torch.tensor(value, dtype=torch.float64, requires_grad=True) for key, value in params.items()}
    A = torch.tensor(X)
    for l in (1, 2, 3):
        A = torch.relu(t[f"W{l}"] @ A + t[f"b{l}"])
    logits = t["W4"] @ A + t["b4"]
    J = torch.nn.functional.cross_entropy(logits.T, torch.tensor(Y.argmax(axis=0)))
    J.backward()
    assert J.item() == pytest.approx(nn.cost(nn.forward(X, params)[0], Y), rel=1e-12)
    for key in params:
        np.testing.assert_allclose(grads[key], t[key].grad.numpy(), rtol=1e-10, atol=1e-14)


# --- initialisation --------------------------------------------------------------------------------


def test_he_initialisation_statistics_of_a_large_layer():
    params = nn.init_params([800, 600, 3], seed=0)
    W1 = params["W1"]
    assert W1.shape == (600, 800)
    assert W1.std() == pytest.approx(math.sqrt(2 / 800), rel=0.01)
    assert abs(W1.mean()) < 0.01 * math.sqrt(2 / 800) * 10
    assert params["W2"].std() == pytest.approx(math.sqrt(2 / 600), rel=0.1)
    np.testing.assert_array_equal(params["b1"], np.zeros((600, 1)))
    np.testing.assert_array_equal(params["b2"], np.zeros((3, 1)))


def test_init_params_keys_shapes_dtype_and_seeding():
    params = nn.init_params([4, 3, 2, 1], seed=9)
    assert list(params) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert [params[k].shape for k in params] == [(3, 4), (3, 1), (2, 3), (2, 1), (1, 2), (1, 1)]
    assert all(v.dtype == np.float64 for v in params.values())
    again = nn.init_params([4, 3, 2, 1], seed=9)
    other = nn.init_params([4, 3, 2, 1], seed=10)
    assert all(np.array_equal(params[k], again[k]) for k in params)
    assert not np.array_equal(params["W1"], other["W1"])


# --- forward, cost ---------------------------------------------------------------------------------


def test_forward_softmax_columns_sum_to_one_and_sigmoid_lies_in_unit_interval():
    X, _, params = _problem([3, 6, 4, 5], 0, m=50)
    AL, cache = nn.forward(X, params)
    assert AL.shape == (5, 50) and len(cache) == 3
    np.testing.assert_allclose(AL.sum(axis=0), 1.0)
    assert AL.min() > 0
    X, _, params = _problem([2, 5, 1], 0, m=50)
    AL, _ = nn.forward(X, params)
    assert AL.shape == (1, 50) and 0 < AL.min() and AL.max() < 1


def test_forward_by_hand():
    params = {"W1": np.array([[1.0, 0.0], [0.0, -1.0]]), "b1": np.array([[0.0], [1.0]]),
              "W2": np.array([[2.0, 3.0]]), "b2": np.array([[-1.0]])}
    AL, cache = nn.forward(np.array([[1.0], [2.0]]), params)
    # Z1 = (1, -1), A1 = (1, 0), Z2 = 2 · 1 + 3 · 0 − 1 = 1
    np.testing.assert_allclose(cache[1][2], [[1.0]])
    np.testing.assert_allclose(AL, [[1 / (1 + math.exp(-1))]])


def test_cost_by_hand_for_sigmoid_and_softmax():
    expected = -(math.log(0.9) + math.log(0.8)) / 2
    assert nn.cost(np.array([[0.9, 0.2]]), np.array([[1.0, 0.0]])) == pytest.approx(expected)
    AL = np.array([[0.7, 0.1], [0.2, 0.6], [0.1, 0.3]])
    Y = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]])
    assert nn.cost(AL, Y) == pytest.approx(-(math.log(0.7) + math.log(0.3)) / 2)


def test_cost_of_a_perfect_prediction_is_about_zero_and_of_a_sure_mistake_is_finite():
    Y = np.array([[1.0, 0.0, 1.0]])
    assert 0 <= nn.cost(Y, Y) < 1e-11
    one_hot = np.eye(4)[:, [0, 3, 1]]
    assert 0 <= nn.cost(one_hot, one_hot) < 1e-11
    assert nn.cost(np.array([[0.0]]), np.array([[1.0]])) == pytest.approx(-math.log(nn.TINY))


def test_backward_output_layer_gradient_is_al_minus_y_over_m():
    X, Y, params = _problem([3, 4], 0, m=5)
    AL, cache = nn.forward(X, params)
    grads = nn.backward(AL, Y, cache)
    np.testing.assert_allclose(grads["b1"], (AL - Y).sum(axis=1, keepdims=True) / 5)
    np.testing.assert_allclose(grads["W1"], (AL - Y) @ X.T / 5)


# --- predictions -----------------------------------------------------------------------------------


def test_predict_and_accuracy_sigmoid_by_hand():
    params = {"W1": np.array([[1.0, -1.0]]), "b1": np.array([[0.5]])}
    X = np.array([[2.0, 0.0, 1.0, -3.0], [1.0, 3.0, 1.0, 0.0]])  # z = 1.5, -2.5, 0.5, -2.5
    np.testing.assert_array_equal(nn.predict(X, params), [[1, 0, 1, 0]])
    assert nn.accuracy(X, np.array([[1.0, 0.0, 0.0, 0.0]]), params) == 0.75
    J, acc = nn.evaluate(X, np.array([[1.0, 0.0, 0.0, 0.0]]), params)
    assert acc == 0.75 and J == pytest.approx(nn.cost(nn.forward(X, params)[0], np.array([[1.0, 0, 0, 0]])))


def test_predict_and_accuracy_softmax_by_hand():
    params = {"W1": np.eye(3), "b1": np.zeros((3, 1))}
    X = np.array([[5.0, 0.0, 0.0, 1.0], [1.0, 0.0, 4.0, 2.0], [0.0, 3.0, 1.0, 0.0]])
    np.testing.assert_array_equal(nn.predict(X, params), [[0, 2, 1, 1]])
    Y = np.eye(3)[:, [0, 2, 2, 0]]
    assert nn.accuracy(X, Y, params) == 0.5


def test_accuracy_against_soft_outputs_at_the_threshold():
    # One sigmoid unit with W = 1, b = 0 on x = logit(a) outputs a: 0.51 counts as class 1, exactly 0.5 as class 0.
    a = np.array([0.0001, 0.9999, 0.51, 0.5])
    params = {"W1": np.ones((1, 1)), "b1": np.zeros((1, 1))}
    X = np.log(a / (1 - a))[np.newaxis, :]
    np.testing.assert_array_equal(nn.predict(X, params), [[0, 1, 1, 0]])


# --- bad input -------------------------------------------------------------------------------------


def test_init_params_rejects_too_few_layers():
    with pytest.raises(ValueError, match=r"layer_dims must be a list of at least two sizes.*got \[3\]"):
        nn.init_params([3])


def test_init_params_rejects_a_zero_layer_size():
    with pytest.raises(ValueError, match=r"layer_dims\[1\] must be an integer >= 1, got 0"):
        nn.init_params([3, 0, 1])


def test_init_params_rejects_a_float_layer_size():
    with pytest.raises(TypeError, match=r"layer_dims\[0\] must be an integer >= 1, got 2.5"):
        nn.init_params([2.5, 1])


def test_init_params_rejects_a_negative_seed():
    with pytest.raises(ValueError, match=r"seed must be an integer >= 0, got -1"):
        nn.init_params([2, 1], seed=-1)


def test_forward_rejects_x_with_the_wrong_number_of_rows():
    with pytest.raises(ValueError, match=r"X must have 2 rows \(the columns of W1\), got shape \(3, 4\)"):
        nn.forward(np.ones((3, 4)), nn.init_params([2, 3, 1]))


def test_forward_rejects_a_1d_x():
    with pytest.raises(ValueError, match=r"X must be a 2-D array, got 1-D array of shape \(2,\)"):
        nn.forward(np.ones(2), nn.init_params([2, 1]))


def test_forward_rejects_x_with_nan():
    with pytest.raises(ValueError, match=r"X must be finite, got 1 NaN or inf"):
        nn.forward(np.array([[1.0, np.nan], [0.0, 0.0]]), nn.init_params([2, 1]))


def test_forward_rejects_params_with_missing_keys():
    params = nn.init_params([2, 3, 1])
    del params["b2"]
    with pytest.raises(ValueError, match=r"params must have the keys W1, b1, \.\.\., WL, bL, got \['W1', 'W2', 'b1'\]"):
        nn.forward(np.ones((2, 1)), params)


def test_forward_rejects_params_that_are_not_a_dict():
    with pytest.raises(TypeError, match=r"params must be a non-empty dict.*got list"):
        nn.forward(np.ones((2, 1)), [np.ones((1, 2))])


def test_forward_rejects_a_bias_of_the_wrong_shape():
    params = nn.init_params([2, 3, 1])
    params["b1"] = np.zeros((1, 3))
    with pytest.raises(ValueError, match=r"params\['b1'\] must have shape \(3, 1\) to match W1, got \(1, 3\)"):
        nn.forward(np.ones((2, 1)), params)


def test_forward_rejects_weights_that_do_not_chain():
    params = nn.init_params([2, 3, 1])
    params["W2"] = np.ones((1, 4))
    with pytest.raises(ValueError, match=r"params\['W2'\] must have 3 columns \(the rows of W1\), got shape \(1, 4\)"):
        nn.forward(np.ones((2, 1)), params)


def test_cost_rejects_y_of_another_shape():
    with pytest.raises(ValueError, match=r"Y must have the shape of AL, \(1, 3\), got \(3, 1\)"):
        nn.cost(np.full((1, 3), 0.5), np.ones((3, 1)))


def test_cost_rejects_activations_outside_the_unit_interval():
    with pytest.raises(ValueError, match=r"AL must hold values in \[0, 1\], got values from -0.5 to 0.5"):
        nn.cost(np.array([[-0.5, 0.5]]), np.array([[0.0, 1.0]]))


def test_cost_rejects_integer_class_labels():
    with pytest.raises(ValueError, match=r"Y must hold values in \[0, 1\], got values from 0.0 to 2.0"):
        nn.cost(np.full((1, 3), 0.5), np.array([[0, 1, 2]]))


def test_backward_rejects_a_cache_from_another_call():
    X, Y, params = _problem([3, 4], 0, m=5)
    AL, _ = nn.forward(X, params)
    with pytest.raises(ValueError, match=r"cache must be the list returned by forward\(\) together with this AL"):
        nn.backward(AL, Y, [])


def test_backward_rejects_y_of_another_shape():
    X, _, params = _problem([3, 4], 0, m=5)
    AL, cache = nn.forward(X, params)
    with pytest.raises(ValueError, match=r"Y must have the shape of AL, \(4, 5\), got \(1, 5\)"):
        nn.backward(AL, np.zeros((1, 5)), cache)


def test_accuracy_rejects_labels_of_the_wrong_size():
    params = nn.init_params([2, 3])
    with pytest.raises(ValueError, match=r"Y must have the shape of AL, \(3, 4\), got \(1, 4\)"):
        nn.accuracy(np.ones((2, 4)), np.zeros((1, 4)), params)


def test_the_training_loop_forms_in_a_workspace_allocate_no_large_temporary():
    """After a first step has made the workspace's arrays, another step on 1,438 examples allocates no array of
    its own (< 128 KiB: what numpy buffers for broadcasting and casting is 64 KiB at most per operation)."""
    rng = np.random.default_rng(0)
    X, Y = rng.random((64, 1438)), np.eye(10)[:, rng.integers(0, 10, size=1438)]
    params, work = nn.init_params([64, 128, 64, 10]), nn.Workspace()
    nn._cost_and_grads(X, Y, params, work)
    tracemalloc.start()
    try:
        J, grads = nn._cost_and_grads(X, Y, params, work)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 128 * 1024  # each hidden layer's Z, A and dA has 0.7-1.4 MiB
    J_fresh, grads_fresh = nn.cost_and_grads(X, Y, params)
    assert J == J_fresh and all(np.array_equal(grads[key], grads_fresh[key]) for key in params)


# The one-pass kernels of the forward and backward passes, compiled or in their numpy form, give the bits of the
# numpy expressions they replace, for any float (NaN, ±inf, ±0.0 included) and any memory layout.

_any_float = st.floats(allow_subnormal=True) | st.sampled_from([0.0, -0.0, math.inf, -math.inf, math.nan])


def _held(value: np.ndarray, fortran: bool) -> np.ndarray:
    return np.asfortranarray(value) if fortran else value


def _signs(a: np.ndarray) -> np.ndarray:
    """The sign bits of ``a`` but of its NaNs: IEEE leaves a NaN's sign unspecified, and numpy's SIMD loops differ."""
    return np.signbit(a) & ~np.isnan(a)


@pytest.mark.parametrize("speed", SPEEDS)
@given(hnp.arrays(np.float64, hnp.array_shapes(min_dims=2, max_dims=2, max_side=9), elements=_any_float),
       st.data(), st.booleans())
def test_add_bias_relu_is_z_plus_b_then_relu_bit_for_bit(speed, Z, data, fortran):
    b = data.draw(hnp.arrays(np.float64, (Z.shape[0], 1), elements=_any_float))
    with np.errstate(invalid="ignore", over="ignore"):
        expected_Z = Z + b
        expected_A = relu(expected_Z)
    Z, A = _held(Z.copy(), fortran), np.empty_like(Z)
    with running(speed):
        nn._add_bias_relu(Z, b, A)
    np.testing.assert_array_equal(_signs(Z), _signs(expected_Z))
    np.testing.assert_array_equal(Z, expected_Z)
    np.testing.assert_array_equal(_signs(A), _signs(expected_A))
    np.testing.assert_array_equal(A, expected_A)


@pytest.mark.parametrize("speed", SPEEDS)
@given(hnp.arrays(np.float64, hnp.array_shapes(min_dims=2, max_dims=2, max_side=9), elements=_any_float),
       st.data(), st.booleans())
def test_times_relu_derivative_is_the_product_with_the_mask_bit_for_bit(speed, dA, data, fortran):
    Z = data.draw(hnp.arrays(np.float64, dA.shape, elements=_any_float))
    with np.errstate(invalid="ignore"):
        expected = np.multiply(dA, Z > 0)
    dZ = _held(dA.copy(), fortran)
    with running(speed):
        nn._times_relu_derivative(dZ, Z)
    np.testing.assert_array_equal(_signs(dZ), _signs(expected))
    np.testing.assert_array_equal(dZ, expected)


# The unchecked passes also run K networks stacked along a first axis, on shared inputs and labels.

@pytest.mark.parametrize("layer_dims, m", [([2, 5, 3, 1], 7), ([4, 6, 3], 9), ([64, 64, 10], 300)])
def test_stacked_networks_get_what_each_network_gets_alone(layer_dims, m):
    """One stacked pass equals each network's own pass: the output and gradients bit for bit, the cost up to
    the order of its sum (a softmax's costs are summed over the networks' columns side by side). The last
    case is too large for one product of all the networks' rows (nn.ONE_THREAD): one product per network."""
    nets = [_problem(layer_dims, seed, m) for seed in range(3)]
    X, Y = nets[0][0], nets[0][1]
    stacked = {key: np.stack([params[key] for _, _, params in nets]) for key in nets[0][2]}
    work = nn.Workspace()
    AL, cache = nn._forward(X, stacked, work)
    costs, grads = nn._cost_and_grads(X, Y, stacked, work)
    assert costs.shape == (3,) and AL.shape == (3, layer_dims[-1], m)
    for k, (_, _, params) in enumerate(nets):
        J, expected = nn.cost_and_grads(X, Y, params)
        np.testing.assert_array_equal(AL[k], nn.forward(X, params)[0])
        assert costs[k] == pytest.approx(J, rel=1e-14)
        for key in params:
            np.testing.assert_array_equal(grads[key][k], expected[key])
