"""Bad inputs of the translation table: markdown's row ids and the library a row is asked about."""

from coursekit import translations
from coursekit.translations import Row, markdown
from tests.bad_inputs import Bad

RECORDS = {Row}

_IDS = r"ids must be a non-empty sequence of distinct names from \['gd', 'momentum', .*\], got "

ROWS = [
    Bad(markdown, ("gd",), error=TypeError, message=_IDS + r"'gd'"),
    Bad(markdown, (7,), error=TypeError, message=_IDS + r"7"),
    Bad(markdown, ([],), message=_IDS + r"\[\]"),
    Bad(markdown, (["gd", "adamx"],), message=_IDS + r"\['gd', 'adamx'\]"),
    Bad(markdown, (["adam", "adam"],), message=_IDS + r"\['adam', 'adam'\]"),
    Bad(markdown, ({"gd": 1},), error=TypeError, message=_IDS + r"\{'gd': 1\}"),
    Bad(translations.ROWS[0].exact, ("keras",), message=r"library must be one of \['torch', 'optax'\], got 'keras'"),
    Bad(translations.ROWS[0].exact, (None,), message=r"library must be one of \['torch', 'optax'\], got None"),
]
