"""Part 5: every explorer of every notebook in JupyterLab in chromium, from an input event to the new picture on screen.

What a learner feels: a notebook runs (Run All) in JupyterLab in Debian's chromium (driven by Playwright), and
each explorer's main slider (the one it marks ``coursekit-main``, else the first of its cell; named by its label,
and the same slider on the before side) is moved

* by key presses: its handle focused, ArrowRight or ArrowLeft once every 400 ms, turning only at an end of the
  range, so that each value is new where the range allows. A press's latency is from the keydown event's
  timestamp to the first new picture on screen after it; a press at an end (nothing changes) is not counted,
  one without a picture within the 400 ms counts as 400 ms (``no frame``);
* by a drag: the mouse pressed on the handle, moved across 60 % of the track in 25 moves, one every 40 ms (a
  hand's pace), released. ``frames in drag`` counts the pictures shown while the mouse moved (more than one:
  the picture follows the hand); a picture's latency is from the latest pointer move before it, not from the
  move that set the value it shows, so for a side that cannot keep up (values skipped) it is a lower bound.
"On screen" is the Element Timing ``renderTime`` (``loadTime`` when it is 0): every ``img`` that appears in the
explorer's output, or whose ``src`` changes, is given an ``elementtiming`` name, and a ``PerformanceObserver``
of ``element`` entries says when it was painted. Beside it, ``kernel`` is the median time the kernel spent on
the widget messages of the same presses, from a message's arrival in its ``comm_msg`` handler to the handler's
return (a silent wrapper installed after Run All).
With ``--before REF`` the notebooks also run on the whole ``coursekit/`` of git ``REF``: one JupyterLab serves
two copies of ``notebooks/`` whose kernelspecs differ only in ``PYTHONPATH``; both sides of a notebook are open
in two pages and their presses alternate in blocks, the side going first alternating, so that both see the same
load. ``ratio`` = median now / median before. An explorer that trains a value on first sight (``WARM``) has its
values visited once, untimed, first; every other is measured cold. Needs Playwright and chromium.
"""

from __future__ import annotations

import ast
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from unittest import mock

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT))  # tests/: the browser tests' JupyterLab server and chromium
from tests.test_browser import NOTEBOOK_STATE, RUN_ALL, _serve, _wait_for  # noqa: E402
from tests.tools import CHROMIUM, chromium  # noqa: E402

PRESS_EVERY, DRAG_MOVES, DRAG_EVERY, DRAG_SPAN = 0.4, 25, 0.04, 0.6
WARM = ("batch_size_explorer",)  # explorers that train a value the first time they see it ("⏳" in the summary)
PANEL = 'Array.from(window.jupyterapp.shell.widgets("main")).find(w => w.context)'  # the page's one notebook

# The explorers of the notebook: code cells whose output holds a slider and a picture, each marked.
FIND = """() => PANEL.content.widgets.filter(w => w.model.type === "code"
        && w.node.querySelector(".jp-OutputArea-output .widget-slider")
        && w.node.querySelector(".jp-OutputArea-output img")).map((w, i) => {
        w.node.setAttribute("data-bench", String(i));
        const slider = w.node.querySelector(".jp-OutputArea-output .widget-slider.coursekit-main")
            || w.node.querySelector(".jp-OutputArea-output .widget-slider");
        const label = slider.querySelector(".widget-label");
        const name = /(\\w+_explorer)\\s*\\(/.exec(w.model.sharedModel.getSource());
        return {index: i, name: name ? name[1] : "explorer", label: label ? label.textContent.trim() : "?"};
    })""".replace("PANEL", PANEL)

# Records the input events and the pictures painted in one explorer's cell, in performance.now()'s time.
WATCH = """(cell, tag) => {
    const rec = window.__bench = {keys: [], moves: [], frames: [], changes: 0}, seen = new WeakMap();
    cell.addEventListener("keydown", e => rec.keys.push(e.timeStamp), true);
    cell.addEventListener("pointermove", e => rec.moves.push(e.timeStamp), true);
    const mark = () => {
        for (const img of cell.querySelectorAll(".jp-OutputArea-output img"))
            if (seen.get(img) !== img.src)
                seen.set(img, img.src), img.setAttribute("elementtiming", tag + rec.changes++);
    };
    mark();
    new MutationObserver(mark).observe(cell, {childList: true, subtree: true, attributeFilter: ["src"]});
    new PerformanceObserver(list => { for (const e of list.getEntries())
        if (e.identifier.startsWith(tag)) rec.frames.push(e.renderTime || e.loadTime); }).observe({type: "element"});
}"""

