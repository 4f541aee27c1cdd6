"""site.helpers: a job forked when it starts, its result or its exception back through a pipe, nothing left running."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from akq_cli.core.files import WriteError
from akq_cli.site.helpers import HelperFailed, Helpers, Shares, run_shared, spare_cores

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="helpers run inline where there is no fork")


def test_results_come_back_and_each_job_ran_in_its_own_process() -> None:
    jobs = Helpers(True)
    big = jobs.start(lambda: b"x" * 5_000_000)  # more than a pipe holds: the helper waits for the reader
    pid = jobs.start(os.getpid)
    try:
        assert pid() != os.getpid()
        assert big() == b"x" * 5_000_000
    finally:
        jobs.close()


def test_an_exception_in_a_helper_is_raised_here() -> None:
    jobs = Helpers(True)

    def fail() -> None:
        raise WriteError(Path("/site/a.html"), OSError(28, "No space left on device"))

    job = jobs.start(fail)
    with pytest.raises(WriteError) as caught:
        job()
    jobs.close()
    assert str(caught.value.path) == "/site/a.html" and caught.value.cause.errno == 28


def test_an_exception_that_cannot_be_pickled_arrives_as_its_text() -> None:
    class Local(Exception):  # a class defined in a function cannot be pickled
        pass

    def fail() -> None:
        raise Local("what went wrong")

    jobs = Helpers(True)
    job = jobs.start(fail)
    with pytest.raises(HelperFailed, match="Local: what went wrong"):
        job()
    jobs.close()


def test_a_killed_helper_is_an_error_not_a_hang() -> None:
    jobs = Helpers(True)
    job = jobs.start(lambda: os.kill(os.getpid(), signal.SIGKILL))
    with pytest.raises(HelperFailed, match="without a result"):
        job()
    jobs.close()


def test_close_stops_helpers_whose_result_nobody_asked_for() -> None:
    jobs = Helpers(True)
    jobs.start(lambda: time.sleep(60))
    (pid,) = jobs.running
    started = time.monotonic()
    jobs.close()
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)  # reaped: no zombie left


def test_without_fork_a_job_runs_here_once_when_asked() -> None:
    calls: list[int] = []
    jobs = Helpers(False)
    job = jobs.start(lambda: calls.append(os.getpid()) or len(calls))
    assert calls == []
    assert job() == 1 and job() == 1 and calls == [os.getpid()]


def test_shares_hand_each_chunk_to_exactly_one_process() -> None:
    shares = Shares(1000, 7, across_processes=True)
    jobs = Helpers(True)

    def take_all() -> list[int]:
        taken = []
        while (span := shares.take()) is not None:
            taken.extend(span)
            time.sleep(0.001)  # give the other processes their turn
        return taken

    helpers = [jobs.start(take_all) for _ in range(3)]
    ours = take_all()
    try:
        theirs = [job() for job in helpers]
    finally:
        jobs.close()
    everything = sorted([*ours, *(i for taken in theirs for i in taken)])
    assert everything == list(range(1000))  # none twice, none missed
    assert ours and sum(bool(taken) for taken in theirs) >= 1  # the work was shared


def test_many_items_make_bigger_chunks_rather_than_a_pipe_that_blocks() -> None:
    shares = Shares(10_000_000, 1, across_processes=True)
    first = shares.take()
    assert first is not None and len(first) >= 10_000_000 // 1024
    shares.close()
    assert shares.take() is None


def test_without_helpers_this_process_takes_every_chunk_and_no_pipe_is_made() -> None:
    shares = Shares(10, 3, across_processes=False)
    assert shares._read == -1
    assert [list(span) for span in iter(shares.take, None)] == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]


def test_shared_tasks_give_their_results_in_order_from_several_processes() -> None:
    def task(i: int) -> tuple[int, int]:
        time.sleep(0.005)  # long enough for a helper to start before this process has taken every task
        return i, os.getpid()

    results = run_shared([lambda i=i: task(i) for i in range(200)], wanted=True)
    assert [i for i, _ in results] == list(range(200))
    assert len({pid for _, pid in results}) >= 2  # the tasks were shared


def test_a_failing_shared_task_stops_the_helpers_and_is_raised_here() -> None:
    def fail() -> None:
        raise WriteError(Path("/site/x.html"), OSError(28, "No space left on device"))

    tasks = [lambda: time.sleep(0.05), fail, *(lambda: time.sleep(0.05) for _ in range(20))]
    with pytest.raises(WriteError):
        run_shared(tasks, wanted=True)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no helper left running or unreaped


def test_without_helpers_shared_tasks_run_here_in_order() -> None:
    seen: list[int] = []
    assert run_shared([lambda i=i: seen.append(i) or os.getpid() for i in range(5)], wanted=False) == [os.getpid()] * 5
    assert seen == [0, 1, 2, 3, 4]


def test_spare_cores_is_between_one_and_three() -> None:
    assert 1 <= spare_cores() <= 3
