"""Progress lines for long work: which problem, which step, and an estimate where one exists.

Library code marks its long steps with :func:`step`; nothing is printed unless a stream
has been chosen with :func:`progress_to` (the ``symflux`` command chooses standard error).
A step says nothing if it ends within ``after`` seconds (2 by default); past that, one
line when it has run ``after`` seconds, again at 10, 30 and 60 s and every minute after,
and one when it ends. A line names the whole stack of running steps (``deriving › summing
trees``), so nested steps that fall due together print one line.

>>> import io, time
>>> out = io.StringIO()
>>> with progress_to(out, after=0.05), task("ring"):
...     with step("deriving", estimate=0.1):
...         time.sleep(0.3)
>>> print(out.getvalue().strip())  # doctest: +ELLIPSIS
ring: deriving (0... s of about 0.1 s)
ring: deriving: done in 0.3 s

Steps run outside :func:`progress_to` (or in another thread) cost one ``ContextVar``
look-up and print nothing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TextIO

__all__ = ["begin_line", "end_line", "progress_to", "step", "task"]

AFTER = 2.0  # seconds a step runs before it is said (the default of progress_to)
_NEXT = (10.0, 30.0, 60.0)  # later announcements (seconds); then every minute


@dataclass
class _Step:
    name: str
    estimate: float | None
    start: float = field(default_factory=time.monotonic)
    spoken: int = 0  # how many announcements so far

    def due(self, after: float) -> float:
        """The running time at which the next announcement is due."""
        marks = (after, *(t for t in _NEXT if t > after))
        if self.spoken < len(marks):
            return marks[self.spoken]
        return marks[-1] + 60.0 * (self.spoken - len(marks) + 1)

    def running(self, now: float) -> str:
        """``name (3.1 s of about 5 s)``."""
        estimate = f" of about {_seconds(self.estimate)} s" if self.estimate else ""
        return f"{self.name} ({_seconds(now - self.start)} s{estimate})"


class _Reporter:
    """The stream, the stack of running steps, and the thread that watches them."""

    def __init__(self, stream: TextIO, after: float):
        self.stream, self.after = stream, after
        self.thread = threading.get_ident()
        self.task = ""
        self.stack: list[_Step] = []
        self.open_line = False  # a caller's line waiting for its end ("… ok")
        self.begun = ""
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.watcher = threading.Thread(target=self._watch, daemon=True)

    def say(self, text: str) -> None:
        with self.lock:
            prefix = "\n" if self.open_line else ""
            self.open_line = False
            self.stream.write(f"{prefix}{text}\n")
            self.stream.flush()

    def label(self, now: float | None = None) -> str:
        """``task: outer › inner``; with ``now``, how long each has run, and estimates."""
        names = " › ".join(s.name if now is None else s.running(now) for s in self.stack)
        return f"{self.task}: {names}" if self.task else names

    def _watch(self) -> None:
        while not self.stopped.wait(min(0.1, max(self.after / 4, 0.01))):
            with self.lock:
                now = time.monotonic()
                due = [s for s in self.stack if now - s.start >= s.due(self.after)]
                if not due:
                    continue
                for s in due:  # one line says it for all of them
                    s.spoken += 1
                line = self.label(now)
            self.say(line)


def _seconds(t: float) -> str:
    """``0.31``, ``2.1``, ``42``, ``125``: two figures, never an exponent."""
    return f"{t:.2g}" if t < 1 else f"{t:.1f}" if t < 10 else f"{t:.0f}"


_current: ContextVar[_Reporter | None] = ContextVar("symflux_progress", default=None)


@contextmanager
def progress_to(stream: TextIO | None, after: float | None = None) -> Iterator[None]:
    """Print progress lines of the steps run inside the block to ``stream``.

    ``None``, or a block inside another ``progress_to`` of the same thread, changes nothing.
    """
    if stream is None or _reporter() is not None:
        yield
        return
    reporter = _Reporter(stream, AFTER if after is None else after)
    token = _current.set(reporter)
    reporter.watcher.start()
    try:
        yield
    finally:
        reporter.stopped.set()
        reporter.watcher.join()
        _current.reset(token)


def _reporter() -> _Reporter | None:
    reporter = _current.get()
    if reporter is None or reporter.thread != threading.get_ident():
        return None
    return reporter


@contextmanager
def task(label: str) -> Iterator[None]:
    """Name what the steps inside belong to (a problem file), in every line they print."""
    reporter = _reporter()
    if reporter is None:
        yield
        return
    before, reporter.task = reporter.task, label
    try:
        yield
    finally:
        reporter.task = before


@contextmanager
def step(name: str, estimate: float | None = None) -> Iterator[None]:
    """Mark a step that may run long; ``estimate`` is its expected time in seconds."""
    reporter = _reporter()
    current = _Step(name, estimate)
    if reporter is None:
        yield
        return
    with reporter.lock:
        reporter.stack.append(current)
    try:
        yield
    finally:
        with reporter.lock:
            label = reporter.label()
            reporter.stack.remove(current)
        took = time.monotonic() - current.start
        if current.spoken or took >= reporter.after:  # said, or ended between two looks
            reporter.say(f"{label}: done in {_seconds(took)} s")


def begin_line(text: str, stream: TextIO | None) -> None:
    """Start a line on ``stream`` that :func:`end_line` ends (``[3/43] file ... ok``);
    progress lines printed in between move the end onto a line of its own."""
    if stream is None:
        return
    reporter = _reporter()
    if reporter is None or reporter.stream is not stream:
        print(text, end=" ... ", file=stream, flush=True)
        return
    with reporter.lock:
        stream.write(f"{text} ... ")
        stream.flush()
        reporter.open_line, reporter.begun = True, text


def end_line(text: str, stream: TextIO | None) -> None:
    """End the line :func:`begin_line` started, restating its start if it was interrupted."""
    if stream is None:
        return
    reporter = _reporter()
    if reporter is None or reporter.stream is not stream:
        print(text, file=stream, flush=True)
        return
    with reporter.lock:
        stream.write(f"{text}\n" if reporter.open_line else f"{reporter.begun}: {text}\n")
        stream.flush()
        reporter.open_line = False
