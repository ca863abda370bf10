"""Time budgets for symbolic steps that can run away (``sympy.solve``, ``simplify``).

SymPy's solvers and simplifiers are pure Python, so a timer signal can stop them between
two bytecodes. :func:`time_budget` arms one (``SIGALRM`` via ``setitimer``) around a
block and raises :class:`OutOfTime` when it fires; callers turn that into the refusal
that says what was tried (``NoClosedForm``) or keep a plainer form. Budgets nest: an
inner budget never outlives the outer one, and the outer timer is re-armed on exit.

``OutOfTime`` derives from ``BaseException``, like ``KeyboardInterrupt``, so that
SymPy's own ``except Exception`` clauses cannot swallow it.

Where no timer signal can be used (Windows, a thread other than the main one: a web
server's worker, a GUI's background job) the clock is read on every Python function call
instead, through a trace function on that thread only (:func:`sys.settrace`), which
raises :class:`OutOfTime` at the first call past the deadline. SymPy calls functions
constantly, so a solve stops within milliseconds of its budget; the block runs perhaps a
third slower, and a debugger or coverage tracer of that thread is paused inside it.

>>> import time
>>> try:
...     with time_budget(0.05):
...         while True:
...             time.sleep(0.001)
... except OutOfTime as e:
...     print(e)
the time budget of 0.05 s ran out
>>> with time_budget(1.0):
...     1 + 1
2
"""

from __future__ import annotations

import math
import signal
import sys
import threading
import time
from contextlib import contextmanager

from symflux.limits import limit

__all__ = ["OutOfTime", "can_budget", "time_budget"]

#: Seconds between repeated timer signals once a budget has run out (until its block
#: has ended): one OutOfTime that Python drops must not let the block run on.
RING_AGAIN = 0.05
#: At most this many rings per budget (2 s of them): a signal that slipped in between a
#: block's end and its clean-up must not keep interrupting the code after it.
MAX_RINGS = 40


class OutOfTime(BaseException):
    """A budgeted block ran past its time (caught by symflux, never shown to users)."""

    def __init__(self, seconds: float):
        super().__init__(f"the time budget of {seconds:g} s ran out")
        self.seconds = seconds


def can_budget() -> bool:
    """Whether this thread can arm a timer signal."""
    return hasattr(signal, "setitimer") and threading.current_thread() is \
        threading.main_thread()


_deadlines = threading.local()


@contextmanager
def _traced_budget(seconds: float):
    """The budget of a thread without timer signals: a call-event trace reads the clock."""
    outer = getattr(_deadlines, "at", math.inf)
    at = min(time.monotonic() + seconds, outer)
    mine = at - time.monotonic()

    def check(_frame, event, _arg):
        if time.monotonic() > at:
            raise OutOfTime(max(mine, 0.0))
        # no local tracer: only calls are seen, so a line costs nothing extra

    previous = sys.gettrace()
    _deadlines.at = at
    sys.settrace(check)
    try:
        yield
    finally:
        sys.settrace(previous)
        _deadlines.at = outer


@contextmanager
def time_budget(seconds: float | None = None, *, name: str = "time_budget"):
    """Run the block for at most ``seconds`` (default: the limit ``name``)."""
    seconds = float(limit(name) if seconds is None else seconds)
    if not math.isfinite(seconds) or seconds <= 0:
        yield
        return
    if not can_budget():
        with _traced_budget(seconds):
            yield
        return
    outer_left, outer_interval = signal.getitimer(signal.ITIMER_REAL)
    start = time.monotonic()
    mine = seconds if not outer_left else min(seconds, outer_left)
    state = {"open": True, "at": start + mine, "rings": 0}

    def ring(_signum, _frame):
        # a late signal (after the block, or an outer timer's re-arm) is ignored
        if not state["open"] or time.monotonic() < state["at"] - 1e-3:
            return
        state["rings"] += 1
        if state["rings"] > MAX_RINGS:   # a block that cannot be stopped: stop ringing
            signal.setitimer(signal.ITIMER_REAL, 0)
        raise OutOfTime(mine)

    previous = signal.signal(signal.SIGALRM, ring)
    # The timer repeats every RING_AGAIN seconds past the deadline: an OutOfTime raised
    # where Python drops exceptions (a __del__, a weakref or gc callback) would otherwise
    # leave the block running unbounded (the likely way a test worker ran on in a
    # budgeted sympy.solve until it was killed; not reproduced in isolation).
    signal.setitimer(signal.ITIMER_REAL, mine, RING_AGAIN)
    try:
        yield
    finally:
        state["open"] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left:
            # re-arm the outer budget; one already spent fires at once
            left = outer_left - (time.monotonic() - start)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-6), outer_interval)
