"""Shared fixtures and hypothesis settings for the symflux test suite.

Two promises for CI (``CI=true``):

- nothing is skipped: a test that would skip because a program or package it drives is
  missing (Chromium, pdflatex, a Jupyter kernel, an optional extra) fails instead, so a
  failed install cannot pass as green;
- hypothesis draws fresh examples on every run (the ``ci`` profile is not derandomised, and
  runs more examples than a developer's default); the seed is printed at the end of the
  run, and ``--hypothesis-seed=N`` replays it.
"""

import os
import secrets

import pytest
from hypothesis import HealthCheck, settings

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=40
)
settings.register_profile(
    "ci", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=60,
    print_blob=True,
)
settings.load_profile("ci" if IN_CI else "default")


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    # Runs before hypothesis's own pytest_configure, which reads the option. An xdist
    # worker takes the seed its controller drew, so one printed seed replays the run.
    worker = getattr(config, "workerinput", None)
    if worker is not None and "hypothesis_seed" in worker:
        config.option.hypothesis_seed = worker["hypothesis_seed"]
    elif config.getoption("hypothesis_seed", None) is None:
        config.option.hypothesis_seed = secrets.randbelow(2**32)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """(xdist) Hand each worker the controller's hypothesis seed."""
    node.workerinput["hypothesis_seed"] = node.config.getoption("hypothesis_seed", None)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    seed = config.getoption("hypothesis_seed", None)
    terminalreporter.write_line(
        f"hypothesis seed {seed} ({settings.get_current_profile_name()} profile); "
        f"replay with --hypothesis-seed={seed}")


def _unskip(report, what: str) -> None:
    reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr
    report.outcome = "failed"
    report.longrepr = f"CI=true and {what} would be skipped: {reason}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        _unskip(report, item.nodeid)


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped:
        _unskip(report, collector.nodeid)
