"""The environment report of the first notebook."""

from importlib import metadata

import pytest

from coursekit.course import environment


def test_requirements_are_read_from_the_package_metadata():
    reqs = environment.requirements()
    # a kernel's needs only: JupyterLab and the notebook tools are the lab extra, not checked by notebook 00
    assert set(reqs) == {"numpy", "matplotlib", "ipywidgets", "ipykernel", "threadpoolctl", "numba"}
    assert reqs["ipywidgets"] == "8.0"


def test_report_says_ready_when_everything_is_installed():
    lines = environment.environment_report().splitlines()
    assert lines[-1] == "ready for the course"
    assert len(lines) == 1 + 6 + 1
    assert all(line.startswith("✔ ") for line in lines[:-1])
    assert f"numpy         {metadata.version('numpy')}" in "\n".join(lines)


def test_report_flags_a_version_below_the_minimum(monkeypatch):
    real = metadata.version
    monkeypatch.setattr(metadata, "version", lambda name: "7.9.1" if name == "ipywidgets" else real(name))
    report = environment.environment_report()
    assert "✘ ipywidgets    7.9.1      (needs ≥ 8.0)" in report
    assert report.endswith("run `make lab` to install what is missing")


def test_report_flags_a_missing_package(monkeypatch):
    real = metadata.version

    def version(name):
        if name == "ipykernel":
            raise metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(metadata, "version", version)
    assert "✘ ipykernel     missing" in environment.environment_report()


@pytest.mark.parametrize("text, numbers", [("2.4.6", (2, 4, 6)), ("8.1.9rc1", (8, 1, 9)), ("4.6.0+local", (4, 6, 0)), ("3.10", (3, 10))])
def test_version_numbers(text, numbers):
    assert environment._numbers(text) == numbers
