/* The documents an exchange package carries: files read for sending,
 * files of the attachment folder, and the files received stored there. */
#include "exchange_internal.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "caseflow_internal.h"
#include "laifang/file_hash.h"
#include "laifang/i18n.h"
#include "laifang/paths.h"
#include "laifang/reception.h"
#include "laifang/safe_file.h"
#include "laifang/settings.h"
#include "laifang/store_reception.h"

void xch_uuid(char out[37])
{
	unsigned char b[16];
	randombytes_buf(b, sizeof b);
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2],
	         b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

static void hex_of(const unsigned char *h, char out[65])
{
	sodium_bin2hex(out, 65, h, 32);
}

void xch_sha256(const char *text, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)text, strlen(text));
	hex_of(h, out);
}

void xch_office_name(lf_store *st, char *buf, size_t len)
{
	lf_setting_text(st, "office_name", buf, len);
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* Read the whole of an ordinary file, at most max bytes. */
static unsigned char *read_all(const char *path, bool follow, long long max, size_t *n, int *err)
{
	int fd = -1;
	long long size = 0;
	*err = lf_file_open_regular(path, follow, &fd, &size);
	if (*err)
		return NULL;
	if (size > max) {
		close(fd);
		*err = EFBIG;
		return NULL;
	}
	unsigned char *buf = malloc(size > 0 ? (size_t)size : 1);
	size_t got = 0;
	while (buf && got < (size_t)size) {
		ssize_t r = read(fd, buf + got, (size_t)size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			*err = r < 0 ? errno : EIO;
			free(buf);
			buf = NULL;
			break;
		}
		got += (size_t)r;
	}
	if (!buf && !*err)
		*err = ENOMEM;
	close(fd);
	*n = got;
	return buf;
}

static lf_store_err add(lf_store *st, json_t *docs, const char *name, const char *type, const unsigned char *b,
                        size_t n, char *msg, size_t len)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[65];
	crypto_hash_sha256(h, b, n);
	hex_of(h, hex);
	size_t b64n = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = malloc(b64n);
	if (!b64)
		return cf_refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
	sodium_bin2base64(b64, b64n, b, n, sodium_base64_VARIANT_ORIGINAL);
	json_t *d = json_object();
	json_object_set_new(d, "name", json_string(name));
	json_object_set_new(d, "type", json_string(type ? type : lf_attachment_type(name)));
	json_object_set_new(d, "size", json_integer((json_int_t)n));
	json_object_set_new(d, "sha256", json_string(hex));
	json_object_set_new(d, "data", json_string(b64));
	free(b64);
	if (json_array_append_new(docs, d) != 0)
		return cf_refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
	return LF_STORE_OK;
}

lf_store_err xch_doc_file(lf_store *st, json_t *docs, const char *path, char *msg, size_t len)
{
	size_t n = 0;
	int err = 0;
	unsigned char *b = read_all(path, true, lf_setting(st, "attachment_max_bytes"), &n, &err);
	if (!b)
		return cf_refuse(st, LF_STORE_INVALID, msg, len, _("document %s: %s"), path,
		                 err == EFBIG ? _("larger than the office's attachment_max_bytes") : lf_safe_strerror(err));
	lf_store_err e = add(st, docs, base_name(path), NULL, b, n, msg, len);
	free(b);
	return e;
}

lf_store_err xch_doc_stored(lf_store *st, json_t *docs, const lf_exchange_doc *d, char *msg, size_t len)
{
	if (!d->sha256 || strlen(d->sha256) != 64 || strspn(d->sha256, "0123456789abcdef") != 64)
		return cf_refuse(st, LF_STORE_INVALID, msg, len, _("document %s: its stored hash is not 64 hex digits"),
		                 d->name ? d->name : "");
	char *dir = lf_store_attachment_dir(st);
	if (!dir)
		return cf_passed(st, lf_store_errcode(st), msg, len);
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, d->sha256);
	free(dir);
	size_t n = 0;
	int err = 0;
	unsigned char *b = read_all(path, false, XCH_PACKAGE_MAX, &n, &err);
	if (!b)
		return cf_refuse(st, LF_STORE_IO, msg, len, _("document %s: its stored file %s cannot be read (%s)"),
		                 d->name ? d->name : "", path, lf_safe_strerror(err));
	lf_store_err e = add(st, docs, d->name ? d->name : d->sha256, d->type, b, n, msg, len);
	free(b);
	return e;
}

