"""The course's notebooks, in order: number -> (file name, title); the title is the notebook's heading ``# NN · Title``.

``tests/test_notebooks.py`` checks that the notebooks of ``notebooks/`` have these names and headings,
and that their links to each other point at these files.
"""

__all__ = ["FORMER_NAMES", "MOVED_QUESTIONS", "NOTEBOOKS", "RENUMBERED", "renumbered"]

NOTEBOOKS = {
    "00": ("00_start_here.ipynb", "Start here"),
    "01": ("01_mini_batch_gradient_descent.ipynb", "Mini-batch gradient descent"),
    "02": ("02_which_mini_batch_size.ipynb", "Which mini-batch size"),
    "03": ("03_the_noise_of_a_mini_batch.ipynb", "The noise of a mini-batch"),
    "04": ("04_exponentially_weighted_averages.ipynb", "Exponentially weighted averages"),
    "05": ("05_bias_correction.ipynb", "Bias correction"),
    "06": ("06_gradient_descent_with_momentum.ipynb", "Gradient descent with momentum"),
    "07": ("07_rmsprop.ipynb", "RMSprop"),
    "08": ("08_adam.ipynb", "Adam"),
    "09": ("09_learning_rate_decay.ipynb", "Learning-rate decay"),
    "10": ("10_local_optima.ipynb", "The problem of local optima"),
    "11": ("11_the_course_on_one_page.ipynb", "The course on one page"),
    "12": ("12_after_the_lecture.ipynb", "After the lecture"),
}

#: The notebooks that moved when 02 and 09 were each split in two (December 2026): their number then -> now.
RENUMBERED = {"03": "04", "04": "05", "05": "06", "06": "07", "07": "08", "08": "09", "09": "10"}
#: The concept questions that moved to another notebook then (their ids name the notebook): id then -> now.
MOVED_QUESTIONS = {"02-noise-ratio": "03-noise-ratio"}
#: The course's files then -> now; a learner's working copy renames its files to match (``make lab``).
FORMER_NAMES = {"02_understanding_mini_batch_gradient_descent.ipynb": NOTEBOOKS["02"][0],
                **{then + NOTEBOOKS[now][0][2:]: NOTEBOOKS[now][0] for then, now in RENUMBERED.items()}}


def renumbered(key: str) -> str:
    """A notebook number or question id of the numbering before December 2026, in today's numbering.

    >>> renumbered("07"), renumbered("07-fair"), renumbered("01-last-batch")
    ('08', '08-fair', '01-last-batch')
    """
    if key in MOVED_QUESTIONS:
        return MOVED_QUESTIONS[key]
    then, rest = key[:2], key[2:]
    return RENUMBERED[then] + rest if then in RENUMBERED and (not rest or rest.startswith("-")) else key
