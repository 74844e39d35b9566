/* The one reader of a JSON request body for the API handlers (web.h). */
#include "web/http/web.h"

json_t *web_json_body(struct web_request *r, const char *shape)
{
    const struct formdata_field *body = formdata_field(&r->form, "body");
    if (body && body->len > WEB_JSON_BODY_MAX) {
        web_error(r, 413, "The JSON body is too large (at most 1 MiB).");
        return NULL;
    }
    json_error_t error;
    json_t *v = body ? json_loadb(body->value, body->len, JSON_REJECT_DUPLICATES, &error) : NULL;
    if (!json_is_object(v)) {
        json_decref(v);
        web_error(r, 400, shape ? shape : "Send a JSON object as the body.");
        return NULL;
    }
    return v;
}
