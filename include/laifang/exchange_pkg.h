/* The exchange package (issue 14): a JSON object
 *   {"format": "laifang-exchange", "version": 1, "signer_key": HEX,
 *    "body": TEXT, "signature": BASE64}
 * where body is the package's own JSON text (sender, receiver, kind, the
 * case, documents) kept as the exact bytes signed, and signature the
 * Ed25519 signature of "laifang-exchange v1\n" followed by body. No I/O. */
#ifndef LAIFANG_EXCHANGE_PKG_H
#define LAIFANG_EXCHANGE_PKG_H

#include <stddef.h>

#define LF_XPKG_VERSION 1

typedef enum lf_xpkg_err {
	LF_XPKG_OK,
	LF_XPKG_MALFORMED,     /* not a package: not JSON, a member missing */
	LF_XPKG_VERSION_NEW,   /* a newer format than this laifang reads */
	LF_XPKG_BAD_SIGNATURE, /* the signature does not match the body and key */
} lf_xpkg_err;

/* The package text (malloc'd, NULL out of memory) of body signed with sk
 * (its public key pk named in the package). */
char *lf_xpkg_seal(const char *body, const unsigned char sk[64], const unsigned char pk[32]);

/* Open a package: its signature checked against the key it names; body
 * (malloc'd) and that key out. */
lf_xpkg_err lf_xpkg_open(const char *text, size_t n, char **body, unsigned char pk[32]);

/* A sentence for an error (translated). */
const char *lf_xpkg_strerror(lf_xpkg_err e);

/* Hex of 32 bytes (65 with NUL), and back: 0 or -1. */
void lf_xpkg_hex(const unsigned char in[32], char out[65]);
int lf_xpkg_unhex(const char *hex, unsigned char out[32]);

#endif
