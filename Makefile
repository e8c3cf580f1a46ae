# laifang — build, run, test. `make run` and `make check` do all set-up on a
# fresh Debian machine as root (tools/deps.sh installs what is missing).

PREFIX    ?= /usr/local
DESTDIR   ?=
BINDIR    ?= $(PREFIX)/bin
MANDIR    ?= $(PREFIX)/share/man
LOCALEDIR ?= $(PREFIX)/share/locale
BUILD     ?= build
VERSION   := 0.1.0

CC      ?= cc
PKGS    := ncursesw sqlite3 libpq uuid jansson libsodium pangocairo cairo-pdf libqrencode
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
TEST_LIBS  := $(shell pkg-config --libs cmocka 2>/dev/null)

CFLAGS  ?= -O2 -g
WARN    := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wstrict-prototypes -Wmissing-prototypes
ALL_CFLAGS = -std=c17 $(WARN) $(CFLAGS) $(SAN) $(PKG_CFLAGS) -Iinclude \
             -DLAIFANG_VERSION='"$(VERSION)"' -DLAIFANG_LOCALEDIR='"$(LOCALEDIR)"' -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(SAN)

LIB_SRC  := $(sort $(wildcard src/core/*.c src/office/*.c src/store/*.c src/store/sqlite/*.c src/store/pg/*.c src/forms/*.c src/paper/*.c src/tui/*.c src/cli/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/embedded.o
MAIN_OBJ := $(BUILD)/obj/src/main.o
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
TESTS    := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
MIGRATIONS := $(sort $(wildcard db/*.sql))
PG_MIGRATIONS := $(sort $(wildcard db/pg/*.sql))
FORMS      := $(sort $(wildcard forms/*.form))
NOTICES    := $(sort $(wildcard forms/notices/*.tmpl))
DATA       := $(sort $(wildcard db/calendar/*.tsv))
PO         := $(sort $(wildcard po/*.po))
MO         := $(PO:po/%.po=$(BUILD)/locale/%/LC_MESSAGES/laifang.mo)

.PHONY: all deps run check test unit e2e pg-schema pg-unit e2e-pg stress-pg bench check-asan install uninstall clean pot
.DEFAULT_GOAL := all

all: $(BUILD)/laifang $(MO)

deps:
	@sh tools/deps.sh

# Start laifang on its default database. A terminal without a UTF-8 locale
# gets C.UTF-8, which every Debian has.
run: deps
	@$(MAKE) --no-print-directory all
	@case "$${LC_ALL:-$${LC_CTYPE:-$${LANG:-}}}" in *UTF-8*|*utf8*|*UTF8*|*utf-8*) ;; *) export LC_ALL=C.UTF-8;; esac; \
	 exec $(BUILD)/laifang

# Every test: unit and end-to-end, then the same again built with ASan+UBSan.
check: deps
	@$(MAKE) --no-print-directory test
	@$(MAKE) --no-print-directory BUILD=build/asan SAN='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' CFLAGS='-O1 -g' test

test: all $(TESTS)
	@sh tests/check-po.sh
	@sh tests/check-layers.sh $(BUILD)
	@sh tests/run-unit.sh $(TESTS)
	$(if $(SAN),,@$(MAKE) --no-print-directory pg-schema pg-unit e2e-pg stress-pg)
	@LAIFANG=$(CURDIR)/$(BUILD)/laifang sh tests/e2e/run.sh
	$(if $(SAN),,@E2E_SHIFT_SECONDS=$(YEAR_AHEAD) E2E_LABEL=e2e-year-ahead LAIFANG=$(CURDIR)/$(BUILD)/laifang sh tests/e2e/run.sh)
	@$(MAKE) --no-print-directory $(STRESS_SAVER) $(if $(SAN),,$(FUZZ_BINS) $(BUILD)/bench/laifang-bench)
	@LAIFANG=$(CURDIR)/$(BUILD)/laifang SAVER=$(CURDIR)/$(STRESS_SAVER) sh tests/stress/run.sh short
	$(if $(SAN),,@sh tests/fuzz/run.sh $(FUZZ_DIR) $(FUZZ_CHECK_SECONDS) $(FUZZ_NAMES))

# The e2e suite runs a second time with the clock a year ahead (libfaketime):
# a date bomb fails here, not in an office. Tests that pin their clock
# (E2E_CLOCK in tests/e2e/lib.sh) keep it.
YEAR_AHEAD := 31536000

unit: all $(TESTS)
	@sh tests/run-unit.sh $(TESTS)

e2e: all
	@LAIFANG=$(CURDIR)/$(BUILD)/laifang sh tests/e2e/run.sh

# The PostgreSQL migrations (db/pg/) beside SQLite's on a throwaway cluster
# of their own (tests/pg/cluster.sh; issue 14). Not under the sanitizers:
# no C of ours runs in it but the SQLite reference's init.
pg-schema: all
	@LAIFANG=$(CURDIR)/$(BUILD)/laifang sh tests/pg/schema.sh

# The tests that need a PostgreSQL server (tests/pg/test_*.c): the driver
# and, as it grows, the store on PostgreSQL; one throwaway cluster.
PG_TESTS := $(patsubst tests/pg/%.c,$(BUILD)/pgtests/%,$(sort $(wildcard tests/pg/test_*.c)))
pg-unit: all $(PG_TESTS)
	@LAIFANG=$(CURDIR)/$(BUILD)/laifang sh tests/pg/unit.sh $(PG_TESTS) $(sort $(wildcard tests/pg/test_*.sh))

# The e2e scenarios on PostgreSQL, but those that read or break the SQLite
# file itself (sqlite3 on the file, its locks, its WAL): they have no
# PostgreSQL meaning, and pg-unit's test_cli.sh attacks the server instead.
E2E_PG_SKIP := cli cli_people keys_paste sessions tamper
E2E_PG_TESTS := $(filter-out $(E2E_PG_SKIP:%=test_%),$(patsubst tests/e2e/%.sh,%,$(sort $(wildcard tests/e2e/test_*.sh))))
e2e-pg: all
	@LAIFANG=$(CURDIR)/$(BUILD)/laifang sh tests/pg/e2e.sh $(E2E_PG_TESTS)

$(BUILD)/pgtests/%: tests/pg/%.c $(BUILD)/liblaifang.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/liblaifang.a $(PKG_LIBS) $(TEST_LIBS) $(ALL_LDFLAGS)

# Trust under stress (tests/stress/README.md): many terminals and kills
# (`make stress`), libFuzzer targets built with clang into $(FUZZ_DIR)
# (`make fuzz FUZZ_SECONDS=600`, each target), the unit tests and a few
# batch commands under valgrind. `make test` runs short versions.
STRESS_SAVER := $(BUILD)/stress/saver
FUZZ_DIR     := $(BUILD)/fuzz
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 600
FUZZ_CHECK_SECONDS ?= 4
FUZZ_NAMES   := $(patsubst tests/fuzz/fuzz_%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_BINS    := $(FUZZ_NAMES:%=$(FUZZ_DIR)/fuzz_%)
FUZZ_CFLAGS  := -std=c17 -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all \
                $(PKG_CFLAGS) -Iinclude -DLAIFANG_VERSION='"$(VERSION)"' -DLAIFANG_LOCALEDIR='"$(LOCALEDIR)"' -MMD -MP

.PHONY: stress fuzz valgrind
stress: all $(STRESS_SAVER)
	@LAIFANG=$(CURDIR)/$(BUILD)/laifang SAVER=$(CURDIR)/$(STRESS_SAVER) sh tests/stress/run.sh long
	@LAIFANG=$(CURDIR)/$(BUILD)/laifang SAVER=$(CURDIR)/$(STRESS_SAVER) sh tests/stress/run_pg.sh long

# The server killed under 8 desks' saves (tests/stress/run_pg.sh; issue 14):
# the short version, in `make test`'s PostgreSQL part.
stress-pg: all $(STRESS_SAVER)
	@LAIFANG=$(CURDIR)/$(BUILD)/laifang SAVER=$(CURDIR)/$(STRESS_SAVER) sh tests/stress/run_pg.sh short

fuzz: $(FUZZ_BINS)
	@sh tests/fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_NAMES)

valgrind: all $(TESTS)
	@LAIFANG=$(CURDIR)/$(BUILD)/laifang sh tests/stress/valgrind.sh $(TESTS)

$(STRESS_SAVER): tests/stress/saver.c $(BUILD)/liblaifang.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/liblaifang.a $(PKG_LIBS) $(ALL_LDFLAGS)

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_DIR)/liblaifang.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_DIR)/liblaifang.a $(PKG_LIBS)

$(FUZZ_DIR)/liblaifang.a: $(LIB_SRC:%.c=$(FUZZ_DIR)/obj/%.o) $(FUZZ_DIR)/obj/gen/embedded.o
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_DIR)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_DIR)/obj/gen/embedded.o: $(BUILD)/gen/embedded.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

# The store beside raw SQL running the same statements on synthetic offices,
# on SQLite and on PostgreSQL (tests/bench/run.sh: a server of its own in
# $(BUILD)/bench/pg). The first run generates the offices (1M cases take a
# few minutes) into $(BUILD)/bench and later runs reuse them.
BENCH_SIZES ?= 10000 100000 1000000
BENCH_BACKENDS ?= sqlite pg
BENCH_SRC := $(wildcard tests/bench/*.c)
bench: deps
	@$(MAKE) --no-print-directory $(BUILD)/bench/laifang-bench $(BUILD)/laifang
	BENCH_LAIFANG=$(BUILD)/laifang BENCH_BACKENDS="$(BENCH_BACKENDS)" sh tests/bench/run.sh $(BUILD)/bench $(BENCH_SIZES)

$(BUILD)/bench/laifang-bench: $(BENCH_SRC) tests/bench/bench.h $(BUILD)/liblaifang.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $(BENCH_SRC) $(BUILD)/liblaifang.a $(PKG_LIBS) $(ALL_LDFLAGS)

$(BUILD)/laifang: $(MAIN_OBJ) $(BUILD)/liblaifang.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/liblaifang.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/gen/embedded.o: $(BUILD)/gen/embedded.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Wno-overlength-strings -c -o $@ $<

$(BUILD)/gen/embedded.c: tools/embed.sh $(MIGRATIONS) $(PG_MIGRATIONS) $(FORMS) $(DATA) $(NOTICES)
	@mkdir -p $(@D)
	{ sh tools/embed.sh lf_migrations $(MIGRATIONS); sh tools/embed.sh lf_pg_migrations $(PG_MIGRATIONS) | sed 1,2d; \
	  sh tools/embed.sh lf_forms $(FORMS) | sed 1,2d; \
	  sh tools/embed.sh lf_data $(DATA) | sed 1,2d; sh tools/embed.sh lf_notice_templates $(NOTICES) | sed 1,2d; } > $@.tmp
	mv $@.tmp $@

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/liblaifang.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(BUILD)/liblaifang.a $(PKG_LIBS) $(TEST_LIBS) $(ALL_LDFLAGS)

$(BUILD)/locale/%/LC_MESSAGES/laifang.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# Refresh the template from the sources (then merge into po/*.po with msgmerge).
pot:
	xgettext --from-code=UTF-8 -k_ -kN_ -c/ --package-name=laifang -o po/laifang.pot $(LIB_SRC) src/main.c

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(BUILD)/laifang $(DESTDIR)$(BINDIR)/laifang
	install -m 0644 docs/laifang.1 $(DESTDIR)$(MANDIR)/man1/laifang.1
	for mo in $(MO); do lang=$${mo#$(BUILD)/locale/}; lang=$${lang%%/*}; \
	  install -d $(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES; \
	  install -m 0644 $$mo $(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES/laifang.mo; done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/laifang $(DESTDIR)$(MANDIR)/man1/laifang.1
	for po in $(PO); do lang=$${po#po/}; lang=$${lang%.po}; rm -f $(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES/laifang.mo; done

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
-include $(shell find $(FUZZ_DIR)/obj -name '*.d' 2>/dev/null)
