#!/bin/sh
# Install the Debian packages laifang needs to build and test, if missing.
# Each check is a pkg-config module or a command; only missing ones are
# installed. Not root: say what to install and carry on (the build will tell).
set -u
missing=""
need_pc() { pkg-config --exists "$1" 2>/dev/null || missing="$missing $2"; }
need_cmd() { command -v "$1" >/dev/null 2>&1 || missing="$missing $2"; }

need_cmd cc gcc
need_cmd make make
need_cmd pkg-config pkg-config
if command -v pkg-config >/dev/null 2>&1; then
	need_pc ncursesw libncurses-dev
	need_pc sqlite3 libsqlite3-dev
	need_pc uuid uuid-dev
	need_pc jansson libjansson-dev
	need_pc cmocka libcmocka-dev
	need_pc libsodium libsodium-dev
	need_pc pangocairo libpango1.0-dev
	need_pc cairo-pdf libcairo2-dev
	need_pc libpq libpq-dev                # the PostgreSQL client library (issue 14)
	need_pc libqrencode libqrencode-dev    # the QR code on the receipt (issue 15)
else
	missing="$missing libncurses-dev libsqlite3-dev uuid-dev libjansson-dev libcmocka-dev libsodium-dev libpango1.0-dev libcairo2-dev libpq-dev libqrencode-dev"
fi
need_cmd msgfmt gettext
need_cmd tmux tmux
need_cmd sqlite3 sqlite3
need_cmd jq jq
need_cmd pdftotext poppler-utils       # the PDF tests read the text back
need_cmd zbarimg zbar-tools            # the receipt test decodes its QR code
need_cmd chromium chromium             # the public schedule's page rendered headless (issue 15)
need_cmd python3 python3               # ...and read back with a parser (tests/e2e/tools/public_page.py)
need_cmd clang clang                   # fuzz targets (libFuzzer)
need_file() { [ -e "$1" ] || missing="$missing $2"; }
# The PostgreSQL server for the throwaway test cluster (tests/pg/cluster.sh).
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
ls /usr/lib/*/faketime/libfaketime.so.1 >/dev/null 2>&1 || missing="$missing faketime" # e2e clocks
need_file /usr/share/fonts/truetype/wqy/wqy-microhei.ttc fonts-wqy-microhei   # CJK font for PDFs (fallback)
# Official typography on paper (issue 15): Noto Serif CJK SC (Song) for the
# body, Noto Sans CJK SC Bold (Hei) for titles; HanaMinA/B cover CJK
# Extension A and B (䶮, 𠮷).
need_file /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc fonts-noto-cjk
need_file /usr/share/fonts/truetype/hanazono/HanaMinB.ttf fonts-hanazono
need_cmd pdftoppm poppler-utils        # the paper tests render pages
# libFuzzer's runtime for the clang that Debian 12 ships
if command -v clang >/dev/null 2>&1; then
	ls "$(clang -print-resource-dir 2>/dev/null)"/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1 ||
		missing="$missing libclang-rt-14-dev"
else
	missing="$missing libclang-rt-14-dev"
fi
# C.UTF-8 ships with libc on Debian 12; nothing to install for the locale.

[ -z "$missing" ] && exit 0
echo "laifang needs these Debian packages:$missing"
if [ "$(id -u)" -ne 0 ]; then
	echo "Not running as root, so not installing them. As root: apt-get install$missing"
	exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing
