/* The command palette's table and matcher (src/tui/actions.c, palette.c):
 * every action a key offers by name, and every step of a case's life, has
 * a Chinese label with one hand-written pinyin initial per character and
 * English words; the matcher puts 受理 first for "sl", 转送 for "zs". */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "../../src/tui/tui_internal.h"
#include "laifang/caseflow.h"
#include "laifang/text.h"
#include "laifang/workflow.h"

static void check_name(const lf_action_name *nm)
{
	assert_non_null(nm->zh);
	assert_non_null(nm->py);
	assert_non_null(nm->en);
	assert_true(nm->zh[0] && nm->py[0] && nm->en[0]);
	/* Initials: lower-case letters, alternatives after single spaces; the
	 * first alternative has one letter per character of the label. */
	for (const char *p = nm->py; *p; p++)
		assert_true((*p >= 'a' && *p <= 'z') || (*p == ' ' && p[1] && p[1] != ' '));
	size_t first = strcspn(nm->py, " ");
	if (lf_text_chars(nm->zh) != first)
		fail_msg("%s: initials \"%s\" do not have one letter per character", nm->zh, nm->py);
	/* The label is Chinese: no ASCII in it. */
	for (const char *p = nm->zh; *p; p++)
		assert_true((unsigned char)*p >= 0x80);
}

/* Every named key of every screen has its row in the names table. */
static void every_key_named(void **state)
{
	(void)state;
	for (const lf_keydef *k = lf_keys; k->action != LF_A_NONE; k++) {
		if (!k->name || !k->help || !lf_action_named(k->action))
			continue;
		const lf_action_name *nm = lf_action_name_of(k->action, -1);
		if (!nm)
			fail_msg("the key %s (\"%s\") has no row in lf_action_names (src/tui/actions.c)", k->name, k->help);
		check_name(nm);
	}
}

static void every_step_named(void **state)
{
	(void)state;
	for (int s = 0; s < LF_STEP_COUNT; s++) {
		const lf_action_name *nm = lf_action_name_of(LF_A_STEP, s);
		if (!nm)
			fail_msg("the step %s has no row in lf_action_names (src/tui/actions.c)", lf_step_get((lf_step)s)->key);
		check_name(nm);
	}
}

static void rows_well_formed(void **state)
{
	(void)state;
	size_t n = 0;
	for (const lf_action_name *a = lf_action_names; a->action != LF_A_NONE; a++, n++) {
		check_name(a);
		assert_true(lf_action_named(a->action));
		assert_true(a->step == -1 || a->action == LF_A_STEP);
		/* One row per action (and step). */
		for (const lf_action_name *b = a + 1; b->action != LF_A_NONE; b++)
			assert_false(a->action == b->action && a->step == b->step);
	}
	assert_true(n >= 40);
	/* The ones the issue names. */
	assert_string_equal(lf_action_name_of(LF_A_STEP, LF_STEP_ACCEPT)->zh, "受理");
	assert_string_equal(lf_action_name_of(LF_A_STEP, LF_STEP_ACCEPT)->py, "sl");
	assert_string_equal(lf_action_name_of(LF_A_STEP, LF_STEP_TRANSFER)->py, "zs");
}

/* The case screen's items with the first steps of a registered case and
 * the routing ones; what query puts first. */
static lf_palette_item first_for(const char *query, size_t *kept)
{
	int steps[] = {LF_STEP_DECLINE, LF_STEP_REFER, LF_STEP_ACCEPT, LF_STEP_IN_HOUSE, LF_STEP_TRANSFER,
	               LF_STEP_ASSIGN};
	lf_palette_item items[128];
	size_t n = lf_palette_items(LF_S_VIEW, steps, sizeof steps / sizeof steps[0], items, 128);
	assert_true(n > 6);
	*kept = lf_palette_rank(items, n, query);
	lf_palette_item none = {.action = LF_A_NONE, .step = -1};
	return *kept ? items[0] : none;
}

static void matcher_ranks(void **state)
{
	(void)state;
	size_t kept;
	lf_palette_item it = first_for("sl", &kept);
	assert_int_equal(it.action, LF_A_STEP);
	assert_int_equal(it.step, LF_STEP_ACCEPT);
	assert_int_equal(it.score, 0);
	assert_true(kept >= 2); /* 不予受理 too, further down */
	it = first_for("SL", &kept);
	assert_int_equal(it.step, LF_STEP_ACCEPT);
	it = first_for("zs", &kept);
	assert_int_equal(it.step, LF_STEP_TRANSFER);
	it = first_for("受理", &kept);
	assert_int_equal(it.step, LF_STEP_ACCEPT);
	assert_int_equal(kept, 2); /* 受理 and 不予受理 */
	it = first_for("accept", &kept);
	assert_int_equal(it.step, LF_STEP_ACCEPT);
	it = first_for("jb", &kept);
	assert_int_equal(it.step, LF_STEP_ASSIGN);
	it = first_for("dy", &kept); /* a key's action: print */
	assert_int_equal(it.action, LF_A_PRINT);
	assert_int_equal(it.step, -1);
	first_for("qqqqzz", &kept);
	assert_int_equal(kept, 0);
	/* Nothing typed: everything, in the table's order. */
	size_t all;
	first_for("", &all);
	first_for("  ", &kept);
	assert_int_equal(kept, all);
}

/* The palette offers only named actions of the screen, each once, never a
 * step the caller did not give. */
static void items_of_screen(void **state)
{
	(void)state;
	lf_palette_item items[128];
	size_t n = lf_palette_items(LF_S_VIEW, NULL, 0, items, 128);
	for (size_t i = 0; i < n; i++) {
		assert_true(lf_action_named(items[i].action));
		assert_int_equal(items[i].step, -1);
		assert_non_null(items[i].key);
		for (size_t j = i + 1; j < n; j++)
			assert_false(items[i].action == items[j].action);
	}
	/* The queue's mark is not a case screen action. */
	for (size_t i = 0; i < n; i++)
		assert_int_not_equal(items[i].action, LF_A_MARK);
}

/* The desk's menu of queues lists what the user works: an administrator
 * reads every queue but works none; a supervisor works screening. */
static void queues_worked(void **state)
{
	(void)state;
	lf_user admin = {.roles = LF_ROLE_ADMIN, .active = true};
	lf_user sup = {.roles = LF_ROLE_SUPERVISOR, .active = true};
	lf_user arch = {.roles = LF_ROLE_ARCHIVIST, .active = true};
	for (int q = 0; q < LF_Q_COUNT; q++) {
		assert_false(lf_queue_works(&admin, (lf_queue_id)q));
		/* What one works one also sees. */
		if (lf_queue_works(&sup, (lf_queue_id)q))
			assert_true(lf_queue_visible(&sup, (lf_queue_id)q));
	}
	assert_true(lf_queue_visible(&admin, LF_Q_SCREENING)); /* still readable (CLI, export) */
	assert_true(lf_queue_works(&sup, LF_Q_SCREENING));
	assert_true(lf_queue_works(&arch, LF_Q_ARCHIVE));
	assert_false(lf_queue_works(&arch, LF_Q_SCREENING));
	sup.active = false;
	assert_false(lf_queue_works(&sup, LF_Q_SCREENING));
	assert_false(lf_queue_works(NULL, LF_Q_SCREENING));
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_key_named), cmocka_unit_test(every_step_named), cmocka_unit_test(rows_well_formed),
		cmocka_unit_test(matcher_ranks),   cmocka_unit_test(items_of_screen), cmocka_unit_test(queues_worked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
