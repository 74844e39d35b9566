/* The only way SVG is written: markup through SVG(), which accepts string literals alone (the
 * "" lit "" concatenation fails to compile with a variable), and values through writers that
 * escape or format them for their context. As web/http/html.h's H() does for pages, this
 * leaves no way to put a variable into the markup unescaped (tests/lint/html_escaping.sh). */
#ifndef SETWORK_IO_RENDER_SVG_H
#define SETWORK_IO_RENDER_SVG_H

#include "core/strbuf.h"

/* A writer appending to a caller's buffer, which the caller owns and frees. */
struct svg {
    struct strbuf *sb;
};

void svg_literal_(struct svg *out, const char *lit, size_t len);
/* Markup from the program text: SVG(out, "<g class=\"ties\">"). */
#define SVG(out, lit) svg_literal_((out), "" lit "", sizeof("" lit "") - 1)

/* Element text: escapes & < > " ' and replaces the controls XML forbids (core/xml_escape.h).
 * NULL writes nothing. */
void svg_text(struct svg *out, const char *s);
/* A quoted attribute value's contents, escaped as svg_text and with tab, LF and CR as
 * character references. NULL writes nothing. */
void svg_attr(struct svg *out, const char *s);
/* V with DECIMALS digits after the point ("%.*f"): coordinates, sizes, opacities. */
void svg_num(struct svg *out, double v, int decimals);
/* V with its sign always shown ("%+.*f"): a change. */
void svg_signed(struct svg *out, double v, int decimals);
/* An integer: counts and pixel positions. */
void svg_int(struct svg *out, long long n);

/* 0 when everything was written, -1 when an allocation failed at any point. */
int svg_status(const struct svg *out);

#endif
