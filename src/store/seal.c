/* The office key that seals the audit log. A new database gets a random
 * id and a random 32-byte key in its own file outside the database
 * (seal_key.c); every entry's hash is then HMAC-SHA-256 with that key, so
 * whoever edits the file without the key cannot make a chain that checks.
 * An older database (schema < 8, an unkeyed SHA-256 chain) is verified and
 * re-sealed with a new key at its first open, and its current rows are
 * recorded in "audit.seal" entries; a broken old chain is noted in them. */
#include "seal_internal.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "laifang/date.h"
#include "laifang/i18n.h"

#define MAC_DOMAIN "laifang audit v2\n"
/* Rows per "audit.seal" entry when an older database is sealed. */
#define SEAL_CHUNK 1000

static const char zero_hash[] = "0000000000000000000000000000000000000000000000000000000000000000";

static void mac_update(void *state, const unsigned char *p, size_t n)
{
	crypto_auth_hmacsha256_update(state, p, (unsigned long long)n);
}

bool store_seal_mac(const unsigned char key[32], const char *prev_hash, long long seq, const char *at,
                    const char *user_id, const char *login, const char *action, const char *record,
                    const char *changes, const char *rows, char out[STORE_HASH_LEN])
{
	crypto_auth_hmacsha256_state h;
	unsigned char d[crypto_auth_hmacsha256_BYTES];
	char seqtext[32];
	if (!key || sodium_init() < 0)
		return false;
	snprintf(seqtext, sizeof seqtext, "%lld", seq);
	crypto_auth_hmacsha256_init(&h, key, SEAL_KEY_LEN);
	crypto_auth_hmacsha256_update(&h, (const unsigned char *)MAC_DOMAIN, sizeof MAC_DOMAIN - 1);
	const char *fields[] = {prev_hash, seqtext, at, user_id, login, action, record, changes, rows};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		store_hash_field(mac_update, &h, fields[i]);
	crypto_auth_hmacsha256_final(&h, d);
	sodium_bin2hex(out, STORE_HASH_LEN, d, sizeof d);
	return true;
}

/* 1: the database has its id (copied to db_id); 0: not sealed yet; -1: error. */
static int read_seal_row(lf_store *st, char db_id[STORE_UUID_LEN])
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, "SELECT db_id FROM main.audit_seal WHERE one = 1", -1, &s, NULL);
	int found = 0;
	if (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		const char *v = (const char *)sql_column_text(s, 0);
		snprintf(db_id, STORE_UUID_LEN, "%s", v ? v : "");
		found = 1;
		rc = SQL_DONE;
	}
	sql_finalize(s);
	if (rc != SQL_DONE) {
		store_fail(st, rc);
		return -1;
	}
	return found;
}

static bool in_memory(const lf_store *st)
{
	return !strcmp(st->path, ":memory:") || !strncmp(st->path, "file::memory:", 13);
}

/* Find and read the key of a sealed database. */
static void load_key(lf_store *st)
{
	struct store_seal *sl = st->seal;
	if (!seal_key_path(st, sl->db_id, sl->key_path, sizeof sl->key_path, &sl->key_by_setting)) {
		sl->state = LF_SEAL_NO_KEY;
		return;
	}
	/* EINVAL: the file is there, and not a key; another error: it could not
	 * be read (a key of mode 0600 opened by another user, say). */
	int r = seal_key_read(sl->key_path, sl->key);
	sl->key_errno = r;
	sl->state = r == 0        ? LF_SEAL_OK
	            : r == ENOENT ? LF_SEAL_NO_KEY
	            : r == EINVAL ? LF_SEAL_BAD_KEY
	                          : LF_SEAL_KEY_UNREADABLE;
}

/* ---- the first sealing --------------------------------------------------- */

/* Verify the unkeyed chain of schema 2..7: the seq of the first entry that
 * does not hold, 0 when it all holds. -1 on error. */
