"""``make book``: the executed course as a static site that works with no network (Jupyter Book 1).

For readers without a kernel: a browser, a projector, a course website. Jupyter Book 1 (the ``book``
extra) builds the notebooks of ``notebooks/`` from their stored outputs — nothing is executed, so the
build takes seconds and needs no network. Jupyter Book 2 (mystmd) would need its theme from the network
at build time, so the course stays on Jupyter Book 1 until that changes.

What the site shows:

* an index page in course order (from :data:`coursekit.course.outline.NOTEBOOKS`), and the notebooks
  still to come listed without links;
* every notebook as a page, its links to the other notebooks working (a link to a notebook that is not
  written yet becomes plain text, so no link is ever broken);
* math typeset by MathJax 3 (SVG output, no web fonts), copied beside the pages from the npm cache of
  :mod:`coursekit.course.tools.webassets` instead of a CDN;
* every figure, and every widget as its static face: an explorer as the picture of its figure, a concept
  question as its text with the answer folded away. No widget JavaScript is loaded: a widget drawn
  without a kernel could not move, so the site says so and shows the picture.

Command line (what ``make book`` runs)::

    python -m coursekit.course.tools.book notebooks build/book --cache .cache/npm

The site is ``build/book/_build/html/`` (open its ``index.html``).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from coursekit.course.tools import cli, webassets
from coursekit.course.outline import NOTEBOOKS as OUTLINE

__all__ = ["TITLE", "stage", "build", "main", "site_of", "drop_repeated_scripts"]

TITLE = "Optimization algorithms of deep learning"
_LINK = re.compile(r"\[([^\]\n]+)\]\((\d\d_\w+\.ipynb)(#[^)\s]*)?\)")
_MATHJAX = "mathjax/tex-svg-full.js"
_SCRIPT = re.compile(r"^\s*<script\b[^>]*>.*</script>\s*$")
_SRC = re.compile(r'\bsrc="([^"?]+)')


def _yaml(value) -> str:
    """A value in YAML (JSON is YAML): no YAML library is needed to write the configuration."""
    return json.dumps(value, ensure_ascii=False)


def _config() -> str:
    return f"""# Written by coursekit.course.tools.book: a build copy, do not edit (edit coursekit/course/tools/book.py).
title: {_yaml(TITLE)}
author: the coursekit authors
copyright: "2026"
only_build_toc_files: true
execute:
  execute_notebooks: "off"
html:
  use_repository_button: false
  use_issues_button: false
  use_edit_page_button: false
  use_download_button: false
  home_page_in_navbar: true
launch_buttons:
  notebook_interface: jupyterlab
  binderhub_url: ""
  jupyterhub_url: ""
  thebe: false
  colab_url: ""
parse:
  myst_enable_extensions: ["dollarmath", "amsmath", "colon_fence", "deflist", "html_image"]
sphinx:
  config:
    mathjax_path: {_yaml(_MATHJAX)}
    mathjax3_config:
      tex:
        inlineMath: [["\\\\(", "\\\\)"]]
        displayMath: [["\\\\[", "\\\\]"]]
      svg:
        fontCache: "global"
    nb_ipywidgets_js: {{}}
    nb_mime_priority_overrides:
      - ["html", "application/vnd.jupyter.widget-view+json", null]
      - ["html", "application/vnd.jupyter.widget-state+json", null]
