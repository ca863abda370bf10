"""Independent tasks in worker processes: the pool behind ``symflux report --jobs N``.

:func:`run_in_processes` calls ``work(*task)`` for each task in a pool of worker
processes and hands each result, or the error that stopped it, to ``on_done`` in this
process as it completes. Results cross the process boundary by pickling, so ``work``
must return plain data (strings, numbers, small records), never SymPy objects (an
unpickled ``Eq(L, Matrix)`` comes back evaluated). A task whose worker process dies is
run once more alone; if it dies again it alone is reported, and the other tasks still run.

>>> import operator
>>> done = {}
>>> run_in_processes(operator.add, [(1, 2), (3, 4), (5, 6)], jobs=2,
...                  on_done=lambda i, result, error: done.update({i: result}))
>>> sorted(done.items())
[(0, 3), (1, 7), (2, 11)]
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TextIO

from symflux.progress import progress_to

__all__ = ["MAX_JOBS", "run_in_processes"]

#: The most worker processes ``--jobs`` accepts. Each worker holds its own SymPy and
#: SciPy (about 150 MB) and the work is CPU-bound, so more workers than cores only costs.
MAX_JOBS = 64

_lines = None  # in a worker: the queue its progress lines go to (set by _start_worker)


def run_in_processes(work: Callable[..., Any], tasks: Sequence[tuple], *, jobs: int,
                     on_done: Callable[[int, Any, str | None], None],
                     progress: TextIO | None = None) -> None:
    """Run ``work(*tasks[i])`` for every ``i`` in ``jobs`` worker processes.

    Parameters
    ----------
    work : callable
        A module-level function (workers import it by name); its result must pickle.
    tasks : sequence of tuples
        The arguments of each call.
    jobs : int
        The number of worker processes, 1 to :data:`MAX_JOBS`.
    on_done : callable
        ``on_done(i, result, None)`` when task ``i`` returns, ``on_done(i, None, error)``
        (a sentence) when it raised or its worker process died; called in this process,
        in the order the tasks complete. An exception it raises stops the pool.
    progress : text stream, optional
        Where the workers' lines about long steps go (see :mod:`symflux.progress`).

    Notes
    -----
    Workers are started by ``forkserver`` (``spawn`` where there is none): a server
    process imports ``work``'s module once and forks each worker from itself. Plain
    ``fork`` would copy this process with its threads (the progress watcher) and any
    lock they held, which can deadlock the child (Python 3.12 warns, 3.14 no longer
    forks by default); ``spawn`` would import SymPy and SciPy again in every worker. Each
    task runs in its worker's main thread, so the SIGALRM time budgets of
    :mod:`symflux.budget` work there as they do in this process. At most ``jobs`` tasks
    are handed out at a time, so that when a worker dies the tasks it may have been
    running are known: each is run again alone, and reported only if it fails alone.
    On any exception here (KeyboardInterrupt, one from ``on_done``) the workers are
    stopped before it propagates.
    """
    # Not fork: see Notes. The server's own state is fresh, so workers see no parent threads.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() \
        else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload([work.__module__])
    lines = context.SimpleQueue() if progress is not None else None
    todo = deque(range(len(tasks)))
    while todo:
        for i in _run_pool(context, work, tasks, todo, jobs, on_done, lines, progress):
            # in flight when a worker died: alone now, so a second death names its task
            _run_pool(context, work, tasks, deque([i]), 1, on_done, lines, progress,
                      alone=True)


def _run_pool(context, work, tasks, todo: deque, jobs: int, on_done, lines, progress,
              alone: bool = False) -> list[int]:
    """Run tasks from ``todo`` until it is empty or a worker dies; the tasks the death
    left unfinished (none when ``alone``: they are reported failed)."""
    suspects, running = [], {}
    with ProcessPoolExecutor(min(jobs, len(todo)), mp_context=context,
                             initializer=_start_worker, initargs=(lines,)) as pool:
        try:
            while running or (todo and not suspects):
                while todo and len(running) < jobs and not suspects:
                    i = todo.popleft()
                    try:
                        running[pool.submit(_call, work, tasks[i])] = i
                    except BrokenProcessPool:
                        todo.appendleft(i)
                        suspects.append(None)  # stop handing out; the died task shows below
                        break
                done, _ = wait(running, timeout=0.2, return_when=FIRST_COMPLETED)
                _forward(lines, progress)
                for future in sorted(done, key=running.get):
                    i = running.pop(future)
                    result, error = _result(future)
                    if error is not None and isinstance(future.exception(), BrokenProcessPool) \
                            and not alone:
                        suspects.append(i)
                        continue
                    on_done(i, result, error)
            _forward(lines, progress)
        except BaseException:
            _stop(pool)
            raise
    return [i for i in suspects if i is not None]


def _result(future) -> tuple[Any, str | None]:
    try:
        return future.result(), None
    except BrokenProcessPool:
        return None, ("internal error (the worker process running it died, twice; please "
                      "report it)")
    except Exception as err:  # raised by work itself, or its result did not pickle
        return None, f"internal error ({type(err).__name__} in a worker: {err}; please report it)"


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers now: shutdown() alone would wait
    for the running tasks (minutes for a large problem)."""
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14+
    if terminate is not None:
        terminate()
        return
    # Before 3.14 no public call ends them; shutdown() forgets them, so take them first
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()


def _start_worker(lines) -> None:
    global _lines
    # Ctrl-C reaches the whole process group: the parent alone handles it, and stops us
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _lines = lines
    # A parent killed outright (SIGKILL, SIGTERM) cannot stop us, and an idle worker would
    # wait for work forever: end when it ends
    threading.Thread(target=_end_with, args=(multiprocessing.parent_process(),),
                     daemon=True).start()


def _end_with(parent) -> None:
    if parent is not None:
        parent.join()
        os._exit(1)


def _call(work, args):
    if _lines is None:
        return work(*args)
    with progress_to(_LineQueue(_lines)):
        return work(*args)


class _LineQueue:
    """A text stream that puts each whole line on a queue for the parent to print."""

    def __init__(self, queue):
        self.queue, self.pending = queue, ""

    def write(self, text: str) -> int:
        *whole, self.pending = (self.pending + text).split("\n")
        for line in whole:
            self.queue.put(line)
        return len(text)

    def flush(self) -> None:
        pass


def _forward(lines, progress) -> None:
    while lines is not None and not lines.empty():
        progress.write(lines.get() + "\n")
        progress.flush()
