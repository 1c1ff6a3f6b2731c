"""Confinement for grading, with bubblewrap: what a submission's code can see, and where it can write.

Two confinements, both built on ``bwrap`` (Debian's ``bubblewrap``; user namespaces, no root needed):

* :func:`argv` — for a learner's function under :mod:`~coursekit.course.tools.sandbox`: a new root
  holding only the system's libraries, the Python standard library and the folders it is given (numpy);
  every Python package folder of this interpreter is hidden, so coursekit cannot be imported or read; no
  network, no writable folder but an empty ``/tmp``.
* :func:`kernel_argv` — for the kernel that nbgrader starts to run a submission: it sees the whole system,
  read-only, and may write only in the submission's own folder and an empty scratch folder of its own. So a submission
  cannot change the environment that grades the next one (a ``.pth`` file in site-packages, a patched
  module), and what it does to its own kernel ends with it.

``python -m coursekit.course.tools.confine kernel -f CONNECTION_FILE`` is the kernel that the grading
kernelspec (written by ``make grading``) starts.

Reference: bubblewrap, https://github.com/containers/bubblewrap
"""

from __future__ import annotations

import os
import shutil
import site
import sys
import sysconfig
import tempfile
from pathlib import Path

__all__ = ["PACKAGES", "argv", "available", "kernel_argv", "kernel_command", "main", "python"]

#: Where the confined side of :func:`argv` sees the folders it is given (put on its ``sys.path``).
PACKAGES = "/packages"
_MISSING = ("grading runs each submission's code confined with bubblewrap, and bwrap is not installed: "
            "on Debian or Ubuntu, apt-get install bubblewrap")


def available() -> bool:
    """Whether bubblewrap is installed (grading needs it; studying does not)."""
    return shutil.which("bwrap") is not None


def _bwrap() -> str:
    found = shutil.which("bwrap")
    if found is None:
        raise RuntimeError(_MISSING)
    return found


def python() -> str:
    """This interpreter's own executable (a venv's ``python`` is a link to it, and the venv is not mounted)."""
    return str(Path(sys.executable).resolve())


def _package_folders() -> list[str]:
    """Every folder this interpreter finds Python packages in: site-packages, dist-packages, user site."""
    base = sysconfig.get_paths(vars={"base": sys.base_prefix, "platbase": sys.base_prefix})  # a venv's interpreter
    found = {paths[key] for paths in (sysconfig.get_paths(), base) for key in ("purelib", "platlib")}
    found.update(site.getsitepackages() if hasattr(site, "getsitepackages") else [])
    found.add(site.getusersitepackages())
    found.update(str(path) for path in Path("/usr/lib").glob("python3*/dist-packages"))
    found.update(str(path) for path in Path("/usr/local/lib").glob("python3*/dist-packages"))
    return sorted(folder for folder in found if Path(folder).is_dir())


def argv(command: list[str], readable: list[tuple[str, str]] = ()) -> list[str]:
    """``command`` confined: system libraries and the standard library read-only, ``readable`` mounted
    (source, target) read-only, every package folder hidden, no network, an empty ``/tmp``, no environment."""
    stdlib = Path(sysconfig.get_paths()["stdlib"]).resolve()
    roots = sorted({"/usr", str(Path(sys.base_prefix).resolve()), str(stdlib.parent),
                    str(Path(python()).parent)})
    mounts = []
    for root in roots:
        mounts += ["--ro-bind", root, root]
    for link in ("lib", "lib64", "bin"):
        if Path(f"/{link}").is_symlink():
            mounts += ["--symlink", os.readlink(f"/{link}"), f"/{link}"]
        elif Path(f"/{link}").is_dir():
            mounts += ["--ro-bind", f"/{link}", f"/{link}"]
    for folder in _package_folders():
        if any(folder.startswith(root + "/") for root in roots):
            mounts += ["--tmpfs", folder]
    for source, target in readable:
        mounts += ["--ro-bind", source, target]
    environment = ["--clearenv", "--setenv", "HOME", "/tmp", "--setenv", "PATH", "/usr/bin:/bin",
                   "--setenv", "OPENBLAS_NUM_THREADS", "1"]
    for name in ("OPENBLAS_CORETYPE", "LANG"):
        if name in os.environ:
            environment += ["--setenv", name, os.environ[name]]
    return [_bwrap(), *mounts, "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--chdir", "/tmp",
            "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL", *environment, "--", *command]


def kernel_argv(command: list[str], writable: list[str], scratch: str) -> list[str]:
    """``command`` with the whole system read-only but ``writable`` (folders or files), and ``scratch`` (an existing folder) replaced by
    an empty one in memory where its tools write (``HOME``, ``TMPDIR``, IPython's, matplotlib's and Numba's
    caches), gone with it; the network kept (the kernel talks to nbgrader over loopback). ``/tmp`` is not
    replaced: the course and its environment may live under it."""
    mounts = ["--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev"]
    for folder in writable:
        mounts += ["--bind", folder, folder]
    mounts += ["--tmpfs", scratch]
    environment = []
    for name, value in (("HOME", scratch), ("TMPDIR", scratch), ("IPYTHONDIR", f"{scratch}/ipython"),
                        ("MPLCONFIGDIR", f"{scratch}/matplotlib"), ("NUMBA_CACHE_DIR", f"{scratch}/numba"),
                        ("JUPYTER_DATA_DIR", f"{scratch}/jupyter")):
        environment += ["--setenv", name, value]
    return [_bwrap(), *mounts, "--unshare-user", "--unshare-ipc", "--die-with-parent",
            "--cap-drop", "ALL", *environment, "--chdir", os.getcwd(), "--", *command]


def kernel_command(connection_file: str) -> list[str]:
    """The confined command of an IPython kernel for ``connection_file``: writable are the current folder (the
    submission's) and that one file (the kernel may rewrite it), never the folder it lies in (often ``/tmp``,
    where the course and its environment may live)."""
    connection = str(Path(connection_file).resolve())
    command = [sys.executable, "-m", "ipykernel_launcher", "-f", connection]
    return kernel_argv(command, writable=[os.getcwd(), connection], scratch=tempfile.mkdtemp(prefix="coursekit-kernel-"))


def main(args: list[str] | None = None) -> int:
    """``kernel -f CONNECTION_FILE``: start an IPython kernel confined by :func:`kernel_command`."""
    args = sys.argv[1:] if args is None else args
    if len(args) != 3 or args[0] != "kernel" or args[1] != "-f":
        print("usage: python -m coursekit.course.tools.confine kernel -f CONNECTION_FILE", file=sys.stderr)
        return 2
    os.execv(_bwrap(), kernel_command(args[2]))
    return 0  # not reached: execv replaces this process


if __name__ == "__main__":
    sys.exit(main())
