"""make slides: every notebook as a reveal.js deck laid out for a 1280×800 screen, loading nothing from the network.

The layout (each explorer on a slide of its own, questions as their static faces) is tested on the notebooks
as they are. Building needs the JavaScript from the npm registry: it is fetched once into the git-ignored
cache .cache/npm; without npm and without a filled cache the build test skips, except under CI.
A browser opens the decks offline in tests/test_offline_browser.py.
"""

import re
import shutil
from pathlib import Path

import nbformat
import pytest

from coursekit.course.tools import slides, webassets
from tests.tools import require

ROOT = Path(__file__).resolve().parents[3]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CACHE = ROOT / ".cache" / "npm"


def javascript_available() -> bool:
    """npm is installed, or every package the decks need is in the cache already."""
    cached = all((CACHE / webassets.PACKAGES[name].folder / ".complete").exists() for name in slides.PACKAGES)
    return cached or shutil.which("npm") is not None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_explorer_gets_a_slide_of_its_own_and_each_question_its_static_face(path):
    nb = nbformat.read(path, as_version=4)
    deck = slides.deck_notebook(nb)
    assert len(deck.cells) == len(nb.cells)
    explorers = [i for i, cell in enumerate(deck.cells) if slides.is_explorer(cell)]
    assert explorers, "every notebook has an explorer"
    for i in explorers:
        assert deck.cells[i].metadata.slideshow.slide_type in ("slide", "subslide")
        if i + 1 < len(deck.cells):
            assert deck.cells[i + 1].metadata.slideshow.slide_type in ("slide", "subslide", "skip", "notes")
    for mine, theirs in zip(nb.cells, deck.cells):
        if "question" in mine.metadata.get("tags", []):
            for output in theirs.outputs:
                assert slides.WIDGET_VIEW not in output.data and "<details" in output.data["text/html"]
    assert any(slides.WIDGET_VIEW in o.get("data", {}) for c in nb.cells if "question" in c.metadata.get("tags", [])
               for o in c.get("outputs", [])), "the notebook itself is not changed"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_deck_stores_each_explorers_picture_as_an_image_of_the_same_png(path):
    nb = nbformat.read(path, as_version=4)
    stored = nb.metadata.widgets[slides.WIDGET_STATE]["state"]
    pictures = {key: model for key, model in stored.items()
                if model["state"].get("_anywidget_id") == "coursekit.show.picture.Picture"}
    assert pictures, "the notebook stores its explorers' pictures"
    deck = slides.deck_notebook(nb)["metadata"]["widgets"][slides.WIDGET_STATE]["state"]
    for key, model in pictures.items():
        image = deck[key]
        assert (image["model_name"], image["state"]["_view_name"], image["state"]["format"]) == (
            "ImageModel", "ImageView", "png")
        assert image["state"]["layout"] == model["state"]["layout"]
        assert [(b["path"], b["data"]) for b in image["buffers"]] == [
            (["value"], b["data"]) for b in model["buffers"] if b["path"] == ["png"]]
    assert stored == nbformat.read(path, as_version=4).metadata.widgets[slides.WIDGET_STATE]["state"], \
        "the notebook itself is not changed"


def test_a_cell_that_shared_the_explorers_slide_starts_a_new_one():
    code = nbformat.v4.new_code_cell("show.some_explorer()", outputs=[nbformat.v4.new_output(
        "execute_result", {slides.WIDGET_VIEW: {"model_id": "m"}, "image/png": "", "text/plain": "x"})])
    cells = [nbformat.v4.new_markdown_cell("Try this"), code, nbformat.v4.new_markdown_cell("after")]
    for cell in cells:
        cell.metadata["slideshow"] = {"slide_type": "-"}
    deck = slides.deck_notebook(nbformat.v4.new_notebook(cells=cells))
    assert [cell.metadata.slideshow.slide_type for cell in deck.cells] == ["-", "subslide", "subslide"]


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    require(javascript_available(), "npm is not installed and .cache/npm is empty (apt-get install npm)")
    target = tmp_path_factory.mktemp("slides")
    return target, slides.build(ROOT / "notebooks", target, CACHE)


def test_make_slides_writes_a_deck_per_notebook_and_an_index_in_course_order(decks):
    target, written = decks
    assert [deck.name for deck in written] == [f"{path.stem}.slides.html" for path in NOTEBOOKS]
    index = (target / "index.html").read_text()
    assert re.findall(r'href="(\d\d_\w+\.slides\.html)"', index) == [deck.name for deck in written]
    notice = (target / slides.ASSETS / "THIRD-PARTY.md").read_text()
    for name in slides.PACKAGES:
        package = webassets.PACKAGES[name]
        assert f"{package.name} {package.version}" in notice
        assert (target / slides.ASSETS / package.folder / "LICENSE").is_file(), "each package with its licence"


def test_a_deck_loads_every_script_and_style_from_beside_it(decks):
    target, written = decks
    for deck in written:
        page = deck.read_text()
        loaded = re.findall(r'<(?:script|link)[^>]*?(?:src|href)="([^"]+)"', page)
        loaded += re.findall(r"""["'](_assets/[^"']+\.js)["']""", page)  # what require() and the widget loader load
        assert any("reveal.js" in url for url in loaded) and any("tex-svg-full.js" in url for url in loaded)
        for url in loaded:
            if url.startswith("data:"):
                continue
            assert not re.match(r"\w+://|//", url), f"{deck.name} loads {url} from the network"
            assert (target / url).is_file(), f"{deck.name} loads {url}, which is not beside it"
        assert "cdn.jsdelivr" not in page and "unpkg.com" not in page and "cdnjs" not in page
        assert "1280" in page and "800" in page


def test_a_second_build_reuses_the_cache(decks, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", "")  # no npm: everything must come from the cache
    assert len(slides.build(ROOT / "notebooks", tmp_path, CACHE)) == len(NOTEBOOKS)


def test_a_package_with_another_integrity_is_refused(tmp_path):
    require(shutil.which("npm") is not None, "npm is not installed (apt-get install npm)")
    package = webassets.PACKAGES["requirejs"]
    forged = webassets.Package(package.name, package.version, "sha512-not-this-one", package.licence,
                               package.files, package.purpose)
    with pytest.raises(RuntimeError, match="expected the pinned sha512-not-this-one"):
        webassets.fetch(forged, tmp_path)
    assert not (tmp_path / package.folder).exists()
