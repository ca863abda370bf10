"""Deciding an answer in a bounded child process: screening, proof and diagnosis.

:func:`decide` runs in a forked child with a hard time limit and an address-space cap
(no SIGALRM, which cannot interrupt SymPy in threads and is not portable). The child
sends its findings as they come: first the numeric screening (equal, or a counterexample),
then the symbolic proof or the diagnosis. Whatever has arrived when the time is up is the
verdict; the child is then killed.
"""

from __future__ import annotations

import multiprocessing
import time

import sympy

from symflux.errors import DimensionError

__all__ = ["decide"]


def _limit_memory(megabytes: int) -> None:
    try:
        import resource

        with open("/proc/self/status", encoding="ascii") as f:
            vm = next(int(line.split()[1]) for line in f if line.startswith("VmSize:"))
        limit = vm * 1024 + megabytes * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError, ImportError, StopIteration):
        pass  # no /proc or no resource module: the time limit still bounds the child


def _child(conn, job, memory_mb):
    _limit_memory(memory_mb)
    try:
        for message in _decide(**job):
            conn.send(message)
    except MemoryError:
        conn.send(("error", "the answer needs too much memory to evaluate"))
    except Exception as err:  # any failure is reported to the parent, never raised here
        conn.send(("error", f"{type(err).__name__}: {str(err)[:300]}"))
    finally:
        conn.close()


def decide(job: dict, time_limit: float, memory_mb: int) -> dict:
    """Run :func:`_decide` on ``job`` in a child: the messages received in time, by kind."""
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    receive, send = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(send, job, memory_mb), daemon=True)
    process.start()
    send.close()
    messages = []
    deadline = time.monotonic() + time_limit
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not receive.poll(remaining):
                break
            try:
                message = receive.recv()
            except EOFError:
                break
            messages.append(message)
            if message[0] in ("proof", "diagnosis", "error") or (
                    message[0] == "screen" and message[1]["equal"] and not job["prove"]):
                break
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receive.close()
    return dict(messages)


def _float(value):
    if value is None:
        return None
    value = complex(value)
    return value.real if value.imag == 0 else str(value)


def _decide(expected, answer, orientation_free, dims, convention, constraints, points, seed,
            rtol, prove, model_kind="", units=()):
    """The screening verdict, then the proof (if equal) or the diagnosis: yields messages."""
    from symflux.checking.diagnosis import diagnose
    from symflux.checking.equivalence import counterexample

    # A condition (lhs = rhs) may be written in either orientation.
    targets = [expected, 1 / expected] if orientation_free else [expected]
    found = [counterexample(t, answer, points=points, seed=seed, rtol=rtol,
                            constraints=constraints) for t in targets]
    if None in found:
        yield ("screen", {"equal": True})
        if prove:
            yield ("proof", _prove(targets[found.index(None)], answer))
        return
    bad = found[0]
    yield ("screen", {"equal": False, "example": {
        "point": {s.name: _float(v) for s, v in bad.point.items()},
        "expected": _float(bad.a), "answer": _float(bad.b)}})
    code, message = _dimension_verdict(expected, answer, dims, internal=True, units=units)
    if code is None:
        code, message = diagnose(expected, answer, constraints=constraints, seed=seed,
                                 convention=convention, model_kind=model_kind)
        if code in ("missing_dependence", "extra_dependence", "not_equal"):
            dim_code, dim_message = _dimension_verdict(expected, answer, dims, internal=False,
                                                       units=units)
            if dim_code is not None:
                code, message = dim_code, f"{dim_message}; {message}"
    yield ("diagnosis", {"code": code, "message": message})


def _dimension_verdict(expected, answer, dims, internal: bool, units=()):
    from symflux.checking.units import conversion_hint, dimension_of, unit_names

    if not dims or expected == 0:
        return None, ""  # zero has every dimension
    units = unit_names(units)  # dimensions are written in the problem's own units (A/ohm)
    try:
        got = dimension_of(answer, dims, units=units)
    except DimensionError as err:
        return "dimension", f"dimensionally inconsistent: {err}"
    if internal:
        return None, ""
    try:
        want = dimension_of(expected, dims)
    except DimensionError:
        return None, ""
    if got is None or want is None or got == want:
        return None, ""
    return "dimension", f"wrong dimension: {conversion_hint(got, want, units=units)}"


def _prove(a, b) -> str | None:
    """The method that proved ``a == b``, or None."""
    diff = a - b
    if diff == 0:
        return "identical"
    if a.is_rational_function() and b.is_rational_function():
        return "cancel(together(a - b))" if sympy.cancel(sympy.together(diff)) == 0 else None
    if sympy.simplify(diff) == 0:
        return "simplify(a - b)"
    if sympy.simplify(sympy.expand_log(sympy.expand(diff))) == 0:
        return "simplify(expand_log(a - b))"
    return None
