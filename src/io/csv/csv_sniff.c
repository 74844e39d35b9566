/* Encoding and delimiter detection for table files, with glibc's iconv for the conversions. */
#include "io/csv/csv_sniff.h"

#include "core/utf8.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

/* Records looked at to choose a delimiter: enough to see that rows agree with the header. */
#define SNIFF_RECORDS 20

void csv_text_free(struct csv_text *t)
{
    free(t->data);
    memset(t, 0, sizeof *t);
}

static int copy_text(struct csv_text *out, const char *data, size_t len)
{
    out->data = malloc(len + 1);
    if (!out->data)
        return -1;
    memcpy(out->data, data, len);
    out->data[len] = '\0';
    out->len = len;
    return 0;
}

/* Converts LEN bytes of DATA from FROM to UTF-8 into OUT. Returns 0, 1 at an invalid or
 * incomplete sequence (its offset in *BAD), -1 when out of memory or iconv lacks FROM. */
static int convert(const char *from, const char *data, size_t len, struct csv_text *out,
                   size_t *bad)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return -1;
    /* Every input byte becomes at most three UTF-8 bytes (Windows-1252's euro sign; UTF-16
     * gives at most four for four bytes). */
    size_t cap = len * 3 + 4;
    char *buf = malloc(cap);
    if (!buf) {
        iconv_close(cd);
        return -1;
    }
    char *in = (char *)data, *o = buf;
    size_t in_left = len, out_left = cap - 1;
    size_t rc = iconv(cd, &in, &in_left, &o, &out_left);
    int err = rc == (size_t)-1 ? errno : 0;
    iconv_close(cd);
    if (err) {
        free(buf);
        *bad = (size_t)(in - data);
        return err == E2BIG ? -1 : 1;
    }
    *o = '\0';
    out->data = buf;
    out->len = (size_t)(o - buf);
    out->transcoded = true;
    return 0;
}

/* UTF-16 without a byte order mark shows as a NUL in every other byte of ASCII text. */
static const char *utf16_without_bom(const unsigned char *d, size_t len)
{
    size_t n = len < 200 ? len & ~(size_t)1 : 200;
    if (n < 4)
        return NULL;
    bool le = true, be = true;
    for (size_t i = 0; i < n; i += 2) {
        le = le && d[i] != 0 && d[i + 1] == 0;
        be = be && d[i] == 0 && d[i + 1] != 0;
    }
    return le ? "UTF-16LE" : be ? "UTF-16BE" : NULL;
}

/* Whether text that is not valid UTF-8 still holds well-formed multi-byte UTF-8 sequences:
 * then it is UTF-8 with a few damaged bytes (reading it all as Windows-1252 would garble every
 * accent in it), not Windows-1252, where such pairs as "\xC3\xA9" (\u00c3\u00a9) are rare. */
static bool has_utf8_sequences(const unsigned char *d, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        size_t n = d[i] >= 0xC2 && d[i] <= 0xDF   ? 2
                   : d[i] >= 0xE0 && d[i] <= 0xEF ? 3
                   : d[i] >= 0xF0 && d[i] <= 0xF4 ? 4
                                                  : 0;
        if (n == 0 || i + n > len)
            continue;
        size_t k = 1;
        while (k < n && (d[i + k] & 0xC0) == 0x80)
            k++;
        if (k == n)
            return true;
    }
    return false;
}

int csv_decode(const char *name, const char *data, size_t len, struct csv_text *out,
               struct diag_list *diags)
{
    memset(out, 0, sizeof *out);
    const unsigned char *d = (const unsigned char *)data;
    const char *utf16 = NULL;
    size_t skip = 0;
    if (len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0) {
        out->encoding = "UTF-8";
        out->bom = true;
        return copy_text(out, data + 3, len - 3);
    }
    if (len >= 2 && d[0] == 0xFF && d[1] == 0xFE)
        utf16 = "UTF-16LE", skip = 2;
    else if (len >= 2 && d[0] == 0xFE && d[1] == 0xFF)
        utf16 = "UTF-16BE", skip = 2;
    else
        utf16 = utf16_without_bom(d, len);
    if (utf16) {
        out->encoding = utf16;
        out->bom = skip > 0;
        size_t bad = 0;
        int rc = convert(utf16, data + skip, len - skip, out, &bad);
        if (rc == 1)
            diag_add(diags, name, 0, NULL,
                     "the file is %s text but byte %zu starts an invalid or incomplete "
                     "character; save it again from the program that made it",
                     utf16, bad + skip + 1);
        return rc;
    }
    if (utf8_valid(data, len, NULL)) {
        out->encoding = "UTF-8";
        return copy_text(out, data, len);
    }
    size_t bad = 0;
    int rc = has_utf8_sequences(d, len) ? 1 : convert("WINDOWS-1252", data, len, out, &bad);
    if (rc == 0) {
        out->encoding = "Windows-1252";
        return 0;
    }
    if (rc < 0)
        return -1;
    /* Neither: keep the bytes so the reader names each bad field. */
    out->encoding = "UTF-8";
    return copy_text(out, data, len);
}

const char *csv_delimiter_name(char delimiter)
{
    return delimiter == ';' ? "semicolon" : delimiter == '\t' ? "tab" : "comma";
}

/* Counts DELIM outside quotes in each of the first SNIFF_RECORDS non-blank records. */
static size_t count_per_record(const char *text, size_t len, char delim, size_t *counts)
{
    size_t records = 0, n = 0;
    bool quoted = false, any = false;
    for (size_t i = 0; i < len && records < SNIFF_RECORDS; i++) {
        char c = text[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && c == delim)
            n++;
        else if (!quoted && (c == '\n' || c == '\r')) {
            if (any)
                counts[records++] = n;
            n = 0;
            any = false;
            continue;
        }
        if (c != ' ' && c != '\r' && c != '\n')
            any = true;
    }
    if (any && records < SNIFF_RECORDS)
        counts[records++] = n;
    return records;
}

char csv_sniff_delimiter(const char *text, size_t len)
{
    static const char candidates[] = {',', ';', '\t'};
    char best = ',';
    size_t best_agree = 0, best_header = 0;
    for (size_t c = 0; c < sizeof candidates; c++) {
        size_t counts[SNIFF_RECORDS];
        size_t records = count_per_record(text, len, candidates[c], counts);
        if (records == 0 || counts[0] == 0)
            continue;
        size_t agree = 0;
        for (size_t r = 1; r < records; r++)
            agree += counts[r] == counts[0];
        /* Rows that agree with the header count most; then the wider header. */
        if (best_header == 0 || agree > best_agree ||
            (agree == best_agree && counts[0] > best_header)) {
            best = candidates[c];
            best_agree = agree;
            best_header = counts[0];
        }
    }
    return best;
}
