# tests/docs/extract.awk: the commands that the documentation shows with
# their output, as cases for tests/docs/run.sh.
#
#   awk -v out=DIR -f extract.awk README.md HACKING.md docs/*.md
#
# The convention (docs/testing.md, "Commands in the docs"): a fenced block
# whose info string is `console` is a terminal session.  Each line that
# starts with `$ ` is a command (it must start with `peerplan`); the lines
# after it, up to the next `$ ` line or the end of the block, are exactly
# what it prints (standard output and standard error together, as a
# terminal shows them).  A line that is exactly `...` stands for any number
# of lines (none too).  A command line that ends with `\` goes on on the
# next line.
#
# For each command it writes DIR/N.where (FILE:LINE), DIR/N.cmd and
# DIR/N.want (N = 1, 2, ...).  What breaks the convention is printed on
# standard output as `FILE:LINE: message`, one line each: a `$ peerplan`
# line in a fence that is not `console` (it would never run), output
# before the first command, a command that is not peerplan's, an
# unterminated block.

function flush_case() {
  if (cmd == "" || bad) {
    cmd = ""; want = ""; bad = 0
    return
  }
  n++
  printf "%s:%d\n", cur, cmd_line > (out "/" n ".where")
  printf "%s\n", cmd > (out "/" n ".cmd")
  printf "%s", want > (out "/" n ".want")
  close(out "/" n ".where"); close(out "/" n ".cmd"); close(out "/" n ".want")
  cmd = ""; want = ""
}

function problem(line, msg) {
  printf "%s:%d: %s\n", cur, line, msg
}

BEGIN { n = 0; fence = ""; cmd = ""; want = ""; cont = 0; bad = 0; cur = "" }

FNR == 1 {
  if (fence != "")
    problem(open_line, "fenced block never closed")
  flush_case()
  fence = ""
  cur = FILENAME
}

{
  line = $0
  if (fence == "") {
    if (match(line, /^ *(```+|~~~+)/)) {
      indent = line; sub(/[`~].*/, "", indent)
      fence = substr(line, length(indent) + 1, RLENGTH - length(indent))
      info = substr(line, RLENGTH + 1)
      gsub(/^[ \t]+|[ \t]+$/, "", info)
      sub(/[ \t].*/, "", info)
      console = (info == "console")
      open_line = FNR
      cont = 0
    }
    next
  }

  # Inside a fenced block: drop the fence's indentation (a block in a list).
  if (length(indent) > 0 && substr(line, 1, length(indent)) == indent)
    line = substr(line, length(indent) + 1)
  closer = line
  sub(/[ \t]+$/, "", closer)
  if (closer ~ /^(```+|~~~+)$/ && substr(closer, 1, 1) == substr(fence, 1, 1) \
      && length(closer) >= length(fence)) {
    if (cont)
      problem(FNR, "command ends with \\ at the end of its block")
    flush_case()
    fence = ""
    next
  }

  if (!console) {
    if (line ~ /^\$ peerplan( |$)/)
      problem(FNR, "a command shown in a \"" (info == "" ? "plain" : info) \
              "\" block never runs: show a command with its output in a ```console block (docs/testing.md)")
    next
  }

  if (cont) {
    cmd = cmd "\n" line
    cont = (line ~ /\\$/)
    next
  }
  if (substr(line, 1, 2) == "$ ") {
    flush_case()
    cmd = substr(line, 3)
    cmd_line = FNR
    if (cmd !~ /^peerplan( |$)/) {
      problem(FNR, "a ```console block shows peerplan's commands only: '" cmd "'")
      bad = 1
    }
    cont = (line ~ /\\$/)
    next
  }
  if (cmd == "") {
    problem(FNR, "output before the first `$ peerplan` line of the ```console block")
    next
  }
  want = want line "\n"
}

END {
  if (fence != "")
    problem(open_line, "fenced block never closed")
  flush_case()
}
