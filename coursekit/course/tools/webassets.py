"""The JavaScript that the offline slides and the static book need, fetched once from the npm registry.

The decks of ``make slides`` and the site of ``make book`` must work with no network at all: on a
projector in a lecture hall, from a USB stick, behind a firewall. So nothing may come from a CDN when a
page is viewed; every script sits beside the pages. The scripts are not vendored into the repository:
they are fetched once, at build time, by ``npm pack`` from the npm registry, at the pinned versions
below, checked against their pinned SHA-512 integrity and unpacked into a git-ignored cache
(``.cache/npm/`` in the repository). A build then copies the files it needs, with each package's
licence, next to the pages.

Why fetch rather than vendor: about 40 MB of third-party files (reveal.js alone is 5.3 MB unpacked)
would dwarf the course in every clone and every diff, and each carries its own licence; a pinned
version with its integrity hash is as reproducible as a vendored copy, and the npm registry is reachable
wherever the Python packages are. What is built (``build/slides/``, ``build/book/``) is self-contained
and can be copied anywhere.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from coursekit.course.tools import cli

__all__ = ["PACKAGES", "Package", "MissingTool", "fetch", "copy_files", "licence_notice"]


@dataclass(frozen=True)
class Package:
    """An npm package at a pinned version: its integrity hash, the files a page needs and its licence.

    ``files`` are paths inside the package (a path ending in ``/`` is a folder, copied whole).
    """

    name: str
    version: str
    integrity: str
    licence: str
    files: tuple[str, ...]
    purpose: str

    @property
    def folder(self) -> str:
        """The folder name of the unpacked package in the cache and beside the pages: ``reveal.js-4.0.2``."""
        return f"{self.name.replace('@', '').replace('/', '-')}-{self.version}"


PACKAGES = {
    "reveal.js": Package(
        "reveal.js", "4.0.2",
        "sha512-LWZSUenufF1gpD7npxJ7KfoQQFKgc1D6XrLTFgKlwWNP1BQ74hT48KONFWMAw+8R/QUeaScCLCLrBVHDfFIEiw==",
        "MIT", ("dist/reveal.js", "dist/reveal.css", "dist/theme/white.css", "dist/theme/fonts/", "plugin/notes/"),
        "the slide show (the version nbconvert's slides template is written for)"),
    "requirejs": Package(
        "requirejs", "2.3.7",
        "sha512-DouTG8T1WanGok6Qjg2SXuCMzszOo0eHeH9hDZ5Y4x8Je+9JB38HdTLT4/VA8OaUhBa0JPVHJ0pyBkM1z+pDsw==",
        "MIT", ("require.js",), "the module loader that reveal.js and the widget renderer are loaded with"),
    "mathjax": Package(
        "mathjax", "3.2.2",
        "sha512-Bt+SSVU8eBG27zChVewOicYs7Xsdt40qm4+UpHyX7k0/O9NliPc+x77k1/FEsPsjKPZGJvtRZM1vO+geW0OhGw==",
        "Apache-2.0", ("es5/tex-svg-full.js",),
        "math: TeX typeset as SVG, one file that needs no web fonts (so it works from file:// too)"),
    "@jupyter-widgets/html-manager": Package(
        "@jupyter-widgets/html-manager", "1.0.13",
        "sha512-NxJezzmgD+4aqYyEODuTtrNC6L7mA9JYPo5FOO0pWSkrLXgsadl342fdcCN5f0ZuI/OdzmRvz3QKxgk+vr0/7A==",
        "BSD-3-Clause",
        ("dist/embed-amd.js", "dist/*.woff", "dist/*.woff2", "dist/*.ttf", "dist/*.eot", "dist/*.svg"),
        "the widgets (ipywidgets 8) drawn from the state stored in the notebook"),
}


class MissingTool(cli.ToolFailed):
    """Raised when npm, needed once to fetch the JavaScript, is not installed."""


def fetch(package: Package, cache: str | Path) -> Path:
    """The unpacked package in ``cache`` (its ``package/`` folder), fetched with ``npm pack`` if not there yet.

    The tarball's integrity, as npm reports it, must be the pinned one.

    Raises:
        MissingTool: npm is not installed.
        cli.ToolFailed: npm failed, or the package is not the pinned one (MissingTool is one too).
    """
    cache = Path(cache).resolve()
    target = cache / package.folder
    done = target / ".complete"
    if done.exists():
        return target / "package"
    npm = shutil.which("npm")
    if npm is None:
        raise MissingTool(
            f"npm is needed once, to fetch {package.name} {package.version} from the npm registry into {cache}; "
            "install Node.js (Debian: apt-get install npm), or copy a filled cache from another machine")
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache, prefix=".fetching-") as scratch:
        run = subprocess.run(
            [npm, "pack", f"{package.name}@{package.version}", "--json", "--pack-destination", scratch],
            capture_output=True, text=True, timeout=600, cwd=scratch,
        )
        if run.returncode != 0:
            raise cli.ToolFailed(f"npm pack {package.name}@{package.version} failed:\n{run.stderr[-2000:]}")
        (info,) = json.loads(run.stdout)
        if info["integrity"] != package.integrity:
            raise cli.ToolFailed(f"{package.name}@{package.version} has integrity {info['integrity']}, "
                               f"expected the pinned {package.integrity}")
        unpacked = Path(scratch) / "unpacked"
        with tarfile.open(Path(scratch) / info["filename"]) as archive:
            _extract(archive, unpacked)
        (unpacked / ".complete").write_text(package.integrity + "\n", encoding="utf-8")
        if target.exists():  # an unfinished earlier fetch (a finished one returned above)
            shutil.rmtree(target, ignore_errors=True)
        try:
            os.rename(unpacked, target)  # atomic: two builds fetching at once never see half a package
        except OSError:
            if not done.exists():
                raise
    return target / "package"


def _extract(archive: tarfile.TarFile, target: Path) -> None:
    """Unpack regular files and folders only, never outside ``target``."""
    root = target.resolve()
    for member in archive.getmembers():
        destination = (target / member.name).resolve()
        if root not in destination.parents or not (member.isfile() or member.isdir()):
            continue
        if member.isdir():
            destination.mkdir(parents=True, exist_ok=True)
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        with archive.extractfile(member) as source, open(destination, "wb") as out:
            shutil.copyfileobj(source, out)


def copy_files(package: Package, cache: str | Path, destination: str | Path) -> Path:
    """Copy the files a page needs from ``package`` (fetched if needed) into ``destination/<folder>``; return it.

    The package's licence goes with them (its LICENSE file, or a note of the licence its package.json names).
    """
    source = fetch(package, cache)
    target = Path(destination) / package.folder
    target.mkdir(parents=True, exist_ok=True)
    for pattern in package.files:
        if pattern.endswith("/"):
            shutil.copytree(source / pattern, target / pattern, dirs_exist_ok=True)
            continue
        matches = sorted(source.glob(pattern))
        if not matches:
            raise cli.ToolFailed(f"{package.name}@{package.version} has no file {pattern}")
        for path in matches:
            (target / path.relative_to(source)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / path.relative_to(source))
    licence = source / "LICENSE"
    if licence.exists():
        shutil.copy2(licence, target / "LICENSE")
    else:
        (target / "LICENSE").write_text(f"{package.name} {package.version} is distributed under the "
                                        f"{package.licence} licence (see its package.json).\n", encoding="utf-8")
    return target


def licence_notice(packages) -> str:
    """A short Markdown list of third-party packages copied beside the pages, with versions and licences."""
    lines = ["# Third-party JavaScript", "",
             "Copied here from the npm registry at build time; each folder holds the package's LICENSE.", ""]
    lines += [f"- `{p.folder}/`: {p.name} {p.version} ({p.licence}) — {p.purpose}" for p in packages]
    return "\n".join(lines) + "\n"
