"""Every printer keeps the same contract, on every kind of model (the printers are classes
per format, as in SymPy's printing/): settings checked, refusal named, output well formed,
deterministic, and the validation table laid out alike in every format."""

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from symflux.errors import ReportError
from symflux.problems import derive_problem, load_problem
from symflux.report.html import HtmlPrinter
from symflux.report.latex import LatexPrinter
from symflux.report.markdown import MarkdownPrinter
from symflux.report.mathml import MathMLPrinter
from symflux.validation.report import ResultCheck, ResultVerdict, ValidationReport

BANK = Path(__file__).resolve().parents[2] / "derivations"
PRINTERS = [LatexPrinter, MathMLPrinter, HtmlPrinter, MarkdownPrinter]
TABLE_PRINTERS = [LatexPrinter, HtmlPrinter, MarkdownPrinter]  # MathML holds math only
KINDS = {"kinetic": "three_state_cycle.toml",
         "reactions": "reversible_michaelis_menten_network.toml",
         "transport": "wheatstone_bridge.toml",
         "path": "concentration_dependent_diffusion_linear.toml"}


@pytest.fixture(scope="module")
def derivations():
    return {kind: derive_problem(load_problem(BANK / f)) for kind, f in KINDS.items()}


def well_formed(printer, text: str) -> None:
    if printer is MathMLPrinter:
        ET.fromstring(text)
    elif printer is HtmlPrinter:
        HTMLParser().feed(text)
        assert text.count("<div") == text.count("</div>")
    else:
        math = re.sub(r"\\[{}]", "", text)  # escaped braces are text
        assert math.count("{") == math.count("}")


@pytest.mark.parametrize("printer", PRINTERS, ids=lambda p: p.__name__)
def test_an_unknown_setting_is_refused_naming_the_valid_ones(printer):
    with pytest.raises(ReportError, match="has no setting 'colour'; settings are"):
        printer({"colour": "red"})


@pytest.mark.parametrize("printer", PRINTERS, ids=lambda p: p.__name__)
def test_an_object_it_cannot_print_is_a_report_error(printer):
    with pytest.raises(ReportError, match="cannot print a set"):
        printer().doprint({1, 2})


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("printer", PRINTERS, ids=lambda p: p.__name__)
def test_every_kind_prints_well_formed_and_deterministic(printer, kind, derivations):
    d = derivations[kind]
    text = printer().doprint(d)
    assert text and text == printer().doprint(d)
    well_formed(printer, text)
    first = next(iter(d.results))
    alone = printer().doprint(d.select([first]))
    assert alone != text and len(alone) < len(text)  # each result is really printed


@pytest.mark.parametrize("printer", TABLE_PRINTERS, ids=lambda p: p.__name__)
def test_the_validation_table_is_the_same_in_every_format(printer):
    checks = (ResultCheck("p_1", "linear", 1e-12, 3, 1e-9),
              ResultCheck("J_12", "stochastic", None, 3, 4.0, max_z_score=7.25))
    verdicts = (ResultVerdict("p_1", "validated", "", ("linear",)),
                ResultVerdict("J_12", "failed", "stochastic: |z| 7.2 > 4", ()),
                ResultVerdict("W", "not validated", "no Quantity says what it means"))
    text = printer().doprint(ValidationReport("t", checks, 0, 3, verdicts, 3, 0))
    for said in ("validated", "failed", "not validated", "no Quantity", "linear",
                 "stochastic", "7.2", "1.0e-12"):
        assert said in text, f"{printer.__name__} leaves out {said!r}"
