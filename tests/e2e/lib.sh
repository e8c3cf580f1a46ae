# End-to-end harness: drive the real laifang binary in a real terminal (a
# private tmux server), look at the screen, and check the database through
# the binary's own batch commands. Sourced by each tests/e2e/test_*.sh:
#
#   . "$(dirname "$0")/lib.sh"
#   lf_setup                      # the administrator, a clerk and a leader
#   lf_start --lang en
#   lf_login clerk "$CLERK_PW"
#   wait_for "Today's registrations"
#   keys F4; type_text 张三丰; ...
#   pass
#
# Every helper that checks something prints what it expected and the whole
# screen when it fails, and the test exits 1. Waiting is always polling
# (every 0.1 s up to a timeout), never a fixed sleep.
#
# POSIX sh: the Makefile runs the tests with `sh`.

set -u

if [ -z "${LAIFANG:-}" ]; then
	echo "LAIFANG is not set: LAIFANG=/abs/path/build/laifang sh $0" >&2
	exit 1
fi
if [ ! -x "$LAIFANG" ]; then
	echo "LAIFANG=$LAIFANG is not an executable file (did the build fail?)" >&2
	exit 1
fi
for _tool in tmux jq sqlite3; do
	command -v "$_tool" >/dev/null 2>&1 || { echo "$_tool is missing (sh tools/deps.sh)" >&2; exit 1; }
done

E2E_DIR=$(cd "$(dirname "$0")" && pwd)
DATA=$E2E_DIR/data
TEST_NAME=$(basename "$0" .sh)

# Sanitizer builds are several times slower: stretch every timeout.
if [ -z "${E2E_TIMEOUT_FACTOR:-}" ]; then
	if grep -q -a __asan_init "$LAIFANG" 2>/dev/null; then
		E2E_TIMEOUT_FACTOR=4
	else
		E2E_TIMEOUT_FACTOR=1
	fi
fi

# ---- a fresh world per test ------------------------------------------------

T=$(mktemp -d "${TMPDIR:-/tmp}/laifang-e2e-$TEST_NAME.XXXXXX") || exit 1
mkdir -p "$T/home" "$T/data" "$T/state" "$T/config"
export HOME="$T/home"
export XDG_DATA_HOME="$T/data"
export XDG_STATE_HOME="$T/state"
export XDG_CONFIG_HOME="$T/config" # the office keys (laifang key)
export LAIFANG_DB="$T/laifang.db"
ATTACH_DIR="$LAIFANG_DB.d/attachments" # where laifang keeps attached files
# On PostgreSQL (make e2e-pg, issue 14): E2E_PG_URL names a server's
# database (postgresql:///laifang?host=DIR); each test gets a database of its
# own there, dropped at the end, and db_sql asks it through psql.
if [ -n "${E2E_PG_URL:-}" ]; then
	PG_BIN=${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
	PG_DB=e2e_$(printf '%s' "$TEST_NAME" | tr -c 'a-z0-9_' '_')_$$
	"$PG_BIN/psql" -X -q -d "$E2E_PG_URL" -c "CREATE DATABASE $PG_DB" >/dev/null || exit 1
	LAIFANG_DB=$(printf '%s' "$E2E_PG_URL" | sed "s|///[^?]*|///$PG_DB|")
	export LAIFANG_DB
	ATTACH_DIR="$T/attachments" # named by lf_setup (attachments_dir)
	# The SQLite functions the tests' own queries use, for db_sql only, in
	# a schema of the test's (laifang check would name them in main).
	"$PG_BIN/psql" -X -q -d "$LAIFANG_DB" -c "CREATE SCHEMA e2e_compat;
		CREATE FUNCTION e2e_compat.char(int) RETURNS text LANGUAGE sql AS 'SELECT chr(\$1)';
		CREATE FUNCTION e2e_compat.instr(text, text) RETURNS int LANGUAGE sql AS 'SELECT strpos(\$1, \$2)';
		CREATE FUNCTION e2e_compat.json_extract(text, text) RETURNS text LANGUAGE sql AS
			'SELECT CASE jsonb_typeof(v) WHEN ''boolean'' THEN CASE WHEN v = ''true'' THEN ''1'' ELSE ''0'' END
			 WHEN ''array'' THEN replace(CAST(v AS text), '', '', '','')
			 ELSE v #>> ''{}'' END FROM (SELECT CAST(\$1 AS jsonb) #> string_to_array(substr(\$2, 3), ''.'') AS v) j';
		CREATE FUNCTION e2e_compat.text_eq_int(text, bigint) RETURNS boolean LANGUAGE sql AS 'SELECT \$1 = CAST(\$2 AS text)';
		CREATE OPERATOR e2e_compat.= (LEFTARG = text, RIGHTARG = bigint, FUNCTION = e2e_compat.text_eq_int);" \
		>/dev/null || exit 1
fi
# The clock. A test that expects literal dates sets the moment it runs at
# before sourcing this file (E2E_CLOCK="2026-11-23 09:00:00"); the default is
# that moment, since most scenarios were written against it. A test that
# sets E2E_CLOCK=now runs on the real clock, moved by E2E_SHIFT_SECONDS
# (`make check` runs the suite again a year ahead), and computes the dates it
# expects from $TODAY and $YEAR. laifang runs under libfaketime through a
# small wrapper, so every laifang process of the test sees the same ticking
# clock; tmux, sqlite3 and the shell keep the real one (libfaketime's
# shared-memory hand-over between a tmux client and its server is racy).
: "${E2E_CLOCK:=2026-11-23 09:00:00}"
if [ "$E2E_CLOCK" = now ]; then
	_offset=${E2E_SHIFT_SECONDS:-0}
else
	_offset=$(($(date -d "$E2E_CLOCK" +%s) - $(date +%s))) ||
		{ echo "E2E_CLOCK=$E2E_CLOCK is not a date" >&2; exit 1; }
fi
TODAY=$(date -d "@$(($(date +%s) + _offset))" +%F) # the test's today, as laifang sees it
YEAR=${TODAY%%-*}
if [ "$_offset" -ne 0 ]; then
	FAKETIME_LIB=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -n 1)
	[ -n "$FAKETIME_LIB" ] || { echo "libfaketime is missing (sh tools/deps.sh)" >&2; exit 1; }
	[ "$_offset" -gt 0 ] && _offset="+$_offset"
	mkdir -p "$T/bin"
	# ASan wants to be the first library; libfaketime only wraps the clock.
	cat >"$T/bin/laifang" <<EOF_WRAP
