"""The verdict of ``ephkit check``: a derivation's machine check plus its numeric cross-check.

One function gives the verdict to the command line, the tests and Python users
alike: :func:`verdict` for one derivation, :func:`verdicts` for several, checked in
parallel worker processes and handed back as each one finishes.

A verdict is a :class:`~derive.derivation.CheckReport`: every step of the
derivation re-verified, its match with the textbook form, its SI dimensions
(:meth:`derive.Derivation.check`), and, for every derivation that has one, the
independent numeric integrator of ``numeric`` reaching the closed form in its
limit (:mod:`derive.app.crosscheck`). It passes only if every check passes.

Examples
--------
>>> from derive.app.verdict import verdict
>>> report = verdict("frohlich_coupling")
>>> report.passed, report.results[-1].check
(True, 'numeric cross-check')
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import TypeVar

from derive import registry
from derive.derivation import CheckReport, CheckResult, Derivation
from derive.provenance import fingerprint

from .crosscheck import run_crosscheck

__all__ = ["Workers", "default_jobs", "kernel_check", "validated", "verdict", "verdicts"]

T = TypeVar("T")
R = TypeVar("R")


def verdict(name: str) -> CheckReport:
    """Build derivation ``name``, check it and run its numeric cross-check (in this process).

    ``report.seconds`` covers all three: SymPy carrying out the steps, the
    checker re-verifying them, and the cross-check's integrator (with numba
    compilation, when its cache is cold).

    Raises
    ------
    derive.UnknownDerivationError
        If ``name`` is not registered (the message lists close matches).
    """
    start = time.perf_counter()
    derivation = registry.get(name)
    report = derivation.check()
    kernel = kernel_check(derivation)
    if kernel is not None:
        report.results.append(kernel)
    numeric = run_crosscheck(name)
    if numeric is not None:
        report.results.append(numeric)
    report.seconds = time.perf_counter() - start
    return report


def kernel_check(derivation: Derivation) -> CheckResult | None:
    """Whether the committed kernels of ``derivation`` were generated from it as it is now.

    Every generated module records, beside each kernel, the fingerprint
    (:func:`derive.provenance.fingerprint`) of the derivation it was generated from. The
    fingerprint of the derivation just checked must equal it: otherwise the numeric
    cross-check, which runs the committed kernels, would test an older result (a model and
    its result changed together pass their own check, and only this notices). None for a
    derivation without kernels. Reads the module as text: nothing is generated or compiled.
    """
    from derive.kernels.emit import FINGERPRINT, REGENERATE, committed_kernels

    found = [c for c in committed_kernels() if c.derivation == derivation.name]
    if not found:
        return None
    here = fingerprint(derivation.statement, derivation.steps)
    stale = [f"{c.name} is missing from {c.path}" if c.fingerprint is None
             else f"{c.name} in {c.path} was generated from another form of this derivation "
                  f"({FINGERPRINT} {c.fingerprint}, now {here})"
             for c in found if c.fingerprint != here]
    if stale:
        return CheckResult("kernel", False, "fingerprint",
                           "; ".join(stale) + f"; regenerate with `{REGENERATE}` (the cross-check runs the "
                           "committed kernels)")
    return CheckResult("kernel", True, "fingerprint", f"{', '.join(c.name for c in found)} generated from "
                       f"this derivation ({FINGERPRINT} {here})")


def default_jobs() -> int:
    """The number of worker processes: the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def verdicts(names: Sequence[str] | None = None, jobs: int | None = None) -> Iterator[CheckReport]:
    """The verdicts of ``names`` (default: the whole catalogue), each as soon as it is ready.

    Parameters
    ----------
    names : sequence of str, optional
        Registered derivation names; all are validated before any work starts.
    jobs : int, optional
        Worker processes (default :func:`default_jobs`); ``1`` checks in this
        process, one derivation after the other, in the given order.

    Returns
    -------
    iterator of CheckReport
        In the order the checks finish (with ``jobs > 1``). A derivation whose
        worker crashed yields a failed report naming the error, never a pass.

    Raises
    ------
    derive.UnknownDerivationError
        For an unknown name, at the call, before anything is checked.
    ValueError
        If ``jobs`` is not a positive integer (at the call).
    """
    selected, jobs = validated(names, jobs)
    return _stream(selected, min(jobs, len(selected)))


