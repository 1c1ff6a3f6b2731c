"""make book: the executed course as a static site (Jupyter Book 1), built offline from the stored outputs.

The site is checked page by page: an index in course order, a page per notebook, every link and every
file a page loads present in the site (anchors included), nothing loaded from the network, math, the
figures and the widgets' static faces. Building needs the ``book`` extra and MathJax from the npm cache;
without them the build tests skip, except under CI. A browser opens every page offline in
tests/test_offline_browser.py.
"""

import html
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest

from coursekit.course.tools import book, webassets
from coursekit.course.outline import NOTEBOOKS as OUTLINE
from tests.tools import require

ROOT = Path(__file__).resolve().parents[3]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CACHE = ROOT / ".cache" / "npm"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def test_links_to_notebooks_not_written_yet_become_text():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        "Back: [00 · Start here](00_start_here.ipynb). **Next:** [02 · Later](02_later.ipynb#top)")])
    book._unlink_missing(nb, {"00_start_here.ipynb"})
    assert nb.cells[0].source == "Back: [00 · Start here](00_start_here.ipynb). **Next:** 02 · Later *(coming soon)*"


def test_a_script_written_twice_is_kept_once():
    page = ('<script src="_static/a.js?v=1"></script>\n<script>const X = 1;</script>\n<p>text</p>\n'
            '<script defer="defer" src="_static/a.js?v=1"></script>\n<script>const X = 1;</script>\n'
            '<script>const Y = 2;</script>\n')
    assert book.drop_repeated_scripts(page) == (
        '<script src="_static/a.js?v=1"></script>\n<script>const X = 1;</script>\n<p>text</p>\n'
        '<script>const Y = 2;</script>\n')


def test_the_index_lists_the_whole_course_in_order_and_links_what_exists():
    index = book._index(["00", "01"])
    listed = re.findall(r"^\d+\. (.*)$", index, re.M)
    assert len(listed) == len(OUTLINE)
    assert listed[0] == f"[00 · {OUTLINE['00'][1]}]({OUTLINE['00'][0]})"
    assert listed[2] == f"02 · {OUTLINE['02'][1]} *(coming soon)*"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    try:
        import jupyter_book  # noqa: F401
    except ImportError:
        require(False, "Jupyter Book is not installed (make book installs the book extra)")
    cached = (CACHE / webassets.PACKAGES["mathjax"].folder / ".complete").exists()
    require(cached or shutil.which("npm") is not None, "npm is not installed and .cache/npm is empty")
    return book.build(ROOT / "notebooks", tmp_path_factory.mktemp("book"), CACHE)


def _links(page: str) -> list[str]:
    return [html.unescape(url) for url in re.findall(r'\b(?:href|src)="([^"]+)"', page)]


def _ids(page: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', page))


def test_the_site_has_an_index_in_course_order_and_a_page_per_notebook(site):
    index = (site / "index.html").read_text()
    pages = [path.with_suffix(".html").name for path in NOTEBOOKS]
    assert all((site / page).is_file() for page in pages)
    body = index[index.index("The notebooks, in order"):]
    body = body[:body.index("</ol>")]
    assert re.findall(r'href="(\d\d_\w+\.html)"', body) == pages
    for number, (_, title) in OUTLINE.items():
        assert html.escape(title) in body or title in body


def test_every_link_and_every_file_a_page_loads_is_in_the_site(site):
    for page_path in sorted(site.glob("*.html")):
        page = page_path.read_text()
        for url in _links(page):
            parts = urlsplit(url)
            if parts.scheme in ("http", "https", "mailto"):
                continue  # a link a reader may follow; never loaded by the page (checked below)
            if parts.scheme == "data" or url.startswith("javascript:"):
                continue
            target = (page_path.parent / unquote(parts.path)).resolve() if parts.path else page_path
            assert target.exists(), f"{page_path.name} links to {url}, which is not in the site"
            if parts.fragment and target.suffix == ".html":
                assert unquote(parts.fragment) in _ids(target.read_text()), f"{page_path.name}: {url} has no anchor"
        loaded = re.findall(r'<script[^>]*\bsrc="([^"]+)"', page)
        loaded += re.findall(r'<link[^>]*rel="(?:stylesheet|preload)"[^>]*href="([^"]+)"', page)
        loaded += re.findall(r'<link[^>]*href="([^"]+)"[^>]*rel="(?:stylesheet|preload)"', page)
        loaded += re.findall(r'<img[^>]*\bsrc="([^"]+)"', page)
        for url in loaded:
            assert not re.match(r"\w+://|//", url), f"{page_path.name} loads {url} from the network"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_notebook_page_shows_its_math_figures_and_widget_faces(site, path):
    page = (site / path.with_suffix(".html").name).read_text()
    nb = nbformat.read(path, as_version=4)
    markdown = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    if "$" in markdown:
        assert 'class="math notranslate nohighlight"' in page and "mathjax/tex-svg-full.js" in page
    pictures = sum("image/png" in output.get("data", {}) for cell in nb.cells for output in cell.get("outputs", []))
    assert len(re.findall(r"<img [^>]*src=\"_images/[^\"]+\.png\"", page)) == pictures, \
        "every figure and every explorer's static face is a picture on the page"
    questions = sum("question" in cell.metadata.get("tags", []) for cell in nb.cells)
    assert page.count("<details") >= questions, "every question as its static face, the answer folded away"
    assert "Explorer(" not in page and "ConceptCheck(" not in page, "no widget as a Python repr"
    assert WIDGET_VIEW not in page.replace("widget-state+json", ""), "no widget view waiting for a renderer"
