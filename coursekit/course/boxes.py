"""The coloured boxes in which checks, hints and concept questions answer the learner.

One look for every verdict: a bar on the left in a colour of the course's palette, the text in the
notebook's code font, kept as written (line breaks and indentation). The colours are those of
:data:`coursekit.show.look.PALETTE` (Okabe & Ito), repeated here as text so that a verdict never
needs matplotlib.
"""

from __future__ import annotations

import html

__all__ = ["box", "KINDS"]

#: kind -> (bar colour, background): green for a pass, vermillion for a failure, blue for a hint or a note.
KINDS = {
    "pass": ("#009E73", "#E6F5EF"),
    "fail": ("#D55E00", "#FBEDE6"),
    "hint": ("#0072B2", "#E8F1F8"),
}


def box(text: str, kind: str) -> str:
    """``text`` in a box of ``kind`` ("pass", "fail" or "hint"), as HTML with every character escaped.

    >>> box("✔ ok <b>", "pass").endswith('white-space:pre-wrap">✔ ok &lt;b&gt;</div>')
    True
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {list(KINDS)}, got {kind!r}")
    bar, background = KINDS[kind]
    style = (
        f"border-left:6px solid {bar};background:{background};padding:6px 10px;margin:2px 0;border-radius:3px;"
        "font-family:var(--jp-code-font-family,monospace);font-size:var(--jp-code-font-size,13px);"
        "white-space:pre-wrap"
    )
    return f'<div class="coursekit-{kind}" style="{style}">{html.escape(text)}</div>'
