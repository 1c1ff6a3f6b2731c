"""The exercises of notebook 11 (the course on one page): none — it gathers what the learner wrote before."""

__all__ = ["EXERCISES"]

#: The exercises of notebook 11: a summary asks for none.
EXERCISES = ()
