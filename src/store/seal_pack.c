/* An audit entry's rows in binary (issue 16, db/038). The rows were JSON
 * text, [[table, key, digest or null, name?], ...], with each digest and
 * each id in hex: most of an entry's bytes. The keyed hash of the entry is
 * still taken over that JSON text (seal.c), so an entry written before
 * schema 38 keeps its hash as it is; what is stored is this packing of the
 * text, from which the very same text is made again when the log is read
 * or checked. A text that would not come back byte for byte (not made by
 * laifang, say) is stored as it is, its bytes behind no format byte.
 *
 * The packing: the byte ROWS_PACKED, then for each row a flags byte and
 * what the flags say is there:
 *   F_TABLE    the table: a varint, 0 then its name (varint length,
 *              bytes), or i for the i-th name of tables[] below; without
 *              F_TABLE the row is of the table of the row before;
 *   key        K_TEXT: varint length, bytes; K_INT: a decimal without
 *              leading zeros (a rowid) as a varint; K_UUID: a lower-case
 *              UUID as its 16 bytes; K_UUID_N: "uuid/N" (N as K_INT's),
 *              16 bytes then N as a varint;
 *   F_DIGEST   the digest (varint length, bytes; lower-case hex in the
 *              text); without it the digest is null (the row deleted);
 *   F_NAME     the name is there: "" with F_NAME_SAME, else varint length
 *              and bytes. */
#include "seal_internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROWS_PACKED 0x01
#define F_TABLE 0x01
#define K_MASK 0x06
#define K_TEXT 0x00
#define K_UUID 0x02
#define K_UUID_N 0x04
#define K_INT 0x06

/* The names of the tables whose rows are sealed, numbered from 1 by their
 * place here: a packed entry names its table by that number. Only ever
 * appended to (a name never moves or goes: the entries keep the numbers);
 * a table not here is named in full. */
static const char *const tables[] = {
	"app_user", "calendar_day", "case_agency_answer", "case_clock", "case_delivery", "case_entry",
	"case_evaluation", "case_event", "case_file", "case_intake", "case_notice", "case_query_code",
	"case_unit", "case_visitor", "category", "doc_number_counter", "exchange_document", "exchange_package",
	"exchange_peer", "reception_attachment", "reception_log", "reception_log_case", "saved_view",
	"schedule_change", "schedule_publication", "schedule_slot", "setting", "suggestion", "unit", "visitor",
};
#define N_TABLES (sizeof tables / sizeof tables[0])
#define F_DIGEST 0x08
#define F_NAME 0x10
#define F_NAME_SAME 0x20

typedef struct buf {
	unsigned char *p;
	size_t n, cap;
	bool bad;
} buf;

static void put(buf *b, const void *v, size_t n)
{
	if (b->bad)
		return;
	if (b->n + n > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 256;
		while (cap < b->n + n)
			cap *= 2;
		unsigned char *q = realloc(b->p, cap);
		if (!q) {
			b->bad = true;
			return;
		}
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->n, v, n);
	b->n += n;
}

static void put_varint(buf *b, unsigned long long v)
{
	unsigned char c[10];
	size_t n = 0;
	do {
		c[n] = (unsigned char)(v & 0x7f);
		v >>= 7;
		if (v)
			c[n] |= 0x80;
		n++;
	} while (v);
	put(b, c, n);
}