#!/bin/sh
exec env LD_PRELOAD='$FAKETIME_LIB' FAKETIME='$_offset' FAKETIME_DONT_FAKE_MONOTONIC=1 \\
	ASAN_OPTIONS="\${ASAN_OPTIONS:-halt_on_error=1}:verify_asan_link_order=0" '$LAIFANG' "\$@"
EOF_WRAP
	chmod +x "$T/bin/laifang"
	LAIFANG_BINARY=$LAIFANG
	LAIFANG=$T/bin/laifang
fi
export LC_ALL=C.UTF-8
export TERM=screen
unset LAIFANG_STATE_DIR LAIFANG_FORMS_DIR LAIFANG_LOCALEDIR LANG LANGUAGE LC_MESSAGES TMUX TMUX_PANE ESCDELAY
# Sanitizer builds: stop at the first report, so a finding fails the test
# (the exit status is checked) instead of scrolling past. Leak detection
# stays on for the TUI too (ncurses keeps its memory reachable, so it does
# not trip); E2E_TUI_LEAKS=0 turns it off for the TUI only.
export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
if [ "${E2E_TUI_LEAKS:-1}" = 0 ]; then
	TUI_ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0"
else
	TUI_ASAN_OPTIONS="$ASAN_OPTIONS"
fi

DRAFT_DIR="$XDG_STATE_HOME/laifang"
OS_USER=$(id -un)
SOCK="laifang-e2e-$$-$TEST_NAME"
TARGET="lf:0.0"
RUNS=0       # how many times laifang was started in this test
STDERR_FILE= # stderr of the current TUI run
RC_FILE=     # its exit status, once it has ended

tm() {
	tmux -L "$SOCK" -f /dev/null "$@"
}

# A test outside tests/e2e that sources this file names its folder in E2E_LIB_DIR.
. "${E2E_LIB_DIR:-$E2E_DIR}/faketime_sweep.sh"

SOCK_A= SOCK_B=
_cleanup() {
	tm kill-server >/dev/null 2>&1
	for _s in $SOCK_A $SOCK_B; do # a second desk's terminal, and the first's
		tmux -L "$_s" -f /dev/null kill-server >/dev/null 2>&1
		rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$_s"
	done
	_faketime_sweep
	# tmux leaves its socket file behind; it is ours alone.
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
	if [ "${E2E_KEEP:-0}" = 1 ]; then
		echo "kept $T" >&2
	else
		rm -rf "$T"
		[ -z "${PG_DB:-}" ] || "$PG_BIN/psql" -X -q -d "$E2E_PG_URL" -c "DROP DATABASE IF EXISTS $PG_DB" >/dev/null 2>&1
	fi
}
trap _cleanup EXIT
trap 'exit 130' INT TERM HUP

# ---- failing ----------------------------------------------------------------

# The whole screen, framed so blank rows and trailing text are visible.
show_screen() {
	echo "---- screen ($(tm display -p -t "$TARGET" '#{window_width}x#{window_height}' 2>/dev/null)) ----"
	tm capture-pane -p -t "$TARGET" 2>/dev/null | awk '{ printf "%2d|%s\n", NR - 1, $0 }'
	echo "---- end of screen ----"
}

show_stderr() {
	if [ -n "$STDERR_FILE" ] && [ -s "$STDERR_FILE" ]; then
		echo "---- laifang's stderr ----"
		cat "$STDERR_FILE"
		echo "---- end of stderr ----"
	fi
}

# fail MESSAGE...: say what went wrong, show the screen, exit 1.
fail() {
	{
		echo "FAIL [$TEST_NAME]: $*"
		if tm has-session -t lf 2>/dev/null; then
			show_screen
		fi
		show_stderr
	} >&2
	exit 1
}

