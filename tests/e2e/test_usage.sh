#!/bin/sh
# `laifang --help` (issue 12): every command main.c dispatches is in the
# help, in English and in Chinese (its table of commands in src/main.c read
# here, so a command added there without its help line fails); and no
# usage text mixes languages: the English help has Chinese only as a gloss
# in brackets or as a value to type, the Chinese help no English sentence.
. "$(dirname "$0")/lib.sh"

MAIN_C=$(cd "$(dirname "$0")/../.." && pwd)/src/main.c
[ -f "$MAIN_C" ] || fail "no $MAIN_C"

# The commands of main.c's table, as "word sub" or "word", one a line;
# and the two that dispatch on their own (lf_cli_case_wanted, exchange).
sed -n 's/^[[:space:]]*{"\([a-z-]*\)", \(NULL\|"\([a-z-]*\)"\), C_[A-Z_]*,.*/\1 \3/p' "$MAIN_C" |
	sed 's/ $//' | sort -u >"$T/commands"
grep -q 'lf_cli_case_wanted' "$MAIN_C" && echo case >>"$T/commands"
grep -q 'lf_cli_exchange_wanted' "$MAIN_C" && echo exchange >>"$T/commands"
n=$(wc -l <"$T/commands")
[ "$n" -ge 30 ] || fail "only $n commands read from main.c's table: $(cat "$T/commands")"
grep -qx search "$T/commands" || fail "search is not in main.c's table as read: $(cat "$T/commands")"

for lang in en zh_CN; do
	step "every dispatched command is in --help ($lang)"
	"$LAIFANG" --help --lang "$lang" >"$T/help.$lang" 2>&1 || fail "laifang --help --lang $lang failed"
	while IFS= read -r cmd; do
		# A line of the help starting with the command's word and naming
		# its second word ("category list | add NAME | ...").
		word=${cmd%% *} sub=${cmd#"$word"}
		grep "^  $word\( \|$\)" "$T/help.$lang" | grep -q -- "[ |]${sub# }\( \|$\)" ||
			fail "laifang --help --lang $lang does not list \"$cmd\""
	done <"$T/commands"
done

step "the English help texts have Chinese only in brackets or as values"
for c in "" case exchange; do
	# shellcheck disable=SC2086 # no command: the main help
	"$LAIFANG" $c --help --lang en >"$T/en.txt" 2>&1
	# One line; brackets (across lines) and the values after an option go.
	left=$(tr '\n' ' ' <"$T/en.txt" | sed 's/([^)]*)//g; s/（[^）]*）//g; s/--[a-z-]* [^ ]*//g' |
		grep -o '[^ -~]*' | grep -v '^$' | grep -v '^[·—–…“”‘’→]*$' | head -3)
	[ -z "$left" ] || fail "laifang $c --help --lang en mixes in Chinese outside brackets: $left"
done

step "the Chinese help texts have no English sentence"
for c in "" case exchange; do
	# shellcheck disable=SC2086
	"$LAIFANG" $c --help --lang zh_CN >"$T/zh.txt" 2>&1
	# Values to type (roles, steps, options, placeholders) aside, three
	# English words in a row are a sentence left untranslated (a command's
	# synopsis, two spaces in, is what to type: "reception photo add").
	bad=$(sed 's/--[a-z-]*//g; s/\[[^]]*\]//g; s/\b\(clerk\|leader\|supervisor\|handler\|archivist\|admin\|unit_head\)\b//g' "$T/zh.txt" |
		grep -E '[a-z]{2,} [a-z]{2,} [a-z]{2,}' | grep -v '^ *laifang ' | grep -v '^  [a-z]' | head -3)
	[ -z "$bad" ] || fail "laifang $c --help --lang zh_CN has English text: $bad"
done

pass
