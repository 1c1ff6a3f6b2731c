"""The course read without a kernel and without a network: the slides and the static book in chromium, offline.

Playwright drives the system's chromium (``COURSEKIT_CHROMIUM``, by default /usr/bin/chromium; a browser is
never downloaded) in a context with the network switched off, on pages opened from ``file://``: every
request the page makes must be a file beside it, and none may fail. Without Playwright or chromium (or
npm, or Jupyter Book) the tests skip, except when the environment variable CI is set (for the browser,
unless COURSEKIT_BROWSER=off says another CI job runs the browser tests).
"""

import re
import shutil
from pathlib import Path

import pytest

from tests.tools import chromium, require

ROOT = Path(__file__).resolve().parents[1]
SCREEN = {"width": 1280, "height": 800}
WAIT = 120_000  # ms: the machine may be busy with the rest of the test suite

# Every slide of the deck, visited in turn: its height, whether it scrolls, and where a widget's figure and
# controls end. Math is counted once MathJax has finished.
MEASURE_DECK = """async () => {
    await MathJax.startup.promise;
    const slides = [];
    for (const section of Reveal.getSlides()) {
        const at = Reveal.getIndices(section);
        Reveal.slide(at.h, at.v);
        const widget = section.querySelector(".jupyter-widgets img.widget-image");
        const controls = section.querySelectorAll(".jupyter-widgets .widget-slider, .jupyter-widgets select");
        slides.push({
            at: [at.h, at.v],
            height: section.clientHeight,
            content: section.scrollHeight,
            overflow: getComputedStyle(section).overflowY,
            figure: widget ? [widget.getBoundingClientRect().top, widget.getBoundingClientRect().bottom,
                              widget.naturalWidth] : null,
            controlsBottom: Math.max(0, ...Array.from(controls).map(c => c.getBoundingClientRect().bottom)),
            text: section.innerText.slice(0, 50),
        });
    }
    return {
        slides: slides,
        math: document.querySelectorAll("mjx-container").length,
        mathErrors: document.querySelectorAll("mjx-merror").length,
    };
}"""


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture
def offline_page(browser):
    """A 1280×800 page with the network off; it records requests that are not files, failures and page errors."""
    context = browser.new_context(viewport=SCREEN, offline=True)
    page = context.new_page()
    page.set_default_timeout(WAIT)
    page.network, page.failed, page.errors = [], [], []
    page.on("request", lambda request: None if request.url.startswith(("file:", "data:", "blob:", "about:"))
            else page.network.append(request.url))
    page.on("requestfailed", lambda request: page.failed.append(f"{request.url}: {request.failure}"))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def _assert_offline(page) -> None:
    assert not page.network, f"requests to the network: {page.network}"
    assert not page.failed, f"requests that failed: {page.failed}"
    assert not page.errors, f"errors on the page: {page.errors}"


# --- make slides -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    from coursekit.course.tools import slides, webassets

    cache = ROOT / ".cache" / "npm"
    cached = all((cache / webassets.PACKAGES[name].folder / ".complete").exists() for name in slides.PACKAGES)
    require(cached or shutil.which("npm") is not None, "npm is not installed and .cache/npm is empty")
    target = tmp_path_factory.mktemp("slides")
    return slides.build(ROOT / "notebooks", target, cache)


def test_every_deck_runs_offline_fits_the_screen_and_shows_math_and_the_explorers_figure(offline_page, decks,
                                                                                         tmp_path):
    page = offline_page
    for deck in decks:
        page.goto(deck.as_uri())
        page.wait_for_function("() => window.Reveal && Reveal.isReady() && window.MathJax && MathJax.startup")
        page.wait_for_selector(".jupyter-widgets img.widget-image", state="attached")
        measured = page.evaluate(MEASURE_DECK)
        slides_ = measured["slides"]
        assert len(slides_) > 5 and page.evaluate("() => Reveal.getTotalSlides()") == len(slides_)
        for slide in slides_:
            where = f"{deck.name} slide {slide['at']} ({slide['text']!r})"
            assert slide["height"] <= SCREEN["height"], f"{where} is taller than the screen"
            if slide["content"] > slide["height"]:
                assert slide["overflow"] in ("auto", "scroll"), f"{where} is cut off instead of scrolling"
        explorers = [slide for slide in slides_ if slide["figure"]]
        assert explorers, f"{deck.name} shows an explorer's figure"
        for slide in explorers:
            top, bottom, width = slide["figure"]
            assert width > 300, "the figure stored in the widget's state is drawn"
            assert bottom <= SCREEN["height"] and slide["controlsBottom"] <= SCREEN["height"], \
                f"{deck.name} slide {slide['at']}: the explorer's sliders and figure fit on the screen together"
        assert measured["math"] > 0 and measured["mathErrors"] == 0, "the math is typeset"
        h, v = explorers[0]["at"]
        page.evaluate(f"() => Reveal.slide({h}, {v})")
        page.screenshot(path=tmp_path / f"{deck.stem}.png")
        _assert_offline(page)


# --- make book ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from coursekit.course.tools import book, webassets

    try:
        import jupyter_book  # noqa: F401
    except ImportError:
        require(False, "Jupyter Book is not installed (make book installs the book extra)")
    cache = ROOT / ".cache" / "npm"
    cached = (cache / webassets.PACKAGES["mathjax"].folder / ".complete").exists()
    require(cached or shutil.which("npm") is not None, "npm is not installed and .cache/npm is empty")
    return book.build(ROOT / "notebooks", tmp_path_factory.mktemp("book"), cache)


def test_every_page_of_the_book_works_offline_with_math_and_pictures(offline_page, site, tmp_path):
    page = offline_page
    pages = sorted(site.glob("*.html"))
    assert {"index.html", "search.html"} <= {path.name for path in pages}
    for path in pages:
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        if page.locator("span.math").count():
            page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
            page.evaluate("() => MathJax.startup.promise")
            assert page.locator("mjx-container").count() >= page.locator("span.math").count(), f"{path.name}: math"
            assert page.locator("mjx-merror").count() == 0
        broken = page.evaluate("() => Array.from(document.images).filter(i => !i.complete || !i.naturalWidth)"
                               ".map(i => i.src)")
        assert not broken, f"{path.name}: pictures that did not load: {broken}"
        if path.name[:2].isdigit():
            assert page.locator("main img").count() > 0, f"{path.name} shows its figures"
            page.screenshot(path=tmp_path / f"book-{path.stem}.png", full_page=True)
    page.goto((site / "index.html").as_uri())
    page.get_by_role("link", name=re.compile(r"^01 · ")).first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("01_mini_batch_gradient_descent.html"), "the index links to the notebooks"
    _assert_offline(page)
