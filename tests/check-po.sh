#!/bin/sh
# Every interface string in the sources must be translated in every
# catalogue (po/zh_CN.po, po/en.po): nothing reaches a person untranslated.
set -eu
pot=$(mktemp)
trap 'rm -f "$pot"' EXIT
xgettext --from-code=UTF-8 -k_ -kN_ --package-name=laifang -o "$pot" \
	$(find src -name '*.c' | sort)
passed=0 failed=0
for po in po/*.po; do
	if msgcmp "$po" "$pot" && ! msgfmt --statistics -o /dev/null "$po" 2>&1 | grep -Eq 'fuzzy|untranslated'; then
		passed=$((passed + 1))
	else
		echo "FAILED: $po lacks translations (msgmerge -U $po po/laifang.pot, then translate)" >&2
		failed=$((failed + 1))
	fi
done
[ $((passed + failed)) -gt 0 ] || { echo "no catalogue in po/" >&2; failed=1; }
echo "catalogues: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