# fail without a screen (batch command checks).
fail_batch() {
	echo "FAIL [$TEST_NAME]: $*" >&2
	exit 1
}

# soft_fail MESSAGE...: record a failure, show the screen now, and carry on
# so the rest of the scenario is still checked; pass() fails the test.
SOFT_FAILS=0
soft_fail() {
	{
		echo "FAIL [$TEST_NAME]: $*"
		show_screen
	} >&2
	SOFT_FAILS=$((SOFT_FAILS + 1))
}

# The test is over: nothing a sanitizer said may have gone unnoticed, and
# no soft failure.
pass() {
	[ "$SOFT_FAILS" -eq 0 ] || fail_batch "$SOFT_FAILS check(s) failed above"
	for _f in "$T"/stderr.*; do
		[ -f "$_f" ] || continue
		if grep -q -E 'Sanitizer|runtime error:' "$_f"; then
			STDERR_FILE=$_f
			fail "a sanitizer reported a problem in laifang (see its stderr)"
		fi
	done
	echo "ok [$TEST_NAME]"
	exit 0
}

step() {
	echo "  - $*"
}

# ---- running laifang in the terminal ----------------------------------------

# lf_start [ARG...]: start laifang in a fresh 80x24 terminal (a new private
# tmux server; any earlier one is killed first). The pane runs a small shell
# that runs laifang and writes its exit status to a file when it ends
# (tmux's own pane_dead_status is not reliable: it sometimes leaves the
# process a zombie and never reports it). laifang's stderr goes to a file
# shown on failure.
lf_start() {
	tm kill-server >/dev/null 2>&1
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
	RUNS=$((RUNS + 1))
	# A fresh socket for each run: a server still shutting down on the old
	# one would otherwise meet the new client ("server exited unexpectedly").
	SOCK="laifang-e2e-$$-$TEST_NAME-$RUNS"
	STDERR_FILE="$T/stderr.$RUNS"
	RC_FILE="$T/rc.$RUNS"
	: >"$STDERR_FILE"
	rm -f "$RC_FILE"
	_try=1
	until tm new-session -d -x 80 -y 24 -s lf \
		env -u LAIFANG_STATE_DIR TERM="${LF_TERM:-screen}" LC_ALL=C.UTF-8 \
		HOME="$HOME" XDG_DATA_HOME="$XDG_DATA_HOME" XDG_STATE_HOME="$XDG_STATE_HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME" \
		LAIFANG_DB="$LAIFANG_DB" \
		ASAN_OPTIONS="$TUI_ASAN_OPTIONS" UBSAN_OPTIONS="$UBSAN_OPTIONS" \
		LF_E2E_STDERR="$STDERR_FILE" LF_E2E_RC="$RC_FILE" \
		sh -c '"$0" "$@" 2>>"$LF_E2E_STDERR"; echo $? >"$LF_E2E_RC.tmp"; mv "$LF_E2E_RC.tmp" "$LF_E2E_RC"' \
		"$LAIFANG" "$@" \
		\; set-option -g remain-on-exit on \
		\; set-option -g window-size manual; do
		# A loaded machine can be slow to bring a server up: try again.
		[ "$_try" -lt 3 ] || fail "tmux could not start a session"
		_try=$((_try + 1))
		tm kill-server >/dev/null 2>&1
		sleep 0.5
	done
}

# start_desk_b ARG...: desk B, a second terminal (its own tmux server) on
# the same database, as another clerk's desk would be. The helpers look at
# $SOCK: `desk b` points them at desk B, `desk a` back at the first (the one
# lf_start made). Both are killed when the test ends.
start_desk_b() {
	SOCK_B="laifang-e2e-$$-$TEST_NAME-b"
	STDERR_B="$T/stderr.b"
	RC_B="$T/rc.b"
	: >"$STDERR_B"
	tmux -L "$SOCK_B" -f /dev/null new-session -d -x 80 -y 24 -s lf \
		env -u LAIFANG_STATE_DIR TERM=screen LC_ALL=C.UTF-8 \
		HOME="$HOME" XDG_DATA_HOME="$XDG_DATA_HOME" XDG_STATE_HOME="$XDG_STATE_HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME" \
		LAIFANG_DB="$LAIFANG_DB" ASAN_OPTIONS="$TUI_ASAN_OPTIONS" UBSAN_OPTIONS="$UBSAN_OPTIONS" \
		LF_E2E_STDERR="$STDERR_B" LF_E2E_RC="$RC_B" \
		sh -c '"$0" "$@" 2>>"$LF_E2E_STDERR"; echo $? >"$LF_E2E_RC.tmp"; mv "$LF_E2E_RC.tmp" "$LF_E2E_RC"' \
		"$LAIFANG" "$@" \
		\; set-option -g remain-on-exit on \; set-option -g window-size manual ||
		fail "tmux could not start desk B"
}
desk() { # desk a|b: the helpers act on that terminal from now on
	if [ "$1" = b ]; then
		[ -n "$SOCK_A" ] || { SOCK_A=$SOCK; STDERR_A=$STDERR_FILE; RC_A=$RC_FILE; }
		SOCK=$SOCK_B STDERR_FILE=$STDERR_B RC_FILE=$RC_B
	else
		SOCK=$SOCK_A STDERR_FILE=$STDERR_A RC_FILE=$RC_A
	fi
}

