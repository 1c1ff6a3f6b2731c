"""What a JupyterHub needs to serve the course to a class: each user's start, and the Kubernetes sizes.

* ``python -m coursekit.course.tools.hub start`` is the command of every user's server on the hub (the
  image of ``hub/Containerfile`` runs it): it keeps the user's working copy of the student edition in
  ``~/coursekit`` in step with the course (:func:`coursekit.course.tools.working_copy.sync`: a notebook the
  learner changed is never overwritten), turns nbgrader's instructor tools off for anyone not named in
  ``COURSEKIT_INSTRUCTORS`` (the formgrader, assignment creation and the course list), then becomes
  ``jupyterhub-singleuser`` with its arguments.
* ``python -m coursekit.course.tools.hub values CAPACITY VALUES`` writes the Zero to JupyterHub (Helm)
  configuration ``hub/values.yaml`` from the capacity table that ``make bench-hub`` measures: the memory
  and CPU that each user's server is guaranteed and limited to (:func:`sizes`), the image, the start
  command, the shared nbgrader exchange.

Reference: Zero to JupyterHub with Kubernetes, https://z2jh.jupyter.org (``singleuser`` settings).
"""

from __future__ import annotations

import json
import math
import os
import shutil
import sys
from pathlib import Path

from coursekit.course.tools import cli, working_copy

__all__ = ["INSTRUCTOR_ONLY", "SERVER_MB", "main", "sizes", "start", "values"]

#: nbgrader's parts for instructors: the server extensions and the JupyterLab plugins that a student's server turns off.
INSTRUCTOR_ONLY = {
    "server": ["nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.course_list"],
    "lab": ["@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment", "@jupyter/nbgrader:course-list"],
}
#: The single-user server's own memory besides its kernels (JupyterLab's server with nbgrader's extensions), MB.
SERVER_MB = 150
#: The seconds within which the heaviest notebook's Run All should finish when every learner runs it at once.
RUN_ALL_S = 30.0


def start(edition: Path, home: Path, user: str, instructors: set[str]) -> tuple[list[str], list[str]]:
    """Prepare ``home`` for ``user``: the working copy of ``edition`` in ``home/coursekit``, and nbgrader's
    instructor tools off unless ``user`` is one of ``instructors``.

    Returns:
        What the sync did (one line per notebook), and the server's arguments that turn the instructor's
        server extensions off (on the command line: a user's own configuration would rank below the
        environment's, which turns them on).
    """
    report = working_copy.sync(edition, home / "coursekit", "offer", progress=True)
    page = home / ".jupyter" / "labconfig" / "page_config.json"
    if user in instructors:
        page.unlink(missing_ok=True)
        return [f"{name}: {action}" for name, action in report], []
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(json.dumps({"disabledExtensions": {name: True for name in INSTRUCTOR_ONLY["lab"]}}, indent=1),
                    encoding="utf-8")
    return ([f"{name}: {action}" for name, action in report],
            [f"--ServerApp.jpserver_extensions={name}=False" for name in INSTRUCTOR_ONLY["server"]])


def sizes(capacity: dict) -> dict:
    """Each user's guaranteed and limited memory (MB) and CPU (cores) from ``make bench-hub``'s table.

    Memory: the server's own (:data:`SERVER_MB`) and two kernels of the heaviest notebook (learners open two),
    guaranteed; a third kernel's worth more as the limit. CPU: enough to run the heaviest notebook's Run All
    within :data:`RUN_ALL_S` seconds when everyone runs it at once, guaranteed; one core as the limit (a
    kernel computes on one).
    """
    notebooks = capacity["notebooks"].values()
    peak = max(entry["peak_mb"] for entry in notebooks)
    cpu = max(entry["cpu_s"] for entry in notebooks)
    guarantee = 64 * math.ceil((SERVER_MB + 2 * peak) / 64)
    return {"memory_guarantee_mb": guarantee, "memory_limit_mb": 64 * math.ceil((guarantee + peak) / 64),
            "cpu_guarantee": math.ceil(20 * cpu / RUN_ALL_S) / 20, "cpu_limit": 1.0}


def values(capacity: dict) -> str:
    """The Zero to JupyterHub configuration (YAML) for the course, sized by :func:`sizes`."""
    found = sizes(capacity)
    measured = ", ".join(sorted(capacity["notebooks"]))
    return f"""# Zero to JupyterHub configuration for coursekit, written by `make hub-values` from
# docs/instructor/capacity.json (make bench-hub, measured {capacity['measured']} on {capacity['cores']} cores,
# notebooks {measured}). Edit the authenticator and the image's registry; re-run make bench-hub on a node of
# your cluster and make hub-values before the course.
hub:
  config:
    JupyterHub:
      authenticator_class: dummy   # replace with your institution's (OAuth, LDAP, ...)
singleuser:
  image:
    name: coursekit-hub            # built from hub/Containerfile; push it to your registry
    tag: latest
  cmd: ["python", "-m", "coursekit.course.tools.hub", "start"]
  defaultUrl: /lab/tree/coursekit/00_start_here.ipynb
  extraEnv:
    COURSEKIT_INSTRUCTORS: "instructor"   # user names that get nbgrader's formgrader, space-separated
  memory:
    guarantee: {found['memory_guarantee_mb']}M    # the server and two kernels of the heaviest notebook
    limit: {found['memory_limit_mb']}M
  cpu:
    guarantee: {found['cpu_guarantee']}       # the heaviest Run All within {RUN_ALL_S:g} s with everyone at once
    limit: {found['cpu_limit']}
  storage:
    capacity: 1Gi
    extraVolumes:
      - name: nbgrader-exchange
        persistentVolumeClaim:
          claimName: nbgrader-exchange   # a ReadWriteMany volume, shared by every user's server
    extraVolumeMounts:
      - name: nbgrader-exchange
        mountPath: /srv/nbgrader/exchange
"""


@cli.command
def main(argv: list[str] | None = None) -> int:
    """``start [ARGS...]``: a user's server on the hub; ``values CAPACITY VALUES``: write the Helm configuration."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["start"]:
        edition = Path(os.environ.get("COURSEKIT_STUDENT_EDITION", "/opt/coursekit/student"))
        user = os.environ.get("JUPYTERHUB_USER", "")
        report, arguments = start(edition, Path.home(), user, set(os.environ.get("COURSEKIT_INSTRUCTORS", "").split()))
        print("\n".join(report))
        server = shutil.which("jupyterhub-singleuser") or str(Path(sys.executable).with_name("jupyterhub-singleuser"))
        os.execv(server, [server, *argv[1:], *arguments])
    if argv[:1] != ["values"]:
        print("usage: python -m coursekit.course.tools.hub start [ARGS...] | values CAPACITY VALUES", file=sys.stderr)
        return 2
    args = cli.parser(main, "capacity", "values").parse_args(argv[1:])
    args.values.parent.mkdir(parents=True, exist_ok=True)
    args.values.write_text(values(json.loads(args.capacity.read_text(encoding="utf-8"))), encoding="utf-8")
    print(f"wrote {args.values}")
    return 0


if __name__ == "__main__":
    cli.run(main)
