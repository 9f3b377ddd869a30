#!/bin/sh
# list-corpus.sh SRCDIR: writes tests/fuzz/corpus.am, the list of every
# corpus and regression file of the fuzz targets (for make dist), to standard output.
# `make fuzz-merge` runs it; corpus-listed.sh checks that it is current.
set -eu
cd "$1"
echo "## tests/fuzz/corpus.am: the corpus files of the fuzz targets, for make dist."
echo "## Written by tests/fuzz/list-corpus.sh (make fuzz-merge); do not edit."
echo
echo "EXTRA_DIST += \\"
LC_ALL=C find tests/fuzz/corpus tests/fuzz/regress -type f ! -name '.*' | LC_ALL=C sort | sed 's/^/	/; s/$/ \\/'
echo '	$(NULL)'
