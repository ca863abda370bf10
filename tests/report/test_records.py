"""Notebook displays of the records: a scoped style sheet, tables of verdicts, short reprs."""

import re
from html.parser import HTMLParser

import pytest
import sympy

import symflux as sf
from symflux.checking.check import CheckResult
from symflux.report.html import PAGE_STYLE, STYLE
from symflux.validation.report import ResultCheck, ResultVerdict, ValidationReport

HOSTILE = ["<img src=x onerror=alert(1)>", "a|b*c_", "`x` [y](javascript:z)\n# h"]


@pytest.fixture(scope="module")
def cycle():
    return sf.steady_state(sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 4", "4 <-> 1"]))


def _selectors(css: str) -> list[str]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    assert "@" not in css  # no @import, @media or @font-face reaching outside
    rules = re.findall(r"([^{}]+)\{[^{}]*\}", css)
    assert rules and re.sub(r"([^{}]+)\{[^{}]*\}", "", css).strip() == ""
    return [s.strip() for rule in rules for s in rule.split(",")]


def _report(name="w_1", title="cycle", verdict="validated", reason=""):
    checks = (ResultCheck(name, "linear", 2e-16, 3, 1e-9),
              ResultCheck("J_12", "ssa", None, 3, 4.0, max_z_score=1.5))
    verdicts = (ResultVerdict(name, verdict, reason, ("linear",)),
                ResultVerdict("J_12", "not validated", "no route converged", ()))
    return ValidationReport(title, checks, seed=7, points=3, verdicts=verdicts, accepted=3,
                            rejected=1)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs, self.rows = [], [], 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)
        self.rows += tag == "tr"


