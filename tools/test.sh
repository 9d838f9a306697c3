#!/usr/bin/env bash
# Run the whole test suite, PostgreSQL included, exactly as CI does.
# Extra arguments go to pytest:  bash tools/test.sh -k storage -x
exec bash "$(dirname "${BASH_SOURCE[0]}")/../.ci/run" "$@"
