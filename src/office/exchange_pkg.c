/* The exchange package: sealing and opening (exchange_pkg.h). */
#include "laifang/exchange_pkg.h"

#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"

#define DOMAIN "laifang-exchange v1\n"
#define FORMAT "laifang-exchange"

void lf_xpkg_hex(const unsigned char in[32], char out[65])
{
	sodium_bin2hex(out, 65, in, 32);
}

int lf_xpkg_unhex(const char *hex, unsigned char out[32])
{
	size_t got = 0;
	if (!hex || strlen(hex) != 64 || sodium_hex2bin(out, 32, hex, 64, NULL, &got, NULL) != 0 || got != 32)
		return -1;
	return 0;
}

/* The signed message: the domain line and the body. */
static unsigned char *message(const char *body, size_t *n)
{
	size_t b = strlen(body);
	unsigned char *m = malloc(sizeof DOMAIN - 1 + b);
	if (!m)
		return NULL;
	memcpy(m, DOMAIN, sizeof DOMAIN - 1);
	memcpy(m + sizeof DOMAIN - 1, body, b);
	*n = sizeof DOMAIN - 1 + b;
	return m;
}

char *lf_xpkg_seal(const char *body, const unsigned char sk[64], const unsigned char pk[32])
{
	if (sodium_init() < 0 || !body)
		return NULL;
	size_t n = 0;
	unsigned char *m = message(body, &n);
	if (!m)
		return NULL;
	unsigned char sig[crypto_sign_BYTES];
	crypto_sign_detached(sig, NULL, m, n, sk);
	free(m);
	char b64[sodium_base64_ENCODED_LEN(crypto_sign_BYTES, sodium_base64_VARIANT_ORIGINAL)];
	sodium_bin2base64(b64, sizeof b64, sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
	char hex[65];
	lf_xpkg_hex(pk, hex);
	json_t *o = json_object();
	if (!o)
		return NULL;
	json_object_set_new(o, "format", json_string(FORMAT));
	json_object_set_new(o, "version", json_integer(LF_XPKG_VERSION));
	json_object_set_new(o, "signer_key", json_string(hex));
	json_object_set_new(o, "body", json_string(body));
	json_object_set_new(o, "signature", json_string(b64));
	char *text = json_dumps(o, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	json_decref(o);
	return text;
}

lf_xpkg_err lf_xpkg_open(const char *text, size_t n, char **body, unsigned char pk[32])
{
	*body = NULL;
	if (sodium_init() < 0 || !text)
		return LF_XPKG_MALFORMED;
	json_t *o = json_loadb(text, n, JSON_REJECT_DUPLICATES, NULL);
	const char *fmt = json_string_value(json_object_get(o, "format"));
	json_t *ver = json_object_get(o, "version");
	const char *key = json_string_value(json_object_get(o, "signer_key"));
	const char *b = json_string_value(json_object_get(o, "body"));
	const char *sig64 = json_string_value(json_object_get(o, "signature"));
	lf_xpkg_err e = LF_XPKG_OK;
	unsigned char sig[crypto_sign_BYTES];
	size_t got = 0;
	if (!json_is_object(o) || !fmt || strcmp(fmt, FORMAT) || !json_is_integer(ver) || !key || !b || !sig64)
		e = LF_XPKG_MALFORMED;
	else if (json_integer_value(ver) > LF_XPKG_VERSION || json_integer_value(ver) < 1)
		e = LF_XPKG_VERSION_NEW;
	else if (lf_xpkg_unhex(key, pk) != 0 ||
	         sodium_base642bin(sig, sizeof sig, sig64, strlen(sig64), NULL, &got, NULL,
	                           sodium_base64_VARIANT_ORIGINAL) != 0 ||
	         got != sizeof sig || strlen(b) != json_string_length(json_object_get(o, "body")))
		e = LF_XPKG_BAD_SIGNATURE;
	if (e == LF_XPKG_OK) {
		size_t mn = 0;
		unsigned char *m = message(b, &mn);
		if (!m)
			e = LF_XPKG_MALFORMED;
		else if (crypto_sign_verify_detached(sig, m, mn, pk) != 0)
			e = LF_XPKG_BAD_SIGNATURE;
		free(m);
	}
	if (e == LF_XPKG_OK && !(*body = strdup(b)))
		e = LF_XPKG_MALFORMED;
	json_decref(o);
	return e;
}

const char *lf_xpkg_strerror(lf_xpkg_err e)
{
	switch (e) {
	case LF_XPKG_OK:
		return "";
	case LF_XPKG_VERSION_NEW:
		return _("the package was made by a newer laifang: its format is not known here");
	case LF_XPKG_BAD_SIGNATURE:
		return _("the package's signature does not match its contents: it was changed after it was signed, "
		         "or it is damaged");
	default:
		return _("not an exchange package of laifang");
	}
}
