/* The SVG writer: literals, escaped text and attributes, and numbers (see svg.h). */
#include "io/render/svg.h"

#include "core/xml_escape.h"

void svg_literal_(struct svg *out, const char *lit, size_t len)
{
    sb_append_len(out->sb, lit, len);
}

void svg_text(struct svg *out, const char *s)
{
    xml_escape_text(out->sb, s);
}

void svg_attr(struct svg *out, const char *s)
{
    xml_escape_attr(out->sb, s);
}

void svg_num(struct svg *out, double v, int decimals)
{
    sb_printf(out->sb, "%.*f", decimals, v);
}

void svg_signed(struct svg *out, double v, int decimals)
{
    sb_printf(out->sb, "%+.*f", decimals, v);
}

void svg_int(struct svg *out, long long n)
{
    sb_printf(out->sb, "%lld", n);
}

int svg_status(const struct svg *out)
{
    return out->sb->failed ? -1 : 0;
}