def _parsed(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def _md_rows(markdown: str, columns: int) -> list[list[str]]:
    """The body rows of the Markdown table; every row has ``columns`` unescaped cells."""
    rows = [line for line in markdown.splitlines() if line.startswith("| ")]
    cells = [re.split(r"(?<!\\)\|", row)[1:-1] for row in rows]
    assert all(len(c) == columns for c in cells), rows
    assert all(set(c.strip()) == {"-"} for c in cells[1])
    return [[c.strip() for c in row] for row in cells[2:]]


def test_fragment_style_is_scoped(cycle):
    html = cycle._repr_html_()
    (css,) = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert css == STYLE
    outside = [s for s in _selectors(css) if not s.startswith(".symflux-report")]
    assert outside == []
    assert html.startswith('<div class="symflux-report"><style>')


def test_page_is_body_rules_and_the_scoped_sheet(cycle):
    page = cycle.to_html()
    (css,) = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert css == PAGE_STYLE + STYLE
    assert _selectors(PAGE_STYLE) == ["body"]
    assert '<body class="symflux-report">' in page


def test_validation_tables_have_a_row_per_result():
    report = _report(verdict="failed", reason="linear: 1e-3 > 1e-9")
    html = report._repr_html_()
    assert html.count("<tr>") == 1 + len(report.verdicts) and "<table>" in html
    assert '<span class="failed">failed</span>' in html and "seed 7" in html
    assert "3 points accepted, 1 rejected" in html
    rows = _md_rows(report._repr_markdown_(), 5)
    assert [r[:2] for r in rows] == [["w\\_1", "**failed**"], ["J\\_12", "not validated"]]
    assert rows[0][2:] == ["linear", "2.0e-16", "linear: 1e-3 &gt; 1e-9"]
    assert rows[1][3:] == [r"— (max \|z\| 1.50)", "no route converged"]
    assert report._repr_markdown_().startswith("**Validation of cycle**: **failed**; ")


def test_a_real_report_displays(cycle):
    report = cycle.validate(points=2)
    rows = _md_rows(report._repr_markdown_(), 5)
    assert len(rows) == len(cycle.results) and {r[1] for r in rows} == {"validated"}
    assert _parsed(report._repr_html_()).rows == 1 + len(cycle.results)


@pytest.mark.parametrize(("result", "verdict"), [
    (CheckResult("p_1", True, "equal", "equal (identical)"), "right"),
    (CheckResult("p_1", False, "sign", "up to sign",
                 counterexample={"point": {"k_{12}": 2.0}, "expected": 0.5, "answer": -0.5}),
     "**wrong**"),
    (CheckResult("p_1", False, "parse_error", "does not parse"), "not read"),
    (CheckResult("p_1", False, "undecided", "no time"), "undecided"),
])
def test_check_tables(result, verdict):
    (row,) = _md_rows(result._repr_markdown_(), 4)
    assert row[1] == verdict and row[2] == sf.report.escape.markdown_text(result.code)
    html = result._repr_html_()
    assert _parsed(html).rows == 2 and verdict.strip("*") in html
    if result.counterexample:
        text = "at k_{12} = 2: the result is 0.5, the answer -0.5."
        assert text in html and sf.report.escape.markdown_text(text) in result._repr_markdown_()
    else:
        assert "Counterexample" not in html


def test_check_of_a_real_answer(cycle):
    result = sf.check(cycle, "p_1", "k_21/(k_12 + k_21)")
    (row,) = _md_rows(result._repr_markdown_(), 4)
    assert row[:2] == ["p\\_1", "**wrong**"] and "Counterexample: at k\\_{12} =" in \
        result._repr_markdown_()


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_are_escaped(name):
    report = _report(name=name, title=name, verdict="failed", reason=name)
    result = CheckResult(name, False, "sign", name,
                         counterexample={"point": {name: 1.0}, "expected": 1.0, "answer": 2.0})
    for html in (report._repr_html_(), result._repr_html_()):
        parsed = _parsed(html)
        assert "img" not in parsed.tags and not [a for a in parsed.attrs if a[0][:2] == "on"]
        assert "<img" not in html
    for markdown, columns in ((report._repr_markdown_(), 5), (result._repr_markdown_(), 4)):
        assert "<img" not in markdown and "a|b" not in markdown and "`x`" not in markdown
        rows = _md_rows(markdown, columns)
        assert rows[0][0] == sf.report.escape.markdown_text(" ".join(name.splitlines()))
        assert not [line for line in markdown.splitlines() if line.startswith("#")]
    assert r"a\|b\*c\_" in _report(name="a|b*c_")._repr_markdown_()


def _short(text: str) -> bool:
    return "\n" not in text and len(text) < 200


def test_reprs_are_one_short_line(cycle):
    text = repr(cycle)
    assert _short(text) and text.startswith("<Derivation 'Steady state of the kinetic scheme'")
    assert " kinetic: w_1, w_2, w_3, …, J_41 (13 results)>" in text
    report = _report()
    assert repr(report) == ("<ValidationReport 'cycle' incomplete: 1 validated, 0 failed, "
                            "1 not validated; 3 points: w_1, J_12>")
    assert repr(CheckResult("p_1", True, "equal", "x" * 1000)) == \
        "<CheckResult 'p_1' right: equal>"


def test_reprs_of_long_and_hostile_labels_stay_short():
    long = "a very long title\nwith a line break " * 20
    names = {f"result_{i}_{'x' * 40}": sympy.Integer(i) for i in range(50)}
    d = sf.Derivation(long, "kinetic\n" * 10, None, results=names)
    report = _report(name=long, title=long)
    for text in (repr(d), repr(report), repr(CheckResult(long, False, long, long))):
        assert _short(text), text
        assert text.startswith(("<Derivation 'a very long title\\nwith",
                                "<ValidationReport 'a very long", "<CheckResult 'a very"))
    assert "(50 results)>" in repr(d)


def test_problem_records_have_short_reprs(cycle):
    from symflux.problems import Comparison, Outcome, Problem

    problem = Problem("cycle", "", "kinetic", {"edges": ["1 <-> 2"] * 500},
                      {f"p_{i}": "probability" for i in range(40)}, path=None)
    comparison = Comparison("p_1", "x" * 5000, None, cycle["p_1"], False, "sign: up to sign")
    outcome = Outcome(problem, cycle, (comparison,))
    assert repr(problem) == "<Problem 'cycle' kinetic: p_0, p_1, p_2, …, p_39>"
    assert repr(comparison) == "<Comparison 'p_1' differs: sign: up to sign>"
    assert repr(outcome) == "<Outcome 'cycle' failed: w_1, w_2, w_3, …, J_41>"
