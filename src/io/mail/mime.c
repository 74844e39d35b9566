/* MIME text for one message: headers with RFC 2047 encoded words, base64 bodies, and a
 * multipart/alternative of plain text, HTML and iCalendar. */
#include "io/mail/mime.h"

#include "core/utf8.h"

#include <stdbool.h>
#include <string.h>
#include <time.h>

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Appends LEN bytes of DATA in base64, with CRLF after every LINE output characters (0: none). */
static void append_base64(struct strbuf *out, const unsigned char *data, size_t len, size_t line)
{
    size_t col = 0;
    for (size_t i = 0; i < len; i += 3) {
        unsigned v = (unsigned)data[i] << 16;
        if (i + 1 < len)
            v |= (unsigned)data[i + 1] << 8;
        if (i + 2 < len)
            v |= data[i + 2];
        char q[4] = {b64[(v >> 18) & 63], b64[(v >> 12) & 63],
                     i + 1 < len ? b64[(v >> 6) & 63] : '=', i + 2 < len ? b64[v & 63] : '='};
        sb_append_len(out, q, 4);
        col += 4;
        if (line && col >= line && i + 3 < len) {
            sb_append(out, "\r\n");
            col = 0;
        }
    }
}

static bool plain_ascii(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p > 0x7e)
            return false;
    return true;
}

/* Length of the UTF-8 sequence that starts with byte C (1 for anything unexpected). */
static size_t utf8_step(unsigned char c)
{
    if (c >= 0xf0)
        return 4;
    if (c >= 0xe0)
        return 3;
    if (c >= 0xc0)
        return 2;
    return 1;
}

void mail_encode_header(struct strbuf *out, const char *text)
{
    if (plain_ascii(text)) {
        sb_append(out, text);
        return;
    }
    /* "=?UTF-8?B?" + "?=" is 12 characters; 45 bytes make 60 base64 characters: 72 in all. A
     * word never splits a UTF-8 sequence (RFC 2047 section 5). */
    const unsigned char *p = (const unsigned char *)text;
    size_t len = strlen(text);
    bool first = true;
    while (len > 0) {
        size_t n = 0;
        while (n < len) {
            size_t step = utf8_step(p[n]);
            if (n + step > 45 || n + step > len)
                break;
            n += step;
        }
        if (n == 0)
            n = len < 45 ? len : 45;
        sb_append(out, first ? "=?UTF-8?B?" : "\r\n =?UTF-8?B?");
        append_base64(out, p, n, 0);
        sb_append(out, "?=");
        p += n;
        len -= n;
        first = false;
    }
}

int mail_bare_address(const char *from, char *out, size_t size)
{
    const char *lt = strrchr(from, '<');
    const char *start = lt ? lt + 1 : from;
    const char *end = lt ? strchr(start, '>') : start + strlen(start);
    if (!end)
        return -1;
    while (start < end && *start == ' ')
        start++;
    while (end > start && end[-1] == ' ')
        end--;
    size_t n = (size_t)(end - start);
    if (n == 0 || n >= size || !memchr(start, '@', n))
        return -1;
    memcpy(out, start, n);
    out[n] = '\0';
    return 0;
}

/* Appends FROM as a header: the display name encoded when it is not plain ASCII. */
static void append_from(struct strbuf *out, const char *from)
{
    const char *lt = strrchr(from, '<');
    if (!lt) {
        sb_append(out, from);
        return;
    }
    size_t n = (size_t)(lt - from);
    while (n > 0 && from[n - 1] == ' ')
        n--;
    char name[256];
    if (n == 0 || n >= sizeof name) {
        sb_append(out, lt);
        return;
    }
    memcpy(name, from, n);
    name[n] = '\0';
    if (plain_ascii(name) && !strpbrk(name, "\"\\,;:()[]@<>")) {
        sb_append(out, from);
        return;
    }
    if (plain_ascii(name)) {
        sb_append_char(out, '"');
        for (const char *c = name; *c; c++) {
            if (*c == '"' || *c == '\\')
                sb_append_char(out, '\\');
            sb_append_char(out, *c);
        }
        sb_append_char(out, '"');
    } else {
        mail_encode_header(out, name);
    }
    sb_append_char(out, ' ');
    sb_append(out, lt);
}

