"""Tests of coursekit.train: the classic optimizer comparison, digits, history bookkeeping, schedules, errors."""

import numpy as np
import pytest

from coursekit import data, nn, schedules
from coursekit.minibatch import random_mini_batches
from coursekit.optim import GD, Adam, Momentum, RMSprop, make_optimizer
from coursekit.train import History, train

# The classic comparison: two moons (m = 300, noise = 0.2), a [2, 5, 2, 1] network, mini-batches of 64
# (5 steps per epoch), α = 0.0007 for every optimizer. 1,500 epochs (7,500 steps) is about the fewest
# after which Adam is above 90 %: at 1,000 epochs data seed 1 with init seed 0 is still at 89 %.
# Measured over data seeds 0-3 × init seeds 0-2 at 1,500 epochs: with init seeds 0 and 1, Adam reached
# 90.7-98.7 % and GD 57.7-77.3 % (Momentum within 0.3 % of GD where measured) in all 8 cases.
# Init seed 2 breaks the claim: its random initial network already separates the moons by a nearly
# straight line, so GD sits at 81-86 % from the start (and Adam at 86.7 % on data seed 3).
# The claim is about a typical slow start; two of the eight good cases are tested (about 7 s each).
MOONS_EPOCHS = 1500
MOONS_LR = 0.0007


@pytest.mark.slow
@pytest.mark.parametrize("data_seed, seed", [(0, 0), (1, 1)])
def test_adam_beats_gd_and_momentum_on_two_moons(data_seed, seed):
    X, Y = data.two_moons(m=300, noise=0.2, seed=data_seed)
    optimizers = {"gd": GD(MOONS_LR), "momentum": Momentum(MOONS_LR, beta=0.9), "adam": Adam(MOONS_LR)}
    h = {name: train(X, Y, [2, 5, 2, 1], opt, epochs=MOONS_EPOCHS, mini_batch_size=64, seed=seed)
         for name, opt in optimizers.items()}
    assert h["adam"].train_accuracy[-1] >= 0.90
    assert h["gd"].train_accuracy[-1] < 0.80
    assert h["momentum"].train_accuracy[-1] < 0.80
    assert h["adam"].epoch_costs[-1] < 0.6 * min(h["gd"].epoch_costs[-1], h["momentum"].epoch_costs[-1])


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_adam_reaches_95_percent_test_accuracy_on_digits_in_20_epochs(seed):
    # [64, 64, 10] with Adam(α = 0.01), 23 mini-batches of 64 per epoch: after 20 epochs the test accuracy
    # was 96.4-98.6 % for split/init seeds 0-5 (seed 3 holds out the hardest test set).
    split = data.load_digits(test_fraction=0.2, seed=seed)
    h = train(split.X_train, split.Y_train, [64, 64, 10], Adam(lr=0.01), epochs=20, mini_batch_size=64,
              seed=seed, X_test=split.X_test, Y_test=split.Y_test)
    assert h.test_accuracy[-1] >= 0.95
    assert h.train_accuracy[-1] >= h.test_accuracy[-1] - 0.02


# --- bookkeeping -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def moons():
    return data.two_moons(m=300, noise=0.2, seed=0)


def _same_history(a: History, b: History) -> bool:
    arrays = ("costs", "epoch_costs", "lrs", "train_accuracy")
    return all(np.array_equal(getattr(a, f), getattr(b, f)) for f in arrays) and all(
        np.array_equal(a.params[k], b.params[k]) for k in a.params
    )


def test_training_is_deterministic(moons):
    X, Y = moons
    runs = [train(X, Y, [2, 5, 2, 1], Adam(0.01), epochs=15, schedule=schedules.inverse_time_decay(0.01, 0.5), seed=4)
            for _ in range(2)]
    assert _same_history(*runs)
    other = train(X, Y, [2, 5, 2, 1], Adam(0.01), epochs=15, schedule=schedules.inverse_time_decay(0.01, 0.5), seed=5)
    assert not np.array_equal(runs[0].costs, other.costs)