# The captured screen, one line per row (trailing blanks trimmed).
screen() {
	tm capture-pane -p -t "$TARGET"
}

# Row N of the screen (0 = top).
screen_line() {
	screen | sed -n "$(($1 + 1))p"
}

# The first row holding TEXT.
line_with() {
	screen | grep -F -m 1 -- "$1"
}

pane_pid() {
	tm list-panes -t "$TARGET" -F '#{pane_pid}'
}

# laifang's pid: the child of the pane's shell.
laifang_pid() {
	pgrep -P "$(pane_pid)"
}

# True once laifang has ended.
lf_exited() {
	[ -f "$RC_FILE" ]
}

_deadline() {
	echo $(($(date +%s) + ${1:-10} * E2E_TIMEOUT_FACTOR))
}

# Die at once with the reason when laifang has stopped while we wait for it.
_check_alive() {
	if lf_exited; then
		fail "laifang exited (status $(cat "$RC_FILE")) while waiting for: $1"
	fi
}

# wait_for TEXT [TIMEOUT_S]: poll the screen until TEXT is on it.
wait_for() {
	_end=$(_deadline "${2:-10}")
	while :; do
		if screen | grep -F -q -- "$1"; then
			return 0
		fi
		_check_alive "\"$1\""
		[ "$(date +%s)" -le "$_end" ] || fail "timed out after ${2:-10}s x$E2E_TIMEOUT_FACTOR waiting for \"$1\" on the screen"
		sleep 0.1
	done
}

# page_until TEXT [MAX]: PgDn until TEXT is on the screen, at most MAX (8)
# pages: where a line of a timeline falls depends on how many steps share
# its second, which a loaded machine changes.
page_until() {
	_n=0
	settle
	while ! screen | grep -F -q -- "$1"; do
		[ "$_n" -lt "${2:-8}" ] || fail "\"$1\" not on any of $_n pages"
		keys NPage
		settle
		_n=$((_n + 1))
	done
}

# wait_gone TEXT [TIMEOUT_S]: poll until TEXT has left the screen.
wait_gone() {
	_end=$(_deadline "${2:-10}")
	while :; do
		if ! screen | grep -F -q -- "$1"; then
			return 0
		fi
		_check_alive "\"$1\" to go away"
		[ "$(date +%s)" -le "$_end" ] || fail "timed out after ${2:-10}s x$E2E_TIMEOUT_FACTOR waiting for \"$1\" to leave the screen"
		sleep 0.1
	done
}

# wait_line N TEXT [TIMEOUT_S]: poll until row N holds TEXT.
wait_line() {
	_end=$(_deadline "${3:-10}")
	while :; do
		if screen_line "$1" | grep -F -q -- "$2"; then
			return 0
		fi
		_check_alive "\"$2\" on row $1"
		[ "$(date +%s)" -le "$_end" ] || fail "timed out after ${3:-10}s x$E2E_TIMEOUT_FACTOR waiting for \"$2\" on row $1"
		sleep 0.1
	done
}

# wait_row_with ANCHOR TEXT [TIMEOUT_S]: poll until the row holding ANCHOR
# also holds TEXT (a value drawn on the same row as its label).
wait_row_with() {
	_end=$(_deadline "${3:-10}")
	while :; do
		if line_with "$1" | grep -F -q -- "$2"; then
			return 0
		fi
		_check_alive "\"$2\" on the row of \"$1\""
		[ "$(date +%s)" -le "$_end" ] || fail "timed out after ${3:-10}s x$E2E_TIMEOUT_FACTOR waiting for \"$2\" on the row of \"$1\""
		sleep 0.1
	done
}

# wait_exit [TIMEOUT_S]: wait until laifang has exited; its exit status
# (128 + N when signal N ended it) goes to EXIT_STATUS.
EXIT_STATUS=
wait_exit() {
	_end=$(_deadline "${1:-10}")
	until lf_exited; do
		[ "$(date +%s)" -le "$_end" ] || fail "laifang did not exit within ${1:-10}s x$E2E_TIMEOUT_FACTOR"
		sleep 0.1
	done
	EXIT_STATUS=$(cat "$RC_FILE")
}

# wait_file PATTERN [TIMEOUT_S] [CONTAINING]: poll until a file matching the
# shell glob exists (and holds the fixed string CONTAINING); its path goes
# to FOUND_FILE.
FOUND_FILE=
wait_file() {
	_end=$(_deadline "${2:-10}")
	while :; do
		for _f in $1; do
			if [ -f "$_f" ] && { [ -z "${3:-}" ] || grep -F -q -- "$3" "$_f"; }; then
				FOUND_FILE=$_f
				return 0
			fi
		done
		[ "$(date +%s)" -le "$_end" ] || fail "timed out after ${2:-10}s x$E2E_TIMEOUT_FACTOR waiting for a file $1${3:+ holding \"$3\"}; $DRAFT_DIR holds: $(ls -la "$DRAFT_DIR" 2>&1)"
		sleep 0.1
	done
}

