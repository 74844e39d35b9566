/* Collected input problems: storage, ordering and the two ways of printing them. */
#include "core/diag.h"

#include "core/strbuf.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

int diag_add(struct diag_list *list, const char *file, long line, const char *field,
             const char *fmt, ...)
{
    size_t limit = list->limit ? list->limit : DIAG_DEFAULT_LIMIT;
    if (list->count >= limit) {
        list->dropped++;
        return 0;
    }
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 16;
        struct diag *items = realloc(list->items, cap * sizeof *items);
        if (!items)
            return -1;
        list->items = items;
        list->cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    char *message = str_vprintf(fmt, ap);
    va_end(ap);
    struct diag *d = &list->items[list->count];
    d->file = dup_or_null(file);
    d->field = dup_or_null(field);
    d->line = line;
    d->message = message;
    if (!message || (file && !d->file) || (field && !d->field)) {
        free(d->file);
        free(d->field);
        free(message);
        return -1;
    }
    list->count++;
    return 0;
}

/* Writes S with control characters shown as escapes: messages quote values from the input, and
 * a newline or a terminal escape sequence in a cell must not forge or hide lines of output. */
static void put_visible(const char *s, FILE *out)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\n')
            fputs("\\n", out);
        else if (*p == '\r')
            fputs("\\r", out);
        else if (*p == '\t')
            fputs("\\t", out);
        else if (*p < 0x20 || *p == 0x7f)
            fprintf(out, "\\x%02x", *p);
        else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) /* C1 controls, such as CSI */
            fprintf(out, "\\u%04x", *++p);
        else
            fputc(*p, out);
    }
}

void diag_print(const struct diag_list *list, FILE *out)
{
    for (size_t i = 0; i < list->count; i++) {
        const struct diag *d = &list->items[i];
        if (d->file) {
            put_visible(d->file, out);
            fputc(':', out);
        }
        if (d->line > 0)
            fprintf(out, "%ld:", d->line);
        if (d->file || d->line > 0)
            fputc(' ', out);
        if (d->field) {
            fputs("column '", out);
            put_visible(d->field, out);
            fputs("': ", out);
        }
        put_visible(d->message, out);
        fputc('\n', out);
    }
    if (list->dropped)
        fprintf(out, "... and %zu more problems not shown.\n", list->dropped);
}

json_t *diag_to_json(const struct diag_list *list)
{
    json_t *arr = json_array();
    if (!arr)
        return NULL;
    for (size_t i = 0; i < list->count; i++) {
        const struct diag *d = &list->items[i];
        json_t *o = json_pack("{s:s?, s:I, s:s?, s:s}", "file", d->file, "line",
                              (json_int_t)d->line, "field", d->field, "message", d->message);
        if (!o || json_array_append_new(arr, o) != 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

void diag_sort(struct diag_list *list)
{
    /* Insertion sort: stable, so problems on one line keep the order they were found in, and
     * lists are bounded by DIAG_DEFAULT_LIMIT. */
    for (size_t i = 1; i < list->count; i++) {
        struct diag d = list->items[i];
        size_t j = i;
        while (j > 0 && list->items[j - 1].line > d.line) {
            list->items[j] = list->items[j - 1];
            j--;
        }
        list->items[j] = d;
    }
}

void diag_list_free(struct diag_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].file);
        free(list->items[i].field);
        free(list->items[i].message);
    }
    free(list->items);
    memset(list, 0, sizeof *list);
}