static long long old_chain_break(lf_store *st)
{
	sql_stmt *s = NULL;
	char prev[STORE_HASH_LEN], want[STORE_HASH_LEN];
	long long expect = 1, broken = 0, head = 0;
	/* Each entry's link is the hash of the one before (db/037 dropped the
	 * stored copy): hashed over the chain as read, a moved or edited entry
	 * breaks it where it stands. */
	int rc = sql_prepare_v2(st->db, "SELECT seq, at, user_id, login, action, record, changes, NULL, "
	                                    "hash FROM main.audit_log ORDER BY seq", -1, &s, NULL);
	snprintf(prev, sizeof prev, "%s", zero_hash);
	while (rc == SQL_OK && !broken && (rc = sql_step(s)) == SQL_ROW) {
		long long seq = sql_column_int64(s, 0);
		const char *c[9];
		for (int i = 1; i < 9; i++)
			c[i] = (const char *)sql_column_text(s, i);
		if (!store_audit_hash(prev, seq, c[1], c[2], c[3], c[4], c[5], c[6], want))
			want[0] = '\0';
		if (seq != expect || strcmp(want, c[8] ? c[8] : ""))
			broken = seq != expect ? expect : seq;
		snprintf(prev, sizeof prev, "%s", c[8] ? c[8] : "");
		expect = seq + 1;
		rc = SQL_OK;
	}
	sql_finalize(s);
	if (rc != SQL_OK && rc != SQL_DONE) {
		store_fail(st, rc);
		return -1;
	}
	if (broken)
		return broken;
	s = NULL;
	rc = sql_prepare_v2(st->db, "SELECT seq, hash FROM main.audit_head WHERE one = 1", -1, &s, NULL);
	if (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		head = sql_column_int64(s, 0);
		const char *h = (const char *)sql_column_text(s, 1);
		if (head != expect - 1)
			broken = head < expect - 1 ? head + 1 : expect;
		else if (strcmp(h ? h : "", prev))
			broken = head;
		rc = SQL_DONE;
	} else if (rc == SQL_DONE)
		broken = expect; /* the head record is gone */
	sql_finalize(s);
	if (rc != SQL_DONE) {
		store_fail(st, rc);
		return -1;
	}
	return broken;
}

/* Every entry's hash recomputed with the key, in seq order; the head
 * follows the entry it names. Returns the number of entries. */
static long long reseal(lf_store *st)
{
	struct store_seal *sl = st->seal;
	sql_stmt *s = NULL, *up = NULL;
	char prev[STORE_HASH_LEN], hash[STORE_HASH_LEN];
	long long n = 0;
	int rc = sql_prepare_v2(st->db, "SELECT seq, at, user_id, login, action, record, changes, rows "
	                                    "FROM main.audit_log ORDER BY seq", -1, &s, NULL);
	if (rc == SQL_OK)
		rc = sql_prepare_v2(st->db, "UPDATE main.audit_log SET hash = ?1 WHERE seq = ?2", -1, &up, NULL);
	snprintf(prev, sizeof prev, "%s", zero_hash);
	while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		long long seq = sql_column_int64(s, 0);
		const char *c[8];
		for (int i = 1; i < 7; i++)
			c[i] = (const char *)sql_column_text(s, i);
		char *rows = seal_rows_column(s, 7); /* the JSON text, as hashed (db/038) */
		store_seal_mac(sl->key, prev, seq, c[1], c[2], c[3], c[4], c[5], c[6], rows, hash);
		free(rows);
		sql_bind_text(up, 1, hash, -1, SQL_TRANSIENT);
		sql_bind_int64(up, 2, seq);
		rc = sql_step(up);
		sql_reset(up);
		if (rc != SQL_DONE)
			break;
		snprintf(prev, sizeof prev, "%s", hash);
		n++;
		rc = SQL_OK;
	}
	sql_finalize(s);
	sql_finalize(up);
	if (rc != SQL_DONE) {
		store_fail(st, rc);
		return -1;
	}
	/* The head keeps its seq (a cut-off end stays visible) and takes the
	 * new hash of the entry it names, when that entry is there. */
	if (store_exec(st, "UPDATE main.audit_head SET hash = coalesce((SELECT hash FROM main.audit_log "
	                   "WHERE seq = audit_head.seq), hash) WHERE one = 1") != LF_STORE_OK)
		return -1;
	return n;
}

typedef struct baseline {
	const char *changes;
} baseline;

static lf_store_err baseline_chunk(lf_store *st, const char *rows, void *ud)
{
	const baseline *b = ud;
	return store_audit_append_rows(st, "audit.seal", NULL, b->changes, rows);
}

/* Inside the write lock: the id, the key file, the old chain re-sealed and
 * today's rows recorded. The key file is removed again when this fails. */
