#!/usr/bin/env python3
"""startup.py: the whole-process cost of `peerplan plan` on the article
(issue 13 item 4), against floors measured in the same run: /bin/true (a
process), and `xmllint --noout` on the article (a process that loads
libxml2 and reads the file).  Wall and CPU time of each child (from
wait4's rusage, microseconds), the median and the minimum of --runs runs;
and, when valgrind is installed, the instructions of one run (callgrind's
count, which the machine's load does not change).  Prints a Markdown table.

  tests/bench/startup.py --peerplan ./peerplan [--compare OLD] [--runs 50]

--compare times another build of peerplan the same way (e.g. the one
before a change), interleaved run by run, so both see the same load."""
import argparse, os, re, shutil, statistics, subprocess, sys, time

def run_once(argv):
    t0 = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ,
                         file_actions=[(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)])
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit("startup.py: %s exited %d" % (" ".join(argv), os.waitstatus_to_exitcode(status)))
    return wall * 1000, (ru.ru_utime + ru.ru_stime) * 1000

def instructions(argv):
    if shutil.which("valgrind") is None:
        return None
    p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + argv,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    m = re.search(r"Collected : (\d+)", p.stderr)
    return int(m.group(1)) if m else None

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--peerplan", required=True)
    ap.add_argument("--compare")
    ap.add_argument("--srcdir", default=".")
    ap.add_argument("--runs", type=int, default=50)
    a = ap.parse_args()
    article = os.path.join(a.srcdir, "data/examples/article.xml")
    cases = [("`/bin/true` (a process)", ["/bin/true"]),
             ("`xmllint --noout article.xml` (floor)", [shutil.which("xmllint"), "--noout", article])]
    pp = os.path.abspath(a.peerplan)
    if a.compare:
        old = os.path.abspath(a.compare)
        cases += [("`peerplan --version`, before", [old, "--version"]),
                  ("`peerplan plan`, before", [old, "plan"])]
    cases += [("`peerplan --version`", [pp, "--version"]),
              ("`peerplan plan`", [pp, "plan"])]
    samples = {name: ([], []) for name, _ in cases}
    for _ in range(3):                      # warm the page cache
        for _, argv in cases:
            run_once(argv)
    for _ in range(a.runs):
        for name, argv in cases:
            w, c = run_once(argv)
            samples[name][0].append(w)
            samples[name][1].append(c)
    print("| process | wall median | wall min | CPU median | CPU min | instructions |")
    print("|---|---|---|---|---|---|")
    for name, argv in cases:
        w, c = samples[name]
        ins = instructions(argv)
        print("| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %s |" % (
            name, statistics.median(w), min(w), statistics.median(c), min(c),
            "%.1f M" % (ins / 1e6) if ins else "(valgrind not installed)"))
    print()
    print("%d runs each, interleaved; load average at the end: %s" % (
        a.runs, " ".join(open("/proc/loadavg").read().split()[:3])))

if __name__ == "__main__":
    main()
