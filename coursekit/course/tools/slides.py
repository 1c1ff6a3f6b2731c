"""``make slides``: a reveal.js deck of every notebook that works with no network, on a 1280×800 screen.

Each deck is nbconvert's slides export of a notebook in ``notebooks/`` with its stored outputs, through
the course's template (``templates/coursekit_slides``), laid out for a projector:

* every script it loads (reveal.js, require.js, MathJax, the widget renderer) sits in ``_assets/``
  beside the decks (:mod:`coursekit.course.tools.webassets` fetches them once from the npm registry), so the
  folder works from a USB stick, over ``python -m http.server``, or from ``file://``;
* a slide is the 1280×800 screen; a slide that must be taller scrolls inside itself;
* an explorer (a widget cell) gets a slide of its own, so that its sliders and figure are on screen
  together; it is drawn from the widget state stored in the notebook (no kernel: the sliders do not
  redraw, the figure is the stored one); a concept question shows its static face, the question
  with its answer folded away, for the class to discuss before the instructor unfolds it;
* math is typeset by MathJax 3 as SVG, which needs no web fonts.

The notebooks themselves are not changed: the layout is applied to a copy (:func:`deck_notebook`).

Command line (what ``make slides`` runs)::

    python -m coursekit.course.tools.slides notebooks build/slides --cache .cache/npm
"""

from __future__ import annotations

import copy
import html
import shutil
from pathlib import Path

from coursekit.course.tools import cli, webassets
from coursekit.course.outline import NOTEBOOKS as OUTLINE

__all__ = ["WIDTH", "HEIGHT", "ASSETS", "PACKAGES", "TEMPLATES", "WIDGET_VIEW", "is_explorer", "deck_notebook", "build_deck",
           "build", "main"]

WIDTH, HEIGHT = 1280, 800
#: The folder beside the decks that holds the scripts they load.
ASSETS = "_assets"
TEMPLATES = Path(__file__).parent / "templates"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
#: An ipywidgets Image (controls 2.0), which a deck draws offline: what an explorer's picture becomes there.
IMAGE = {"_model_name": "ImageModel", "_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0",
         "_view_name": "ImageView", "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0",
         "format": "png"}
PACKAGES = ("reveal.js", "requirejs", "mathjax", "@jupyter-widgets/html-manager")


def _slide_type(cell) -> str:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-")


def _set_slide_type(cell, kind: str) -> None:
    cell.setdefault("metadata", {}).setdefault("slideshow", {})["slide_type"] = kind


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def is_explorer(cell) -> bool:
    """Whether a cell shows an explorer: a stored widget view that is not a concept question."""
    if cell.get("cell_type") != "code" or "question" in _tags(cell):
        return False
    return any(WIDGET_VIEW in output.get("data", {}) for output in cell.get("outputs", []))


def deck_notebook(nb):
    """A copy of ``nb`` laid out as a deck: each explorer on a slide of its own, each question as its static face.

    An explorer cell starts a new (vertical) slide unless it starts one already, and the cell after it
    does too, so that nothing shares its slide. A concept question loses its widget view, keeping the
    static face stored with it (the question, the choices and the answer folded in ``<details>``).
    """
    deck = copy.deepcopy(nb)
    cells = deck.cells
    for i, cell in enumerate(cells):
        if is_explorer(cell):
            if _slide_type(cell) not in ("slide", "subslide"):
                _set_slide_type(cell, "subslide")
            following = next((c for c in cells[i + 1:] if _slide_type(c) not in ("skip", "notes")), None)
            if following is not None and _slide_type(following) not in ("slide", "subslide"):
                _set_slide_type(following, "subslide")
        elif "question" in _tags(cell):
            for output in cell.get("outputs", []):
                if WIDGET_VIEW in output.get("data", {}) and "text/html" in output["data"]:
                    del output["data"][WIDGET_VIEW]
    _pictures_as_images(deck.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {}))
    return deck


def _pictures_as_images(state: dict) -> None:
    """Store each explorer's picture (an anywidget, whose script a deck cannot load offline) as an ipywidgets
    Image of the same PNG, so that the deck draws the figure the notebook stored."""
    for model in state.values():
        if model.get("state", {}).get("_anywidget_id") == "coursekit.show.picture.Picture":
            model.update(model_name=IMAGE["_model_name"], model_module=IMAGE["_model_module"],
                         model_module_version=IMAGE["_model_module_version"])
            model["state"] = {**IMAGE, "layout": model["state"]["layout"]}
            model["buffers"] = [{**buffer, "path": ["value"]} for buffer in model.get("buffers", [])
                                if buffer["path"] == ["png"]]


