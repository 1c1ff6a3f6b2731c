"""A learner's exercise, graded where nothing of the course and nothing of the notebook can reach it.

Under grading (``make grading``, nbgrader's autograde), the verdict of an exercise does not come from the
notebook's kernel, whose checker, imports, environment and even cell sources a submission can change.
:func:`grade` takes the text of the exercise cell and defines the function again in a new interpreter
confined by bubblewrap (:mod:`~coursekit.course.tools.confine`): it sees the Python standard library and
numpy (given as ``np``, as the notebooks import it) and nothing else: not coursekit, not the course's
files, not the network. The exercise's check (:func:`coursekit.course.exercises.machinery.run`) runs here,
in the grader, and calls that function case by case through a pipe (:class:`Confined`); arguments and
results cross as plain data (:mod:`~coursekit.course.tools.wire`). An exercise that builds on earlier ones
(Adam on ``ewa_step`` and ``bias_correct``) is given those, as calls back to the grader's own.

So an answer that delegates to coursekit's implementation cannot import it, and nothing a submission did
to its kernel changes the verdict.

>>> grade("gd_update", "def gd_update(w, dw, lr):\\n    return w - lr * dw\\n").passed   # doctest: +SKIP
True
"""

from __future__ import annotations

import builtins
import json
import select
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np

from coursekit.course.exercises import Result, exercise, machinery, reference
from coursekit.course.tools import confine, wire

__all__ = ["Confined", "TIMEOUT", "grade"]

#: Seconds a learner's function may take on one case before it is stopped.
TIMEOUT = 20.0

_WORKER = '''
import os, sys, json, warnings
import numpy as np
replies = os.fdopen(os.dup(1), "w")
requests = os.fdopen(os.dup(0), "r")
nowhere = os.open(os.devnull, os.O_RDWR)
os.dup2(nowhere, 0), os.dup2(nowhere, 1)
sys.stdin, sys.stdout = open(os.devnull), open(os.devnull, "w")
np.seterr(all="ignore")
warnings.simplefilter("ignore")

def send(message):
    replies.write(json.dumps(message) + "\\n")
    replies.flush()

def failure(error):
    return [type(error).__name__, str(error)]

def given(name):
    def call_back(*args):
        send({"callback": name, "args": encode(args)})
        reply = json.loads(requests.readline())
        if "raised" in reply:
            raise RuntimeError(reply["raised"][1])
        return decode(reply["result"])
    call_back.__name__ = name
    return call_back

setup = json.loads(requests.readline())
namespace = {"__name__": "__main__", "np": np, **{name: given(name) for name in setup["given"]}}
try:
    exec(compile(setup["source"], "<exercise cell>", "exec"), namespace)
    if not callable(namespace.get(setup["name"])):
        raise NameError(f"the cell defines no function {setup['name']}")
    function = namespace[setup["name"]]
    send({"defined": True})
except BaseException as error:
    send({"defined": False, "raised": failure(error)})
    raise SystemExit(0)
for line in requests:
    args = decode(json.loads(line)["call"])
    try:
        value = function(*args)
        try:
            send({"result": encode(value, args), "args": encode(args)})
        except NotData as error:
            send({"raised": failure(error), "args": encode(args)})
    except Exception as error:
        send({"raised": failure(error), "args": encode(args)})
'''


def _worker_source() -> str:
    """What the confined interpreter runs: the wire format's module (without its ``__future__`` line, which
    must open a file), then the loop; numpy is found where :func:`_numpy` mounts it."""
    codec = Path(wire.__file__).read_text(encoding="utf-8").replace("from __future__ import annotations\n", "")
    return f"import sys\nsys.path.insert(0, {confine.PACKAGES!r})\n{codec}{_WORKER}"


