"""Presentation MathML of a Derivation, converted by latex2mathml from the LaTeX printer's.

The same equations as :class:`~symflux.report.latex.LatexPrinter`, made into
MathML by latex2mathml; a long one is an ``<mtable>`` with one row per line
(:func:`rows_to_mathml`), since MathML Core browsers do not break lines. The
LaTeX constructs latex2mathml mistranslates are rewritten first:
``\\operatorname{atan_{2}}`` (an empty operator and the name as italic
letters) becomes ``\\mathrm{atan}_{2}``, a one-letter ``\\mathrm{d}`` (an
italic d) becomes upright text, and ``\\middle`` (which it rejects) is
dropped. Any command still left untranslated is reported by
:func:`untranslated`, which the tests run over every result in derivations/.

Examples
--------
>>> import sympy
>>> x = sympy.Symbol("k_{-1}", positive=True)
>>> m = MathMLPrinter().doprint(sympy.log(x))
>>> m.startswith('<math xmlns="http://www.w3.org/1998/Math/MathML"')
True
>>> untranslated(m)
[]
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any, ClassVar
from xml.sax.saxutils import escape as xml_escape

from latex2mathml.converter import convert

from symflux.report.escape import safe_mathml
from symflux.report.latex import LatexPrinter
from symflux.report.printer import Printer
from symflux.report.texts import latex_name, plain_text

__all__ = ["MATHML_NS", "MathMLPrinter", "latex_to_mathml", "rows_to_mathml", "untranslated"]

MATHML_NS = "http://www.w3.org/1998/Math/MathML"
ET.register_namespace("", MATHML_NS)


def _group_end(tex: str, start: int) -> int:
    depth = 0
    for i in range(start, len(tex)):
        if tex[i] == "{":
            depth += 1
        elif tex[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    return len(tex) - 1


def _fix_operatorname(tex: str) -> str:
    out, i = [], 0
    while (j := tex.find(r"\operatorname{", i)) >= 0:
        out.append(tex[i:j])
        open_ = j + len(r"\operatorname")
        close = _group_end(tex, open_)
        name = tex[open_ + 1:close]
        base, _, sub = name.partition("_")
        out.append(r"\mathrm{" + base + "}" + ("_" + sub if sub else ""))
        i = close + 1
    out.append(tex[i:])
    return "".join(out)


def _stash_text(tex: str) -> tuple[str, list[str]]:
    """Replace each ``\\text{…}`` by a placeholder; latex2mathml neither unescapes
    its contents nor escapes ``<`` and ``&`` in them, so they are put back as
    ``<mtext>`` by :func:`latex_to_mathml`."""
    out, texts, i = [], [], 0
    while (j := tex.find(r"\text{", i)) >= 0:
        out.append(tex[i:j])
        open_ = j + len(r"\text")
        close = _group_end(tex, open_)
        texts.append(plain_text(tex[open_ + 1:close]))
        out.append(r"\text{" + f"SYMFLUXTEXT{len(texts) - 1}Z" + "}")
        i = close + 1
    out.append(tex[i:])
    return "".join(out), texts


def sanitize(tex: str) -> str:
    r"""Rewrite the LaTeX latex2mathml mistranslates into LaTeX it translates.

    >>> sanitize(r"\operatorname{atan_{2}}{\left(y,x \right)} + \mathrm{d}x")
    '\\mathrm{atan}_{2}{\\left(y,x \\right)} + \\text{d}x'
    """
    tex = _fix_operatorname(tex)
    tex = re.sub(r"\\mathrm\{([A-Za-z])\}", r"\\text{\1}", tex)
    tex = re.sub(r"\\middle\s*", "", tex)
    tex = re.sub(r"\\(nonumber|notag)\b", "", tex)
    return tex


def untranslated(mathml: str) -> list[str]:
    r"""LaTeX commands left in MathML text (latex2mathml passes unknown ones through).

    >>> untranslated('<math><mi>\\foo</mi></math>')
    ['\\foo']
    """
    return re.findall(r"\\[A-Za-z]+|\\[_{}&%#$^~]", mathml)


def latex_to_mathml(tex: str, display: str = "block") -> str:
    """One ``<math>`` element from LaTeX math, after :func:`sanitize`.

    >>> "<mtext>per_enzyme &lt; 1</mtext>" in latex_to_mathml(r"v_{\\text{per\\_enzyme < 1}}")
    True
    """
    source = tex
    tex, texts = _stash_text(sanitize(tex))
    mathml = convert(tex, display=display)
    mathml = re.sub(r"SYMFLUXTEXT(\d+)Z", lambda m: xml_escape(texts[int(m.group(1))]), mathml)
    return safe_mathml(mathml, source)


def rows_to_mathml(rows, display: str = "block") -> str:
    """One ``<math>`` holding an ``<mtable>`` of ``(left, right)`` LaTeX cells, one row
    each, aligned left; the left cells (the names) align right, so that the right
    ones (``= …``, then ``+ …`` on the rows that go on) line up at the ``=``.

    >>> m = rows_to_mathml([("y", "= a"), ("", r"\\quad + b")])
    >>> m.count("<mtr>"), m.count('columnalign="left"'), "<mo>+</mo>" in m
    (2, 3, True)
    """
    ns = f"{{{MATHML_NS}}}"
    root = ET.Element(f"{ns}math", {"display": display})
    table = ET.SubElement(root, f"{ns}mtable", {"columnalign": "left", "displaystyle": "true"})
    for left, right in rows:
        row = ET.SubElement(table, f"{ns}mtr")
        for tex, side in ((left, "right"), (right, "left")):
            cell = ET.SubElement(row, f"{ns}mtd", {"columnalign": side})
            if tex:
                cell.extend(list(ET.fromstring(latex_to_mathml(tex, "inline"))))
    return ET.tostring(root, encoding="unicode")


class MathMLPrinter(Printer):
    """Print a Derivation's equations (or any SymPy object) as presentation MathML.

    Settings
    --------
    steps : bool
        Include the step equations after the results (default False).
    max_width : int
        Passed to the LaTeX printer: where long equations break.
    """

    _default_settings: ClassVar[dict[str, Any]] = {"steps": False, "max_width": 60}

    def __init__(self, settings=None):
        super().__init__(settings)
        self._latex = LatexPrinter({"max_width": self._settings["max_width"]})

    @property
    def latex(self) -> LatexPrinter:
        """The LaTeX printer the MathML is converted from (its settings, its cache)."""
        return self._latex

    def equation(self, name: str | None, expr, display: str = "block") -> str:
        """``name = expr`` (or the equation ``expr``) as a ``<math>`` element; a long one
        is an ``<mtable>`` with one row per line (MathML Core does not break lines)."""
        rows = self._latex.equation_rows(name, expr)
        if len(rows) == 1:
            return latex_to_mathml(" ".join(cell for cell in rows[0] if cell), display)
        return rows_to_mathml(rows, display)

    def _print_Basic(self, expr) -> str:
        return latex_to_mathml(self._latex.doprint(expr), "inline")

    def _print_str(self, name: str) -> str:
        return latex_to_mathml(latex_name(name), "inline")

    def _print_Step(self, step) -> str:
        if step.equation is None:
            return ""
        return self.equation(None, step.equation)

    def _print_Derivation(self, d) -> str:
        equations = [self.equation(name, expr) for name, expr in d.results.items()]
        if self._settings["steps"]:
            equations.extend(self.equation(None, s.equation) for s in d.steps
                             if s.equation is not None)
        root = ET.Element(f"{{{MATHML_NS}}}math", {"display": "block"})
        table = ET.SubElement(root, f"{{{MATHML_NS}}}mtable", {"columnalign": "left"})
        for text in equations:
            cell = ET.SubElement(ET.SubElement(table, f"{{{MATHML_NS}}}mtr"),
                                 f"{{{MATHML_NS}}}mtd")
            cell.extend(list(ET.fromstring(text)))
        return ET.tostring(root, encoding="unicode")