@pytest.mark.parametrize("m, size, steps", [(300, 64, 5), (300, 300, 1), (256, 64, 4), (7, 1, 7)])
def test_history_lengths(m, size, steps):
    X, Y = data.two_moons(m=m, seed=1)
    h = train(X, Y, [2, 3, 1], GD(0.1), epochs=3, mini_batch_size=size)
    assert h.steps_per_epoch == steps and h.epochs == 3
    assert h.costs.shape == (3 * steps,)
    assert h.epoch_costs.shape == h.lrs.shape == h.train_accuracy.shape == (3,)
    assert h.test_accuracy is None
    assert h.epoch_seconds.shape == (3,)


def test_each_epoch_records_the_seconds_of_its_mini_batch_steps_and_nothing_else_changes(moons):
    X, Y = moons
    runs = [train(X, Y, [2, 5, 2, 1], GD(0.1), epochs=4, mini_batch_size=8) for _ in range(2)]
    for h in runs:  # no assertion on the values: timings are for the notebooks and `make bench`
        assert h.epoch_seconds.shape == (4,) and h.epoch_seconds.dtype == float
        assert np.all(np.isfinite(h.epoch_seconds)) and np.all(h.epoch_seconds >= 0)
    assert _same_history(*runs)


def test_seconds_per_epoch_is_the_median_of_the_epochs_seconds(moons):
    h = train(*moons, [2, 3, 1], GD(0.1), epochs=3)
    h.epoch_seconds = np.array([0.2, 5.0, 0.3])  # one epoch slowed by something else
    assert h.seconds_per_epoch == 0.3 and isinstance(h.seconds_per_epoch, float)
    h.epoch_seconds = None  # a run trained side by side
    assert h.seconds_per_epoch is None


def test_mini_batch_costs_are_taken_before_each_step_on_the_epoch_shuffle(moons):
    X, Y = moons
    h = train(X, Y, [2, 5, 2, 1], Momentum(0.05), epochs=2, mini_batch_size=64, seed=3)
    X_1, Y_1 = random_mini_batches(X, Y, 64, seed=3 + 1)[0]  # epoch 1 shuffles with seed + 1
    initial = nn.init_params([2, 5, 2, 1], seed=3)
    assert h.costs[0] == nn.cost(nn.forward(X_1, initial)[0], Y_1)


def test_epoch_records_are_full_set_values_of_the_parameters_at_the_end_of_the_epoch(moons):
    X, Y = moons
    X_test, Y_test = data.two_moons(m=100, seed=9)
    h = train(X, Y, [2, 5, 2, 1], RMSprop(0.01), epochs=4, X_test=X_test, Y_test=Y_test)
    J, acc = nn.evaluate(X, Y, h.params)
    assert h.epoch_costs[-1] == J and h.train_accuracy[-1] == acc
    assert h.test_accuracy.shape == (4,) and h.test_accuracy[-1] == nn.accuracy(X_test, Y_test, h.params)


@pytest.mark.parametrize("optimizer", ["GD", "Momentum", "RMSprop", "Adam"])
@pytest.mark.parametrize("problem, size", [("moons", 1), ("moons", 64), ("moons", 300), ("digits", 16), ("digits", 1438)])
def test_train_is_bit_for_bit_the_loop_of_the_public_calls(moons, optimizer, problem, size):
    """train() runs its loop on the unchecked forms of the nn functions, in a workspace: same numbers exactly."""
    if problem == "moons":
        (X, Y), dims, test = moons, [2, 5, 2, 1], data.two_moons(m=50, seed=9)
    else:
        split = data.load_digits()
        X, Y, dims, test = split.X_train, split.Y_train, [64, 16, 10], (split.X_test, split.Y_test)
    schedule = schedules.inverse_time_decay(0.05, 0.5)
    h = train(X, Y, dims, make_optimizer(optimizer, 0.05), epochs=2, mini_batch_size=size, schedule=schedule,
              seed=2, X_test=test[0], Y_test=test[1])
    params, opt, costs, epoch_costs, accuracies = nn.init_params(dims, seed=2), make_optimizer(optimizer, 0.05), [], [], []
    for epoch in (1, 2):
        opt.lr = schedule(epoch)
        for X_t, Y_t in random_mini_batches(X, Y, size, seed=2 + epoch):
            J, grads = nn.cost_and_grads(X_t, Y_t, params)
            opt.step(params, grads)
            costs.append(J)
        epoch_costs.append(nn.evaluate(X, Y, params)[0])
        accuracies.append(nn.accuracy(test[0], test[1], params))
    assert h.costs.tolist() == costs and h.epoch_costs.tolist() == epoch_costs
    assert h.test_accuracy.tolist() == accuracies
    for key in params:
        np.testing.assert_array_equal(h.params[key], params[key])