# wait_sheet: the registration sheet is on the screen (its labels and its
# key bar). The title is checked on its own in test_register.sh, so one
# wrong title does not hide what every other test checks.
wait_sheet() {
	wait_for 来访人姓名
	wait_for 信访内容
	wait_line 23 F2
}

# type_text STR: type STR literally (UTF-8 Chinese included).
type_text() {
	tm send-keys -t "$TARGET" -l -- "$1"
}

# keys KEY...: named keys (Tab, BTab, F2, F10, Escape, Enter, Up, C-s, ...).
keys() {
	tm send-keys -t "$TARGET" "$@"
}

# resize COLS ROWS: resize the terminal laifang runs in.
resize() {
	tm resize-window -t lf -x "$1" -y "$2" || fail "tmux could not resize to $1x$2"
}

# ---- screen assertions ------------------------------------------------------
#
# Each one-shot assertion first lets the screen settle (two captures in a
# row the same), so it never judges a half-drawn update.

settle() {
	_end=$(_deadline 5)
	_prev=$(screen)
	while :; do
		sleep 0.05
		_now=$(screen)
		[ "$_now" = "$_prev" ] && return 0
		[ "$(date +%s)" -le "$_end" ] || return 0 # a screen that keeps changing: judge it as it is
		_prev=$_now
	done
}

assert_screen_has() {
	settle
	screen | grep -F -q -- "$1" || fail "expected \"$1\" on the screen"
}

assert_screen_lacks() {
	settle
	! screen | grep -F -q -- "$1" || fail "expected \"$1\" NOT to be on the screen"
}

# assert_row_has ANCHOR TEXT: the row holding ANCHOR also holds TEXT.
assert_row_has() {
	settle
	_l=$(line_with "$1")
	[ -n "$_l" ] || fail "expected a row holding \"$1\""
	case "$_l" in
	*"$2"*) ;;
	*) fail "expected \"$2\" on the row of \"$1\", the row is: [$_l]" ;;
	esac
}

assert_row_lacks() {
	settle
	_l=$(line_with "$1")
	[ -n "$_l" ] || fail "expected a row holding \"$1\""
	case "$_l" in
	*"$2"*) fail "expected NO \"$2\" on the row of \"$1\", the row is: [$_l]" ;;
	esac
}

# Display width of a string (wcwidth: a Chinese character is 2 columns).
text_width() {
	printf '%s' "$1" | wc -L
}

# column_of ANCHOR TEXT: the screen column (from 0) where TEXT starts on
# the row holding ANCHOR; empty when not there.
column_of() {
	_l=$(line_with "$1")
	case "$_l" in
	*"$2"*) text_width "${_l%%"$2"*}" ;;
	*) echo "" ;;
	esac
}

# assert_column ANCHOR TEXT COL: TEXT starts at column COL on ANCHOR's row.
assert_column() {
	settle
	_c=$(column_of "$1" "$2")
	[ "$_c" = "$3" ] || fail "expected \"$2\" at column $3 on the row of \"$1\", found at column ${_c:-(not on the row)}"
}

assert_eq() {
	# assert_eq EXPECTED ACTUAL WHAT
	[ "$1" = "$2" ] || fail "$3: expected [$1], got [$2]"
}

# ---- people: users made through the command line, the login screen --------

# The people of every test (issue 3: every start of the desk logs in).
ADMIN_LOGIN=admin
ADMIN_NAME=管理员
ADMIN_PW=admin-secret-1
CLERK_LOGIN=clerk
CLERK_NAME=王小红
CLERK_PW=clerk-secret-1
LEADER_LOGIN=leader
LEADER_NAME=李明
LEADER_TITLE=副局长
LEADER_PW=leader-secret-1
USERS_MADE=0 # lf_setup ran: batch commands log in as the administrator

# lf_as LOGIN PASSWORD ARG...: a batch command acting as LOGIN (the password
# on the first line of standard input). Output as the command's.
lf_as() {
	_who=$1 _pw=$2
	shift 2
	printf '%s\n' "$_pw" | "$LAIFANG" --db "$LAIFANG_DB" --user "$_who" --password-stdin "$@"
}

# lf_admin ARG...: a batch command acting as the administrator.
lf_admin() {
	lf_as "$ADMIN_LOGIN" "$ADMIN_PW" "$@"
}

# lf_user_add LOGIN PASSWORD ARG...: the administrator adds a user (the new
# password on the second line of standard input); ARG: --name N --roles R...
lf_user_add() {
	_login=$1 _pw=$2
	shift 2
	printf '%s\n%s\n' "$ADMIN_PW" "$_pw" |
		"$LAIFANG" --db "$LAIFANG_DB" --user "$ADMIN_LOGIN" --password-stdin user add "$_login" "$@" \
			>"$T/useradd.out" 2>&1 ||
		fail_batch "laifang user add $_login failed: $(cat "$T/useradd.out")"
}