def validated(names: Sequence[str] | None, jobs: int | None) -> tuple[list[str], int]:
    """``names`` (default: the catalogue) as a list, and ``jobs`` (default :func:`default_jobs`).

    Raises
    ------
    derive.UnknownDerivationError
        For an unknown name (the message lists close matches).
    ValueError
        If ``jobs`` is not a positive integer.
    """
    selected = list(registry.catalog() if names is None else names)
    known = set(registry.catalog())
    for name in selected:
        if name not in known:
            registry.get(name)  # raises UnknownDerivationError, naming close matches
    jobs = default_jobs() if jobs is None else jobs
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs = {jobs!r} is outside the valid range: a positive integer")
    return selected, jobs


def _stream(selected: list[str], workers: int) -> Iterator[CheckReport]:
    """The reports of :func:`verdicts`, from ``workers`` processes (this one if ``workers <= 1``)."""
    with Workers(workers, preload=("derive.app.verdict",)) as pool:
        yield from pool.stream(_guarded, selected, _crashed)


def _crashed(name: str, exc: BaseException) -> CheckReport:
    """The report of a derivation whose worker process died (killed, out of memory, ...)."""
    return _failed(name, "worker", f"{type(exc).__name__}: {exc}", 0.0)


class Workers:
    """Worker processes that run a function on items and hand back each result as it is ready.

    The process pool of :func:`verdicts`, shared with the other parallel jobs of the application
    (:mod:`derive.app.mutants`): a fork server that has imported ``preload`` once (see
    :func:`_context`), or, with ``workers <= 1``, this process, one item after the other, in order.
    One pool can run several :meth:`stream` calls one after the other; its processes (and whatever
    they have cached, e.g. built derivations) live until the ``with`` block ends.

    Parameters
    ----------
    workers : int
        Number of processes; ``<= 1`` runs everything in this process.
    preload : sequence of str
        Modules the fork server imports before forking the workers.

    Examples
    --------
    >>> with Workers(1) as pool:
    ...     list(pool.stream(abs, [-1, 2], crashed=lambda item, exc: None))
    [1, 2]
    """

    def __init__(self, workers: int, preload: Sequence[str] = ("derive.app.verdict",)) -> None:
        self.workers = workers
        self._preload = list(preload)
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Workers:
        if self.workers > 1:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=_context(self._preload))
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def stream(self, function: Callable[[T], R], items: Sequence[T],
               crashed: Callable[[T, BaseException], R]) -> Iterator[R]:
        """``function(item)`` for every item, each as soon as it is ready (in order with one process).

        ``function`` must be picklable (a module-level function) and should not raise; if a worker
        process dies, ``crashed(item, exception)`` (called in this process) stands for its result.
        If the caller stops early, what has not started is dropped.
        """
        if self._pool is None:
            for item in items:
                yield function(item)
            return
        pending: dict[Future[R], T] = {self._pool.submit(function, item): item for item in items}
        try:
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    item = pending.pop(future)
                    try:
                        result = future.result()
                    except Exception as exc:  # the worker process died (killed, out of memory, ...)
                        result = crashed(item, exc)
                    yield result
        finally:  # the caller stopped early (Ctrl-C, an exception): drop what has not started
            for future in pending:
                future.cancel()


def _guarded(name: str) -> CheckReport:
    """:func:`verdict`, with any crash turned into a failed report (runs in the worker)."""
    start = time.perf_counter()
    try:
        return verdict(name)
    except Exception as exc:
        detail = f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=5)}"
        return _failed(name, "error", detail, time.perf_counter() - start)


def _failed(name: str, method: str, detail: str, seconds: float) -> CheckReport:
    return CheckReport(name, [CheckResult("derivation", False, method, detail)], seconds)


def _context(preload: Sequence[str] = ("derive.app.verdict",)) -> multiprocessing.context.BaseContext:
    """Worker start method: a fork server that has imported the derivations once, where there is one.

    Forking the running process is unsafe once it has threads (a test runner, a notebook
    kernel); the fork server is a fresh single-threaded process, and with ``derive`` preloaded
    each worker starts in milliseconds instead of re-importing SymPy.
    """
    if sys.platform != "win32" and "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(preload))
        return context
    return multiprocessing.get_context("spawn")