# Runs Python in the page's kernel, silently; returns the text of ``expression`` evaluated after ``code``.
KERNEL = """async ([code, expression]) => {
    const reply = await PANEL.sessionContext.session.kernel.requestExecute(
        {code, silent: true, store_history: false, user_expressions: {out: expression}}).done;
    const out = reply.content.user_expressions.out;
    return out.status === "ok" ? out.data["text/plain"] : out.ename + ": " + out.evalue;
}""".replace("PANEL", PANEL)

# Times every widget message the kernel handles, into ``_bench_comm`` (seconds); prints nothing.
HOOK = """
def _bench_hook(kernel, times, inspect=__import__("inspect"), time=__import__("time")):
    handle = kernel.shell_handlers["comm_msg"]
    async def finish(result, start):
        await result
        times.append(time.perf_counter() - start)

    def timed(*args, **kwargs):
        start, result = time.perf_counter(), handle(*args, **kwargs)
        if inspect.isawaitable(result):
            return finish(result, start)
        times.append(time.perf_counter() - start)
    kernel.shell_handlers["comm_msg"] = timed
    return times
_bench_comm = _bench_hook(get_ipython().kernel, [])
"""


def missing() -> str | None:
    """Why part 5 cannot run here (no Playwright, no chromium), or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (the browser extra: pip install -e '.[browser]')"
    return None if CHROMIUM.is_file() else f"{CHROMIUM} is missing (apt-get install chromium or set COURSEKIT_CHROMIUM)"


def _sides(ref: str | None, home: Path) -> list[str]:
    """Write the kernelspecs coursekit-now and, for ``ref``, coursekit-before into ``home/jupyter``."""
    sides = {"now": {}}
    if ref:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", ref, "coursekit"],
                                 check=True, capture_output=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(home / "before-package", filter="data")
        sides["before"] = {"PYTHONPATH": str(home / "before-package")}
    for side, env in sides.items():
        spec = home / "jupyter" / "kernels" / f"coursekit-{side}"
        spec.mkdir(parents=True)
        spec.joinpath("kernel.json").write_text(json.dumps({
            "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": f"coursekit {side}", "language": "python", "env": env}))
    return list(sides)


def _course(folder: Path, sides: list[str], notebooks: list[Path]) -> None:
    """A copy of ``notebooks`` per side in ``folder/<side>``, each set to run on its side's kernel."""
    for side in sides:
        (folder / side).mkdir(parents=True)
        for notebook in notebooks:
            content = json.loads(notebook.read_text(encoding="utf-8"))
            content["metadata"]["kernelspec"] = {"name": f"coursekit-{side}", "display_name": f"coursekit {side}",
                                                 "language": "python"}
            (folder / side / notebook.name).write_text(json.dumps(content), encoding="utf-8")