# lf_setup: a new database with the administrator, a clerk (接待人员) and a
# leader (接访领导, with a title), all made through the command line.
# LF_INIT_ARGS: more arguments for init (--training DAY).
lf_setup() {
	# shellcheck disable=SC2086 # LF_INIT_ARGS is words
	printf '%s\n' "$ADMIN_PW" |
		"$LAIFANG" --db "$LAIFANG_DB" init --admin "$ADMIN_LOGIN" --name "$ADMIN_NAME" --password-stdin ${LF_INIT_ARGS:-} \
			>"$T/init.out" 2>&1 ||
		fail_batch "laifang init --admin failed: $(cat "$T/init.out")"
	USERS_MADE=1
	# On PostgreSQL attachments go to a folder the office names.
	[ -z "${PG_DB:-}" ] || lf_admin config set attachments_dir "$ATTACH_DIR" >"$T/attach.out" 2>&1 ||
		fail_batch "config set attachments_dir: $(cat "$T/attach.out")"
	lf_user_add "$CLERK_LOGIN" "$CLERK_PW" --name "$CLERK_NAME" --roles clerk
	lf_user_add "$LEADER_LOGIN" "$LEADER_PW" --name "$LEADER_NAME" --roles leader --title "$LEADER_TITLE"
}

# lf_login LOGIN PASSWORD: type into the login screen of a started desk.
lf_login() {
	wait_for "Log in"
	wait_for "Password"
	type_text "$1"
	keys Enter
	type_text "$2"
	keys Enter
}

# lf_start_as LOGIN PASSWORD [ARG...]: start the desk and log in; the home
# screen is up when it returns.
lf_start_as() {
	_login=$1 _pw=$2
	shift 2
	lf_start "$@"
	lf_login "$_login" "$_pw"
	wait_for "Today's registrations"
}

# ---- the database, through laifang's own batch commands -------------------

# lf_batch ARG...: run a batch command with this test's environment (as
# the administrator once lf_setup made the users).
lf_batch() {
	if [ "$USERS_MADE" = 1 ]; then
		lf_admin "$@"
	else
		"$LAIFANG" "$@"
	fi
}

# db_sql SQL: one query on the database behind laifang's back (sqlite3),
# for what no batch command shows (users, lock-outs, signed entries).
db_sql() {
	if [ -n "${PG_DB:-}" ] && case $LAIFANG_DB in postgresql:*) true ;; *) false ;; esac; then
		# As sqlite3 prints it: unaligned, '|' between columns, no header.
		PGOPTIONS='-c search_path=main,e2e_compat' "$PG_BIN/psql" -X -q -tA -d "$LAIFANG_DB" -c "$1"
	else
		sqlite3 -batch -noheader "$LAIFANG_DB" "$1"
	fi
}

# db_export: export the whole database as JSON into $JSON (a file); fails
# the test if the export fails or is not a JSON array. Not for use inside
# $(...): a failure there could not stop the test.
JSON="$T/export.json"
# The administrator's exports are masked (docs/permissions.md): the whole
# database in full is read by an archivist (export_personal_data, every
# case), added on the first export.
KEEPER_LOGIN=keeper
KEEPER_PW=keeper-secret-1
KEEPER_MADE=0
db_export() {
	if [ "$USERS_MADE" = 1 ] && [ "$KEEPER_MADE" = 0 ]; then
		lf_user_add "$KEEPER_LOGIN" "$KEEPER_PW" --name 档案员 --roles archivist
		KEEPER_MADE=1
	fi
	if [ "$USERS_MADE" = 1 ]; then
		lf_as "$KEEPER_LOGIN" "$KEEPER_PW" export --format json >"$JSON" 2>"$T/export.err"
	else
		"$LAIFANG" export --format json >"$JSON" 2>"$T/export.err"
	fi
	_rc=$?
	[ "$_rc" -eq 0 ] || fail "laifang export --format json exited $_rc: $(cat "$T/export.err")"
	[ ! -s "$T/export.err" ] || fail "laifang export --format json wrote to stderr: $(cat "$T/export.err")"
	jq -e 'type == "array"' "$JSON" >/dev/null 2>&1 || fail "the export is not a JSON array: $(cat "$JSON")"
}

# assert_cases N: the database holds N cases.
assert_cases() {
	db_export
	_n=$(jq 'length' "$JSON")
	[ "$_n" = "$1" ] || fail "expected $1 case(s) in the database, the export has $_n: $(cat "$JSON")"
}

# assert_json INDEX KEY EXPECTED: case INDEX of the last db_export (in
# case-number order, from 0) has KEY exactly equal to the string EXPECTED.
assert_json() {
	jq -e --argjson i "$1" --arg k "$2" --arg v "$3" '.[$i][$k] == $v' "$JSON" >/dev/null ||
		fail "export: case $1 field $2: expected $(jq -n --arg v "$3" '$v'), got $(jq --argjson i "$1" --arg k "$2" '.[$i][$k]' "$JSON")"
}

