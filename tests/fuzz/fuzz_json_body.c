/* libFuzzer harness for the API's JSON bodies: web_json_body (the one reader every API POST
 * uses: size limit, duplicate keys, objects only) and then what handlers do with the object's
 * fields before any database call (web_programme_problem for the programme fields). Any input
 * must give an object or a 400/413 answer, never a crash or a leak. */
#include "web/http/web.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *field(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct web_request r;
    memset(&r, 0, sizeof r);
    r.api = true;
    char *name = malloc(5), *value = malloc(size + 1);
    struct formdata_field *f = malloc(sizeof *f);
    if (!name || !value || !f) {
        free(name);
        free(value);
        free(f);
        return 0;
    }
    memcpy(name, "body", 5);
    memcpy(value, data, size);
    value[size] = '\0';
    *f = (struct formdata_field){name, value, size, NULL};
    r.form.fields = f;
    r.form.count = 1;
    json_t *body = web_json_body(&r, NULL);
    if (body) {
        (void)web_programme_problem(field(body, "name"), field(body, "description"),
                                    field(body, "starts_on"), field(body, "ends_on"));
        char *text = json_dumps(body, JSON_COMPACT);
        free(text);
        json_decref(body);
    }
    formdata_free(&r.form);
    sb_free(&r.body);
    return 0;
}
