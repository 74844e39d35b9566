/* The one escaper for markup (HTML pages, SVG pictures, GraphML files), by context. Both
 * contexts escape & < > " ' the same way, and both replace the control characters that XML 1.0
 * forbids (U+0000-U+001F except tab, LF and CR) with U+FFFD, so a stray byte in a name shows
 * as a visible mark instead of making the file unreadable. */
#ifndef SETWORK_CORE_XML_ESCAPE_H
#define SETWORK_CORE_XML_ESCAPE_H

#include "core/strbuf.h"

/* What a forbidden control character becomes: U+REPLACEMENT CHARACTER in UTF-8. */
#define XML_REPLACEMENT "\xef\xbf\xbd"

/* Appends S escaped for element text (tab, LF and CR kept as they are). NULL appends nothing.
 * Returns 0, or -1 when out of memory (SB's `failed` is set). */
int xml_escape_text(struct strbuf *sb, const char *s);

/* Appends S escaped for a quoted XML attribute value: as xml_escape_text, and tab, LF and CR
 * become character references, which attribute-value normalisation would otherwise turn into
 * spaces. NULL appends nothing. Returns 0, or -1 when out of memory. */
int xml_escape_attr(struct strbuf *sb, const char *s);

#endif
