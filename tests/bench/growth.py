#!/usr/bin/env python3
"""growth.py: how time grows from a smaller estate to a larger one (issue
13: within 1.1 x the file-size ratio), for the floor (`xmllint --stream
--noout`) and `peerplan check|plan|cost`.

Each round runs every command on the smaller file, then on the larger,
so that both see the same load on a shared machine; the growth of a
command is the median over the rounds of its larger time over its
smaller one.  (Timing the two estates minutes apart, as the main table
does, let a drift of the machine's load read as growth: the same build
gave check 3.6 and 5.2 at P = 40.)  Wall and CPU time of each child come
from wait4's rusage, to the microsecond: the smaller estate's jobs take
0.05 to 0.5 s, too short for GNU time's hundredths.

  tests/bench/growth.py --peerplan ./peerplan --pair 40 SMALL LARGE \\
                        [--pair 8 SMALL LARGE] [--runs 9]

Prints a Markdown table, one row per pair."""
import argparse, os, shutil, statistics, sys, time

VERBS = ("check", "plan", "cost")


def run_once(argv):
    t0 = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ,
                         file_actions=[(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
                                       (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)])
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit("growth.py: %s exited %d" % (" ".join(argv), code))
    return wall, ru.ru_utime + ru.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--peerplan", required=True)
    ap.add_argument("--pair", nargs=3, action="append", metavar=("P", "SMALL", "LARGE"),
                    required=True)
    ap.add_argument("--runs", type=int, default=9)
    a = ap.parse_args()
    pp = os.path.abspath(a.peerplan)
    xmllint = shutil.which(os.environ.get("XMLLINT", "xmllint"))
    if xmllint is None:
        sys.exit("growth.py: xmllint not found")
    print("| P | file-size ratio | limit (1.1 x) | floor | check | plan | cost |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for p, small, large in a.pair:
        commands = [("floor", lambda f: [xmllint, "--stream", "--noout", f])]
        commands += [(v, lambda f, v=v: [pp, v, f]) for v in VERBS]
        ratios = {name: ([], []) for name, _ in commands}
        for name, argv in commands:             # warm the page cache
            run_once(argv(small))
            run_once(argv(large))
        for _ in range(a.runs):
            for name, argv in commands:
                ws, cs = run_once(argv(small))
                wl, cl = run_once(argv(large))
                ratios[name][0].append(wl / ws)
                ratios[name][1].append(cl / cs)
        size = os.path.getsize(large) / os.path.getsize(small)
        cells = ["%.2f (%.2f)" % (statistics.median(ratios[name][0]), statistics.median(ratios[name][1]))
                 for name, _ in commands]
        print("| %s | %.2f | %.2f | %s |" % (p, size, 1.1 * size, " | ".join(cells)))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
