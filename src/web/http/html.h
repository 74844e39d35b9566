/* The only way HTML is written: literals through H(), which accepts string literals alone (the
 * "" lit "" concatenation fails to compile with a variable), and values through emitters that
 * escape for their context. There is no function that writes a variable unescaped. */
#ifndef SETWORK_WEB_HTTP_HTML_H
#define SETWORK_WEB_HTTP_HTML_H

#include "core/strbuf.h"

#include <stdbool.h>

struct html {
    struct strbuf sb;
};

void html_literal_(struct html *out, const char *lit, size_t len);
/* Markup from the program text: H(out, "<p class=\"x\">"). */
#define H(out, lit) html_literal_((out), "" lit "", sizeof("" lit "") - 1)

/* Text content or a quoted attribute value: escapes & < > " ' and replaces the control
 * characters XML forbids (core/xml_escape.h). NULL writes nothing. */
void html_text(struct html *out, const char *s);
/* A number. */
void html_int(struct html *out, long long n);
/* One part of a URL path or query value: percent-encodes everything but unreserved bytes. */
void html_url_arg(struct html *out, const char *s);

/* What the page layout needs to know about who is looking. */
struct html_viewer {
    const char *name; /* NULL when nobody is logged in */
    const char *role; /* "admin", "facilitator", "participant" */
    const char *csrf; /* the session's CSRF token (for the logout form) */
};

/* Opens a page: doctype, head with TITLE, header with the navigation for VIEWER, and <main>. */
void html_page_begin(struct html *out, const char *title, const struct html_viewer *viewer);
/* Closes <main>, writes the footer and ends the document. */
void html_page_end(struct html *out);

/* A hidden CSRF field for a form. */
void html_csrf(struct html *out, const char *token);
/* A labelled text input: <label for=NAME>LABEL</label><input id=NAME name=NAME value=VALUE>.
 * TYPE, NAME and LABEL are literals; VALUE is escaped (NULL: empty). */
#define html_input(out, type, name, label, value, required)                                        \
    html_input_((out), "" type "", "" name "", "" label "", (value), (required))
void html_input_(struct html *out, const char *type, const char *name, const char *label,
                 const char *value, bool required);
/* A paragraph of class "notice" or "error" holding escaped MESSAGE. */
void html_notice(struct html *out, bool error, const char *message);

/* Opens and closes a labelled region that scrolls sideways when what it holds (a wide table) is
 * wider than the screen; it takes the keyboard focus so that it can be scrolled without a mouse.
 * LABEL is a literal. */
#define html_scroll_begin(out, label) html_scroll_begin_((out), "" label "")
void html_scroll_begin_(struct html *out, const char *label);
void html_scroll_end(struct html *out);

/* Frees what OUT holds; OUT may be reused after. */
void html_free(struct html *out);

#endif