static lf_store_err seal_first(lf_store *st)
{
	struct store_seal *sl = st->seal;
	char now[LF_TIMESTAMP_LEN], changes[128];
	bool file = !in_memory(st);
	store_new_uuid(sl->db_id);
	randombytes_buf(sl->key, sizeof sl->key);
	if (file) {
		if (!seal_key_path(st, sl->db_id, sl->key_path, sizeof sl->key_path, &sl->key_by_setting))
			return store_fail_msg(st, LF_STORE_CANTOPEN,
			                      _("Cannot tell where the office key goes: HOME is not set."));
		int r = seal_key_write(sl->key_path, sl->key);
		if (r != 0) {
			char m[sizeof st->msg];
			snprintf(m, sizeof m, _("Cannot create the office key %s (%s); nothing was written."),
			         sl->key_path, strerror(r));
			return store_fail_msg(st, LF_STORE_CANTOPEN, m);
		}
	}
	sl->state = LF_SEAL_OK;
	long long broken = old_chain_break(st), entries = broken < 0 ? -1 : reseal(st);
	lf_store_err e = entries < 0 ? st->err : LF_STORE_OK;
	sql_stmt *s = NULL;
	if (e == LF_STORE_OK) {
		lf_timestamp_now(now, sizeof now);
		int rc = sql_prepare_v2(st->db, "INSERT INTO main.audit_seal (one, db_id, sealed_at) VALUES (1, ?1, ?2)",
		                            -1, &s, NULL);
		if (rc == SQL_OK) {
			sql_bind_text(s, 1, sl->db_id, -1, SQL_STATIC);
			sql_bind_text(s, 2, now, -1, SQL_STATIC);
			rc = sql_step(s);
		}
		sql_finalize(s);
		if (rc != SQL_DONE)
			e = store_fail(st, rc);
	}
	/* The rows already there (an older database) are recorded as they are
	 * now; a new database has none and gets no entry. */
	if (e == LF_STORE_OK) {
		if (broken > 0)
			snprintf(changes, sizeof changes, "{\"old_chain\":\"broken\",\"at_seq\":%lld,\"entries\":%lld}",
			         broken, entries);
		else
			snprintf(changes, sizeof changes, "{\"old_chain\":\"ok\",\"entries\":%lld}", entries);
		baseline b = {changes};
		e = seal_all_rows(st, SEAL_CHUNK, baseline_chunk, &b);
		if (e == LF_STORE_OK && entries > 0) {
			/* An old log with no rows left still says it was sealed. */
			sql_stmt *q = NULL;
			int rc = sql_prepare_v2(st->db, "SELECT 1 FROM main.audit_log WHERE action = 'audit.seal'", -1,
			                            &q, NULL);
			if (rc == SQL_OK)
				rc = sql_step(q);
			sql_finalize(q);
			if (rc == SQL_DONE)
				e = store_audit_append_rows(st, "audit.seal", NULL, changes, NULL);
			else if (rc != SQL_ROW)
				e = store_fail(st, rc);
		}
	}
	if (e != LF_STORE_OK && file)
		unlink(sl->key_path);
	return e;
}

/* A writable database without an id: seal it, unless another terminal did
 * while this one waited for the write lock. */
static lf_store_err seal_new(lf_store *st)
{
	lf_store_err e = store_begin_immediate(st);
	if (e != LF_STORE_OK)
		return e;
	int found = read_seal_row(st, st->seal->db_id);
	if (found < 0)
		e = st->err;
	else if (found == 0)
		e = seal_first(st);
	if (e == LF_STORE_OK)
		e = store_exec(st, "COMMIT");
	if (e != LF_STORE_OK) {
		if (!sql_get_autocommit(st->db))
			sql_exec(st->db, "ROLLBACK");
		st->seal->state = LF_SEAL_UNSEALED;
		return e;
	}
	if (found == 1)
		load_key(st);
	return LF_STORE_OK;
}

