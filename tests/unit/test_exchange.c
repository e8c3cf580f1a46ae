/* Exchange between offices (issue 14): the package's seal (a signature
 * over the exact body, a changed byte refused) and, on two offices' SQLite
 * files, the import's refusals: a changed package, a sender not trusted or
 * trusted with another key, a package addressed to another office, and a
 * package imported twice; and a transfer arriving as a registered case
 * whose answer comes back onto the sender's case. */
#include "caseflow_fixture.h"

#include <sodium.h>

#include "laifang/agency.h"
#include "laifang/exchange.h"
#include "laifang/exchange_pkg.h"

#define A_NAME "市信访局"

/* ---- the package alone ---- */

static void test_seal_open(void **state)
{
	(void)state;
	assert_true(sodium_init() >= 0);
	unsigned char pk[32], sk[64], pk2[32], sk2[64], got[32];
	crypto_sign_keypair(pk, sk);
	crypto_sign_keypair(pk2, sk2);
	const char *body = "{\"id\":\"x\",\"kind\":\"transfer\",\"case\":{\"content\":\"电梯故障\"}}";
	char *pkg = lf_xpkg_seal(body, sk, pk);
	assert_non_null(pkg);
	char *out = NULL;
	assert_int_equal(lf_xpkg_open(pkg, strlen(pkg), &out, got), LF_XPKG_OK);
	assert_string_equal(out, body);
	assert_memory_equal(got, pk, 32);
	free(out);

	/* One byte of the body changed: refused. */
	char *t = strdup(pkg);
	char *p = strstr(t, "transfer");
	assert_non_null(p);
	p[0] = 'T';
	assert_int_equal(lf_xpkg_open(t, strlen(t), &out, got), LF_XPKG_BAD_SIGNATURE);
	assert_null(out);
	free(t);

	/* Signed by one key, naming another: refused. */
	char *other = lf_xpkg_seal(body, sk2, pk);
	assert_int_equal(lf_xpkg_open(other, strlen(other), &out, got), LF_XPKG_BAD_SIGNATURE);
	free(other);

	/* Not a package; a newer format. */
	assert_int_equal(lf_xpkg_open("{}", 2, &out, got), LF_XPKG_MALFORMED);
	assert_int_equal(lf_xpkg_open("not json", 8, &out, got), LF_XPKG_MALFORMED);
	t = strdup(pkg);
	p = strstr(t, "\"version\": 1");
	assert_non_null(p);
	p[11] = '9';
	assert_int_equal(lf_xpkg_open(t, strlen(t), &out, got), LF_XPKG_VERSION_NEW);
	free(t);
	free(pkg);
}

/* ---- two offices ---- */

typedef struct two {
	fixture *a, *b;
	char dir[64];
} two;

static int setup(void **state)
{
	two *w = calloc(1, sizeof *w);
	void *s = NULL;
	if (!w || cf_setup(&s))
		return -1;
	w->a = s;
	if (cf_setup(&s))
		return -1;
	w->b = s;
	if (lf_store_setting_set(w->a->st, "office_name", A_NAME) != LF_STORE_OK ||
	    lf_store_setting_set(w->b->st, "office_name", U_PEER) != LF_STORE_OK)
		return -1;
	snprintf(w->dir, sizeof w->dir, "%s", w->a->dir);
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	two *w = *state;
	void *s = w->a;
	int rc = cf_teardown(&s);
	s = w->b;
	rc |= cf_teardown(&s);
	free(w);
	return rc;
}

