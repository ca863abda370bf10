r"""One escaping function per output format: every label reaches every page through one.

Labels (state, node and species names, problem titles, file names, symbol descriptions,
units) are free text chosen by whoever wrote the model or the problem file. They are
escaped as text for the format they land in, never interpreted:

- :func:`html_text` / :func:`html_attr` for HTML, :func:`mathml_text` for MathML text;
- :func:`latex_text` for LaTeX text mode (``\input{x}`` prints as those characters);
- :func:`markdown_text` for Markdown;
- :func:`terminal_text` for a terminal (control characters shown as ``\x1b``);
- :func:`latex_math` prints a SymPy object to LaTeX with every symbol or function whose
  name is not a plain name (:func:`is_plain_name`) set as escaped ``\text{...}``;
- :func:`safe_mathml` keeps only MathML elements and attributes in converted MathML;
- :func:`relative_href` builds a link from a sanitised relative file name only.

>>> html_text('<img src=x onerror="alert(1)">')
'&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
>>> import sympy
>>> latex_math(sympy.Symbol(r"\input{/etc/passwd}"))
'\\text{\\textbackslash{}input\\{/etc/passwd\\}}'
>>> relative_href("javascript:alert(1).html")
'javascript%3Aalert%281%29.html'
"""

from __future__ import annotations

import html
import re
import unicodedata
import xml.etree.ElementTree as ET
from urllib.parse import quote

import sympy
from sympy.core.function import AppliedUndef

from symflux.report.texts import latex_text

__all__ = [
    "html_attr",
    "html_text",
    "is_plain_name",
    "latex_math",
    "latex_text",
    "markdown_text",
    "mathml_text",
    "relative_href",
    "safe_mathml",
    "terminal_text",
]

_UNSAFE = frozenset("\\$%#&~^<>\"'`")


def html_text(text) -> str:
    """Text for HTML element content."""
    return html.escape(str(text), quote=True)


def html_attr(text) -> str:
    """Text for a quoted HTML attribute value."""
    return html.escape(str(text), quote=True)


def mathml_text(text) -> str:
    """Text for a MathML ``<mtext>``/``<mi>``."""
    return html.escape(str(text), quote=False)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|$]|^#)")


def markdown_text(text) -> str:
    r"""Text for Markdown: its punctuation backslash-escaped, HTML escaped.

    >>> markdown_text("a_b <script>")
    'a\\_b &lt;script&gt;'
    """
    return _MD_SPECIAL.sub(r"\\\1", html.escape(terminal_text(str(text)), quote=False))


def terminal_text(text) -> str:
    r"""Text safe to print: control characters (escape sequences) shown as ``\x1b``.

    >>> terminal_text("bad\x1b[2Jtitle")
    'bad\\x1b[2Jtitle'
    """
    return "".join(ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C"
                   else repr(ch)[1:-1] for ch in str(text))


def is_plain_name(name: str) -> bool:
    r"""Whether a symbol name prints as math as it is: no LaTeX or HTML specials, no
    control characters, braces only as one level of subscript group.

    >>> is_plain_name("k_{E,ES}"), is_plain_name(r"\mbox{x}"), is_plain_name("a{b{c}}")
    (True, False, False)
    """
    depth = 0
    for ch in name:
        if ch in _UNSAFE or unicodedata.category(ch)[0] == "C":
            return False
        depth += (ch == "{") - (ch == "}")
        if depth not in (0, 1):
            return False
    return depth == 0 and name != ""


def _as_text(name: str) -> str:
    return r"\text{" + latex_text(name) + "}"


def latex_math(expr, **options) -> str:
    """``sympy.latex(expr)`` with every name that is not plain printed as escaped text."""
    if not isinstance(expr, sympy.Basic):
        return sympy.latex(expr, **options)
    names = {s: _as_text(s.name) for s in expr.atoms(sympy.Symbol) if not is_plain_name(s.name)}
    held = {}
    undefined = {type(f) for f in expr.atoms(AppliedUndef) if not is_plain_name(type(f).__name__)}
    if undefined:
        stand_in = {}
        for i, cls in enumerate(sorted(undefined, key=lambda c: c.__name__)):
            stand_in[cls] = sympy.Function(f"SYMFLUXFN{i}Z")
            held[f"SYMFLUXFN{i}Z"] = cls.__name__
        expr = expr.replace(lambda e: type(e) in stand_in, lambda e: stand_in[type(e)](*e.args))
    tex = sympy.latex(expr, symbol_names=names, **options)
    for placeholder, name in held.items():
        tex = tex.replace(rf"\operatorname{{{placeholder}}}", _as_text(name))
        tex = tex.replace(placeholder, _as_text(name))
    return tex


_MATHML_TAGS = frozenset([
    "math", "mi", "mn", "mo", "ms", "mtext", "mspace", "mrow", "mfrac", "msqrt", "mroot",
    "mstyle", "merror", "mpadded", "mphantom", "mfenced", "menclose", "msub", "msup",
    "msubsup", "munder", "mover", "munderover", "mmultiscripts", "mprescripts", "none",
    "mtable", "mtr", "mtd", "mlabeledtr", "maligngroup", "malignmark", "semantics",
    "annotation",
])
_MATHML_ATTRS = frozenset([
    "display", "displaystyle", "scriptlevel", "mathvariant", "mathsize", "mathcolor",
    "columnalign", "rowalign", "columnspacing", "rowspacing", "columnlines", "rowlines",
    "frame", "framespacing", "equalrows", "equalcolumns", "stretchy", "fence", "separator",
    "form", "lspace", "rspace", "minsize", "maxsize", "largeop", "movablelimits",
    "symmetric", "accent", "accentunder", "width", "height", "depth", "linethickness",
    "notation", "align", "columnspan", "rowspan", "close", "open", "separators", "numalign",
    "denomalign", "bevelled", "xmlns",
])
_NS = "{http://www.w3.org/1998/Math/MathML}"


def _clean(element: ET.Element) -> None:
    for child in list(element):
        tag = child.tag.removeprefix(_NS)
        if tag not in _MATHML_TAGS:
            # Anything that is not MathML is shown as its text, never kept as an element.
            text = ET.Element(f"{_NS}mtext" if element.tag.startswith(_NS) else "mtext")
            text.text = "".join(child.itertext())
            text.tail = child.tail
            element[list(element).index(child)] = text
            continue
        for key in list(child.attrib):
            value = child.attrib[key]
            if key not in _MATHML_ATTRS or "script:" in value.lower():
                del child.attrib[key]
        _clean(child)


def safe_mathml(mathml: str, source: str = "") -> str:
    """Keep only MathML elements and attributes; unparsable output becomes escaped text.

    >>> safe_mathml('<math><mtext><img src="x" onerror="alert(1)"/></mtext></math>')
    '<math><mtext><mtext /></mtext></math>'
    """
    try:
        root = ET.fromstring(mathml)
    except ET.ParseError:
        return f"<math><mtext>{mathml_text(source or mathml)}</mtext></math>"
    if root.tag.removeprefix(_NS) != "math":
        return f"<math><mtext>{mathml_text(source or mathml)}</mtext></math>"
    for key in list(root.attrib):
        if key not in _MATHML_ATTRS:
            del root.attrib[key]
    _clean(root)
    return ET.tostring(root, encoding="unicode")


def relative_href(name: str) -> str:
    """A link to a file in the same folder: percent-encoded, so no scheme, no ``..``, no
    query can be read into it (``:`` is encoded: the link is a relative path)."""
    leaf = str(name).replace("\\", "/").rsplit("/", 1)[-1]
    return quote(leaf, safe="")
