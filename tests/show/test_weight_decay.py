"""Tests of coursekit.show.weight_decay, headless: the grid figure rings each best λ, the histogram of √ŝ counts every
weight with the line where both decays agree, the paths are those of coursekit.experiments.weight_decay, and the
explorer follows its sliders and keeps a static face."""

import base64
import io

import numpy as np
import pytest
from matplotlib.colors import to_hex
from PIL import Image

from coursekit.experiments.weight_decay import decay_paths
from coursekit.show import weight_decay
from coursekit.show.explorer import STATIC_TEXT


def _lines(fig) -> dict:
    return {line.get_gid(): line for line in fig.axes[0].lines}


def test_the_grid_figure_draws_each_method_against_lambda_and_rings_its_best():
    fig = weight_decay.plot_decay_grid([0.01, 0.1, 1.0], {"Adam + L2": [0.8, 0.7, 0.1], "AdamW": [0.78, 0.79, 0.6]},
                                       baseline=0.78)
    lines = _lines(fig)
    assert lines["best Adam + L2"].get_xydata().tolist() == [[0.01, 0.8]]
    assert lines["best AdamW"].get_xydata().tolist() == [[0.1, 0.79]]
    assert lines["Adam"].get_ydata()[0] == 0.78 and fig.axes[0].get_xscale() == "log"
    assert to_hex(lines["AdamW"].get_color()) == weight_decay.METHOD_COLORS["AdamW"].lower()


def test_the_histogram_counts_every_weight_and_marks_where_l2_decays_as_adamw():
    roots = np.array([3e-5, 2e-4, 2e-4, 5e-3, 2e-2])
    fig = weight_decay.plot_root_s_hat(roots)
    ax = fig.axes[0]
    assert sum(patch.get_height() for patch in ax.patches) == roots.size
    assert _lines(fig)["as AdamW"].get_xdata()[0] == 1.0 and ax.get_xscale() == "log"


def test_the_paths_figure_draws_each_weight_and_adamws_lines_once_in_the_legend():
    paths = decay_paths([0.01, 1.0, 100.0], 0.01, 0.1, 20)
    fig = weight_decay.plot_decay_paths(paths, [0.01, 1.0, 100.0])
    lines = _lines(fig)
    np.testing.assert_array_equal(lines["Adam + L2, |dW| = 0.01"].get_ydata(), paths["Adam + L2"][:, 0])
    np.testing.assert_array_equal(lines["AdamW, |dW| = 100"].get_ydata(), paths["AdamW"][:, 2])
    legend = [text.get_text() for text in fig.axes[0].get_legend().get_texts()]
    assert legend == ["AdamW, every weight", "Adam + L2, |dW| = 0.01", "Adam + L2, |dW| = 1", "Adam + L2, |dW| = 100"]
    assert [line.get_gid() for line in fig.axes[0].lines][:3] == [f"AdamW, |dW| = {g}" for g in ("0.01", "1", "100")]


def test_the_explorer_follows_alpha_and_lambda_and_keeps_a_static_face():
    w = weight_decay.decay_explorer(lr=0.01, weight_decay=0.1, steps=50)
    w.controls["weight_decay"].value = 1.0
    w.controls["lr"].value = 0.03
    expected = decay_paths([0.01, 1.0, 100.0], w.controls["lr"].value, w.controls["weight_decay"].value, 50)
    np.testing.assert_allclose(_lines(w.figure)["AdamW, |dW| = 1"].get_ydata(), expected["AdamW"][:, 1], rtol=1e-12)
    assert f"{expected['AdamW'][-1][0]:.3f}" in w.summary.value
    bundle = w._repr_mimebundle_()
    assert bundle["text/plain"] == STATIC_TEXT
    assert Image.open(io.BytesIO(base64.b64decode(bundle["image/png"]))).size == (600, 400)


@pytest.mark.parametrize("call, message", [
    (lambda: weight_decay.plot_decay_grid([0.0, 1.0], {"AdamW": [0.1, 0.2]}), r"weight_decays must be numbers > 0"),
    (lambda: weight_decay.plot_decay_grid([0.1, 1.0], {"AdamW": [0.1]}), r"accuracies\['AdamW'\] must hold one"),
    (lambda: weight_decay.plot_root_s_hat([0.0, 1.0]), r"root_s_hat must be numbers > 0"),
    (lambda: weight_decay.plot_decay_paths({"AdamW": np.ones((3, 2))}, [1.0]), r"must have one column per size"),
])
def test_bad_data_is_refused_naming_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()