class Side:
    """One side's page with a notebook open and run, and its kernel's message timer installed."""

    def __init__(self, browser, base: str, token: str, side: str, name: str):
        self.path, self.context = f"{side}/{name}", browser.new_context(viewport={"width": 1280, "height": 1000})
        self.page = self.context.new_page()
        self.page.goto(f"{base}/lab/workspaces/{side}-{Path(name).stem}/tree/{self.path}?token={token}")
        self.state = lambda: self.page.evaluate(NOTEBOOK_STATE, self.path)
        _wait_for(self.state, lambda s: s["stage"] == "open" and s["kernel"] == "idle", f"{self.path} to open")
        self.page.evaluate(RUN_ALL, self.path)

    def ready(self) -> list[dict]:
        """Wait for Run All; install the timer; return the explorers found (none when a cell failed)."""
        ran = _wait_for(self.state, lambda s: s["kernel"] == "idle" and (None not in s["counts"] or s["problems"]),
                        f"{self.path} to run")
        if ran["problems"]:
            print(f"[bench] {self.path}: {ran['problems']}", file=sys.stderr)
        if None in ran["counts"]:
            return []
        self.page.evaluate(KERNEL, [HOOK, "0"])
        return self.page.evaluate(FIND)

    def select(self, index: int, label: str) -> None:
        """Watch explorer ``index``: its cell in view, the handle of its slider ``label`` focused, the kernel's
        timer emptied."""
        self.cell = self.page.locator(f'[data-bench="{index}"]')
        self.cell.scroll_into_view_if_needed()
        self.slider = self.cell.locator(".jp-OutputArea-output .widget-slider", has_text=label).first
        self.handle = self.slider.locator(".noUi-handle").first
        self.readout = self.slider.locator(".widget-readout").first
        self.cell.evaluate(WATCH, f"bench{index}-")
        self.handle.focus()
        self.key, self.kernel_ms = "ArrowRight", []
        self.page.evaluate(KERNEL, ["_bench_comm.clear()", "0"])

    def presses(self, n: int, timed: bool = True) -> list[float]:
        """``n`` presses that change the value, one every 400 ms, turning at an end: their latencies (ms).
        Untimed (the warm-up), right to the end and back, each waiting for its value to be trained."""
        self.page.bring_to_front()  # a page behind another is drawn a few times a second only
        self.handle.focus()
        latencies, shown = [], self.readout.inner_text()
        while len(latencies) < n:
            start = time.monotonic()
            self.page.keyboard.press(self.key)
            time.sleep(max(0.0, PRESS_EVERY - (time.monotonic() - start)))
            if not timed:
                _wait_for(lambda: self.cell.inner_text(), lambda text: "⏳" not in text, "training", interval=0.1)
            now = self.readout.inner_text()
            if now == shown:  # at an end of the range: turn, and do not count it
                self.key = "ArrowLeft" if self.key == "ArrowRight" else "ArrowRight"
                if not timed and self.key == "ArrowRight":
                    self.page.evaluate(KERNEL, ["_bench_comm.clear()", "0"])
                    return latencies
                continue
            shown, record = now, self.page.evaluate("() => window.__bench")
            frames = [f - record["keys"][-1] for f in record["frames"] if f > record["keys"][-1]]
            latencies.append(min(min(frames, default=400.0), 400.0))
        times = self.page.evaluate(KERNEL, ["", "__import__('json').dumps(_bench_comm)"])
        self.kernel_ms += [1000 * t for t in json.loads(ast.literal_eval(times))]
        self.page.evaluate(KERNEL, ["_bench_comm.clear()", "0"])
        return latencies

    def drag(self) -> tuple[int, list[float]]:
        """One drag across 60 % of the track: the frames shown while moving, and each frame's latency (ms)."""
        track, box = self.slider.locator(".noUi-target").first.bounding_box(), self.handle.bounding_box()
        self.page.bring_to_front()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        step = DRAG_SPAN * track["width"] / DRAG_MOVES * (1 if x < track["x"] + track["width"] / 2 else -1)
        self.page.mouse.move(x, y)
        self.page.mouse.down()
        for i in range(1, DRAG_MOVES + 1):
            start = time.monotonic()
            self.page.mouse.move(x + i * step, y)
            time.sleep(max(0.0, DRAG_EVERY - (time.monotonic() - start)))
        self.page.mouse.up()
        time.sleep(1.5)
        record = self.page.evaluate("() => window.__bench")
        moves, frames = record["moves"], [f for f in record["frames"] if record["moves"] and f > record["moves"][0]]
        return sum(f <= moves[-1] for f in frames), [f - max(m for m in moves if m < f) for f in frames]

    def close(self) -> None:
        self.page.evaluate(f"() => {PANEL}.sessionContext.shutdown()")
        self.context.close()


