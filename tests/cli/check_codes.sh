#!/usr/bin/env bash
# The diagnostic codes table in README.md lists exactly the codes the
# sources can emit (with their severities), so that it stays complete.
# Usage: check_codes.sh SOURCE_DIR
set -u
cd "$1" || exit 2
src=$( (grep -hoE '(FG_NOTE|FG_WARNING|FG_ERROR), "[a-z0-9-]+"' src/*.c |
        sed -E 's/FG_NOTE/note/; s/FG_WARNING/warning/; s/FG_ERROR/error/; s/, "/ /; s/"$//'
        tr '\n' ' ' < src/main.c | grep -oE '(error|warning|note): [^;]*\[[a-z]+-[a-z0-9-]+\]' |
        sed -E 's/^(error|warning|note):.*\[([a-z]+-[a-z0-9-]+)\]$/\1 \2/') |
      awk '{print $2, $1}' | sort -u)
doc=$(grep -oE '^\| `[a-z0-9-]+` \| (error|warning|note) ' README.md |
      sed -E 's/^\| `([a-z0-9-]+)` \| ([a-z]+) /\1 \2/' | sort -u)
if [ "$src" = "$doc" ]; then
    echo "check_codes: $(echo "$src" | wc -l) codes, README complete"
else
    echo "FAIL: README's codes table and the sources differ (< sources, > README):"
    diff <(echo "$src") <(echo "$doc")
    exit 1
fi
