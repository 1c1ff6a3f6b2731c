"""The environment report of the first notebook."""

from importlib import metadata

import pytest

from coursekit.course import environment


def test_requirements_are_read_from_the_package_metadata():
    reqs = environment.requirements()
    # a kernel's needs only: JupyterLab and the notebook tools are the lab extra, not checked by notebook 00
    assert set(reqs) == {"numpy", "matplotlib", "ipywidgets", "anywidget", "ipykernel", "threadpoolctl"}
    assert reqs["ipywidgets"] == "8.0"
    assert list(environment.requirements("fast")) == ["numba"]  # optional: it compiles the hot loops


def _missing(monkeypatch, package: str):
    """Make the package look not installed."""
    real = metadata.version

    def version(name):
        if name == package:
            raise metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(metadata, "version", version)


def test_report_says_ready_when_everything_is_installed():
    pytest.importorskip("numba")
    lines = environment.environment_report().splitlines()
    assert lines[-1] == "ready for the course"
    assert len(lines) == 1 + 7 + 1
    assert all(line.startswith("✔ ") for line in lines[:-2]) and lines[-2].startswith("· numba")
    assert f"numpy         {metadata.version('numpy')}" in "\n".join(lines)
    minimum = environment.requirements("fast")["numba"]
    assert lines[-2] == (f"· numba         {metadata.version('numba'):<10} (optional, ≥ {minimum}: compiles the training "
                         "loops; without it numpy runs them, same numbers)")


def test_without_numba_the_report_says_what_it_would_give_and_is_still_ready(monkeypatch):
    _missing(monkeypatch, "numba")
    lines = environment.environment_report().splitlines()
    minimum = environment.requirements("fast")["numba"]
    assert lines[-2] == (f"· numba         absent     (optional, ≥ {minimum}: compiles the training loops; "
                         "without it numpy runs them, same numbers)")
    assert lines[-1] == "ready for the course"
    assert len(lines) == 1 + 7 + 1


@pytest.mark.parametrize("package, old, line", [
    ("ipywidgets", "7.9.1", "✘ ipywidgets    7.9.1      (needs ≥ 8.0)"),
    ("numba", "0.50.1", "✘ numba         0.50.1     (optional, ≥ 0.")  # optional, but used when installed
])
def test_report_flags_a_version_below_the_minimum(monkeypatch, package, old, line):
    real = metadata.version
    monkeypatch.setattr(metadata, "version", lambda name: old if name == package else real(name))
    report = environment.environment_report()
    assert line in report
    assert report.endswith("run `make lab` to install what is missing")


def test_report_flags_a_missing_package(monkeypatch):
    _missing(monkeypatch, "ipykernel")
    assert "✘ ipykernel     missing" in environment.environment_report()


@pytest.mark.parametrize("text, numbers", [("2.4.6", (2, 4, 6)), ("8.1.9rc1", (8, 1, 9)), ("4.6.0+local", (4, 6, 0)), ("3.10", (3, 10))])
def test_version_numbers(text, numbers):
    assert environment._numbers(text) == numbers


def test_with_or_without_numba_notebook_00_compares_the_same(monkeypatch):
    # the stored report of notebook 00 holds on a machine without the optional extra: nbval's sanitizer
    # (nbval_sanitize.cfg) blanks the version column, and an optional package is marked · either way
    import configparser
    import re
    from pathlib import Path

    config = configparser.ConfigParser()
    config.read(Path(__file__).resolve().parents[2] / "nbval_sanitize.cfg")
    rule = config["package_version"]

    def sanitized() -> str:
        return re.sub(rule["regex"], rule["replace"], environment.environment_report())

    pytest.importorskip("numba")
    with_numba = sanitized()
    _missing(monkeypatch, "numba")
    assert sanitized() == with_numba