lf_store_err store_seal_open(lf_store *st)
{
	if (!(st->seal = calloc(1, sizeof *st->seal)))
		return store_fail_msg(st, LF_STORE_IO, _("Out of memory while opening the database."));
	if (sodium_init() < 0)
		return store_fail_msg(st, LF_STORE_IO, _("The hash library could not be started."));
	struct store_seal *sl = st->seal;
	bool ro = sql_readonly(st->db);
	lf_store_err e = seal_tables_load(st);
	if (e != LF_STORE_OK)
		return e;
	int found = read_seal_row(st, sl->db_id);
	if (found < 0)
		return st->err;
	sl->state = LF_SEAL_UNSEALED;
	if (found == 1)
		load_key(st);
	/* Tracking first: the first sealing's own entries take no rows from
	 * the list, and every later write is noted. */
	if (!ro && !st->bare && (e = seal_tracking_start(st)) != LF_STORE_OK)
		return e;
	if (found == 0 && !ro && !st->bare && (e = seal_new(st)) != LF_STORE_OK)
		return e;
	return store_ok(st);
}

void store_seal_close(lf_store *st)
{
	if (!st->seal)
		return;
	seal_tables_free(st->seal);
	sodium_memzero(st->seal->key, sizeof st->seal->key);
	free(st->seal);
	st->seal = NULL;
}

lf_store_err store_seal_ready(lf_store *st)
{
	struct store_seal *sl = st->seal;
	char m[sizeof st->msg];
	if (sl && sl->state == LF_SEAL_OK)
		return LF_STORE_OK;
	if (sl && (sl->state == LF_SEAL_NO_KEY || sl->state == LF_SEAL_BAD_KEY)) {
		snprintf(m, sizeof m,
		         sl->state == LF_SEAL_NO_KEY
		             ? _("The office key of this database is missing (%s), so nothing can be written: the audit "
		                 "log could not be sealed. An administrator brings the key back with: laifang key import FILE")
		             : _("The office key of this database (%s) is not a key file, so nothing can be written: the "
		                 "audit log could not be sealed. An administrator brings the key back with: laifang key "
		                 "import FILE"),
		         sl->key_path);
		return store_fail_msg(st, LF_STORE_DENIED, m);
	}
	if (sl && sl->state == LF_SEAL_KEY_UNREADABLE) {
		snprintf(m, sizeof m,
		         _("The office key of this database (%s) cannot be read (%s), so nothing can be written: the "
		           "audit log could not be sealed. The key file must be readable by the user who runs laifang."),
		         sl->key_path, strerror(sl->key_errno));
		return store_fail_msg(st, LF_STORE_DENIED, m);
	}
	return store_fail_msg(st, LF_STORE_DENIED,
	                      _("The audit log of this database is not sealed with an office key yet; nothing can be "
	                        "written. Open it once with a laifang that may write the file."));
}

/* ---- what the faces may ask ----------------------------------------------- */

lf_seal_state lf_store_seal_state(lf_store *st, char *key_path, size_t len)
{
	if (key_path && len)
		snprintf(key_path, len, "%s", st->seal ? st->seal->key_path : "");
	return st->seal ? st->seal->state : LF_SEAL_UNSEALED;
}

bool lf_store_key_by_setting(lf_store *st)
{
	return st->seal && st->seal->key_by_setting;
}

lf_store_err lf_store_key_export(lf_store *st, const char *file)
{
	if (store_seal_ready(st) != LF_STORE_OK)
		return st->err;
	int r = seal_key_write(file, st->seal->key);
	if (r != 0) {
		char m[sizeof st->msg];
		snprintf(m, sizeof m,
		         r == EEXIST ? _("%s already exists; the key is written only to a new file.")
		                     : _("Cannot write the key to %s (%s)."),
		         file, strerror(r));
		return store_fail_msg(st, r == EEXIST ? LF_STORE_CONFLICT : LF_STORE_IO, m);
	}
	if (lf_store_audit(st, "key.export", NULL, NULL) != LF_STORE_OK) {
		unlink(file);
		return st->err;
	}
	return store_ok(st);
}

