#!/bin/sh
# The layers of docs/architecture.md, checked on the built objects (what
# each file really calls, not what it seems to): calls go down only.
#   faces (src/tui, src/cli, src/paper)
#     -> office (src/office)
#       -> core (src/core: rules, no I/O but the files a caller hands it;
#          src/forms: the sheets' definitions and their checks)
#       -> store interface (include/laifang/store*.h) -> the store's SQL, through the
#          driver interface src/store/sql.h -> a driver (src/store/sqlite, src/store/pg)
# Rules:
#   1. only a backend's folder includes its client's header (sqlite3.h in
#      src/store/sqlite, libpq-fe.h in src/store/pg), and only src/store the driver interface;
#   2. core and forms call nothing in office, store or the faces;
#   3. the store calls nothing in office or the faces;
#   4. office calls nothing in the faces;
#   5. the faces (tui, cli, paper, and main.c that picks one) call no store function;
#   6. the store's shared modules (src/store/*.c) call no database client
#      (sqlite3_*, PQ*) and include no driver's header: each backend's own
#      work is in its folder.
# Usage: sh tests/check-layers.sh BUILD_DIR     Prints "layers: N passed, N failed".
set -u
build=${1:-build}
obj=$build/obj/src
passed=0 failed=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# objs LAYER...: the objects of the layers' current sources (an object
# left behind by a deleted source is not part of the program)
objs() {
	for _l in "$@"; do
		for _c in src/"$_l"/*.c src/"$_l"/*/*.c; do
			[ -f "$_c" ] && echo "$build/obj/${_c%.c}.o"
		done
	done
}

ok() { passed=$((passed + 1)); }
bad() { echo "FAILED: $*" >&2; failed=$((failed + 1)); }

defs() { for o in "$@"; do nm --defined-only -g "$o"; done | awk '$2 ~ /^[TDBRV]$/ { print $3 }' | sort -u; }
# undef FILE...: "file symbol" for every undefined symbol of each object
undef() { for o in "$@"; do nm -u "$o" | awk -v f="$o" '{ print f " " $2 }'; done; }

defs $(objs office) >"$tmp/office"
defs $(objs store) >"$tmp/store"
defs $(objs tui cli paper) >"$tmp/faces"

# calls LAYER_OBJS... -- DEFS...: the pairs "object symbol" of calls into DEFS
calls_into() {
	_defs=$1
	shift
	undef "$@" | awk 'NR == FNR { d[$1] = 1; next } ($2 in d)' "$_defs" - | sed "s|$obj/||"
}

# 1
inc=$( (grep -rlE '#include *<sqlite3\.h>' src include | grep -v '^src/store/sqlite/'
	grep -rlE '#include *<libpq-fe\.h>' src include | grep -v '^src/store/pg/'
	grep -rlE '#include *"[./]*(store/)?sql\.h"' src include | grep -v '^src/store/') )
if [ -z "$inc" ]; then ok; else bad "a database client's header outside src/store: $inc"; fi

# 2
cat "$tmp/office" "$tmp/store" "$tmp/faces" | sort -u >"$tmp/above_core"
v=$(calls_into "$tmp/above_core" $(objs core forms))
if [ -z "$v" ]; then ok; else bad "core calls upward or into the store:
$v"; fi

# 3
cat "$tmp/office" "$tmp/faces" | sort -u >"$tmp/above_store"
v=$(calls_into "$tmp/above_store" $(objs store))
if [ -z "$v" ]; then ok; else bad "the store calls office or a face:
$v"; fi

# 4
v=$(calls_into "$tmp/faces" $(objs office))
if [ -z "$v" ]; then ok; else bad "office calls a face:
$v"; fi

# 5
v=$(calls_into "$tmp/store" $(objs tui cli paper) "$obj/main.o")
if [ -z "$v" ]; then ok; else bad "a face calls the store (call office instead):
$v"; fi

# 6
v=$(for _c in src/store/*.c; do echo "$build/obj/${_c%.c}.o"; done | while read -r o; do undef "$o"; done |
	awk '$2 ~ /^(sqlite3_|PQ|pg_)/' | sed "s|$obj/||"
	grep -lE '#include *"(sqlite|pg)/[a-z_]*driver\.h"' src/store/*.c src/store/*.h)
if [ -z "$v" ]; then ok; else bad "a shared store module speaks to a database client directly:
$v"; fi

echo "layers: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