def _exporter():
    from nbconvert import SlidesExporter
    from traitlets.config import Config

    config = Config()
    config.SlidesExporter.extra_template_basedirs = [str(TEMPLATES)]
    config.SlidesExporter.template_name = "coursekit_slides"
    packages = webassets.PACKAGES
    config.SlidesExporter.reveal_url_prefix = f"{ASSETS}/{packages['reveal.js'].folder}"
    config.SlidesExporter.require_js_url = f"{ASSETS}/{packages['requirejs'].folder}/require.js"
    config.SlidesExporter.mathjax_url = f"{ASSETS}/{packages['mathjax'].folder}/es5/tex-svg-full.js"
    config.SlidesExporter.widget_renderer_url = (
        f"{ASSETS}/{packages['@jupyter-widgets/html-manager'].folder}/dist/embed-amd.js")
    config.SlidesExporter.jquery_url = ""
    config.SlidesExporter.reveal_width = str(WIDTH)
    config.SlidesExporter.reveal_height = str(HEIGHT)
    config.SlidesExporter.reveal_theme = "white"
    config.SlidesExporter.reveal_transition = "none"
    config.SlidesExporter.exclude_input_prompt = True
    config.SlidesExporter.exclude_output_prompt = True
    return SlidesExporter(config=config)


def build_deck(path: str | Path, target_dir: str | Path, exporter=None) -> Path:
    """Write the deck of one notebook as ``target_dir/<name>.slides.html``; return its path."""
    import nbformat

    path, target_dir = Path(path), Path(target_dir)
    exporter = exporter or _exporter()
    nb = deck_notebook(nbformat.read(path, as_version=4))
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
    target = target_dir / f"{path.stem}.slides.html"
    target.write_text(body, encoding="utf-8")
    return target


def _title(path: Path) -> str:
    number = path.name[:2]
    return f"{number} · {OUTLINE[number][1]}" if number in OUTLINE else path.stem


def _index(decks: list[Path]) -> str:
    items = "\n".join(f'  <li><a href="{html.escape(deck.name)}">{html.escape(_title(deck))}</a></li>'
                      for deck in decks)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>coursekit: slides</title>
<style>body {{ font-family: sans-serif; max-width: 46em; margin: 3em auto; line-height: 1.5; }}</style>
</head><body>
<h1>Optimization algorithms of deep learning: slides</h1>
<p>One deck per notebook, in course order. They need no network: copy this whole folder (with
<code>{ASSETS}/</code>) wherever you present from.</p>
<ol start="0">
{items}
</ol>
<p>In a deck: <kbd>→</kbd>/<kbd>Space</kbd> next slide, <kbd>F</kbd> full screen, <kbd>Esc</kbd> overview,
<kbd>S</kbd> speaker view. A slide taller than the screen scrolls. The explorers show the figure stored
with the notebook: to move their sliders, open the notebook in JupyterLab.</p>
<p>Third-party scripts and their licences: <a href="{ASSETS}/THIRD-PARTY.md">{ASSETS}/THIRD-PARTY.md</a>.</p>
</body></html>
"""


def build(notebooks: str | Path, target_dir: str | Path, cache: str | Path) -> list[Path]:
    """Build a deck of every notebook in ``notebooks`` (in course order) and ``index.html`` in ``target_dir``.

    The scripts are copied into ``target_dir/_assets`` from the cache (fetched from npm if missing).
    Returns the decks' paths.
    """
    target_dir = Path(target_dir)
    paths = sorted(Path(notebooks).glob("[0-9][0-9]_*.ipynb"))
    if not paths:
        raise ValueError(f"notebooks must be a folder of NN_*.ipynb notebooks, got none in {notebooks}")
    target_dir.mkdir(parents=True, exist_ok=True)
    assets = target_dir / ASSETS
    if assets.exists():
        shutil.rmtree(assets)
    packages = [webassets.PACKAGES[name] for name in PACKAGES]
    for package in packages:
        webassets.copy_files(package, cache, assets)
    (assets / "THIRD-PARTY.md").write_text(webassets.licence_notice(packages), encoding="utf-8")
    exporter = _exporter()
    decks = [build_deck(path, target_dir, exporter) for path in paths]
    (target_dir / "index.html").write_text(_index(decks), encoding="utf-8")
    return decks


@cli.command
def main(argv: list[str] | None = None) -> int:
    """Command line: ``NOTEBOOKS TARGET [--cache DIR]``; prints each deck written."""
    parser = cli.parser(main, "notebooks", "target", npm_cache=True)
    args = parser.parse_args(argv)
    decks = build(args.notebooks, args.target, args.cache)
    for deck in decks:
        print(f"wrote {deck}")
    print(f"open {args.target / 'index.html'} (no network needed)")
    return 0


if __name__ == "__main__":
    cli.run(main)
