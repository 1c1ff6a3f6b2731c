"""The exercise of notebook 02: a run's time to a target cost, the measure that ranks the mini-batch sizes.

The exercise itself, its cases and known mistakes are in :mod:`.time_to_target`.
"""

from coursekit.course.exercises.time_to_target import TIME_TO_TARGET

__all__ = ["EXERCISES"]

#: The exercises of notebook 02, in the order the notebook asks them.
EXERCISES = (TIME_TO_TARGET,)
