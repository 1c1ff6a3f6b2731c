"""What each notebook measures: one module per question a notebook asks, its docstring naming the notebook.

An experiment runs the lecture's ideas (the top level of :mod:`coursekit`) to answer one question and
returns numbers and arrays; the notebook prints them and :mod:`coursekit.show` draws them. An experiment
imports only the top level of the package — never another experiment, ``show`` or ``course``
(``tests/test_layers.py`` reads the imports).

========================  ==========================================================================
notebook                  modules
========================  ==========================================================================
02 mini-batch sizes       :mod:`.batch_size`
03 mini-batch noise       :mod:`.gradient_noise`, :mod:`.sharpness`
04 averages               :mod:`.lag`, :mod:`.smoothers`
06-07 momentum, RMSprop   :mod:`.convergence`, :mod:`.settling`, :mod:`.along_path`, :mod:`.damping`,
                          :mod:`.nesterov` (06), :mod:`.adagrad` (07)
01, 08                    :mod:`.timing` (seconds per epoch, interleaved)
08 Adam                   :mod:`.first_steps`, :mod:`.sweeps`, :mod:`.over_seeds`
09 learning-rate decay    :mod:`.least_squares`, :mod:`.over_seeds`
10 local optima           :mod:`.basins`, :mod:`.plateaus`, :mod:`.saddles`, :mod:`.noise_escape`
12 after the lecture      :mod:`.weight_decay`, :mod:`.schedule_race`
========================  ==========================================================================
"""