/* Does key seal the newest entry of the log? True for an empty log. */
static int key_fits(lf_store *st, const unsigned char key[SEAL_KEY_LEN])
{
	sql_stmt *s = NULL;
	int fits = -1;
	int rc = sql_prepare_v2(st->db, "SELECT seq, at, user_id, login, action, record, changes, rows, "
	                                    "CASE WHEN a.seq = 1 THEN '" STORE_ZERO_HASH "' ELSE "
	                                    "(SELECT p.hash FROM main.audit_log p WHERE p.seq = a.seq - 1) END, "
	                                    "hash FROM main.audit_log a ORDER BY seq DESC LIMIT 1", -1, &s, NULL);
	if (rc == SQL_OK)
		rc = sql_step(s);
	if (rc == SQL_DONE)
		fits = 1;
	else if (rc == SQL_ROW) {
		const char *c[10];
		char want[STORE_HASH_LEN];
		char *rows = seal_rows_column(s, 7); /* the JSON text, as hashed (db/038) */
		for (int i = 1; i < 10; i++)
			c[i] = i == 7 ? rows : (const char *)sql_column_text(s, i);
		fits = store_seal_mac(key, c[8] ? c[8] : "", sql_column_int64(s, 0), c[1], c[2], c[3], c[4], c[5],
		                      c[6], c[7], want) &&
		       !strcmp(want, c[9] ? c[9] : "");
		free(rows);
	} else
		store_fail(st, rc);
	sql_finalize(s);
	return fits;
}

lf_store_err lf_store_key_import(lf_store *st, const char *file)
{
	struct store_seal *sl = st->seal;
	unsigned char key[SEAL_KEY_LEN];
	char m[sizeof st->msg];
	if (!sl || !sl->db_id[0])
		return store_fail_msg(st, LF_STORE_INVALID,
		                      _("This database has no office key yet; open it once with laifang to make one."));
	int r = seal_key_read(file, key);
	if (r != 0) {
		snprintf(m, sizeof m, r == EINVAL ? _("%s is not a laifang key file (64 hex digits).")
		                                  : _("Cannot read the key file %s (%s)."),
		         file, strerror(r));
		return store_fail_msg(st, LF_STORE_INVALID, m);
	}
	int fits = key_fits(st, key);
	if (fits < 0)
		return st->err;
	if (!fits) {
		sodium_memzero(key, sizeof key);
		snprintf(m, sizeof m, _("The key in %s is not the key of this database: it does not seal its audit log. "
		                        "Nothing was changed."), file);
		return store_fail_msg(st, LF_STORE_DENIED, m);
	}
	if (sl->state == LF_SEAL_OK && !sodium_memcmp(key, sl->key, sizeof key)) {
		sodium_memzero(key, sizeof key);
		return store_ok(st); /* already in place */
	}
	if (!seal_key_path(st, sl->db_id, sl->key_path, sizeof sl->key_path, &sl->key_by_setting))
		return store_fail_msg(st, LF_STORE_CANTOPEN, _("Cannot tell where the office key goes: HOME is not set."));
	r = seal_key_write(sl->key_path, key);
	if (r == EEXIST && sl->state == LF_SEAL_KEY_UNREADABLE) {
		/* It may be this very key: only this user cannot tell. */
		sodium_memzero(key, sizeof key);
		snprintf(m, sizeof m,
		         _("The office key file %s is there but cannot be read (%s); make it readable by the user who "
		           "runs laifang. Nothing was changed."),
		         sl->key_path, strerror(sl->key_errno));
		return store_fail_msg(st, LF_STORE_CONFLICT, m);
	}
	if (r != 0) {
		sodium_memzero(key, sizeof key);
		snprintf(m, sizeof m,
		         r == EEXIST ? _("%s already exists and is not this database's key; move it away first.")
		                     : _("Cannot write the key to %s (%s)."),
		         sl->key_path, strerror(r));
		return store_fail_msg(st, r == EEXIST ? LF_STORE_CONFLICT : LF_STORE_IO, m);
	}
	memcpy(sl->key, key, sizeof key);
	sodium_memzero(key, sizeof key);
	sl->state = LF_SEAL_OK;
	return lf_store_audit(st, "key.import", NULL, NULL);
}

lf_store_err lf_store_audit_head(lf_store *st, long long *seq, char hash[65])
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, "SELECT seq, hash FROM main.audit_head WHERE one = 1", -1, &s, NULL);
	if (rc == SQL_OK)
		rc = sql_step(s);
	if (rc == SQL_ROW) {
		const char *h = (const char *)sql_column_text(s, 1);
		*seq = sql_column_int64(s, 0);
		snprintf(hash, 65, "%s", h ? h : "");
		rc = SQL_DONE;
	} else if (rc == SQL_DONE) {
		sql_finalize(s);
		return store_fail_msg(st, LF_STORE_CORRUPT,
		                      _("The audit log's head record is missing; run laifang check."));
	}
	sql_finalize(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}
