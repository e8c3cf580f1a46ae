/* libFuzzer target: a picture's kind and size from any bytes
 * (image_info.c, issue 15: the reception-day log's photos are told by
 * their bytes). Besides not crashing or reading past the end: a picture
 * taken has a kind its magic bytes agree with, a positive size within
 * LF_IMAGE_MAX_PIXELS, and one refused is left all zero. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/image_info.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy of exactly size bytes: ASan sees any read past the end. */
	unsigned char *b = malloc(size ? size : 1);
	if (!b)
		return 0;
	memcpy(b, data, size);
	lf_image_info info;
	memset(&info, 0x5a, sizeof info);
	bool ok = lf_image_info_of(b, size, &info);
	lf_image_kind magic = lf_image_magic(b, size);
	if (ok) {
		if (info.kind == LF_IMAGE_NONE || info.kind != magic || info.width <= 0 || info.height <= 0 ||
		    (long long)info.width * info.height > LF_IMAGE_MAX_PIXELS)
			abort();
	} else if (info.kind != LF_IMAGE_NONE || info.width || info.height || info.components) {
		abort();
	}
	free(b);
	return 0;
}