static void put_text(buf *b, const char *s, size_t n)
{
	put_varint(b, n);
	put(b, s, n);
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Lower-case hex of even length, into out (len/2 bytes). */
static bool unhex(const char *s, size_t len, unsigned char *out)
{
	if (len % 2)
		return false;
	for (size_t i = 0; i < len; i += 2) {
		int a = hexval(s[i]), b = hexval(s[i + 1]);
		if (a < 0 || b < 0)
			return false;
		out[i / 2] = (unsigned char)(a << 4 | b);
	}
	return true;
}

/* A lower-case UUID (8-4-4-4-12) as its 16 bytes. */
static bool uuid_bytes(const char *s, unsigned char out[16])
{
	static const int groups[] = {8, 4, 4, 4, 12};
	const char *p = s;
	size_t k = 0;
	for (int g = 0; g < 5; g++) {
		if (g && *p++ != '-')
			return false;
		if (!unhex(p, (size_t)groups[g], out + k))
			return false;
		for (int i = 0; i < groups[g]; i++)
			if (!p[i])
				return false;
		p += groups[g];
		k += (size_t)groups[g] / 2;
	}
	return *p == '\0' || *p == '/';
}

/* A decimal without leading zeros ("0" itself) that fits 64 bits. */
static bool decimal(const char *s, unsigned long long *v)
{
	char *end = NULL, again[32];
	if (*s < '0' || *s > '9')
		return false;
	*v = strtoull(s, &end, 10);
	snprintf(again, sizeof again, "%llu", *v);
	return end && !*end && !strcmp(again, s);
}

static void put_key(buf *b, unsigned char *flags, size_t at, const char *key)
{
	unsigned char u[16];
	unsigned long long v;
	if (decimal(key, &v)) {
		b->p[at] = *flags |= K_INT;
		put_varint(b, v);
		return;
	}
	if (strlen(key) >= 36 && uuid_bytes(key, u)) {
		const char *n = key + 36;
		if (!*n) {
			b->p[at] = *flags |= K_UUID;
			put(b, u, 16);
			return;
		}
		if (decimal(n + 1, &v)) { /* "uuid/N" */
			b->p[at] = *flags |= K_UUID_N;
			put(b, u, 16);
			put_varint(b, v);
			return;
		}
	}
	put_text(b, key, strlen(key));
}

static bool pack_json(json_t *rows, buf *b)
{
	unsigned char head = ROWS_PACKED;
	const char *last_table = NULL;
	size_t i;
	json_t *r;
	if (!json_is_array(rows))
		return false;
	put(b, &head, 1);
	json_array_foreach(rows, i, r) {
		size_t n = json_array_size(r);
		const char *tbl = json_string_value(json_array_get(r, 0));
		const char *key = json_string_value(json_array_get(r, 1));
		json_t *d = json_array_get(r, 2), *name = json_array_get(r, 3);
		if (!json_is_array(r) || n < 3 || n > 4 || !tbl || !key || !(json_is_string(d) || json_is_null(d)) ||
		    (n == 4 && !json_is_string(name)))
			return false;
		unsigned char flags = 0;
		size_t at = b->n;
		put(b, &flags, 1);
		if (b->bad)
			return false;
		if (!last_table || strcmp(last_table, tbl)) {
			b->p[at] = flags |= F_TABLE;
			size_t k = 0;
			while (k < N_TABLES && strcmp(tables[k], tbl))
				k++;
			put_varint(b, k < N_TABLES ? k + 1 : 0);
			if (k == N_TABLES)
				put_text(b, tbl, strlen(tbl));
		}
		last_table = tbl;
		put_key(b, &flags, at, key);
		if (json_is_string(d)) {
			const char *h = json_string_value(d);
			size_t len = strlen(h);
			unsigned char raw[256];
			if (len > 2 * sizeof raw || !unhex(h, len, raw))
				return false;
			b->p[at] = flags |= F_DIGEST;
			put_text(b, (const char *)raw, len / 2);
		}
		if (n == 4) {
			const char *v = json_string_value(name);
			b->p[at] = flags |= F_NAME | (*v ? 0 : F_NAME_SAME);
			if (*v)
				put_text(b, v, strlen(v));
		}
	}
	return !b->bad;
}

bool seal_rows_pack(const char *text, unsigned char **out, size_t *n)
{
	buf b = {0};
	json_t *rows = text ? json_loads(text, 0, NULL) : NULL;
	bool ok = rows && pack_json(rows, &b);
	json_decref(rows);
	/* Only a packing that gives the text back exactly: its hash is over it. */
	char *again = ok ? seal_rows_unpack(b.p, b.n) : NULL;
	ok = again && !strcmp(again, text);
	free(again);
	if (!ok) {
		free(b.p);
		*out = NULL;
		*n = 0;
		return false;
	}
	*out = b.p;
	*n = b.n;
	return true;
}

typedef struct reader {
	const unsigned char *p, *end;
	bool bad;
} reader;

static unsigned long long get_varint(reader *r)
{
	unsigned long long v = 0;
	for (int shift = 0; shift < 64; shift += 7) {
		if (r->p >= r->end) {
			r->bad = true;
			return 0;
		}
		unsigned char c = *r->p++;
		v |= (unsigned long long)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return v;
	}
	r->bad = true;
	return 0;
}

static const unsigned char *get(reader *r, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = true;
		return NULL;
	}
	const unsigned char *v = r->p;
	r->p += n;
	return v;
}

