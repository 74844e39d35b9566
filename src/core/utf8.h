/* UTF-8 validation: input files must be valid UTF-8 before anything else looks at them. */
#ifndef SETWORK_CORE_UTF8_H
#define SETWORK_CORE_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* True when the LEN bytes at S are well-formed UTF-8 (no overlongs, surrogates or values past
 * U+10FFFF). When false and BAD_OFFSET is not NULL, stores the offset of the first bad byte. */
bool utf8_valid(const char *s, size_t len, size_t *bad_offset);

#endif