/* Put bytes into the attachment folder as dir/sha (kept when there). */
static lf_store_err put(lf_store *st, const char *sha, const unsigned char *b, size_t n, char *msg, size_t len)
{
	char *dir = lf_store_attachment_dir(st);
	if (!dir)
		return cf_passed(st, lf_store_errcode(st), msg, len);
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, sha);
	lf_store_err e = LF_STORE_OK;
	char have[LF_SHA256_HEX];
	long long size = 0;
	if (lf_file_sha256(path, have, &size) == 0 && !strcmp(have, sha)) {
		free(dir);
		return LF_STORE_OK;
	}
	lf_safe_file sf;
	int fd = lf_path_mkdirs(dir, 0700) == 0 ? lf_safe_create(&sf, path) : -1;
	bool ok = fd >= 0;
	for (size_t done = 0; ok && done < n;) {
		ssize_t w = write(fd, b + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		ok = w > 0;
		done += ok ? (size_t)w : 0;
	}
	int err = errno;
	if (!ok || lf_safe_commit(&sf, path) != 0) {
		err = errno ? errno : err;
		if (fd >= 0)
			lf_safe_abort(&sf);
		e = cf_refuse(st, LF_STORE_IO, msg, len, _("cannot store a document in %s: %s"), dir, lf_safe_strerror(err));
	}
	free(dir);
	return e;
}

lf_store_err xch_docs_store(lf_store *st, json_t *docs, lf_exchange_doc **out, size_t *n, char *msg, size_t len)
{
	*out = NULL;
	*n = 0;
	size_t k = json_array_size(docs);
	if (!k)
		return LF_STORE_OK;
	lf_exchange_doc *d = calloc(k, sizeof *d);
	if (!d)
		return cf_refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
	lf_store_err e = LF_STORE_OK;
	for (size_t i = 0; i < k && e == LF_STORE_OK; i++) {
		json_t *o = json_array_get(docs, i);
		const char *name = json_string_value(json_object_get(o, "name"));
		const char *sha = json_string_value(json_object_get(o, "sha256"));
		const char *data = json_string_value(json_object_get(o, "data"));
		if (!name || !name[0] || !sha || strlen(sha) != 64 || strspn(sha, "0123456789abcdef") != 64 || !data) {
			e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("the package's document %zu lacks its name, digest or data"),
			              i + 1);
			break;
		}
		size_t cap = strlen(data) / 4 * 3 + 3, got = 0;
		unsigned char *b = malloc(cap ? cap : 1);
		unsigned char h[crypto_hash_sha256_BYTES];
		char hex[65];
		if (!b || sodium_base642bin(b, cap, data, strlen(data), NULL, &got, NULL, sodium_base64_VARIANT_ORIGINAL)) {
			free(b);
			e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("the package's document %s is not base64"), name);
			break;
		}
		crypto_hash_sha256(h, b, got);
		hex_of(h, hex);
		if (strcmp(hex, sha))
			e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("the package's document %s does not match its digest"),
			              name);
		else
			e = put(st, sha, b, got, msg, len);
		free(b);
		d[i] = (lf_exchange_doc){.name = name, .sha256 = sha,
		                         .type = json_string_value(json_object_get(o, "type")), .size = (long long)got};
	}
	if (e != LF_STORE_OK) {
		free(d);
		return e;
	}
	*out = d;
	*n = k;
	return LF_STORE_OK;
}
