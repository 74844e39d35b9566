/* Escaping for markup: one table of replacements for text and attribute values (xml_escape.h). */
#include "core/xml_escape.h"

#include <stdbool.h>

/* The replacement for byte C in the given context, or NULL to copy it as it is. */
static const char *replacement(unsigned char c, bool attr)
{
    switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return "&#39;";
    case '\t': return attr ? "&#9;" : NULL;
    case '\n': return attr ? "&#10;" : NULL;
    case '\r': return attr ? "&#13;" : NULL;
    default: return c < 0x20 ? XML_REPLACEMENT : NULL;
    }
}

static int escape(struct strbuf *sb, const char *s, bool attr)
{
    if (!s)
        return sb->failed ? -1 : 0;
    const char *run = s;
    for (; *s; s++) {
        const char *rep = replacement((unsigned char)*s, attr);
        if (!rep)
            continue;
        sb_append_len(sb, run, (size_t)(s - run));
        sb_append(sb, rep);
        run = s + 1;
    }
    sb_append_len(sb, run, (size_t)(s - run));
    return sb->failed ? -1 : 0;
}

int xml_escape_text(struct strbuf *sb, const char *s)
{
    return escape(sb, s, false);
}

int xml_escape_attr(struct strbuf *sb, const char *s)
{
    return escape(sb, s, true);
}
