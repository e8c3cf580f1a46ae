/* libFuzzer target: a value for each of the office's settings
 * (lf_setting_check, what `laifang config set` and the settings screen
 * apply) on any bytes. Besides not crashing: a number is accepted only
 * within its limits and in its plain form; a text only as one clean line of
 * lf_setting_text_min to _max characters; an accepted value checks again to
 * itself; a refusal says why. */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

#include "laifang/settings.h"
#include "laifang/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *v = fuzz_cstr(data, size);
	size_t n;
	const lf_setting_def *defs = lf_settings(&n);
	for (size_t i = 0; i < n; i++) {
		const lf_setting_def *d = &defs[i];
		if (lf_setting_find(d->key) != d)
			abort();
		char canon[LF_SETTING_VALUE_MAX], again[LF_SETTING_VALUE_MAX], msg[256] = "";
		if (!lf_setting_check(d, v, canon, sizeof canon, msg, sizeof msg)) {
			if (!msg[0])
				abort();
			continue;
		}
		if (d->text_def) {
			size_t chars = lf_text_chars(canon);
			if (chars < (size_t)lf_setting_text_min(d) || chars > (size_t)lf_setting_text_max(d))
				abort();
			bool changed = true;
			char *c = lf_text_clean(canon, strlen(canon), false, &changed);
			if (changed)
				abort();
			free(c);
		} else {
			char *end;
			long x = strtol(canon, &end, 10);
			if (*end || x < d->min || x > d->max)
				abort();
		}
		if (!lf_setting_check(d, canon, again, sizeof again, msg, sizeof msg) || strcmp(canon, again) != 0)
			abort();
	}
	free(v);
	return 0;
}