# assert_json_raw INDEX KEY JSON: as assert_json for a JSON value (true, 3).
assert_json_raw() {
	jq -e --argjson i "$1" --arg k "$2" --argjson v "$3" '.[$i][$k] == $v' "$JSON" >/dev/null ||
		fail "export: case $1 field $2: expected $3, got $(jq --argjson i "$1" --arg k "$2" '.[$i][$k]' "$JSON")"
}

assert_check_clean() {
	_o=$("$LAIFANG" check 2>&1)
	_rc=$?
	[ "$_rc" -eq 0 ] || fail "laifang check exited $_rc on a database that should be clean: $_o"
}

# ---- data -------------------------------------------------------------------

# id_number FIRST17: the 18-character ID number with its ISO 7064 MOD 11-2
# check digit (GB 11643-1999).
id_number() {
	printf '%s\n' "$1" | awk '{
		split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ")
		s = 0
		for (i = 1; i <= 17; i++) s += substr($0, i, 1) * w[i]
		printf "%s%s\n", $0, substr("10X98765432", s % 11 + 1, 1)
	}'
}

# mask_id ID18: the ID number as lists show it (440106********123X: the
# first 6 and the last 4 kept).
mask_id() {
	printf '%.6s********%s\n' "$1" "${1#??????????????}"
}

# A draft file of the registration sheet, whatever laifang names it.
draft_glob() {
	echo "$DRAFT_DIR/*registration*"
}

# wait_draft [CONTAINING]: wait until the draft of the sheet is on disk
# (holding the fixed string CONTAINING); its path goes to FOUND_FILE.
wait_draft() {
	wait_file "$(draft_glob)" 15 "${1:-}"
}

no_draft() {
	for _f in $(draft_glob); do
		[ -e "$_f" ] && return 1
	done
	return 0
}

# ---- the case file (issue 4): the rest of the office -----------------------

SUP_LOGIN=sup
SUP_NAME=周督办
SUP_PW=sup-secret-1
HANDLER_LOGIN=handler
HANDLER_NAME=陈办理
HANDLER_PW=handler-secret-1
ARCH_LOGIN=archivist
ARCH_NAME=吴归档
ARCH_PW=archivist-secret-1
PEER_UNIT=市住建局       # an agency at the same level: transfers go here
LOWER_UNIT=城关区信访局  # a lower-level agency: assignments
DEPT_UNIT=信访局综合处   # a department of this office: in-house

# lf_setup_office: lf_setup, then the units of the directory and a
# supervisor, a handler of $PEER_UNIT and an archivist (command line).
lf_setup_office() {
	lf_setup
	for _u in "$PEER_UNIT:peer" "$LOWER_UNIT:lower" "$DEPT_UNIT:department"; do
		lf_admin unit add "${_u%%:*}" --kind "${_u#*:}" >"$T/unitadd.out" 2>&1 ||
			fail_batch "laifang unit add ${_u%%:*} failed: $(cat "$T/unitadd.out")"
	done
	lf_user_add "$SUP_LOGIN" "$SUP_PW" --name "$SUP_NAME" --roles supervisor
	lf_user_add "$HANDLER_LOGIN" "$HANDLER_PW" --name "$HANDLER_NAME" --roles handler --unit "$PEER_UNIT"
	lf_user_add "$ARCH_LOGIN" "$ARCH_PW" --name "$ARCH_NAME" --roles archivist
}

# lf_import_csv FILE: the clerk imports visits (`laifang import`).
lf_import_csv() {
	lf_as "$CLERK_LOGIN" "$CLERK_PW" import "$1" >"$T/import.out" 2>&1 ||
		fail_batch "laifang import $1 failed: $(cat "$T/import.out")"
}

# case_sql CASE_NO COLUMN: one column of case_file for a case number.
case_sql() {
	db_sql "SELECT $2 FROM case_file WHERE case_no = '$1'"
}

# assert_case CASE_NO COLUMN EXPECTED: a column of the case in the database.
assert_case() {
	_v=$(case_sql "$1" "$2")
	[ "$_v" = "$3" ] || fail "case $1: case_file.$2 expected [$3], got [$_v]"
}

# event_kinds CASE_NO: the kinds of a case's events, oldest first, by spaces.
event_kinds() {
	db_sql "SELECT group_concat(kind, ' ') FROM (SELECT e.kind FROM case_event e JOIN case_file c ON c.id = e.case_id WHERE c.case_no = '$1' ORDER BY e.seq) k"
}

# menu_pick LABEL: choose the item of the open menu (lf_dialog_menu) whose
# text holds LABEL, by its number.
menu_pick() {
	wait_for "$1"
	settle
	# The box's side: │, or x where tmux keeps the terminal's line-drawing
	# character (TERM=xterm-256color).
	_n=$(line_with "$1" | sed -n 's/.*[│x]  *\([1-9]\)  .*/\1/p')
	[ -n "$_n" ] || fail "no numbered menu item holding \"$1\""
	keys "$_n"
}

# lf_open_queue LABEL: from home, F7 and the queue whose menu item holds LABEL.
lf_open_queue() {
	keys F7
	wait_for "Queues"
	menu_pick "$1"
	wait_for "Queue: $1"
}

