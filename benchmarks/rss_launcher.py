"""Runs a command and reports its peak RSS, measured from a small parent.

A child's ru_maxrss counts the pages it had right after fork(), so a child forked straight
from the (large) benchmark process reports the benchmark's own size. This launcher is a fresh,
small Python: the command it forks and execs reports its own peak. Usage:
`python rss_launcher.py PROGRAM ARG...`; the peak goes to stderr as `MAXRSS_MARKER <KiB>`.
"""

import os
import sys

MAXRSS_MARKER = "redes-bench-maxrss-kib"

if __name__ == "__main__":
    pid = os.fork()
    if pid == 0:
        os.execv(sys.argv[1], sys.argv[1:])
    _, status, usage = os.wait4(pid, 0)
    sys.stderr.write(f"\n{MAXRSS_MARKER} {usage.ru_maxrss}\n")
    sys.stderr.flush()
    sys.exit(os.waitstatus_to_exitcode(status))