"""


def _title(number: str) -> str:
    return f"{number} · {OUTLINE[number][1]}"


def _index(present: list[str]) -> str:
    lines = [f"# {TITLE}", "",
             "A hands-on course on how neural networks are trained: mini-batch gradient descent, exponentially "
             "weighted averages and bias correction, momentum, RMSprop, Adam, learning-rate decay, and why saddle "
             "points and plateaus slow training down.", "",
             "## Reading without a kernel", "",
             "These pages are the notebooks as they were last run, with every output stored in them. The "
             "sliders of an explorer need a running Python kernel, so here each explorer shows the picture of its "
             "figure, and each question shows its answer folded away: try to answer before you unfold it. To move "
             "the sliders and write the exercises yourself, run the course in JupyterLab (`make lab`), run all "
             "cells first, then drag the sliders.", "",
             "## The notebooks, in order", ""]
    for number, (file, _) in OUTLINE.items():
        if number in present:
            lines.append(f"{int(number) + 1}. [{_title(number)}]({file})")
        else:
            lines.append(f"{int(number) + 1}. {_title(number)} *(coming soon)*")
    return "\n".join(lines) + "\n"


def _toc(present: list[str]) -> str:
    chapters = "\n".join(f"- file: {Path(OUTLINE[number][0]).stem}" for number in present)
    return f"format: jb-book\nroot: index\nchapters:\n{chapters}\n"


def _unlink_missing(nb, files: set[str]):
    """Links to notebooks that are not in the book become plain text, marked as coming soon."""
    def replace(match):
        text, file, _ = match.groups()
        return match.group(0) if file in files else f"{text} *(coming soon)*"

    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = _LINK.sub(replace, cell.source)
    return nb


def stage(notebooks: str | Path, source: str | Path, cache: str | Path) -> list[str]:
    """Write the book's source folder: configuration, table of contents, index, notebooks and MathJax.

    Returns the numbers of the notebooks in the book, in course order.
    """
    import nbformat

    paths = sorted(Path(notebooks).glob("[0-9][0-9]_*.ipynb"))
    if not paths:
        raise ValueError(f"notebooks must be a folder of NN_*.ipynb notebooks, got none in {notebooks}")
    source = Path(source)
    if source.exists():
        shutil.rmtree(source)
    (source / "_static").mkdir(parents=True)
    files = {path.name for path in paths}
    for path in paths:
        nbformat.write(_unlink_missing(nbformat.read(path, as_version=4), files), source / path.name)
    present = [path.name[:2] for path in paths]
    (source / "_config.yml").write_text(_config(), encoding="utf-8")
    (source / "_toc.yml").write_text(_toc(present), encoding="utf-8")
    (source / "index.md").write_text(_index(present), encoding="utf-8")
    mathjax = webassets.PACKAGES["mathjax"]
    copied = webassets.copy_files(mathjax, cache, source / "_static")
    (source / "_static" / "mathjax").mkdir()
    shutil.copy2(copied / "es5" / "tex-svg-full.js", source / "_static" / _MATHJAX)
    shutil.copy2(copied / "LICENSE", source / "_static" / "mathjax" / "LICENSE")
    shutil.rmtree(copied)
    return present


def drop_repeated_scripts(page: str) -> str:
    """Remove every ``<script>`` line that loads or runs what an earlier one did.

    Jupyter Book 1 with Sphinx 7.4 writes some scripts twice (sphinx-thebe's and sphinx-togglebutton's
    settings, and MathJax); the second copies stop the page with errors ("Identifier 'THEBE_JS_URL' has
    already been declared", MathJax's "Cannot set property Package"). A script is the same as an
    earlier one when it loads the same file (its ``src`` without the query) or has the same text.
    """
    seen, kept = set(), []
    for line in page.splitlines(keepends=True):
        if _SCRIPT.match(line):
            src = _SRC.search(line)
            key = src.group(1) if src else line.strip()
            if key in seen:
                continue
            seen.add(key)
        kept.append(line)
    return "".join(kept)


def site_of(target: str | Path) -> Path:
    """The folder of the built site: ``<target>/_build/html``."""
    return Path(target) / "_build" / "html"


def build(notebooks: str | Path, target: str | Path, cache: str | Path) -> Path:
    """Stage the book in ``target/source`` and build it with Jupyter Book; return the site's folder.

    Raises:
        cli.ToolFailed: Jupyter Book failed (its output is in the message), or npm could not fetch the JavaScript.
    """
    target = Path(target)
    stage(notebooks, target / "source", cache)
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    command = [str(jupyter_book) if jupyter_book.exists() else "jupyter-book", "build", str(target / "source"),
               "--path-output", str(target), "--builder", "html", "--all"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=900)
    if run.returncode != 0:
        raise cli.ToolFailed(f"jupyter-book build failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}")
    for page in site_of(target).rglob("*.html"):
        page.write_text(drop_repeated_scripts(page.read_text(encoding="utf-8")))
    return site_of(target)


@cli.command
def main(argv: list[str] | None = None) -> int:
    """Command line: ``NOTEBOOKS TARGET [--cache DIR]``; builds the site and prints where it is."""
    parser = cli.parser(main, "notebooks", "target", npm_cache=True)
    args = parser.parse_args(argv)
    site = build(args.notebooks, args.target, args.cache)
    print(f"open {site / 'index.html'} (no network needed)")
    return 0


if __name__ == "__main__":
    cli.run(main)
