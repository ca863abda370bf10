"""Long results fit the page in every format: rows of MathML and LaTeX, folded HTML."""

import re
import shutil
import xml.etree.ElementTree as ET

import pytest
import sympy

from symflux.parsing import parse_latex
from symflux.report import HtmlPrinter, LatexPrinter, MarkdownPrinter, MathMLPrinter
from symflux.report.breaking import LARGE_TERMS, Layout, is_large, latex_width, term_count

from .test_pdflatex import compile_tex, overfull_boxes

A_TO_H = sympy.symbols("a b c d e f g h", positive=True)
M = "{http://www.w3.org/1998/Math/MathML}"


def _long_sum():
    """36 distinct products of two of a … h."""
    return sympy.Add(*(s * t for i, s in enumerate(A_TO_H) for t in A_TO_H[i:]))


def _unbroken(rows) -> str:
    """The right cells of the rows put back together, as plain LaTeX."""
    text = " ".join(right.removeprefix("= ") for _, right in rows)
    text = re.sub(r"\\quad|\\[bB]igg?[lr]", "", text)
    return text


@pytest.fixture(scope="module")
def bi_bi(outcomes):
    outcome = outcomes["random_bi_bi"]
    assert outcome.derivation is not None, outcome.error
    return outcome


def test_a_long_sum_breaks_at_term_boundaries_within_the_width():
    expr = _long_sum()
    rows = Layout(sympy.latex, 40).rows("y", expr)
    assert len(rows) > 5
    assert rows[0][1].startswith("= ")
    assert all(right.startswith(r"\quad + ") for _, right in rows[1:])
    assert all(latex_width(left + right) <= 40 + 6 for left, right in rows)
    assert parse_latex(_unbroken(rows), symbols={s.name: s for s in A_TO_H}) == expr


def test_a_product_of_long_sums_opens_its_parentheses_over_rows():
    a, b, c, d, e, f, g, h = A_TO_H
    expr = a * (b + c + d + e + f + g + h) * (a * b + c * d + e * f + g * h) + h
    rows = Layout(sympy.latex, 14).rows("y", expr)
    joined = " ".join(right for _, right in rows)
    assert r"\bigl(" in joined and joined.count(r"\bigl(") == joined.count(r"\bigr)")
    assert "\\left(" not in joined or joined.count("\\left(") == joined.count("\\right)")
    # a row never starts inside a term: each continuation row starts with a sign
    assert all(re.match(r"(\\quad)+ [+-] ", right) for _, right in rows[1:])


def test_a_long_fraction_names_its_parts_once_each():
    a, b, c, d, e, f, g, h = A_TO_H
    den = _long_sum()
    expr = (a * b * c * d * e * f * g * h + a ** 2 * b ** 2 * c ** 2 * d ** 2 * e) / den \
        + (b + c) * (a * c * e + b * d * f + a * b * c * d * e * f * g * h) / den
    rows = Layout(sympy.latex, 40).rows("p", expr)
    lefts = [left for left, _ in rows]
    assert lefts[0] == "p" and lefts.count(r"\mathcal{D}") == 1
    top = rows[:lefts.index(r"\mathcal{D}")]
    assert sum(right.count(r"\mathcal{D}") for _, right in top) == 2


def test_term_count_and_size_limit():
    assert term_count(_long_sum() / (A_TO_H[0] + 1)) == 36 + 2
    big = sympy.Add(*sympy.symbols(f"x:{LARGE_TERMS + 1}"))
    assert is_large(big, sympy.latex(big)) and not is_large(A_TO_H[0], "a")


def test_mathml_of_a_long_sum_is_a_table_of_rows():
    mathml = MathMLPrinter().equation("y", _long_sum())
    root = ET.fromstring(mathml)
    (table,) = root.iter(f"{M}mtable")
    rows = table.findall(f"{M}mtr")
    assert len(rows) > 3 and table.get("columnalign") == "left"
    for row in rows[1:]:  # continuation rows: empty name cell, then a sign
        name, body = row.findall(f"{M}mtd")
        assert not list(name)
        signs = [el.text for el in body.iter(f"{M}mo")]
        assert signs[0] in "+\u2212"


def test_a_wide_matrix_equation_is_written_entry_by_entry():
    a, b, c, d = A_TO_H[:4]
    entries = [[a + b + c + d, -a, 0, -b, 0, -c, -d]] * 7
    L = sympy.Symbol("L")
    rows = LatexPrinter().equation_rows(None, sympy.Eq(L, sympy.Matrix(entries), evaluate=False))
    assert rows[0][0] == "{L}_{11}" and rows[-1] == ("{L}_{ij}", r"= 0 \quad \text{otherwise}")
    assert all(latex_width(left + right) <= 60 for left, right in rows)


def test_html_of_a_large_result_shows_the_compact_form_and_folds_the_expanded(bi_bi):
    d = bi_bi.derivation
    assert LatexPrinter().large(d["v"]) and "v" in d.compact
    page = HtmlPrinter({"steps": False}).doprint(d)
    n = term_count(d["v"])
    start = page.index("<details><summary>")
    assert page[start:].startswith(f"<details><summary>expanded form ({n} terms)</summary>")
    end = page.index("</details>", start)
    compact = MathMLPrinter().equation("v", d.compact["v"])
    assert compact in page[:start] and compact not in page[start:end]
    assert MathMLPrinter().equation("v", d["v"]) in page[start:end]
    assert len(page.encode()) < 1_000_000


def test_markdown_of_a_large_result_folds_the_expanded_form(bi_bi):
    d = bi_bi.derivation
    md = MarkdownPrinter({"steps": False}).doprint(d)
    compact = LatexPrinter().equation("v", d.compact["v"])
    start = md.index("<details><summary>expanded form")
    assert compact in md[:start] and "\\begin{aligned}" in compact
    assert md.index("</details>") > start


def test_latex_of_a_large_result_prints_the_compact_form_and_says_so(bi_bi):
    d = bi_bi.derivation
    tex = LatexPrinter({"standalone": True}).doprint(d)
    assert f"has {term_count(d['v'])} terms expanded" in tex
    assert r"\texttt{symflux derive -{}-full}" in tex
    assert "\\allowdisplaybreaks" in tex and "\\begin{split}" not in tex
    big_steps = [s for s in d.steps if s.equation is not None and LatexPrinter().large(s.equation)]
    assert big_steps and tex.count("is too long to print here") == len(big_steps)


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_random_bi_bi_pdf_fits_its_pages(bi_bi, tmp_path):
    tex = tmp_path / "random_bi_bi.tex"
    tex.write_text(LatexPrinter({"standalone": True, "validation": bi_bi.validation})
                   .doprint(bi_bi.derivation), encoding="utf-8")
    log = compile_tex(tex, tmp_path)
    assert overfull_boxes(log) == []
    pages = int(re.search(r"\((\d+) pages, \d+ bytes\)", log).group(1))
    assert pages < 30