# queue_find TEXT: filter the open queue by keyword TEXT (F3) so the case
# is the selected row.
queue_find() {
	keys F3
	menu_pick "By keyword"
	wait_for "Name or content"
	type_text "$1"
	keys Enter
	wait_for "keyword \"$1\""
}

# wait_case CASE_NO COLUMN EXPECTED [TIMEOUT_S]: poll the database until
# the case's column holds EXPECTED (a step taken on screen has landed).
wait_case() {
	_end=$(_deadline "${4:-10}")
	while :; do
		[ "$(case_sql "$1" "$2")" = "$3" ] && return 0
		[ "$(date +%s)" -le "$_end" ] || fail "case $1: case_file.$2 never became [$3] (it is [$(case_sql "$1" "$2")])"
		sleep 0.1
	done
}

# ---- a case's steps from the command line (issue 11: laifang case) --------

# lf_case LOGIN PASSWORD STEP CASE_NO [OPTION]...: one `laifang case` step
# that must succeed (the test fails with laifang's words otherwise).
lf_case() {
	_who=$1 _pw=$2
	shift 2
	lf_as "$_who" "$_pw" case "$@" >"$T/case_step.out" 2>&1 ||
		fail_batch "laifang case $* (as $_who) failed: $(cat "$T/case_step.out")"
}

# day N: the date N days after $TODAY.
day() { date -d "$TODAY +$1 days" +%F; }
# lf_day N LOGIN PW ARG...: laifang as LOGIN with its clock N days ahead (a
# wrapper of the faked clock's, made once per N).
lf_day() {
	_n=$1 _who=$2 _pw=$3
	shift 3
	_w="$T/bin/laifang_day$_n"
	if [ ! -x "$_w" ]; then
		_secs=$(($(date -d "$(day "$_n")" +%s) - $(date -d "$TODAY" +%s)))
		[ -x "$T/bin/laifang" ] || fail "lf_day needs the faked clock's wrapper (E2E_CLOCK is now)"
		_off=$(sed -n "s/.*FAKETIME='\([+-]*[0-9]*\)'.*/\1/p" "$T/bin/laifang")
		_new=$((${_off#+} + _secs))
		[ "$_new" -ge 0 ] && _new="+$_new"
		sed "s/FAKETIME='[^']*'/FAKETIME='$_new'/" "$T/bin/laifang" >"$_w" && chmod +x "$_w"
	fi
	printf '%s\n' "$_pw" | "$_w" --db "$LAIFANG_DB" --user "$_who" --password-stdin "$@"
}
# lf_case_to CASE_NO STATE: take a registered case (made by import) to
# STATE through `laifang case`, as the users of lf_setup_office: registered,
# accepted, declined, referred, in_house, transferred, assigned, handling,
# reported, replied or archived (by transfer, take-up, report, reply). A
# referral adds the discipline unit $DISC_UNIT when it is not there yet.
DISC_UNIT=市纪委监委
lf_case_to() {
	_no=$1 _to=$2
	case "$_to" in
	registered) return 0 ;;
	declined)
		lf_case "$SUP_LOGIN" "$SUP_PW" decline "$_no" --text "不属于本机关职责范围，请向有权机关反映。"
		return 0 ;;
	referred)
		lf_admin unit list 2>/dev/null | grep -q -F "$DISC_UNIT" ||
			lf_admin unit add "$DISC_UNIT" --kind discipline >"$T/unitadd.out" 2>&1 ||
			fail_batch "laifang unit add $DISC_UNIT failed: $(cat "$T/unitadd.out")"
		lf_case "$SUP_LOGIN" "$SUP_PW" refer "$_no" --unit "$DISC_UNIT"
		return 0 ;;
	esac
	lf_case "$SUP_LOGIN" "$SUP_PW" accept "$_no"
	case "$_to" in
	accepted) return 0 ;;
	in_house) lf_case "$SUP_LOGIN" "$SUP_PW" route "$_no" --in-house --unit "$DEPT_UNIT"; return 0 ;;
	assigned) lf_case "$SUP_LOGIN" "$SUP_PW" route "$_no" --assign "$LOWER_UNIT"; return 0 ;;
	esac
	lf_case "$SUP_LOGIN" "$SUP_PW" route "$_no" --transfer "$PEER_UNIT"
	[ "$_to" = transferred ] && return 0
	lf_case "$HANDLER_LOGIN" "$HANDLER_PW" take-up "$_no"
	[ "$_to" = handling ] && return 0
	lf_case "$HANDLER_LOGIN" "$HANDLER_PW" report "$_no" --text "已核实情况并答复信访人。"
	[ "$_to" = reported ] && return 0
	lf_case "$HANDLER_LOGIN" "$HANDLER_PW" reply "$_no" --text "已书面答复。" --satisfaction 满意
	[ "$_to" = replied ] && return 0
	lf_case "$ARCH_LOGIN" "$ARCH_PW" archive "$_no"
	[ "$_to" = archived ] && return 0
	fail "lf_case_to: no such state: $_to"
}
