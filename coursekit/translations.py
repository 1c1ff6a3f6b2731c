"""The course in torch.optim and optax: each rule of the course beside the calls that take its steps (notebook 12).

One :class:`Row` per rule: the course's call, PyTorch's, optax's, and a note on what differs in the
writing (argument names, defaults, where ``ε`` sits, summed or averaged momentum, whether ``t`` counts
from 0 or 1). Where a library has no call that takes exactly the course's steps, its cell starts with
:data:`NO_EXACT` and says what the closest call does differently. Every other cell is proven: when PyTorch
(or optax) is installed, the tests run the course's object and the library's on the same float64 arrays
for 50 steps at several settings and require agreement to 1e-10 (each schedule value to 1e-12, relative).

Symbols: ``α`` the learning rate (``α₀`` where a schedule starts, ``α_max`` at its peak), ``β`` momentum's,
``β₁``, ``β₂`` Adam's, ``ε``, ``λ`` the weight decay, ``γ`` the factor of a decay, ``n`` the count of
epochs (or steps) done. PyTorch's calls take the parameters (``params``) or the optimizer (``opt``) first;
optax's return updates that ``optax.apply_updates`` adds.
"""

from __future__ import annotations

from dataclasses import dataclass

from coursekit import _validate

__all__ = ["NO_EXACT", "ROWS", "Row", "markdown"]

#: How a cell begins when its library has no call that takes exactly the course's steps.
NO_EXACT = "no exact equivalent"


@dataclass(frozen=True)
class Row:
    """One rule of the course and its translation: ``id``, the ``rule`` in words, the calls in ``course``,
    ``torch`` and ``optax`` (a cell that contains no backquote is one call), and a ``note`` in words.

    >>> ROWS[0].id, ROWS[0].torch
    ('gd', 'SGD(params, lr=α)')
    """

    id: str
    rule: str
    course: str
    torch: str
    optax: str
    note: str

    def exact(self, library: str) -> bool:
        """Whether ``library`` ("torch" or "optax") has a call that takes exactly the course's steps.

        >>> [row.exact("optax") for row in ROWS if row.id in ("adam", "adagrad")]
        [False, True]
        """
        _validate.one_of(library, "library", ("torch", "optax"))
        return not getattr(self, library).startswith(NO_EXACT)


