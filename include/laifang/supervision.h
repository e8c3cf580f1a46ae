/* Supervision of a case's handling (督办, 《信访工作条例》第四十条第一款) and
 * its escalations (约谈、通报、挂牌督办，责令限期整改: 第三十九条第三款): the
 * levels a supervision notice takes. Core module: no SQL, no I/O. The
 * notice is an event "supervise" with the level as its reason and the date
 * the unit's written feedback is due; the feedback is an event
 * "supervise_feedback"; between them runs the supervision clock
 * (clocks.h, LF_CLOCK_SUPERVISE). */
#ifndef LAIFANG_SUPERVISION_H
#define LAIFANG_SUPERVISION_H

#include <stdbool.h>

/* "notice" (督办通知), "interview" (约谈), "bulletin" (通报), "listed" (挂牌督办). */
bool lf_supervision_level_valid(const char *id);
/* The id for an id or its Chinese word; NULL otherwise. */
const char *lf_supervision_level_parse(const char *s);
/* The Chinese word of a level (督办通知...), as printed; NULL when unknown. */
const char *lf_supervision_level_word(const char *id);
/* The article a level rests on, as printed ("第四十条第一款"). */
const char *lf_supervision_level_article(const char *id);

#endif