class Confined:
    """The function ``name`` of a cell's ``source``, defined and called in a confined interpreter.

    ``given`` maps names the source may call (earlier exercises it builds on) to the grader's functions.
    Called like the learner's function: the arguments are sent, the call runs there, and what it changed
    in its arguments is written back into them here, so the check sees a change in place as it would in
    the notebook. Its exceptions come back as the same built-in kind (with their message).
    """

    def __init__(self, source: str, name: str, given: Mapping[str, Callable] | None = None, timeout: float = TIMEOUT):
        self.source, self.__name__, self.given, self.timeout = source, name, dict(given or {}), timeout
        self._process: subprocess.Popen | None = None
        self._timed_out = False

    def start(self) -> str | None:
        """Define the function; None when it is defined, else what stopped it (``"SyntaxError: ..."``)."""
        self.close()
        self._process = subprocess.Popen(
            confine.argv([confine.python(), "-I", "-S", "-c", _worker_source()], readable=_numpy()),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self._send({"source": self.source, "name": self.__name__, "given": list(self.given)})
        reply = self._receive()
        return None if reply.get("defined") else ": ".join(reply["raised"])

    def __call__(self, *args):
        if self._timed_out:  # one case that runs forever is enough: the others are not waited for
            raise TimeoutError(f"{self.__name__} did not return within {self.timeout:g} s on an earlier case")
        if self._process is None or self._process.poll() is not None:
            problem = self.start()
            if problem:
                raise RuntimeError(f"{self.__name__} is not defined: {problem}")
        self._send({"call": wire.encode(args)})
        while True:
            reply = self._receive()
            if "callback" not in reply:
                break
            self._answer(reply)
        _write_back(args, wire.decode(reply["args"]))
        if "raised" in reply:
            raise _exception(*reply["raised"])
        return wire.decode(reply["result"], args)

    def close(self) -> None:
        """Stop the confined interpreter (it is started again by the next call)."""
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            for stream in (self._process.stdin, self._process.stdout):
                stream.close()
            self._process = None

    def __enter__(self) -> Confined:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _answer(self, request: dict) -> None:
        try:
            value = self.given[request["callback"]](*wire.decode(request["args"]))
            self._send({"result": wire.encode(value)})
        except Exception as error:  # the grader's function refused the learner's arguments: say so there
            self._send({"raised": [type(error).__name__, str(error)]})

    def _send(self, message: dict) -> None:
        try:
            self._process.stdin.write(json.dumps(message) + "\n")
            self._process.stdin.flush()
        except BrokenPipeError:
            pass  # the interpreter has ended: _receive says how

    def _receive(self) -> dict:
        deadline = time.monotonic() + self.timeout
        stdout = self._process.stdout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([stdout], [], [], deadline - time.monotonic())
            if ready:
                line = stdout.readline()
                if not line:
                    code = self._process.wait()
                    self.close()
                    raise RuntimeError(f"the interpreter running {self.__name__} ended (exit status {code})")
                return json.loads(line)
        self.close()
        self._timed_out = True
        raise TimeoutError(f"{self.__name__} did not return within {self.timeout:g} s")


def grade(name: str, source: str, timeout: float = TIMEOUT) -> Result:
    """The verdict on exercise ``name`` for the exercise cell ``source``, computed outside any notebook kernel.

    Args:
        name: an exercise (:func:`coursekit.course.exercises.names`).  source: the text of its exercise cell.
        timeout: seconds allowed per case.

    Returns:
        The exercise's :class:`~coursekit.course.exercises.Result`, as the check cell would show it.
    """
    entry = exercise(name)
    with Confined(source, name, {block: reference(block) for block in entry.builds_on}, timeout) as function:
        problem = function.start()
        if problem:
            return Result(name, False, (
                f"✘ {name}: the exercise cell does not define {name} where it is graded ({problem})",
                "  graded, the cell runs with numpy as np and nothing else of the course or the notebook: "
                "write the function with numpy",
            ))
        return machinery.run(entry, function)


def _numpy() -> list[tuple[str, str]]:
    """numpy's package folder (and the folder of its bundled libraries, if any) -> where the confined side sees it."""
    package = Path(np.__file__).parent
    folders = [package, package.with_name("numpy.libs")]
    return [(str(folder), f"{confine.PACKAGES}/{folder.name}") for folder in folders if folder.is_dir()]


def _write_back(args: tuple, left: tuple) -> None:
    """Make the caller's arguments what the confined call left them (an array's values, a list's or dict's items)."""
    for mine, theirs in zip(args, left):
        if isinstance(mine, np.ndarray) and isinstance(theirs, np.ndarray) and mine.shape == theirs.shape:
            np.copyto(mine, theirs, casting="unsafe")
        elif type(mine) is list and type(theirs) is list:
            mine[:] = theirs
        elif type(mine) is dict and type(theirs) is dict:
            mine.clear()
            mine.update(theirs)


_KINDS: dict[str, type] = {}


def _exception(kind: str, message: str) -> Exception:
    """An exception of the built-in kind named ``kind`` (numpy's LinAlgError too), else of a new kind of that name."""
    found = getattr(builtins, kind, None)
    if not (isinstance(found, type) and issubclass(found, Exception)):
        found = np.linalg.LinAlgError if kind == "LinAlgError" else _KINDS.setdefault(kind, type(kind, (Exception,), {}))
    return found(message)
