/* The office's signing key pair for the exchange (store_exchange.h),
 * derived from the office key: BLAKE2b keyed with it over a fixed label is
 * the Ed25519 seed. Nothing of it is stored. */
#include "seal_internal.h"

#include <sodium.h>

#include "laifang/store_exchange.h"

#define EXCHANGE_LABEL "laifang exchange signing key v1"

lf_store_err lf_store_exchange_keypair(lf_store *st, unsigned char pk[32], unsigned char sk[64])
{
	lf_store_err e = store_seal_ready(st);
	if (e != LF_STORE_OK)
		return e;
	unsigned char seed[crypto_sign_SEEDBYTES];
	if (sodium_init() < 0 ||
	    crypto_generichash(seed, sizeof seed, (const unsigned char *)EXCHANGE_LABEL, sizeof EXCHANGE_LABEL - 1,
	                       st->seal->key, SEAL_KEY_LEN) != 0 ||
	    crypto_sign_seed_keypair(pk, sk, seed) != 0) {
		sodium_memzero(seed, sizeof seed);
		return store_fail_msg(st, LF_STORE_IO, "libsodium");
	}
	sodium_memzero(seed, sizeof seed);
	return store_ok(st);
}
