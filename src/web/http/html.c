/* Escaping emitters and the page layout. */
#include "web/http/html.h"

#include "core/xml_escape.h"

#include <stdlib.h>
#include <string.h>

void html_literal_(struct html *out, const char *lit, size_t len)
{
    sb_append_len(&out->sb, lit, len);
}

void html_text(struct html *out, const char *s)
{
    xml_escape_text(&out->sb, s);
}

void html_int(struct html *out, long long n)
{
    sb_printf(&out->sb, "%lld", n);
}

void html_url_arg(struct html *out, const char *s)
{
    static const char digits[] = "0123456789ABCDEF";
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~') {
            sb_append_char(&out->sb, (char)c);
        } else {
            char esc[3] = {'%', digits[c >> 4], digits[c & 15]};
            sb_append_len(&out->sb, esc, 3);
        }
    }
}

void html_page_begin(struct html *out, const char *title, const struct html_viewer *viewer)
{
    H(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    html_text(out, title);
    H(out, " · setwork</title>\n<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
           "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">\n"
           "<script src=\"/static/app.js\" defer></script>\n</head>\n<body>\n"
           "<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
           "<header class=\"top\">\n<a class=\"brand\" href=\"/\">setwork</a>\n");
    if (viewer && viewer->name) {
        H(out, "<nav aria-label=\"Main\"><ul>\n");
        if (viewer->role && strcmp(viewer->role, "admin") == 0)
            H(out, "<li><a href=\"/\">Programmes</a></li>\n"
                   "<li><a href=\"/users\">People &amp; access</a></li>\n");
        else
            H(out, "<li><a href=\"/\">My setwork</a></li>\n");
        H(out, "<li><a href=\"/account\">Account</a></li>\n"
               "<li><form method=\"post\" action=\"/logout\" class=\"inline\">");
        html_csrf(out, viewer->csrf);
        H(out, "<button type=\"submit\" class=\"link\">Log out</button></form></li>\n"
               "</ul></nav>\n<p class=\"who\">");
        html_text(out, viewer->name);
        H(out, " <span class=\"role\">");
        html_text(out, viewer->role);
        H(out, "</span></p>\n");
    }
    H(out, "</header>\n<main id=\"main\">\n<h1>");
    html_text(out, title);
    H(out, "</h1>\n");
}

void html_page_end(struct html *out)
{
    H(out, "</main>\n<footer class=\"foot\"><p>setwork " SETWORK_VERSION
           " · action learning sets</p></footer>\n</body>\n</html>\n");
}

void html_csrf(struct html *out, const char *token)
{
    H(out, "<input type=\"hidden\" name=\"csrf\" value=\"");
    html_text(out, token);
    H(out, "\">");
}

void html_input_(struct html *out, const char *type, const char *name, const char *label,
                 const char *value, bool required)
{
    /* TYPE, NAME and LABEL are literals (the macro enforces it), so they go out as they are. */
    H(out, "<p class=\"field\"><label for=\"f-");
    sb_append(&out->sb, name);
    H(out, "\">");
    sb_append(&out->sb, label);
    H(out, "</label>\n<input type=\"");
    sb_append(&out->sb, type);
    H(out, "\" id=\"f-");
    sb_append(&out->sb, name);
    H(out, "\" name=\"");
    sb_append(&out->sb, name);
    H(out, "\" value=\"");
    html_text(out, value);
    H(out, "\"");
    if (required)
        H(out, " required");
    H(out, "></p>\n");
}

void html_notice(struct html *out, bool error, const char *message)
{
    if (error)
        H(out, "<p class=\"error\" role=\"alert\">");
    else
        H(out, "<p class=\"notice\" role=\"status\">");
    html_text(out, message);
    H(out, "</p>\n");
}

void html_scroll_begin_(struct html *out, const char *label)
{
    H(out, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"");
    html_text(out, label);
    H(out, "\">\n");
}

void html_scroll_end(struct html *out)
{
    H(out, "</div>\n");
}

void html_free(struct html *out)
{
    sb_free(&out->sb);
}