def test_training_lowers_the_cost(moons):
    X, Y = moons
    h = train(X, Y, [2, 5, 2, 1], Adam(0.01), epochs=40)
    assert h.epoch_costs[-1] < 0.7 * h.epoch_costs[0]
    assert h.train_accuracy[-1] > 0.8


def test_lr_per_epoch_follows_the_schedule_from_epoch_1(moons):
    X, Y = moons
    opt = GD(1.0)
    h = train(X, Y, [2, 3, 1], opt, epochs=4, schedule=schedules.inverse_time_decay(0.2, decay_rate=1.0))
    np.testing.assert_allclose(h.lrs, [0.1, 0.2 / 3, 0.05, 0.04])
    assert opt.lr == pytest.approx(0.04)  # the schedule drove the optimizer's lr


def test_without_schedule_the_optimizer_lr_is_kept(moons):
    X, Y = moons
    h = train(X, Y, [2, 3, 1], Adam(0.02), epochs=3)
    np.testing.assert_array_equal(h.lrs, [0.02, 0.02, 0.02])


def test_schedule_sets_lr_before_each_epoch(moons):
    X, Y = moons
    calls = []

    def schedule(epoch):
        calls.append(epoch)
        return 0.05

    with_schedule = train(X, Y, [2, 3, 1], GD(0.9), epochs=3, schedule=schedule)
    fixed = train(X, Y, [2, 3, 1], GD(0.05), epochs=3)
    assert calls == [1, 2, 3]
    assert _same_history(with_schedule, fixed)  # not a single step was taken with the initial 0.9


def test_history_repr_is_readable(moons):
    X, Y = moons
    h = train(X, Y, [2, 3, 1], GD(0.1), epochs=2)
    text = repr(h)
    assert text.startswith("History(2 epochs × 5 steps: final cost ")
    assert f"train accuracy {h.train_accuracy[-1]:.3f}" in text and "test" not in text
    h = train(X, Y, [2, 3, 1], GD(0.1), epochs=2, X_test=X, Y_test=Y)
    assert repr(h).endswith(f"test accuracy {h.test_accuracy[-1]:.3f})")


def test_progress_prints_a_text_bar_only_when_asked(moons, capsys):
    X, Y = moons
    train(X, Y, [2, 3, 1], GD(0.1), epochs=3)
    assert capsys.readouterr().out == ""
    train(X, Y, [2, 3, 1], GD(0.1), epochs=100, progress=True)
    out = capsys.readouterr().out
    assert out.count("\r") == 50 and out.endswith("\n")  # every 2nd epoch for 100 epochs
    assert "[##############################] epoch 100/100  cost " in out and "epoch 2/100" in out


# --- bad arguments ---------------------------------------------------------------------------------


def _train(**overrides):
    X, Y = data.two_moons(m=20, seed=0)
    kwargs = dict(X=X, Y=Y, layer_dims=[2, 3, 1], optimizer=GD(0.1), epochs=2) | overrides
    return train(**kwargs)


def test_rejects_zero_epochs():
    with pytest.raises(ValueError, match=r"epochs must be an integer >= 1, got 0"):
        _train(epochs=0)


def test_rejects_fractional_epochs():
    with pytest.raises(TypeError, match=r"epochs must be an integer >= 1, got 2.5"):
        _train(epochs=2.5)