/* A length-prefixed text as a JSON string (NULL: not readable). */
static json_t *get_string(reader *r)
{
	size_t n = (size_t)get_varint(r);
	const unsigned char *v = get(r, n);
	return v ? json_stringn((const char *)v, n) : NULL;
}

static void hex(const unsigned char *v, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[v[i] >> 4];
		out[2 * i + 1] = digits[v[i] & 15];
	}
	out[2 * n] = '\0';
}

static json_t *get_uuid(reader *r, int kind)
{
	const unsigned char *u = get(r, 16);
	char text[64], h[33];
	if (!u)
		return NULL;
	hex(u, 16, h);
	int k = snprintf(text, sizeof text, "%.8s-%.4s-%.4s-%.4s-%.12s", h, h + 8, h + 12, h + 16, h + 20);
	if (kind == K_UUID_N) {
		unsigned long long v = get_varint(r);
		snprintf(text + k, sizeof text - (size_t)k, "/%llu", v);
	}
	return r->bad ? NULL : json_string(text);
}

static json_t *get_int(reader *r)
{
	char text[32];
	unsigned long long v = get_varint(r);
	snprintf(text, sizeof text, "%llu", v);
	return r->bad ? NULL : json_string(text);
}

static json_t *unpack_json(const unsigned char *p, size_t n)
{
	reader r = {p + 1, p + n, false};
	json_t *rows = json_array(), *table = NULL;
	while (rows && !r.bad && r.p < r.end) {
		unsigned char flags = *r.p++;
		int kind = flags & K_MASK;
		if (flags & ~(F_TABLE | K_MASK | F_DIGEST | F_NAME | F_NAME_SAME) ||
		    ((flags & F_NAME_SAME) && !(flags & F_NAME))) {
			r.bad = true;
			break;
		}
		if (flags & F_TABLE) {
			unsigned long long t = get_varint(&r);
			json_decref(table);
			table = t == 0 ? get_string(&r) : t <= N_TABLES ? json_string(tables[t - 1]) : NULL;
		}
		json_t *key = kind == K_TEXT ? get_string(&r) : kind == K_INT ? get_int(&r) : get_uuid(&r, kind);
		json_t *d = json_null();
		if (flags & F_DIGEST) {
			size_t len = (size_t)get_varint(&r);
			const unsigned char *v = get(&r, len);
			char *h = v ? malloc(2 * len + 1) : NULL;
			if (h) {
				hex(v, len, h);
				d = json_string(h);
				free(h);
			} else
				d = NULL;
		}
		json_t *name = !(flags & F_NAME) ? NULL : (flags & F_NAME_SAME) ? json_string("") : get_string(&r);
		if (!table || !key || !d || r.bad || ((flags & F_NAME) && !name)) {
			json_decref(key);
			json_decref(d);
			json_decref(name);
			r.bad = true;
			break;
		}
		json_t *row = json_array();
		if (!row || json_array_append(row, table) || json_array_append_new(row, key) ||
		    json_array_append_new(row, d) || (name && json_array_append_new(row, name)) ||
		    json_array_append_new(rows, row)) {
			r.bad = true;
			break;
		}
	}
	json_decref(table);
	if (!rows || r.bad || r.p != r.end) {
		json_decref(rows);
		return NULL;
	}
	return rows;
}

