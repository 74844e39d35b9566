/* Recognising what a text table file is before reading it: its encoding (UTF-8 with or without
 * a byte order mark, UTF-16 little- or big-endian, or Windows-1252 when it is not valid UTF-8)
 * and its delimiter (comma, semicolon or tab), so that the files Excel and HR systems write in
 * any country read the same. */
#ifndef SETWORK_IO_CSV_CSV_SNIFF_H
#define SETWORK_IO_CSV_CSV_SNIFF_H

#include "core/diag.h"

#include <stdbool.h>
#include <stddef.h>

struct csv_text {
    char *data; /* the text as UTF-8 (a BOM removed), NUL-terminated; owned */
    size_t len;
    const char *encoding; /* a static name for messages: "UTF-8", "UTF-16LE", ... */
    bool transcoded;      /* DATA was converted to UTF-8 with iconv */
    bool bom;             /* the file began with a byte order mark */
};

/* Decodes DATA (LEN bytes; NAME for messages) into OUT. A byte order mark decides (UTF-8,
 * UTF-16LE, UTF-16BE), then text that is valid UTF-8 stays as it is, and other text is read as
 * Windows-1252 through glibc's iconv. Text that is neither (0x81, 0x8D, 0x8F, 0x90, 0x9D have
 * no Windows-1252 meaning), or that holds UTF-8 sequences next to bad bytes (UTF-8 damaged in
 * places), is left as it is, for the reader to report as invalid UTF-8 where it is. Returns 0; 1
 * when a UTF-16 file holds an invalid sequence (reported in DIAGS); -1 when out of memory. Free OUT
 * with csv_text_free in every case. */
int csv_decode(const char *name, const char *data, size_t len, struct csv_text *out,
               struct diag_list *diags);

void csv_text_free(struct csv_text *t);

/* The delimiter of the UTF-8 table TEXT: ',', ';' or '\t', whichever splits the header into
 * the most columns and the first rows into as many; ',' when nothing splits it. */
char csv_sniff_delimiter(const char *text, size_t len);

/* The delimiter's name for messages: "comma", "semicolon", "tab". */
const char *csv_delimiter_name(char delimiter);

#endif
