"""Report pages show control coefficients as a table and a bar chart (issue 16)."""

from pathlib import Path

import pytest

from symflux.problems import run_problem
from symflux.report import HtmlPrinter
from symflux.report.bars import bar_chart_svg

pytest.importorskip("libsbml")
BANK = Path(__file__).resolve().parents[2] / "derivations"


def test_control_problem_page_has_a_table_and_a_bar_per_coefficient():
    outcome = run_problem(BANK / "control_two_step_pathway.toml")
    html = HtmlPrinter({"validation": outcome.validation}).doprint(outcome.derivation)
    section = html[html.index("<h2>Control analysis</h2>"):]
    section = section[:section.index("<h2>", 5)]
    assert section.count("<tr>") == 1 + len(outcome.derivation.results)
    assert section.count("<rect") == len(outcome.derivation.results)


def test_bars_point_by_sign_and_labels_are_text():
    svg = bar_chart_svg([("<img src=x onerror=alert(1)>", -0.5), ("C", 1.0)])
    assert "<img" not in svg and "&lt;img" in svg
    assert 'fill="#d8583b"' in svg and 'fill="#3b7dd8"' in svg


def test_pages_without_control_results_have_no_section():
    outcome = run_problem(BANK / "two_state_channel.toml", validate=False)
    assert "Control analysis" not in HtmlPrinter().doprint(outcome.derivation)