/* ---- the text again without parsing (check reads every entry) ----------- */

/* A text json_dumps writes as it is between its quotes: UTF-8 as jansson
 * takes it (no overlong form, surrogate or code point past U+10FFFF), and no
 * control character, quote or backslash (those it escapes). */
static bool plain(const unsigned char *v, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned c = v[i], cp;
		size_t len;
		if (c < 0x20 || c == '"' || c == '\\')
			return false;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			len = 2, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			len = 3, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			len = 4, cp = c & 0x07;
		else
			return false;
		if (n - i < len)
			return false;
		for (size_t k = 1; k < len; k++) {
			if ((v[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (v[i + k] & 0x3f);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += len;
	}
	return true;
}

/* A length-prefixed text into out (NUL-terminated), when it is plain and
 * fits. */
static bool get_plain(reader *r, char *out, size_t cap)
{
	size_t n = (size_t)get_varint(r);
	const unsigned char *v = get(r, n);
	if (!v || n >= cap || !plain(v, n))
		return false;
	memcpy(out, v, n);
	out[n] = '\0';
	return true;
}

static void put_quoted(buf *b, const char *v)
{
	put(b, "\"", 1);
	put(b, v, strlen(v));
	put(b, "\"", 1);
}

/* The packed rows p (n bytes, the format byte first) one by one to fn and,
 * when text is given, written to it as json_dumps (JSON_COMPACT) would
 * write their JSON: false, at once, for anything this cannot write as
 * jansson does (a text to escape, a long one), which seal_rows_unpack's
 * parsing path then handles. */
static bool walk_packed(const unsigned char *p, size_t n, buf *text, seal_row_fn fn, void *ud)
{
	reader r = {p + 1, p + n, false};
	char table[128] = "", key[512], digest[2 * 128 + 1], name[512];
	bool first = true;
	if (n < 1 || p[0] != ROWS_PACKED)
		return false;
	if (text)
		put(text, "[", 1);
	while (r.p < r.end) {
		unsigned char flags = *r.p++;
		int kind = flags & K_MASK;
		if (flags & ~(F_TABLE | K_MASK | F_DIGEST | F_NAME | F_NAME_SAME) ||
		    ((flags & F_NAME_SAME) && !(flags & F_NAME)))
			return false;
		if (flags & F_TABLE) {
			unsigned long long t = get_varint(&r);
			if (t == 0 ? !get_plain(&r, table, sizeof table) : t > N_TABLES)
				return false;
			if (t)
				snprintf(table, sizeof table, "%s", tables[t - 1]);
		} else if (!*table)
			return false; /* no table named yet */
		if (kind == K_TEXT) {
			if (!get_plain(&r, key, sizeof key))
				return false;
		} else if (kind == K_INT) {
			snprintf(key, sizeof key, "%llu", get_varint(&r));
		} else {
			const unsigned char *u = get(&r, 16);
			char h[33];
			if (!u)
				return false;
			hex(u, 16, h);
			int k = snprintf(key, sizeof key, "%.8s-%.4s-%.4s-%.4s-%.12s", h, h + 8, h + 12, h + 16, h + 20);
			if (kind == K_UUID_N)
				snprintf(key + k, sizeof key - (size_t)k, "/%llu", get_varint(&r));
		}
		if (flags & F_DIGEST) {
			size_t len = (size_t)get_varint(&r);
			const unsigned char *v = get(&r, len);
			if (!v || 2 * len >= sizeof digest)
				return false;
			hex(v, len, digest);
		}
		if (flags & F_NAME_SAME)
			name[0] = '\0';
		else if ((flags & F_NAME) && !get_plain(&r, name, sizeof name))
			return false;
		if (r.bad)
			return false;
		const char *d = flags & F_DIGEST ? digest : NULL, *nm = flags & F_NAME ? name : NULL;
		if (text) {
			put(text, first ? "[" : ",[", first ? 1 : 2);
			put_quoted(text, table);
			put(text, ",", 1);
			put_quoted(text, key);
			put(text, ",", 1);
			if (d)
				put_quoted(text, d);
			else
				put(text, "null", 4);
			if (nm) {
				put(text, ",", 1);
				put_quoted(text, nm);
			}
			put(text, "]", 1);
		}
		first = false;
		if (fn && !fn(table, key, d, nm, ud))
			return false;
	}
	if (text)
		put(text, "]", 2); /* and the NUL */
	return !r.bad && !(text && text->bad);
}

char *seal_rows_packed_text(const void *v, size_t n)
{
	buf b = {0};
	if (!v || !walk_packed(v, n, &b, NULL, NULL)) {
		free(b.p);
		return NULL;
	}
	return (char *)b.p;
}

bool seal_rows_packed_each(const void *v, size_t n, seal_row_fn fn, void *ud)
{
	return v && walk_packed(v, n, NULL, fn, ud);
}

char *seal_rows_unpack(const void *v, size_t n)
{
	const unsigned char *p = v;
	if (!p)
		return NULL;
	if (n >= 1 && p[0] == ROWS_PACKED) {
		char *text = seal_rows_packed_text(p, n);
		if (text)
			return text;
		json_t *rows = unpack_json(p, n);
		if (rows)
			return store_json_take(rows);
	}
	/* Stored as it was: the text itself. */
	char *text = malloc(n + 1);
	if (text) {
		memcpy(text, p, n);
		text[n] = '\0';
	}
	return text;
}

char *seal_rows_column_tree(sql_stmt *s, int col, json_t **tree)
{
	*tree = NULL;
	if (sql_column_type(s, col) == SQL_BLOB) {
		size_t n = (size_t)sql_column_bytes(s, col); /* first: see below */
		const unsigned char *p = sql_column_blob(s, col);
		if (p && n >= 1 && p[0] == ROWS_PACKED && (*tree = unpack_json(p, n)) != NULL) {
			char *text = json_dumps(*tree, JSON_COMPACT);
			if (!text) {
				json_decref(*tree);
				*tree = NULL;
			}
			return text;
		}
	}
	char *text = seal_rows_column(s, col);
	*tree = text ? json_loads(text, 0, NULL) : NULL;
	return text;
}

char *seal_rows_column(sql_stmt *s, int col)
{
	int type = sql_column_type(s, col);
	if (type == SQL_NULL)
		return NULL;
	if (type == SQL_BLOB) {
		/* The length first: on PostgreSQL it unescapes the value again,
		 * which would leave a pointer taken before it dangling. */
		size_t n = (size_t)sql_column_bytes(s, col);
		const void *v = sql_column_blob(s, col);
		return seal_rows_unpack(v ? v : "", n);
	}
	const char *t = (const char *)sql_column_text(s, col);
	return t ? strdup(t) : NULL;
}

int seal_rows_bind(sql_stmt *s, int i, const char *text)
{
	if (!text)
		return sql_bind_null(s, i);
	unsigned char *p = NULL;
	size_t n = 0;
	if (seal_rows_pack(text, &p, &n)) {
		int rc = sql_bind_blob(s, i, p, (int)n, SQL_TRANSIENT);
		free(p);
		return rc;
	}
	/* Not packed: its bytes, as a blob all the same (bytea on PostgreSQL). */
	return sql_bind_blob(s, i, text, (int)strlen(text), SQL_TRANSIENT);
}
