/* Reception days in core and store: stored slots, generation into the
 * store, publication (files and record), a change to a published slot
 * needs an approver and is audited, the reminder, the leader on duty, the
 * reception-day log's permissions and signatures, attachments copied with
 * the right hash, the message for a missing file, and the integrity check
 * finding a changed attachment. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "laifang/audit.h"
#include "laifang/auth.h"
#include "laifang/reception.h"
#include "laifang/settings.h"
#include "laifang/store.h"
#include "laifang/store_people.h"
#include "laifang/store_reception.h"
#include "test_clock.h"

#include "reception_fixture.h"

static int setup(void **state)
{
	return fx_setup(state, "/tmp/laifang-rcp-XXXXXX", "handler", "陈办理", NULL, LF_ROLE_HANDLER);
}

static int teardown(void **state)
{
	return fx_teardown(state);
}

/* A slot on y-m-d, 09:30-11:30, of a leader. */
static lf_slot_rec slot_of(int y, int m, int d, const char *leader, const char *title, const char *dept)
{
	lf_slot_rec r;
	memset(&r, 0, sizeof r);
	r.slot.date = (lf_date){y, m, d};
	r.slot.start = 9 * 60 + 30;
	r.slot.end = 11 * 60 + 30;
	snprintf(r.slot.leader.name, sizeof r.slot.leader.name, "%s", leader);
	snprintf(r.slot.leader.title, sizeof r.slot.leader.title, "%s", title);
	snprintf(r.slot.department, sizeof r.slot.department, "%s", dept);
	snprintf(r.slot.location, sizeof r.slot.location, "信访接待室");
	snprintf(r.slot.contact, sizeof r.slot.contact, "王贤熙");
	return r;
}

static void add_ok(fx *t, lf_slot_rec *r, size_t n)
{
	char msg[512];
	if (lf_schedule_store_add(t->st, &t->admin, r, n, msg, sizeof msg) != LF_STORE_OK)
		fail_msg("add: %s", msg);
}

static void test_slots_stored_and_refused(void **state)
{
	fx *t = *state;
	char msg[512];
	lf_slot_rec r[2] = {slot_of(2026, 11, 23, "李明", "副局长", "办公室"), slot_of(2026, 11, 25, "杨伟强", "局长", "人事处")};
	assert_int_equal(lf_schedule_store_add(t->st, &t->clerk, r, 2, msg, sizeof msg), LF_STORE_DENIED);
	add_ok(t, r, 2);
	assert_int_equal(raw(t, "SELECT count(*) FROM schedule_slot"), 2);
	/* The leader's login is linked by name. */
	assert_int_equal(raw(t, "SELECT count(*) FROM schedule_slot s JOIN app_user u ON u.id = s.leader_id "
	                        "WHERE u.login = 'leader' AND s.day = '2026-11-23'"), 1);
	lf_slot_rec again = slot_of(2026, 11, 23, "李明", "副局长", "办公室");
	assert_int_equal(lf_schedule_store_add(t->st, &t->admin, &again, 1, msg, sizeof msg), LF_STORE_CONFLICT);
	assert_non_null(strstr(msg, "李明"));
	lf_slot_rec bad = slot_of(2026, 11, 24, "", "", "");
	assert_int_equal(lf_schedule_store_add(t->st, &t->admin, &bad, 1, msg, sizeof msg), LF_STORE_INVALID);

	lf_slot_rec *month;
	size_t n;
	assert_int_equal(lf_schedule_month(t->st, 2026, 11, &month, &n), LF_STORE_OK);
	assert_int_equal(n, 2);
	assert_string_equal(month[0].slot.leader.name, "李明");
	assert_int_equal(month[0].slot.start, 570);
	assert_string_equal(month[1].slot.department, "人事处");
	free(month);
	assert_int_equal(raw(t, "SELECT count(*) FROM audit_log WHERE action = 'schedule.add'"), 2);
}