def _explorer(sides: dict, twins: dict, label: str, warm: bool, blocks: int, per_block: int, drag: bool) -> dict:
    """Measure the slider ``label`` of the explorer ``twins[side]`` (its index) on each side (after a warm-up if
    ``warm``), the presses in blocks alternating between the sides: {side: (latencies, kernel ms, frames in drag,
    drag latencies)}."""
    for side, index in twins.items():
        sides[side].select(index, label)
        if warm:
            sides[side].presses(10**6, timed=False)
    latencies = {side: [] for side in twins}
    for block in range(blocks):
        for side in list(twins)[::1 if block % 2 == 0 else -1]:
            latencies[side] += sides[side].presses(per_block)
    return {side: (latencies[side], sides[side].kernel_ms, *(sides[side].drag() if drag else (None, [])))
            for side in twins}


def _stats(values: list[float]) -> tuple[float | None, float | None]:
    """Median and 90th percentile of ``values`` (None, None when empty)."""
    return (statistics.median(values), float(np.percentile(values, 90))) if values else (None, None)


def _rows(name: str, results: dict) -> list[dict]:
    """The rows of one explorer: key presses and, when dragged, the drag; ratio = median now / median before."""
    now, before = results["now"], results.get("before") or ((), (), None, ())
    rows = []
    for kind, goal, i in (("keys", "<= 30 ms", 0), ("drag", "", 3))[:1 if now[2] is None else 2]:
        (median, p90), (median_before, p90_before) = _stats(now[i]), _stats(before[i])
        detail = {"p90 (goal <= 60 ms)" if kind == "keys" else "p90": p90, "p90 before": p90_before}
        if kind == "keys":
            detail.update({"kernel": _stats(now[1])[0], "kernel before": _stats(before[1])[0],
                           "presses": str(len(now[0])), "no frame (as 400 ms)": str(sum(v >= 400 for v in now[0]))})
        else:
            detail.update({"frames in drag": str(now[2]), "frames in drag before": None if before[2] is None
                           else str(before[2])})
        rows.append({"part": "5 browser", "case": f"{name}, {kind}", "versus": "before" if median_before else "",
                     "unit": "ms", "goal": goal, "now": median, "before": median_before,
                     "ratio": median and median_before and median / median_before, "higher_is_better": False,
                     "detail": {key: value for key, value in detail.items() if value is not None}})
    return rows


def run(env: dict, ref: str | None, notebooks: str | None, quick: bool) -> list[dict]:
    """Measure every explorer of the notebooks numbered in ``notebooks`` ("00,04"; all when None), their kernels
    run with ``env``; one row for the key presses and one for the drag per explorer."""
    if reason := missing():
        print(f"[bench] part 5 skipped: {reason}", file=sys.stderr)
        return []
    wanted = notebooks and notebooks.split(",")
    chosen = [path for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
              if not wanted or path.name[:2] in wanted]
    home = Path(tempfile.mkdtemp(prefix="coursekit-browser-"))
    names, course = _sides(ref, home), home / "course"
    _course(course, names, chosen)
    server, rows = _serve(home, course, settings=True), []
    with mock.patch.dict(os.environ, {**env, "JUPYTER_PATH": str(home / "jupyter")}, clear=True):
        base, token = next(server)  # JupyterLab and its kernels get this environment
    try:
        with chromium() as browser:
            for notebook in chosen:
                sides = {side: Side(browser, base, token, side, notebook.name) for side in names}
                found = {side: page.ready() for side, page in sides.items()}
                for k, explorer in enumerate(found["now"]):
                    key = explorer["name"]  # the same slider on both sides: the one "now" marks as main
                    nth = sum(e["name"] == key for e in found["now"][:k])  # the nth of its kind
                    same = {side: [e["index"] for e in found[side] if e["name"] == key] for side in names}
                    twins = {side: indices[nth] for side, indices in same.items() if len(indices) > nth}
                    name = f"{notebook.name[:2]} {explorer['name']}: {explorer['label']}"
                    print(f"[bench]   {name}", file=sys.stderr, flush=True)
                    rows += _rows(name, _explorer(sides, twins, explorer["label"], explorer["name"] in WARM,
                                                  *((1, 5, False) if quick else (4, 5, True))))
                for page in sides.values():
                    page.close()
    finally:
        next(server, None)
        shutil.rmtree(home, ignore_errors=True)
    return rows
