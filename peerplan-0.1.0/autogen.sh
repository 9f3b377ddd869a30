#!/bin/sh
# autogen.sh: generate the build system from a fresh clone.
set -e
cd "$(dirname "$0")"
autoreconf --install --force --warnings=all