/* Seed 000's rule into the store: the 23rd, postponed (official). */
static void test_generate_into_store(void **state)
{
	fx *t = *state;
	char msg[512];
	int added = 0;
	lf_rule rule;
	memset(&rule, 0, sizeof rule);
	rule.kind = LF_RULE_MONTHLY;
	rule.from = (lf_date){2024, 1, 1};
	rule.to = (lf_date){2024, 12, 31};
	rule.day = 23;
	rule.tmpl = slot_of(2024, 1, 1, "詹少卿", "", "人事处").slot;
	assert_int_equal(lf_schedule_generate_store(t->st, &t->admin, &rule, &added, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(added, 12);
	assert_int_equal(raw(t, "SELECT count(*) FROM schedule_slot WHERE day IN ('2024-03-25', '2024-06-24', "
	                        "'2024-11-25', '2024-02-23', '2024-12-23')"), 5);
	/* The same rule again would book everyone twice: refused, nothing added. */
	assert_int_equal(lf_schedule_generate_store(t->st, &t->admin, &rule, &added, msg, sizeof msg), LF_STORE_CONFLICT);
	assert_int_equal(raw(t, "SELECT count(*) FROM schedule_slot"), 12);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static char buf[65536];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void test_publish_and_change_needs_approver(void **state)
{
	fx *t = *state;
	char msg[512], html[512], csv[512], out[600], text[2048];
	lf_slot_rec r = slot_of(2026, 12, 23, "李明", "副局长", "办公室");
	add_ok(t, &r, 1);
	snprintf(out, sizeof out, "%s/public", t->dir);
	assert_int_equal(lf_schedule_publish(t->st, &t->clerk, 2026, 12, out, &boss_ok, html, csv, sizeof html, msg, sizeof msg),
	                 LF_STORE_DENIED);
	assert_int_equal(lf_schedule_publish(t->st, &t->admin, 2026, 11, out, &boss_ok, html, csv, sizeof html, msg, sizeof msg),
	                 LF_STORE_INVALID); /* nothing in November */
	assert_false(lf_schedule_published(t->st, 2026, 12, NULL));
	/* A link planted where the CSV goes: refused, nothing recorded, the
	 * file it points to unchanged. */
	char outside[300], planted[700];
	snprintf(outside, sizeof outside, "%s/outside.txt", t->dir);
	FILE *of = fopen(outside, "w");
	fputs("不许动\n", of);
	fclose(of);
	assert_int_equal(mkdir(out, 0755), 0);
	snprintf(planted, sizeof planted, "%s/schedule-2026-12.csv", out);
	assert_int_equal(symlink(outside, planted), 0);
	assert_int_equal(lf_schedule_publish(t->st, &t->admin, 2026, 12, out, &boss_ok, html, csv, sizeof html, msg, sizeof msg),
	                 LF_STORE_IO);
	assert_non_null(strstr(msg, planted));
	assert_non_null(strstr(msg, "symbolic link"));
	assert_false(lf_schedule_published(t->st, 2026, 12, NULL));
	assert_string_equal(slurp(outside), "不许动\n");
	assert_int_equal(unlink(planted), 0);
	assert_int_equal(lf_schedule_publish(t->st, &t->admin, 2026, 12, out, &boss_ok, html, csv, sizeof html, msg, sizeof msg),
	                 LF_STORE_OK);
	assert_true(lf_schedule_published(t->st, 2026, 12, NULL));
	struct stat psb;
	assert_int_equal(lstat(csv, &psb), 0);
	assert_true(S_ISREG(psb.st_mode));
	assert_int_equal(psb.st_mode & 0777, 0644); /* a public table: readable by all */
	const char *c = slurp(csv);
	/* Issue 15: 序号, the Chinese date, the form (接访形式) among the columns. */
	assert_non_null(strstr(c, "1,2026年12月23日 星期三,09:30-11:30,李明,副局长,,定点接访,信访接待室,办公室"));
	assert_null(strstr(c, "王贤熙")); /* the contact person is not published */
	/* a public document: Chinese whatever the interface */
	assert_non_null(strstr(c, "序号,接访日期,接访时间,接访领导,职务,分管工作,接访形式"));
	const char *h = slurp(html);
	assert_non_null(strstr(h, "<td data-label=\"接访领导\">李明</td><td data-label=\"职务\">副局长</td>"));
	assert_non_null(strstr(h, "<meta name=\"viewport\""));
	assert_non_null(strstr(h, "@media print"));
	assert_null(strstr(h, "王贤熙"));
	raw_text(t, "SELECT by_name || '|' || slots || '|' || length(csv_sha256) || '|' || approver_name FROM "
	            "schedule_publication", text, sizeof text);
	assert_string_equal(text, "管理员|1|64|杨伟强（局长）");
	assert_int_equal(raw(t, "SELECT count(*) FROM audit_log WHERE action = 'schedule.publish' AND record = '2026-12'"), 1);

	/* Now a change needs an approver (another active leader) and a reason. */
	lf_slot_rec *month;
	size_t n;
	assert_int_equal(lf_schedule_month(t->st, 2026, 12, &month, &n), LF_STORE_OK);
	assert_int_equal(n, 1);
	lf_slot_rec ch = month[0];
	free(month);
	ch.slot.date.d = 24;
	assert_true(lf_schedule_needs_approval(t->st, &ch, &ch.slot));
	/* The leader's own password at that moment: a typed login is not
	 * enough (issue 11). */
	const lf_approval no_reason = {"boss", BOSS_PW, "", false}, clerk = {"clerk", "x", "出差", false},
	                  nobody = {"nobody", BOSS_PW, "出差", false}, typed = {"boss", NULL, "出差", false},
	                  wrong = {"boss", "猜的密码123", "出差", false}, ok = {"boss", BOSS_PW, "领导出差", false};
	assert_int_equal(lf_schedule_edit(t->st, &t->admin, &ch, NULL, msg, sizeof msg), LF_STORE_INVALID);
	assert_int_equal(lf_schedule_edit(t->st, &t->admin, &ch, &no_reason, msg, sizeof msg), LF_STORE_INVALID);
	assert_int_equal(lf_schedule_edit(t->st, &t->admin, &ch, &typed, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "password"));
	assert_int_equal(lf_schedule_edit(t->st, &t->admin, &ch, &clerk, msg, sizeof msg), LF_STORE_DENIED);
	assert_int_equal(lf_schedule_edit(t->st, &t->admin, &ch, &nobody, msg, sizeof msg), LF_STORE_DENIED);
	assert_int_equal(lf_schedule_edit(t->st, &t->admin, &ch, &wrong, msg, sizeof msg), LF_STORE_DENIED);
	assert_int_equal(lf_schedule_edit(t->st, &t->clerk, &ch, &ok, msg, sizeof msg), LF_STORE_DENIED);
	assert_int_equal(raw(t, "SELECT count(*) FROM schedule_slot WHERE day = '2026-12-24'"), 0);
	assert_int_equal(lf_schedule_edit(t->st, &t->admin, &ch, &ok, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(raw(t, "SELECT count(*) FROM schedule_slot WHERE day = '2026-12-24'"), 1);
	raw_text(t, "SELECT c.approver_name || '|' || c.reason || '|' || u.login || '|' || json_extract(c.before_json, "
	            "'$.date') || '|' || json_extract(c.after_json, '$.date') FROM schedule_change c "
	            "JOIN app_user u ON u.id = c.approver_id", text, sizeof text);
	assert_string_equal(text, "杨伟强（局长）|领导出差|boss|2026-12-23|2026-12-24");
	raw_text(t, "SELECT json_extract(changes, '$.approver') FROM audit_log WHERE action = 'schedule.change'", text,
	         sizeof text);
	assert_string_equal(text, "杨伟强（局长）");
	/* Published slots are changed, not deleted. */
	assert_int_equal(lf_schedule_delete(t->st, &t->admin, ch.id, msg, sizeof msg), LF_STORE_INVALID);

	/* A month not published changes without approval and no record. */
	lf_slot_rec jan = slot_of(2027, 1, 22, "李明", "副局长", "办公室");
	add_ok(t, &jan, 1);
	jan.slot.date.d = 25;
	assert_false(lf_schedule_needs_approval(t->st, &jan, &jan.slot));
	assert_int_equal(lf_schedule_edit(t->st, &t->admin, &jan, NULL, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(raw(t, "SELECT count(*) FROM schedule_change"), 1);
	assert_int_equal(raw(t, "SELECT count(*) FROM audit_log WHERE action = 'schedule.update'"), 1);
	assert_int_equal(lf_schedule_delete(t->st, &t->admin, jan.id, msg, sizeof msg), LF_STORE_OK);
}

static void test_reminder(void **state)
{
	fx *t = *state;
	char msg[512], out[600];
	/* Deadline Friday 2026-11-20: three working days before is the 17th. */
	assert_false(lf_schedule_reminder(t->st, (lf_date){2026, 11, 16}, msg, sizeof msg));
	assert_true(lf_schedule_reminder(t->st, (lf_date){2026, 11, 17}, msg, sizeof msg));
	assert_non_null(strstr(msg, "2026-12"));
	assert_non_null(strstr(msg, "2026-11-20"));
	assert_true(lf_schedule_reminder(t->st, (lf_date){2026, 11, 23}, msg, sizeof msg));
	assert_non_null(strstr(msg, "late"));
	/* The office's own deadline: the 25th. */
	assert_int_equal(lf_setting_set(t->st, &t->admin, "schedule_publish_day", "25", msg, sizeof msg), LF_STORE_OK);
	assert_false(lf_schedule_reminder(t->st, (lf_date){2026, 11, 19}, msg, sizeof msg));
	assert_true(lf_schedule_reminder(t->st, (lf_date){2026, 11, 23}, msg, sizeof msg));
	assert_null(strstr(msg, "late"));
	assert_non_null(strstr(msg, "2026-11-25"));
	lf_slot_rec r = slot_of(2026, 12, 23, "李明", "副局长", "办公室");
	add_ok(t, &r, 1);
	snprintf(out, sizeof out, "%s/public", t->dir);
	assert_int_equal(lf_schedule_publish(t->st, &t->admin, 2026, 12, out, &boss_ok, NULL, NULL, 0, msg, sizeof msg), LF_STORE_OK);
	assert_false(lf_schedule_reminder(t->st, (lf_date){2026, 11, 23}, msg, sizeof msg));
}

static void test_on_duty(void **state)
{
	fx *t = *state;
	char buf[512];
	assert_null(lf_reception_on_duty(t->st, (lf_date){2026, 11, 23}, buf, sizeof buf));
	lf_slot_rec r[2] = {slot_of(2026, 11, 23, "李明", "副局长", "办公室"), slot_of(2026, 11, 23, "赵敏", "", "")};
	r[1].slot.kind = LF_SLOT_FIELD_VISIT; /* out in the field: not at the desk */
	add_ok(t, r, 2);
	assert_non_null(lf_reception_on_duty(t->st, (lf_date){2026, 11, 23}, buf, sizeof buf));
	assert_string_equal(buf, "Reception today: 李明（副局长） · 办公室");
}

static void test_log_permissions_and_signatures(void **state)
{
	fx *t = *state;
	char msg[512], text[512];
	lf_slot_rec r = slot_of(2026, 11, 23, "李明", "副局长", "办公室");
	add_ok(t, &r, 1);
	lf_registration reg = {.receptionist = "王小红", .received_on = "2026-11-23", .name = "张三",
	                       .id_number = "11010519491231002X", .content = "反映噪音扰民"};
	lf_saved_case sc;
	assert_int_equal(lf_store_save_registration(t->st, &reg, &sc), LF_STORE_OK);

	lf_reception_log l;
	assert_int_equal(lf_reception_open(t->st, &t->handler, "2026-11-23", &l, msg, sizeof msg), LF_STORE_DENIED);
	assert_int_equal(lf_reception_open(t->st, &t->clerk, "2026-11-23", &l, msg, sizeof msg), LF_STORE_OK);
	assert_string_equal(l.id, "");
	assert_string_equal(l.leader, "李明（副局长）");
	assert_string_equal(l.department, "办公室");
	assert_string_equal(l.registrar, "王小红");
	l.situation = strdup("接待群众 1 批 1 人。");
	l.demands = strdup("反映工地夜间施工噪音。");
	l.instruction = strdup("请住建局核查");
	/* A clerk does not write the leader's instruction. */
	assert_int_equal(lf_reception_save(t->st, &t->clerk, &l, msg, sizeof msg), LF_STORE_DENIED);
	free(l.instruction);
	l.instruction = NULL;
	assert_int_equal(lf_reception_save(t->st, &t->clerk, &l, msg, sizeof msg), LF_STORE_OK);
	assert_string_not_equal(l.id, "");
	lf_reception_log_free(&l);
	/* The day's cases are linked to the log. */
	assert_int_equal(raw(t, "SELECT count(*) FROM reception_log_case x JOIN case_file c ON c.id = x.case_id "
	                        "WHERE c.received_on = '2026-11-23'"), 1);

	assert_int_equal(lf_reception_sign(t->st, &t->leader, "2026-11-23", LF_RLOG_INSTRUCTION, msg, sizeof msg),
	                 LF_STORE_INVALID); /* nothing written yet */
	assert_int_equal(lf_reception_open(t->st, &t->leader, "2026-11-23", &l, msg, sizeof msg), LF_STORE_OK);
	assert_string_equal(l.situation, "接待群众 1 批 1 人。");
	l.instruction = strdup("请住建局 7 个工作日内核查并报送办理情况。");
	assert_int_equal(lf_reception_save(t->st, &t->leader, &l, msg, sizeof msg), LF_STORE_OK);
	lf_reception_log_free(&l);
	assert_int_equal(lf_reception_sign(t->st, &t->clerk, "2026-11-23", LF_RLOG_INSTRUCTION, msg, sizeof msg),
	                 LF_STORE_DENIED);
	assert_int_equal(lf_reception_sign(t->st, &t->clerk, "2026-11-23", LF_RLOG_SITUATION, msg, sizeof msg),
	                 LF_STORE_DENIED);
	/* Issue 11: 牵头处室负责人签名 is the unit head's, not a case worker's. */
	assert_int_equal(lf_reception_sign(t->st, &t->handler, "2026-11-23", LF_RLOG_SITUATION, msg, sizeof msg),
	                 LF_STORE_DENIED);
	char office[37];
	lf_user head;
	assert_int_equal(lf_store_unit_add(t->st, "办公室", "department", office), LF_STORE_OK);
	assert_int_equal(lf_store_user_add(t->st, "head", "陈办理", "主任", office, LF_ROLE_UNIT_HEAD, "x", NULL),
	                 LF_STORE_OK);
	get_user(t, "head", &head);
	assert_int_equal(lf_reception_sign(t->st, &head, "2026-11-23", LF_RLOG_SITUATION, msg, sizeof msg),
	                 LF_STORE_OK);
	lf_user_free(&head);
	assert_int_equal(lf_reception_sign(t->st, &t->leader, "2026-11-23", LF_RLOG_INSTRUCTION, msg, sizeof msg),
	                 LF_STORE_OK);
	assert_int_equal(lf_reception_sign(t->st, &t->leader, "2026-11-23", LF_RLOG_INSTRUCTION, msg, sizeof msg),
	                 LF_STORE_INVALID);
	raw_text(t, "SELECT instruction_signer || '|' || situation_signer || '|' || substr(instruction_signed_at, 1, 10) "
	            "FROM reception_log", text, sizeof text);
	assert_string_equal(text, "李明（副局长）|陈办理（主任）|2026-11-23");
	/* Signed: no more changes. */
	assert_int_equal(lf_reception_open(t->st, &t->clerk, "2026-11-23", &l, msg, sizeof msg), LF_STORE_OK);
	free(l.demands);
	l.demands = strdup("改过");
	assert_int_equal(lf_reception_save(t->st, &t->clerk, &l, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "李明（副局长）"));
	lf_reception_log_free(&l);
	assert_int_equal(raw(t, "SELECT count(*) FROM audit_log WHERE action = 'reception.sign'"), 2);
}

static void count_problem(const char *p, void *ud)
{
	char *last = ud;
	snprintf(last, 1024, "%s", p);
}

static void test_attachments(void **state)
{
	fx *t = *state;
	char msg[512], path[300], stored[600], last[1024] = "";
	lf_reception_log l;
	assert_int_equal(lf_reception_open(t->st, &t->leader, "2026-11-23", &l, msg, sizeof msg), LF_STORE_OK);
	snprintf(path, sizeof path, "%s/接访现场.JPG", t->dir);
	FILE *f = fopen(path, "wb");
	fputs("abc", f);
	fclose(f);
	/* The log must exist first. */
	assert_int_equal(lf_reception_attach(t->st, &t->leader, "2026-11-23", path, NULL, msg, sizeof msg),
	                 LF_STORE_NOTFOUND);
	assert_int_equal(lf_reception_save(t->st, &t->leader, &l, msg, sizeof msg), LF_STORE_OK);
	lf_reception_log_free(&l);

	lf_attachment a;
	assert_int_equal(lf_reception_attach(t->st, &t->handler, "2026-11-23", path, &a, msg, sizeof msg),
	                 LF_STORE_DENIED);
	assert_int_equal(lf_reception_attach(t->st, &t->leader, "2026-11-23", path, &a, msg, sizeof msg), LF_STORE_OK);
	/* SHA-256("abc"), FIPS 180-2's first example. */
	static const char abc[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
	assert_string_equal(a.sha256, abc);
	assert_int_equal(a.size, 3);
	assert_string_equal(a.type, "image/jpeg");
	assert_string_equal(a.name, "接访现场.JPG");
	snprintf(stored, sizeof stored, "%s.d/attachments/%s", t->db, abc);
	char got[LF_SHA256_HEX];
	long long size;
	assert_int_equal(lf_file_sha256(stored, got, &size), 0);
	assert_string_equal(got, abc);
	char text[512];
	raw_text(t, "SELECT name || '|' || size || '|' || type || '|' || sha256 FROM reception_attachment", text,
	         sizeof text);
	assert_string_equal(text, "接访现场.JPG|3|image/jpeg|ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

	/* Missing, a folder, empty path: clear messages naming the path. */
	char missing[320];
	snprintf(missing, sizeof missing, "%s/没有这个文件.mp4", t->dir);
	assert_int_equal(lf_reception_attach(t->st, &t->leader, "2026-11-23", missing, NULL, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "there is no file"));
	assert_non_null(strstr(msg, missing));
	assert_int_equal(lf_reception_attach(t->st, &t->leader, "2026-11-23", t->dir, NULL, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "folder"));
	assert_int_equal(raw(t, "SELECT count(*) FROM reception_attachment"), 1);

	/* The integrity check: clean, then a changed file, then a missing one. */
	assert_int_equal(lf_store_check(t->st, count_problem, last), 0);
	chmod(stored, 0600);
	f = fopen(stored, "wb");
	fputs("abd", f);
	fclose(f);
	assert_int_equal(lf_store_check(t->st, count_problem, last), 1);
	assert_non_null(strstr(last, "has been changed"));
	assert_non_null(strstr(last, "接访现场.JPG"));
	unlink(stored);
	assert_int_equal(lf_store_check(t->st, count_problem, last), 1);
	assert_non_null(strstr(last, "cannot be read"));
}

/* A file whose name carries a terminal escape and a bidi override is
 * attached under its name cleaned: nothing raw reaches a screen, the paper
 * or an export (issue 10). */
static void test_attachment_name_cleaned(void **state)
{
	fx *t = *state;
	char msg[512], path[300];
	lf_reception_log l;
	assert_int_equal(lf_reception_open(t->st, &t->leader, "2026-11-23", &l, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_reception_save(t->st, &t->leader, &l, msg, sizeof msg), LF_STORE_OK);
	lf_reception_log_free(&l);
	snprintf(path, sizeof path, "%s/照片\033]0;pwned\007\xe2\x80\xaegpj.exe", t->dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs("photo", f);
	fclose(f);
	lf_attachment a;
	assert_int_equal(lf_reception_attach(t->st, &t->leader, "2026-11-23", path, &a, msg, sizeof msg), LF_STORE_OK);
	assert_string_equal(a.name, "照片gpj.exe");
	char text[512];
	raw_text(t, "SELECT name FROM reception_attachment", text, sizeof text);
	assert_string_equal(text, "照片gpj.exe");
}

/* The files in dir whose names start with prefix. */
static int files_starting(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	int n = 0;
	for (struct dirent *e; d && (e = readdir(d));)
		n += !strncmp(e->d_name, prefix, strlen(prefix));
	if (d)
		closedir(d);
	return n;
}

static void write_bytes(const char *path, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	for (size_t i = 0; i < n; i++)
		fputc('a' + (int)(i % 26), f);
	fclose(f);
}

/* Only ordinary files, not empty, not larger than attachment_max_bytes; a
 * FIFO answers at once; a link planted at the stored name is refused; a
 * copy that fails or was cut short leaves nothing behind. */
static void test_attachment_refusals(void **state)
{
	fx *t = *state;
	char msg[768], path[300], dir[600];
	lf_reception_log l;
	assert_int_equal(lf_reception_open(t->st, &t->leader, "2026-11-23", &l, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_reception_save(t->st, &t->leader, &l, msg, sizeof msg), LF_STORE_OK);
	lf_reception_log_free(&l);
	snprintf(dir, sizeof dir, "%s.d/attachments", t->db);

	/* A FIFO with no writer: refused, not waited on (a blocking open would
	 * never return, and the run would stop here). */
	snprintf(path, sizeof path, "%s/现场.mp4", t->dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(lf_reception_attach(t->st, &t->leader, "2026-11-23", path, NULL, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "not an ordinary file"));
	assert_non_null(strstr(msg, path));
	unlink(path);
	/* A device. */
	assert_int_equal(lf_reception_attach(t->st, &t->leader, "2026-11-23", "/dev/zero", NULL, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "not an ordinary file"));

	/* An empty file. */
	snprintf(path, sizeof path, "%s/空.jpg", t->dir);
	write_bytes(path, 0);
	assert_int_equal(lf_reception_attach(t->st, &t->leader, "2026-11-23", path, NULL, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "is empty"));
	assert_non_null(strstr(msg, path));

	/* The limit: a setting with its own bounds; at the limit is fine, one
	 * byte more is refused with the limit named. */
	assert_int_equal(lf_setting(t->st, "attachment_max_bytes"), 20 * 1024 * 1024);
	assert_int_equal(lf_setting_set(t->st, &t->admin, "attachment_max_bytes", "0", msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_int_equal(lf_setting_set(t->st, &t->admin, "attachment_max_bytes", "20MB", msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_int_equal(lf_setting_set(t->st, &t->admin, "attachment_max_bytes", "10", msg, sizeof msg), LF_STORE_OK);
	snprintf(path, sizeof path, "%s/大.jpg", t->dir);
	write_bytes(path, 11);
	assert_int_equal(lf_reception_attach(t->st, &t->leader, "2026-11-23", path, NULL, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "larger than the 10 bytes"));
	assert_non_null(strstr(msg, "attachment_max_bytes"));
	write_bytes(path, 10);
	lf_attachment a;
	assert_int_equal(lf_reception_attach(t->st, &t->leader, "2026-11-23", path, &a, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(a.size, 10);
	assert_int_equal(raw(t, "SELECT count(*) FROM reception_attachment"), 1);

	/* A link planted where the next file will be stored (its hash is
	 * known to anyone who has the file): refused, its target untouched. */
	char outside[320], planted[700];
	snprintf(outside, sizeof outside, "%s/outside.txt", t->dir);
	write_bytes(outside, 3);
	snprintf(path, sizeof path, "%s/abc.jpg", t->dir);
	FILE *f = fopen(path, "wb");
	fputs("abc", f);
	fclose(f);
	snprintf(planted, sizeof planted, "%s/ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", dir);
	assert_int_equal(symlink(outside, planted), 0);
	assert_int_equal(lf_reception_attach(t->st, &t->leader, "2026-11-23", path, NULL, msg, sizeof msg), LF_STORE_IO);
	assert_non_null(strstr(msg, "symbolic link"));
	struct stat sb;
	assert_int_equal(lstat(planted, &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	assert_int_equal(stat(outside, &sb), 0);
	assert_int_equal(sb.st_size, 3);
	assert_true((sb.st_mode & 0200) != 0); /* not made read-only through the link */
	assert_int_equal(raw(t, "SELECT count(*) FROM reception_attachment"), 1);

	/* Nothing half-copied is left: no new file from any refusal above; a
	 * copy cut short by a kill a day ago is removed by the next attach. */
	assert_int_equal(files_starting(dir, ".incoming."), 0);
	char stale[700];
	snprintf(stale, sizeof stale, "%s/.incoming.0123456789abcdef.tmp", dir);
	write_bytes(stale, 5);
	/* Two days older than it was made, on the file system's clock. */
	struct stat made;
	assert_int_equal(fstatat(AT_FDCWD, stale, &made, AT_SYMLINK_NOFOLLOW), 0);
	struct timespec old[2] = {{made.st_mtime - 2 * 86400, 0}, {made.st_mtime - 2 * 86400, 0}};
	assert_int_equal(utimensat(AT_FDCWD, stale, old, 0), 0);
	unlink(planted);
	assert_int_equal(lf_reception_attach(t->st, &t->leader, "2026-11-23", path, NULL, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(files_starting(dir, ".incoming."), 0);
	assert_int_equal(raw(t, "SELECT count(*) FROM reception_attachment"), 2);
}

int main(void)
{
	test_clock_day("2026-11-23");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_slots_stored_and_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_generate_into_store, setup, teardown),
		cmocka_unit_test_setup_teardown(test_publish_and_change_needs_approver, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reminder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_on_duty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_log_permissions_and_signatures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_attachments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_attachment_name_cleaned, setup, teardown),
		cmocka_unit_test_setup_teardown(test_attachment_refusals, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