def test_rejects_x_and_y_with_different_numbers_of_examples():
    with pytest.raises(ValueError, match=r"X and Y must have the same number of examples m, got \(2, 20\) and \(1, 19"):
        _train(Y=np.zeros((1, 19)))


def test_rejects_layer_dims_not_matching_the_rows_of_x():
    with pytest.raises(ValueError, match=r"layer_dims must start with the rows of X \(2\).*got \[3, 3, 1\]"):
        _train(layer_dims=[3, 3, 1])


def test_rejects_layer_dims_not_matching_the_rows_of_y():
    with pytest.raises(ValueError, match=r"end with the rows of Y \(1\), got \[2, 3, 2\]"):
        _train(layer_dims=[2, 3, 2])


def test_rejects_a_schedule_that_is_not_callable():
    with pytest.raises(TypeError, match=r"schedule must be None or a function epoch -> lr, got 0.1"):
        _train(schedule=0.1)


def test_rejects_a_schedule_returning_zero():
    with pytest.raises(ValueError, match=r"schedule\(1\) must be a finite number > 0, got 0.0"):
        _train(schedule=lambda epoch: 0.0)


def test_rejects_a_schedule_returning_a_negative_lr_later():
    with pytest.raises(ValueError, match=r"schedule\(2\) must be a finite number > 0, got -0.1"):
        _train(schedule=lambda epoch: 0.1 if epoch == 1 else -0.1)


def test_rejects_something_that_is_not_an_optimizer():
    with pytest.raises(TypeError, match=r"optimizer must be a coursekit.optim optimizer .*got 'adam'"):
        _train(optimizer="adam")


def test_rejects_an_optimizer_that_has_already_stepped():
    opt = Adam(0.01)
    _train(optimizer=opt)
    with pytest.raises(ValueError, match=r"optimizer must be fresh \(t == 0\), got Adam\(lr=0.01.*after 2 steps"):
        _train(optimizer=opt)


def test_rejects_test_inputs_without_test_labels():
    with pytest.raises(ValueError, match=r"X_test and Y_test must be given together"):
        _train(X_test=np.zeros((2, 5)))


def test_rejects_test_inputs_with_the_wrong_number_of_rows():
    with pytest.raises(ValueError, match=r"layer_dims must start with the rows of X_test \(3\)"):
        _train(X_test=np.zeros((3, 5)), Y_test=np.zeros((1, 5)))


def test_rejects_a_zero_mini_batch_size():
    with pytest.raises(ValueError, match=r"mini_batch_size must be an integer >= 1, got 0"):
        _train(mini_batch_size=0)


def test_rejects_labels_outside_zero_and_one():
    with pytest.raises(ValueError, match=r"Y must hold values in \[0, 1\], got values from 0.0 to 2.0"):
        _train(Y=np.tile([[0.0, 2.0]], 10))


def test_a_progress_function_is_told_the_end_of_every_epoch():
    X, Y = np.array([[0.0, 1.0, 2.0, 3.0]]), np.array([[0.0, 0.0, 1.0, 1.0]])
    told = []
    history = train(X, Y, [1, 2, 1], GD(lr=0.5), epochs=3, mini_batch_size=2,
                    progress=lambda epoch, epochs, J, acc: told.append((epoch, epochs, J, acc)))
    assert [(e, n) for e, n, _, _ in told] == [(1, 3), (2, 3), (3, 3)]
    assert [J for _, _, J, _ in told] == history.epoch_costs.tolist()
    assert [a for _, _, _, a in told] == history.train_accuracy.tolist()


# --- the learner's own mini-batches (notebook 01) ---------------------------------------------------


