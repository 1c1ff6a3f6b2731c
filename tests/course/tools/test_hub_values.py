"""The hub's Zero to JupyterHub configuration: sized from the capacity table, and kept up to date with it."""

import json
from pathlib import Path

import yaml

from coursekit.course.tools import hub

ROOT = Path(__file__).resolve().parents[3]
CAPACITY = json.loads((ROOT / "docs" / "instructor" / "capacity.json").read_text(encoding="utf-8"))


def test_the_committed_values_are_those_of_the_capacity_table():
    assert (ROOT / "hub" / "values.yaml").read_text(encoding="utf-8") == hub.values(CAPACITY), "run make hub-values"


def test_each_user_is_guaranteed_the_server_and_two_kernels_of_the_heaviest_notebook():
    table = {"notebooks": {"01": {"peak_mb": 200, "cpu_s": 3.0}, "08": {"peak_mb": 250, "cpu_s": 6.0}}}
    found = hub.sizes(table)
    assert found["memory_guarantee_mb"] == 704  # 150 + 2 · 250 = 650, rounded up to 64 MB
    assert found["memory_limit_mb"] == 960  # 704 + 250 = 954, rounded up
    assert found["cpu_guarantee"] == 0.2 and found["cpu_limit"] == 1.0  # 6 CPU s within 30 s


def test_the_values_are_helm_values_that_start_every_server_as_the_image_does():
    values = yaml.safe_load(hub.values(CAPACITY))
    single = values["singleuser"]
    assert single["cmd"] == ["python", "-m", "coursekit.course.tools.hub", "start"]
    assert single["memory"]["guarantee"] == f"{hub.sizes(CAPACITY)['memory_guarantee_mb']}M"
    assert single["storage"]["extraVolumeMounts"][0]["mountPath"] == "/srv/nbgrader/exchange"
    image = (ROOT / "hub" / "Containerfile").read_text(encoding="utf-8")
    assert 'CMD ["python", "-m", "coursekit.course.tools.hub", "start"]' in image
    assert "jupyter-settings/overrides.json" in image and "bubblewrap" in image
