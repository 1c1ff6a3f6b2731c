"""The course's notebooks, in order: number -> (file name, title); the title is the notebook's heading ``# NN · Title``.

``tests/test_notebooks.py`` checks that the notebooks of ``notebooks/`` have these names and headings,
and that their links to each other point at these files.
"""

__all__ = ["NOTEBOOKS"]

NOTEBOOKS = {
    "00": ("00_start_here.ipynb", "Start here"),
    "01": ("01_mini_batch_gradient_descent.ipynb", "Mini-batch gradient descent"),
    "02": ("02_understanding_mini_batch_gradient_descent.ipynb", "Understanding mini-batch gradient descent"),
    "03": ("03_exponentially_weighted_averages.ipynb", "Exponentially weighted averages"),
    "04": ("04_bias_correction.ipynb", "Bias correction"),
    "05": ("05_gradient_descent_with_momentum.ipynb", "Gradient descent with momentum"),
    "06": ("06_rmsprop.ipynb", "RMSprop"),
    "07": ("07_adam.ipynb", "Adam"),
    "08": ("08_learning_rate_decay.ipynb", "Learning-rate decay"),
    "09": ("09_local_optima.ipynb", "The problem of local optima"),
}