def test_a_mini_batch_function_with_coursekits_permutation_trains_bit_for_bit_the_same(moons):
    X, Y = moons
    calls = []

    def learners(X_, Y_, size, seed):  # the exercise's solution, written as a learner would
        calls.append((X_.shape, Y_.shape, size, seed))
        permutation = np.random.default_rng(seed).permutation(X_.shape[1])
        return [(X_[:, permutation][:, k:k + size], Y_[:, permutation][:, k:k + size])
                for k in range(0, X_.shape[1], size)]

    theirs = train(X, Y, [2, 5, 2, 1], Adam(0.01), epochs=3, mini_batch_size=64, seed=4)
    mine = train(X, Y, [2, 5, 2, 1], Adam(0.01), epochs=3, mini_batch_size=64, seed=4, mini_batches=learners)
    assert _same_history(mine, theirs)
    assert calls == [((2, 300), (1, 300), 64, 4 + epoch) for epoch in (1, 2, 3)]


def test_another_shuffle_trains_on_its_own_mini_batches(moons):
    X, Y = moons

    def in_order(X_, Y_, size, seed):  # a partition without any shuffle: the same mini-batches every epoch
        return [(X_[:, k:k + size], Y_[:, k:k + size]) for k in range(0, X_.shape[1], size)]

    h = train(X, Y, [2, 5, 2, 1], GD(0.1), epochs=2, mini_batch_size=128, mini_batches=in_order)
    initial = nn.init_params([2, 5, 2, 1], seed=0)
    assert h.costs.shape == (6,) and h.steps_per_epoch == 3
    assert h.costs[0] == nn.cost(nn.forward(X[:, :128], initial)[0], Y[:, :128])
    assert not _same_history(h, train(X, Y, [2, 5, 2, 1], GD(0.1), epochs=2, mini_batch_size=128))


def _returning(result):
    return lambda X, Y, size, seed: result


@pytest.mark.parametrize("mini_batches, error, message", [
    (3, TypeError, r"mini_batches must be a function \(X, Y, mini_batch_size, seed\) -> \[\(X_t, Y_t\), \.\.\.\], got 3"),
    (_returning(None), TypeError, r"mini_batches must return a list of pairs \(X_t, Y_t\), got NoneType"),
    (_returning([1, 2, 3]), TypeError, r"mini_batches's mini-batch 1 must be a pair \(X_t, Y_t\), got int"),
    (_returning([]), ValueError, r"mini_batches must return ceil\(m / mini_batch_size\) = ceil\(20 / 8\) = 3 pairs "
                                 r"\(X_t, Y_t\), got 0"),
    (lambda X, Y, size, seed: [(X, Y, X)] * 3, ValueError, r"mini_batches's mini-batch 1 must be a pair \(X_t, Y_t\), "
                                                           r"got 3 items"),
    (lambda X, Y, size, seed: [(X.T, Y)] * 3, ValueError, r"mini_batches's mini-batch 1 must be X_t of shape \(2, k\) "
                                                          r"and Y_t of shape \(1, k\) with k >= 1, got \(20, 2\) and \(1, 20\)"),
    (lambda X, Y, size, seed: [(X[:, :8], Y[:, :7])] * 3, ValueError, r"mini-batch 1 must be X_t of shape \(2, k\)"),
    (lambda X, Y, size, seed: [(X[:, :0], Y[:, :0])] * 3, ValueError, r"with k >= 1, got \(2, 0\) and \(1, 0\)"),
    (lambda X, Y, size, seed: [(X[:, :8], Y[:, :8])] * 3, ValueError, r"mini_batches's mini-batches must hold the "
                                                                      r"m = 20 examples, got 24 columns in all"),
    (lambda X, Y, size, seed: [(X[:, :8], Y[:, :8]), (X[:, 8:16] * np.nan, Y[:, 8:16]), (X[:, 16:], Y[:, 16:])],
     ValueError, r"mini_batches's X_t of mini-batch 2 must be finite, got 16 NaN"),
    (lambda X, Y, size, seed: [(X[:, :8], Y[:, :8]), (X[:, 8:16], "Y"), (X[:, 16:], Y[:, 16:])],
     TypeError, r"mini_batches's Y_t of mini-batch 2 must be a numeric array, got str"),
])
def test_rejects_mini_batches_that_are_not_a_partition_of_the_set(mini_batches, error, message):
    with pytest.raises(error, match=message):
        _train(mini_batch_size=8, mini_batches=mini_batches)
