/* What the libFuzzer targets share: the entry points' prototypes, the
 * usual start (a UTF-8 locale, as laifang runs) and the input as a
 * NUL-terminated copy. A target that starts otherwise defines
 * FUZZ_OWN_INIT before including this and writes its own
 * LLVMFuzzerInitialize. Each target is its own program, so defining the
 * entry point in a header is fine. */
#ifndef LAIFANG_FUZZ_COMMON_H
#define LAIFANG_FUZZ_COMMON_H

#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifndef FUZZ_OWN_INIT
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setlocale(LC_ALL, "C.UTF-8");
	return 0;
}
#endif

/* The input as a string (free it); aborts when memory runs out. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