ROWS = (
    Row("gd", "Gradient descent", "GD(lr=α)", "SGD(params, lr=α)", "optax.sgd(α)",
         "The same step, W := W − α dW. SGD's momentum, dampening and weight_decay are 0 unless given."),
    Row("momentum", "Momentum, the lecture's average", "Momentum(lr=α, beta=β)",
         "SGD(params, lr=α·(1−β), momentum=β)", "optax.sgd(α·(1−β), momentum=β)",
         "Both libraries sum the gradients, v = βv + dW, a velocity 1/(1−β) times the lecture's average, so the "
         "same steps need α·(1−β). Not dampening=β: torch skips the dampening at the first step (v = dW), "
         "so every later step differs."),
    Row("momentum_sum", "Momentum, the summed form", "Momentum(lr=α, beta=β, average=False)",
         "SGD(params, lr=α, momentum=β)", "optax.sgd(α, momentum=β)",
         "The form both libraries use: v = βv + dW, and the first step sets v = dW. A new β changes the "
         "size of the steps, so α must be tuned again."),
    Row("nesterov", "Nesterov momentum, the lecture's average", "Nesterov(lr=α, beta=β)",
         "SGD(params, lr=α·(1−β), momentum=β, nesterov=True)", "optax.sgd(α·(1−β), momentum=β, nesterov=True)",
         "The gradient is taken at the current W (the look-ahead point, written in the shifted variable), "
         "and both libraries sum, as for momentum: α·(1−β). torch refuses nesterov=True with a dampening or β = 0."),
    Row("nesterov_sum", "Nesterov momentum, the summed form", "Nesterov(lr=α, beta=β, average=False)",
         "SGD(params, lr=α, momentum=β, nesterov=True)", "optax.sgd(α, momentum=β, nesterov=True)",
         "W := W − α(dW + βv) with v = βv + dW: the step along the new gradient plus β times the new velocity."),
    Row("rmsprop", "RMSprop", "RMSprop(lr=α, beta2=β₂, eps=ε)", "RMSprop(params, lr=α, alpha=β₂, eps=ε)",
         "optax.rmsprop(α, decay=β₂, eps=ε, eps_in_sqrt=False)",
         "torch calls β₂ alpha and defaults it to 0.99 (the course and optax: 0.9), with lr 0.01. optax puts ε "
         "inside the root, 1/√(s + ε), unless eps_in_sqrt=False; here and in torch it is √s + ε. None of the "
         "three corrects the bias by default; torch's centered=True or momentum are other rules."),
    Row("adagrad", "AdaGrad", "AdaGrad(lr=α, eps=ε)", "Adagrad(params, lr=α, eps=ε)",
         f"{NO_EXACT}: `optax.adagrad(α, initial_accumulator_value=0.0, eps=ε)` puts ε inside the root, "
         "1/√(s + ε), where the course and torch add it to √s; by default it also starts s at 0.1",
         "torch's defaults differ: lr 0.01 and eps 1e-10 (the course's ε is 1e-8); its lr_decay and "
         "initial_accumulator_value are 0 unless given, as the course's rule has them."),
    Row("adam", "Adam", "Adam(lr=α, beta1=β₁, beta2=β₂, eps=ε)", "Adam(params, lr=α, betas=(β₁, β₂), eps=ε)",
         "optax.adam(α, b1=β₁, b2=β₂, eps=ε)",
         "The same β₁, β₂, ε by default in all three (0.9, 0.999, 1e-8), and α = 0.001 here and in torch (optax "
         "asks for it). t counts from 1 and ε sits outside √ŝ; optax's eps_root (0 by default) would add a second "
         "ε inside the root. amsgrad=True is another rule."),
    Row("adamw", "AdamW, decoupled weight decay",
         "AdamW(lr=α, beta1=β₁, beta2=β₂, eps=ε, weight_decay=λ)",
         "AdamW(params, lr=α, betas=(β₁, β₂), eps=ε, weight_decay=λ)",
         "optax.adamw(α, b1=β₁, b2=β₂, eps=ε, weight_decay=λ)",
         "Every weight shrinks by the factor 1 − αλ at each step: all three multiply the decay by α (the paper "
         "multiplies it only by the schedule's factor). λ's default: 0.01 here and in torch, 1e-4 in optax."),
    Row("l2_gd", "L2 regularization inside gradient descent", "L2(GD(lr=α), weight_decay=λ)",
         "SGD(params, lr=α, weight_decay=λ)", "optax.chain(optax.add_decayed_weights(λ), optax.sgd(α))",
         "The step on dW + λW. For gradient descent it is also decoupled weight decay, (1 − αλ)W − α dW, "
         "which is why the two names get mixed up."),
    Row("l2_adam", "L2 regularization inside Adam", "L2(Adam(lr=α, beta1=β₁, beta2=β₂, eps=ε), weight_decay=λ)",
         "Adam(params, lr=α, betas=(β₁, β₂), eps=ε, weight_decay=λ)",
         "optax.chain(optax.add_decayed_weights(λ), optax.adam(α, b1=β₁, b2=β₂, eps=ε))",
         "torch's Adam(weight_decay=λ) is L2, not AdamW (unless decoupled_weight_decay=True): λW enters v and s "
         "and is divided by √ŝ. In optax the order decides: add_decayed_weights before adam is L2, after it (as "
         "optax.adamw does) it is decoupled."),
    Row("exponential_decay", "Exponential decay", "exponential_decay(lr0=α₀, base=γ)",
         "lr_scheduler.ExponentialLR(opt, gamma=γ)", "optax.exponential_decay(α₀, transition_steps=1, decay_rate=γ)",
         "α₀γⁿ after n epochs. The course's epochs count from 1 (the first runs at α₀γ); the libraries' from 0 "
         "(the first runs at α₀): the course's schedule(n) is torch's rate after n calls of scheduler.step()."),
    Row("staircase_decay", "Staircase decay", "staircase_decay(lr0=α₀, factor=γ, every=k)",
         "lr_scheduler.StepLR(opt, step_size=k, gamma=γ)",
         "optax.exponential_decay(α₀, transition_steps=k, decay_rate=γ, staircase=True)",
         "α times γ every k epochs (or steps), n counted from 0 in all three."),
    Row("manual_decay", "Manual decay at chosen epochs", "manual_decay(lr0=α₀, drops=[d₁, d₂], factor=γ)",
         "lr_scheduler.MultiStepLR(opt, milestones=[d₁, d₂], gamma=γ)",
         "optax.piecewise_constant_schedule(α₀, {d₁: γ, d₂: γ})",
         "α times γ from each drop on. An epoch listed twice cuts twice here and in torch; optax's dict holds "
         "it once, with the factor γ²."),
    Row("when_stalled", "Manual decay when the cost stalls", "WhenStalled(lr0=α₀, factor=γ, patience=p, "
         "min_decrease=r)", "lr_scheduler.ReduceLROnPlateau(opt, factor=γ, patience=p − 1, threshold=r, eps=0)",
         f"{NO_EXACT}: `optax.contrib.reduce_on_plateau(factor=γ, patience=p, rtol=r, atol=0.0)` decides as the "
         "course does, but its cut already scales the update of the step that reported the cost, and it "
         "refuses r = 0",
         "torch cuts when more than patience epochs failed to improve, the course when patience did: one less. "
         "Call scheduler.step(J) after each epoch. torch refuses γ = 1 and, with its default eps, skips cuts "
         "smaller than 1e-8."),
    Row("inverse_time_decay", "Inverse-time decay", "inverse_time_decay(lr0=α₀, decay_rate=k)",
         "lr_scheduler.LambdaLR(opt, lambda n: 1 / (1 + k·n))", "lambda n: α₀ / (1 + k·n)",
         "Neither library names it: torch multiplies α₀ by the function, optax takes any function of the step "
         "count as a schedule. n counts from 0 there, from 1 in the course's epochs."),
    Row("interval_inverse_time_decay", "Inverse-time decay by intervals",
         "interval_inverse_time_decay(lr0=α₀, decay_rate=k, time_interval=T)",
         "lr_scheduler.LambdaLR(opt, lambda n: 1 / (1 + k·(n // T)))", "lambda n: α₀ / (1 + k·(n // T))",
         "Not named in either library; n // T is the whole intervals done."),
    Row("inverse_sqrt_decay", "Inverse square-root decay", "inverse_sqrt_decay(lr0=α₀, k=k)",
         "lr_scheduler.LambdaLR(opt, lambda n: k / √(n + 1))", "lambda n: α₀·k / √(n + 1)",
         "k/√n needs n ≥ 1: the libraries' n, which starts at 0, is the course's n − 1."),
    Row("cosine_decay", "Cosine decay", "cosine_decay(lr0=α₀, T=T, lr_min=α_min)",
         "lr_scheduler.CosineAnnealingLR(opt, T_max=T, eta_min=α_min)",
         "optax.cosine_decay_schedule(α₀, decay_steps=T, alpha=α_min / α₀)",
         "t from 0 in all three. optax's alpha is a share of α₀, torch's eta_min a rate. Equal up to t = T: "
         "then torch's cosine climbs back up, optax's and the course's stay at α_min."),
    Row("linear_warmup", "Linear warmup", "linear_warmup(lr0=α₀, W=W, start_factor=s)",
         "lr_scheduler.LinearLR(opt, start_factor=s, total_iters=W)",
         "optax.linear_schedule(s·α₀, α₀, transition_steps=W)",
         "t from 0: the first step runs at s·α₀. torch's default s is 1/3, as here; optax takes the two rates."),
    Row("warmup_cosine", "Warmup, then cosine decay", "warmup_cosine(lr0=α₀, W=W, T=T, start_factor=s, "
         "lr_min=α_min)", "lr_scheduler.SequentialLR(opt, [LinearLR(opt, start_factor=s, total_iters=W), "
         "CosineAnnealingLR(opt, T_max=T − W, eta_min=α_min)], milestones=[W])",
         "optax.warmup_cosine_decay_schedule(s·α₀, α₀, warmup_steps=W, decay_steps=T, end_value=α_min)",
         "T counts the whole run: optax's decay_steps includes the warmup, torch's T_max does not (T − W)."),
    Row("one_cycle", "One cycle", "one_cycle(lr_max=α_max, total_steps=N, pct_start=p, div_factor=d, "
         "final_div_factor=f)", "lr_scheduler.OneCycleLR(opt, max_lr=α_max, total_steps=N, pct_start=p, "
         "div_factor=d, final_div_factor=f, cycle_momentum=False)",
         f"{NO_EXACT}: `optax.cosine_onecycle_schedule(N, α_max, p, d, f)` peaks at step ⌊p·N⌋ and reaches "
         "its floor at step N, where torch and the course peak at p·N − 1 and end at N − 1",
         "Without cycle_momentum=False torch also moves momentum's β (Adam's β₁) from 0.95 to 0.85 and back, "
         "against α; the course's one-cycle moves α alone."),
)


def markdown(ids=None) -> str:
    """The table of :data:`ROWS` (or of the rows named in ``ids``, in that order) as Markdown.

    Args:
        ids: row ids to show, e.g. ``["momentum", "adam"]``; ``None`` shows every row.

    Returns:
        A Markdown table: rule · coursekit · torch.optim · optax · note; a cell without backquotes is a call.

    Reference: notebook 12.

    >>> print(markdown(["gd"]))
    | rule | coursekit | torch.optim | optax | note |
    | --- | --- | --- | --- | --- |
    | Gradient descent | `GD(lr=α)` | `SGD(params, lr=α)` | `optax.sgd(α)` | The same step, W := W − α dW. SGD's momentum, dampening and weight_decay are 0 unless given. |
    """
    by_id = {row.id: row for row in ROWS}
    rows = ROWS if ids is None else [by_id[i] for i in _validate.names(ids, "ids", by_id)]
    lines = ["| rule | coursekit | torch.optim | optax | note |", "| --- | --- | --- | --- | --- |"]
    for row in rows:
        calls = [cell if "`" in cell else f"`{cell}`" for cell in (row.course, row.torch, row.optax)]
        lines.append("| " + " | ".join([row.rule, *calls, row.note]) + " |")
    return "\n".join(lines)
