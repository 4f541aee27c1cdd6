"""core.collector: the collector paused for a batch job, and the process left without freeing what the job built."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
from pathlib import Path

from akq_cli.core import collector


def test_objects_made_while_paused_are_not_walked_again_by_the_next_young_collection() -> None:
    if not gc.isenabled():  # pragma: no cover - the test runner collects normally
        gc.enable()
    with collector.paused():
        assert not gc.isenabled()
        kept = [{"n": [i]} for i in range(200_000)]
        assert gc.get_count()[0] > 200_000  # all still in the youngest generation
    assert gc.isenabled()
    assert gc.get_count()[0] < 1_000  # moved to the oldest: the next young collection does not walk them
    assert len(kept) == 200_000


def test_the_pause_ends_when_the_job_fails() -> None:
    try:
        with collector.paused():
            raise ValueError("the job failed")
    except ValueError:
        pass
    assert gc.isenabled()


def test_in_process_nothing_ends_the_process() -> None:
    collector.end_process(0)  # not asked: returns (tests run commands in-process)


def test_the_entry_point_leaves_with_the_code_after_flushing_and_running_atexit(tmp_path: Path) -> None:
    script = tmp_path / "job.py"
    marker = tmp_path / "atexit-ran"
    script.write_text(textwrap.dedent(f"""
        import atexit, sys
        from akq_cli.core import collector
        atexit.register(lambda: open({str(marker)!r}, "w").close())
        collector.leave_when_done()
        sys.stdout.write("完成" * 10_000)  # buffered, not yet flushed
        sys.stderr.write("warning")
        try:
            sys.exit(3)
        except SystemExit as done:
            collector.end_process(done.code)
        raise AssertionError("end_process returned")
    """), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 3, proc.stderr
    assert proc.stdout == "完成" * 10_000 and proc.stderr == "warning"
    assert marker.exists()


def test_an_exit_with_a_message_goes_the_usual_way(tmp_path: Path) -> None:
    script = tmp_path / "job.py"
    script.write_text(textwrap.dedent("""
        import sys
        from akq_cli.core import collector
        collector.leave_when_done()
        try:
            sys.exit("stopped")
        except SystemExit as done:
            collector.end_process(done.code)
            print("returned")
            raise
    """), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 1 and proc.stdout == "returned\n" and "stopped" in proc.stderr