/* Appends the RFC 5322 date of T in UTC, such as "Thu, 03 Dec 2026 14:05:00 +0000". */
static void append_date(struct strbuf *out, long long t)
{
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    sb_printf(out, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday,
              months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* Appends one part with its headers: TYPE (a full Content-Type value), body in base64. */
static void append_part(struct strbuf *out, const char *boundary, const char *type,
                        const char *body)
{
    sb_printf(out, "--%s\r\nContent-Type: %s\r\nContent-Transfer-Encoding: base64\r\n\r\n",
              boundary, type);
    append_base64(out, (const unsigned char *)body, strlen(body), 76);
    sb_append(out, "\r\n");
}

static bool bad_header_value(const char *s)
{
    return !s || strpbrk(s, "\r\n") != NULL;
}

int mail_mime_build(const struct mail_message *m, struct strbuf *out, const char **why)
{
    char to[MAIL_ADDRESS_MAX + 1];
    *why = NULL;
    if (bad_header_value(m->from) || bad_header_value(m->to) || bad_header_value(m->subject) ||
        bad_header_value(m->message_id) ||
        (m->list_unsubscribe && bad_header_value(m->list_unsubscribe))) {
        *why = "a header of the message is missing or holds a line break";
        return -1;
    }
    if (mail_bare_address(m->to, to, sizeof to) != 0 || strcmp(to, m->to) != 0 ||
        strpbrk(to, " ,;<>\"")) {
        *why = "the recipient is not one plain mail address";
        return -1;
    }
    if (strlen(m->subject) > MAIL_SUBJECT_MAX) {
        *why = "the subject is too long";
        return -1;
    }
    const char *parts[] = {m->text, m->html, m->calendar};
    for (size_t i = 0; i < 3; i++) {
        if (parts[i] &&
            (strlen(parts[i]) > MAIL_BODY_MAX || !utf8_valid(parts[i], strlen(parts[i]), NULL))) {
            *why = "a part of the message is too long or not valid UTF-8";
            return -1;
        }
    }
    if (!m->text || !utf8_valid(m->subject, strlen(m->subject), NULL)) {
        *why = "the message has no text or its subject is not valid UTF-8";
        return -1;
    }
    if (m->calendar &&
        (!m->method || (strcmp(m->method, "REQUEST") && strcmp(m->method, "CANCEL")))) {
        *why = "a calendar part needs the method REQUEST or CANCEL";
        return -1;
    }
    /* The boundary derives from the Message-ID, which is random: it cannot occur in base64. */
    char boundary[96];
    size_t idn = strcspn(m->message_id, "@");
    if (idn > 40)
        idn = 40;
    memcpy(boundary, "=_setwork_", 10);
    memcpy(boundary + 10, m->message_id, idn);
    boundary[10 + idn] = '\0';

    sb_append(out, "From: ");
    append_from(out, m->from);
    sb_printf(out, "\r\nTo: %s\r\nSubject: ", m->to);
    mail_encode_header(out, m->subject);
    sb_append(out, "\r\nDate: ");
    append_date(out, m->date);
    sb_printf(out,
              "\r\nMessage-ID: <%s>\r\nMIME-Version: 1.0\r\nAuto-Submitted: auto-generated\r\n",
              m->message_id);
    if (m->list_unsubscribe)
        sb_printf(out,
                  "List-Unsubscribe: <%s>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n",
                  m->list_unsubscribe);
    if (!m->html && !m->calendar) {
        sb_append(out, "Content-Type: text/plain; charset=UTF-8\r\n"
                       "Content-Transfer-Encoding: base64\r\n\r\n");
        append_base64(out, (const unsigned char *)m->text, strlen(m->text), 76);
        sb_append(out, "\r\n");
    } else {
        sb_printf(out, "Content-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n", boundary);
        append_part(out, boundary, "text/plain; charset=UTF-8", m->text);
        if (m->html)
            append_part(out, boundary, "text/html; charset=UTF-8", m->html);
        if (m->calendar) {
            char type[80];
            str_copy(type, "text/calendar; charset=UTF-8; method=", sizeof type);
            size_t n = strlen(type);
            str_copy(type + n, m->method, sizeof type - n);
            append_part(out, boundary, type, m->calendar);
        }
        sb_printf(out, "--%s--\r\n", boundary);
    }
    if (out->failed) {
        *why = "out of memory";
        return -1;
    }
    return 0;
}
