/* The fixture of the audit log's seal tests (test_seal.c, test_seal_key.c):
 * a database in a folder of its own, which is also $XDG_CONFIG_HOME (the
 * office key's home), the administrator, a saved visit. */
#ifndef LAIFANG_TEST_SEAL_FIXTURE_H
#define LAIFANG_TEST_SEAL_FIXTURE_H

#include "laifang/store.h"
#include "laifang/store_audit.h"
#include "laifang/store_people.h"
#include "store_fixture.h"

typedef struct fixture {
	char dir[64];
	char db[128];
	lf_store *st;
	char admin[37];
	char problems[8192];
} fixture;

static inline lf_store *open_ok(const char *path)
{
	char msg[512] = "";
	lf_store *st = lf_store_open(path, NULL, msg, sizeof msg);
	if (!st)
		fail_msg("open: %s", msg);
	return st;
}

static int setup(void **state)
{
	fixture *t = calloc(1, sizeof *t);
	if (!t)
		return -1;
	if (sf_temp_db(t->dir, sizeof t->dir, t->db, sizeof t->db, "seal"))
		return -1;
	setenv("XDG_CONFIG_HOME", t->dir, 1);
	t->st = open_ok(t->db);
	*state = t;
	return 0;
}

SF_TEARDOWN(teardown)

static inline int check(fixture *t)
{
	return sf_check(t->st, t->problems, sizeof t->problems);
}

static inline void save(fixture *t, const char *name, const char *id_number, lf_saved_case *c)
{
	lf_registration r = {
		.receptionist = "王芳", .received_on = "2026-11-23", .name = name, .sex = "男",
		.phone = "13812345678", .id_number = id_number, .address = "广州市越秀区府前路1号",
		.content = "反映拆迁补偿款未到位",
	};
	lf_saved_case ignored;
	if (lf_store_save_registration(t->st, &r, c ? c : &ignored) != LF_STORE_OK)
		fail_msg("save: %s", lf_store_errmsg(t->st));
}

static inline void admin(fixture *t)
{
	assert_int_equal(lf_store_user_add(t->st, "admin", "管理员", NULL, NULL, 1u << 5, "$argon2id$x", t->admin),
	                 LF_STORE_OK);
	lf_store_set_actor(t->st, t->admin, "admin");
}

static inline void key_path(fixture *t, char *out, size_t len)
{
	lf_store_seal_state(t->st, out, len);
}

#endif
