/* libFuzzer harness for the form parser: any body, as urlencoded and as multipart with a fixed
 * boundary, must parse or fail with a message; never a crash, a leak or an over-read. Every
 * parsed field is checked against the limits the parser promises. */
#include "web/http/formdata.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void check(const struct formdata *f)
{
    if (f->count > FORMDATA_MAX_FIELDS)
        abort();
    for (size_t i = 0; i < f->count; i++) {
        const struct formdata_field *x = &f->fields[i];
        if (strlen(x->name) > FORMDATA_MAX_NAME || x->value[x->len] != '\0')
            abort();
        if (!x->filename && (x->len > FORMDATA_MAX_VALUE || strlen(x->value) != x->len))
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
    struct formdata f = {0};
    char *err = NULL;
    formdata_parse_urlencoded(copy, size, &f, &err);
    check(&f);
    free(err);
    formdata_free(&f);
    err = NULL;
    formdata_parse_multipart("multipart/form-data; boundary=XyZ", copy, size, &f, &err);
    check(&f);
    free(err);
    formdata_free(&f);
    free(copy);
    return 0;
}
