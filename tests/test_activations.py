"""Tests of coursekit.activations: values by hand, and no overflow at extreme inputs."""

import math
import warnings

import numpy as np

from coursekit.activations import relu, sigmoid, softmax


def test_activations_values_and_no_overflow_warning():
    z = np.array([-1000.0, -1.0, 0.0, 2.0, 1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = sigmoid(z)
        sm = softmax(np.array([[1000.0, 0.0], [0.0, 0.0], [-1000.0, math.log(2)]]))
    np.testing.assert_allclose(s, [0.0, 1 / (1 + math.e), 0.5, 1 / (1 + math.exp(-2)), 1.0])
    np.testing.assert_allclose(sm[:, 0], [1.0, 0.0, 0.0])
    np.testing.assert_allclose(sm[:, 1], [0.25, 0.25, 0.5])
    np.testing.assert_array_equal(relu(z), [0.0, 0.0, 0.0, 2.0, 1000.0])
