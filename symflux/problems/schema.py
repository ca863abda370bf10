"""Reading a problem file safely and checking the types of its tables before any builder.

A problem file comes from whoever shared the problem bank: it is read only when it is a
regular file (a FIFO named ``a.toml`` would block for ever), at most
``LIMITS["problem_file_bytes"]`` long, as UTF-8, and every key a builder reads is checked
for its type here, so that a wrong type gives a :class:`ProblemFileError` naming the file,
the table, the key, what was found and what is expected.

>>> check_types("p.toml", {"title": 5, "source": "", "kind": "kinetic", "model": {},
...                        "find": {}})
Traceback (most recent call last):
...
symflux.errors.ProblemFileError: p.toml: title: found the integer 5; expected a string
"""

from __future__ import annotations

import math
import os
import stat
import tomllib
from pathlib import Path
from typing import Any

from symflux.errors import ProblemFileError
from symflux.limits import limit

__all__ = ["VALIDATE_OPTIONS", "check_types", "read_toml"]

#: The options a ``[validate]`` table may set, with the Python types they take.
VALIDATE_OPTIONS: dict[str, tuple[type, ...]] = {
    "points": (int,), "seed": (int,), "low": (int, float), "high": (int, float),
    "values": (dict,), "routes": (list,), "tolerance": (dict,), "route_options": (dict,),
}
_KIND_NAMES = {str: "a string", int: "an integer", float: "a number", dict: "a table",
               list: "an array", bool: "a boolean"}


def _found(value: Any) -> str:
    from symflux.report.escape import terminal_text

    kind = {bool: "the boolean", int: "the integer", float: "the number", str: "the string",
            dict: "a table", list: "an array"}.get(type(value), f"a {type(value).__name__}")
    shown = "" if isinstance(value, dict | list) else " " + terminal_text(repr(value))[:60]
    return kind + shown


def _fail(path, where: str, value: Any, expected: str) -> ProblemFileError:
    return ProblemFileError(f"{path}: {where}: found {_found(value)}; expected {expected}")


def _want(path, where: str, value: Any, types: tuple[type, ...]) -> None:
    ok = isinstance(value, types) and not (isinstance(value, bool) and bool not in types)
    if not ok:
        raise _fail(path, where, value, " or ".join(_KIND_NAMES.get(t, t.__name__)
                                                   for t in types))


def read_toml(path: str | Path) -> dict:
    """The TOML table of a problem file: a regular file, bounded, UTF-8."""
    path = Path(path)
    try:
        info = os.stat(path)
    except OSError as err:
        raise ProblemFileError(f"{path}: cannot read: {err.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise ProblemFileError(f"{path}: not a regular file (a folder, FIFO or device); "
                               "a problem file is a plain .toml file")
    cap = int(limit("problem_file_bytes"))
    if info.st_size > cap:
        raise ProblemFileError(f"{path}: {info.st_size} bytes, over the limit "
                               f"problem_file_bytes = {cap}; raise "
                               "symflux.limits.LIMITS['problem_file_bytes'] to read it")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as f:
            raw = f.read(cap + 1)
    except OSError as err:
        raise ProblemFileError(f"{path}: cannot read: {err.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ProblemFileError(f"{path}: not valid UTF-8 at byte {err.start} "
                               f"({raw[err.start:err.start + 1]!r}); save the file as UTF-8"
                               ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ProblemFileError(f"{path}: not valid TOML: {err}") from None
    except RecursionError:
        raise ProblemFileError(f"{path}: tables or arrays nested too deeply to read; nest at "
                               f"most {int(limit('problem_nesting'))} levels") from None


def _depth(value: Any, level: int = 0) -> int:
    if level > limit("problem_nesting"):
        return level
    children = value.values() if isinstance(value, dict) else value if isinstance(
        value, list) else ()
    return max((_depth(v, level + 1) for v in children), default=level)


def _check_validate(path, table: dict) -> None:
    for key, value in table.items():
        if key not in VALIDATE_OPTIONS:
            raise ProblemFileError(f"{path}: [validate] {key}: not an option; options are "
                                   f"{', '.join(VALIDATE_OPTIONS)}")
        _want(path, f"[validate] {key}", value, VALIDATE_OPTIONS[key])
        if isinstance(value, float) and not math.isfinite(value):
            raise _fail(path, f"[validate] {key}", value, "a finite number")
    for name, number in table.get("values", {}).items():
        _want(path, f"[validate] values.{name}", number, (int, float))
        if not math.isfinite(number):
            raise _fail(path, f"[validate] values.{name}", number, "a finite number")


def check_types(path, data: dict) -> None:
    """Refuse a problem table whose keys have the wrong types (see the module text)."""
    if _depth(data) > limit("problem_nesting"):
        raise ProblemFileError(f"{path}: tables or arrays nested more than "
                               f"{int(limit('problem_nesting'))} levels deep")
    for key in ("title", "source", "kind", "description"):
        if key in data:
            _want(path, key, data[key], (str,))
    for key in ("model", "find", "expect", "symbols", "validate"):
        if key in data:
            _want(path, f"[{key}]", data[key], (dict,))
    for table in ("find", "expect"):
        for name, value in data.get(table, {}).items():
            _want(path, f"[{table}] {name}", value, (str,))
    for name, info in data.get("symbols", {}).items():
        _want(path, f"[symbols] {name}", info, (str, dict))
        if isinstance(info, dict):
            for key, value in info.items():
                if key not in ("description", "unit", "sign"):
                    raise ProblemFileError(f"{path}: [symbols] {name}.{key}: not a field; "
                                           "fields are description, unit, sign")
                _want(path, f"[symbols] {name}.{key}", value, (str,))
    _check_validate(path, data.get("validate", {}))
