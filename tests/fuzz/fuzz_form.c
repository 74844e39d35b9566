/* libFuzzer harness for the form parser: any body, as urlencoded and as multipart with a fixed
 * boundary, must parse or fail with a message; never a crash, a leak or an over-read. Every
 * parsed field is checked against the limits the parser promises. */
#include "web/form.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void check(const struct form *f)
{
    if (f->count > FORM_MAX_FIELDS)
        abort();
    for (size_t i = 0; i < f->count; i++) {
        const struct form_field *x = &f->fields[i];
        if (strlen(x->name) > FORM_MAX_NAME || x->value[x->len] != '\0')
            abort();
        if (!x->filename && (x->len > FORM_MAX_VALUE || strlen(x->value) != x->len))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The parsers take counted bytes; copying drops any NUL terminator past SIZE. */
    char *copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    struct form f = {0};
    char *err = NULL;
    form_parse_urlencoded(copy, size, &f, &err);
    check(&f);
    free(err);
    form_free(&f);
    err = NULL;
    form_parse_multipart("multipart/form-data; boundary=XyZ", copy, size, &f, &err);
    check(&f);
    free(err);
    form_free(&f);
    free(copy);
    return 0;
}
