"""The course's notebooks, in order: number -> title (the ``# NN · Title`` heading of each notebook).

``tests/test_notebooks.py`` checks that this list and the headings of ``notebooks/`` agree.
"""

NOTEBOOKS = {
    "00": "Start here",
    "01": "Mini-batch gradient descent",
    "02": "Understanding mini-batch gradient descent",
    "03": "Exponentially weighted averages",
    "04": "Bias correction",
    "05": "Gradient descent with momentum",
    "06": "RMSprop",
    "07": "Adam",
    "08": "Learning-rate decay",
    "09": "The problem of local optima",
}
