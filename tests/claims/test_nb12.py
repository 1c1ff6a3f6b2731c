"""The claims of notebook 12 (After the lecture), its AdamW section, each at the notebook's own settings, with the
number it states (the schedules section has its own file).

If a change to coursekit breaks one of these, the notebook's text no longer matches what it computes:
re-execute the notebook, read the new numbers and fix the text (or the change).
"""

import numpy as np
import pytest

from coursekit import optim
from coursekit.course.questions.nb12 import DECAYS, LRS
from coursekit.experiments import weight_decay
from coursekit.experiments.over_seeds import train_over_seeds
from coursekit.train import train

# --- the notebook's settings ---------------------------------------------------------------------------
GD_LR, GD_LAMBDA = 0.1, 0.5
SIZES, PATH_LR, PATH_LAMBDA, PATH_STEPS = [0.01, 1.0, 100.0], 0.01, 0.1, 300
M_TRAIN, M_VALIDATION, LAYERS, EPOCHS, SEEDS = 100, 400, [64, 16, 10], 100, range(3)


@pytest.fixture(scope="module")
def split():
    return weight_decay.small_digits(M_TRAIN, M_VALIDATION)


@pytest.fixture(scope="module")
def race(split):
    optimizers = [weight_decay.decayed(*run) for run in weight_decay.race_grid(LRS, DECAYS)]
    runs = train_over_seeds(split.X, split.Y, LAYERS, optimizers, SEEDS, EPOCHS, mini_batch_size=M_TRAIN,
                            evaluate_every=EPOCHS)
    return weight_decay.decay_race(split, LRS, DECAYS, SEEDS, runs)


def test_the_notebook_asks_the_race_of_its_question_module():
    assert LRS == (0.003, 0.01, 0.03, 0.1) and DECAYS == (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)


def test_for_gradient_descent_l2_and_decoupled_decay_are_one_step_to_rounding():
    rng = np.random.default_rng(0)
    W, dW = rng.standard_normal((3, 4)), rng.standard_normal((3, 4))
    params = {"W": W.copy()}
    optim.L2(optim.GD(GD_LR), GD_LAMBDA).step(params, {"W": dW})
    difference = np.abs(params["W"] - ((1 - GD_LR * GD_LAMBDA) * W - GD_LR * dW)).max()
    assert f"{difference:.1e}" == "2.2e-16"
    one_adam, one_adamw = {"W": W.copy()}, {"W": W.copy()}
    optim.L2(optim.Adam(GD_LR), GD_LAMBDA).step(one_adam, {"W": dW})
    optim.AdamW(GD_LR, weight_decay=GD_LAMBDA).step(one_adamw, {"W": dW})
    assert np.abs(one_adam["W"] - one_adamw["W"]).max() > 0.01, "for Adam the two are not one step"


def test_in_noise_l2_inside_adam_crushes_the_weight_with_small_gradients_and_adamw_decays_all_alike():
    paths = weight_decay.decay_paths(SIZES, PATH_LR, PATH_LAMBDA, PATH_STEPS)
    assert [f"{w:.3f}" for w in paths["Adam + L2"][-1]] == ["0.000", "0.754", "1.015"]
    assert [f"{w:.3f}" for w in paths["AdamW"][-1]] == ["0.754"] * 3


def test_the_exercises_solution_drives_the_three_weights_as_the_course_does():
    def adamw_update(w, v, s, dw, t, lr, beta1, beta2, eps, weight_decay):  # the notebook's solution
        w = w * (1 - lr * weight_decay)
        v = beta1 * v + (1 - beta1) * dw
        s = beta2 * s + (1 - beta2) * dw**2
        v_hat = v / (1 - beta1**t)
        s_hat = s / (1 - beta2**t)
        w = w - lr * v_hat / (np.sqrt(s_hat) + eps)
        return w, v, s

    mine = weight_decay.decay_paths(SIZES, PATH_LR, PATH_LAMBDA, PATH_STEPS, adamw=adamw_update)["AdamW"]
    assert [f"{w:.3f}" for w in mine[-1]] == ["0.754"] * 3


def test_each_at_its_own_best_l2_inside_adam_leads_on_every_seed_and_adamw_gains_on_adam_but_not_on_every_seed(race):
    picks = {method: race.best(method) for method in weight_decay.METHODS}
    assert picks == {"Adam": (0.01, 0.0), "Adam + L2": (0.03, 0.01), "AdamW": (0.01, 0.3)}
    shown = {method: [f"{a:.1%}" for a in race.at_best(method)] for method in weight_decay.METHODS}
    assert shown == {"Adam": ["77.4%", "73.5%", "73.5%"], "Adam + L2": ["77.7%", "77.2%", "78.8%"],
                     "AdamW": ["76.6%", "76.9%", "75.2%"]}
    means = {method: f"{race.at_best(method).mean():.1%}" for method in weight_decay.METHODS}
    assert means == {"Adam": "74.8%", "Adam + L2": "77.9%", "AdamW": "76.2%"}
    l2, adamw, adam = (race.at_best(method) for method in ("Adam + L2", "AdamW", "Adam"))
    assert (l2 > adamw).all() and (l2 > adam).all(), "ahead on every seed"
    assert adamw.mean() > adam.mean() and not (adamw > adam).all(), "AdamW ahead of Adam on average, not on every seed"
    spread = [race.at_best(method).mean() for method in weight_decay.METHODS]
    assert max(spread) - min(spread) <= 0.05, "within a few points (the question's choice)"


def test_the_picks_lie_inside_the_grid(race):
    for method in weight_decay.METHODS:
        lr, lam = race.best(method)
        assert LRS[0] < lr < LRS[-1]
        assert method == "Adam" or DECAYS[0] < lam < DECAYS[-1]


def test_the_same_lambda_is_a_different_knob(race):
    def curve(method):
        i = list(race.lrs).index(race.best(method)[0])
        return [f"{a:.2f}" for a in race.validation[method][i].mean(axis=1)]

    l2, adamw = curve("Adam + L2"), curve("AdamW")
    assert l2[2:6] == ["0.81", "0.78", "0.70", "0.09"] and set(l2[5:]) == {"0.09"}
    assert set(adamw[:7]) <= {"0.77", "0.78", "0.79"} and adamw[-1] == "0.51"


def test_l2_decays_every_weight_of_the_network_far_harder_than_adamw(split, race):
    lr, lam = race.best("Adam + L2")
    l2 = weight_decay.decayed("Adam + L2", lr, lam)
    train(split.X, split.Y, LAYERS, l2, EPOCHS, M_TRAIN, seed=0)
    s = np.concatenate([array.ravel() for array in l2.state["s"].values()])
    harder = weight_decay.decay_inside_adam(s, l2.t, lr, lam) / (lr * lam)
    low, middle, high = np.quantile(harder, [0.1, 0.5, 0.9])
    assert (s.size, f"{low:,.0f}", f"{high:,.0f}", f"{middle:,.0f}") == (1210, "114", "6,284", "837")
    assert np.sqrt(s / (1 - 0.999**l2.t)).max() < 0.1, "every weight has a small √ŝ"