static void key_of(lf_store *st, char hex[LF_EXCHANGE_KEY_HEX])
{
	lf_user admin = as(st, "admin");
	char msg[512];
	assert_int_equal(lf_exchange_key(st, &admin, hex, msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&admin);
}

static lf_store_err trust(lf_store *st, const char *name, const char *key)
{
	lf_user admin = as(st, "admin");
	char msg[512];
	lf_store_err e = lf_exchange_trust(st, &admin, name, key, msg, sizeof msg);
	lf_user_free(&admin);
	return e;
}

static lf_store_err import(lf_store *st, const char *path, lf_exchange_outcome *o, char *msg, size_t len)
{
	lf_user clerk = as(st, "zhang");
	lf_store_err e = lf_exchange_import(st, &clerk, path, o, msg, len);
	lf_user_free(&clerk);
	return e;
}

static lf_store_err export(lf_store *st, const char *case_no, bool answer, const char *path, char *msg, size_t len)
{
	lf_user sup = as(st, "sun");
	lf_exchange_args a = {.answer = answer, .out = path};
	lf_exchange_outcome o;
	lf_store_err e = lf_exchange_export(st, &sup, case_no, &a, &o, msg, len);
	lf_user_free(&sup);
	return e;
}

static int n_cases(lf_store *st)
{
	lf_case c;
	int n = 0;
	char no[32];
	for (int i = 1; i < 10; i++) {
		snprintf(no, sizeof no, "2026-%06d", i);
		memset(&c, 0, sizeof c);
		if (lf_store_get_case(st, no, &c) == LF_STORE_OK)
			n++;
		lf_case_free(&c);
	}
	return n;
}

static void test_refusals_and_answer(void **state)
{
	two *w = *state;
	lf_store *a = w->a->st, *b = w->b->st;
	today("2026-11-23");
	char ka[LF_EXCHANGE_KEY_HEX], kb[LF_EXCHANGE_KEY_HEX], msg[1024], path[160], bad[160];
	key_of(a, ka);
	key_of(b, kb);
	assert_string_not_equal(ka, kb);
	assert_int_equal(trust(a, U_PEER, kb), LF_STORE_OK);
	assert_int_equal(trust(a, U_PEER, "not a key"), LF_STORE_INVALID);

	lf_saved_case c = register_case(a, "李秀英", "小区电梯长期故障，编号UX11。");
	STEP_OK(a, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args route = {.unit = U_PEER};
	STEP_OK(a, "sun", c.case_id, LF_STEP_TRANSFER, &route);
	snprintf(path, sizeof path, "%s/p1.json", w->dir);
	assert_int_equal(export(a, c.case_no, false, path, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(export(a, c.case_no, false, path, msg, sizeof msg), LF_STORE_CONFLICT);

	lf_exchange_outcome o;
	/* B does not trust A yet. */
	assert_int_equal(import(b, path, &o, msg, sizeof msg), LF_STORE_DENIED);
	assert_non_null(strstr(msg, A_NAME));
	/* B trusts another key under A's name. */
	assert_int_equal(trust(b, A_NAME, kb), LF_STORE_OK);
	assert_int_equal(import(b, path, &o, msg, sizeof msg), LF_STORE_DENIED);
	assert_int_equal(trust(b, A_NAME, ka), LF_STORE_OK);

	/* One byte changed: refused, nothing written. */
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char text[65536];
	size_t n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	char *p = strstr(text, "UX11");
	assert_non_null(p);
	p[3] = '2';
	snprintf(bad, sizeof bad, "%s/tampered.json", w->dir);
	f = fopen(bad, "w");
	fputs(text, f);
	fclose(f);
	assert_int_equal(import(b, bad, &o, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "signature"));
	assert_int_equal(n_cases(b), 0);

	/* Addressed to B: A (trusting itself for the test) refuses it. */
	assert_int_equal(trust(a, A_NAME, ka), LF_STORE_OK);
	assert_int_equal(import(a, path, &o, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "another office"));

	/* B imports it once: a registered letter with where it came from. */
	assert_int_equal(import(b, path, &o, msg, sizeof msg), LF_STORE_OK);
	assert_string_equal(o.case_no, "2026-000001");
	assert_string_equal(o.kind, "transfer");
	assert_int_equal(import(b, path, &o, msg, sizeof msg), LF_STORE_CONFLICT);
	assert_int_equal(n_cases(b), 1);
	lf_case got;
	memset(&got, 0, sizeof got);
	assert_int_equal(lf_store_get_case(b, "2026-000001", &got), LF_STORE_OK);
	assert_string_equal(got.status, "registered");
	assert_string_equal(got.channel, "letter");
	assert_string_equal(got.name, "李秀英");
	assert_string_equal(lf_case_field(&got, "from_office"), A_NAME);
	assert_string_equal(lf_case_field(&got, "from_case_no"), c.case_no);
	lf_case_free(&got);

	/* B's acceptance comes back onto A's case, signed by B and its signer. */
	assert_int_equal(trust(b, A_NAME, ka), LF_STORE_OK);
	STEP_OK(b, "sun", "2026-000001", LF_STEP_ACCEPT, NULL);
	snprintf(path, sizeof path, "%s/a1.json", w->dir);
	assert_int_equal(export(b, "2026-000001", true, path, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(import(a, path, &o, msg, sizeof msg), LF_STORE_OK);
	assert_string_equal(o.case_no, c.case_no);
	lf_case_flow fl = flow_of(a, c.case_id);
	assert_int_equal(fl.state, LF_ST_HANDLING);
	lf_case_flow_free(&fl);
	found_event ev = event_of(a, c.case_id, "agency_accept");
	assert_int_equal(ev.n, 1);
	assert_string_equal(ev.by, U_PEER "·孙七");
	assert_int_equal(import(a, path, &o, msg, sizeof msg), LF_STORE_CONFLICT);
	/* Nothing more to answer now. */
	assert_int_equal(export(b, "2026-000001", true, path, msg, sizeof msg), LF_STORE_INVALID);

	/* A second case, which B declines: it comes back to A with B's reasons,
	 * to be routed again. */
	lf_saved_case c2 = register_case(a, "王建国", "噪音扰民，编号UX22。");
	STEP_OK(a, "sun", c2.case_id, LF_STEP_ACCEPT, NULL);
	STEP_OK(a, "sun", c2.case_id, LF_STEP_TRANSFER, &route);
	snprintf(path, sizeof path, "%s/p2.json", w->dir);
	assert_int_equal(export(a, c2.case_no, false, path, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(import(b, path, &o, msg, sizeof msg), LF_STORE_OK);
	assert_string_equal(o.case_no, "2026-000002");
	lf_step_args why = {.reason = "不属于本单位职责，应由区城管局处理。"};
	STEP_OK(b, "sun", "2026-000002", LF_STEP_DECLINE, &why);
	snprintf(path, sizeof path, "%s/a2.json", w->dir);
	assert_int_equal(export(b, "2026-000002", true, path, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(import(a, path, &o, msg, sizeof msg), LF_STORE_OK);
	fl = flow_of(a, c2.case_id);
	assert_int_equal(fl.state, LF_ST_ACCEPTED);
	lf_case_flow_free(&fl);
	ev = event_of(a, c2.case_id, "agency_object");
	assert_int_equal(ev.n, 1);
	assert_string_equal(ev.reason, why.reason);
	assert_string_equal(ev.by, U_PEER "·孙七");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seal_open),
		cmocka_unit_test_setup_teardown(test_refusals_and_answer, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
