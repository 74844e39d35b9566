/* The one mapping from a use case's enum status to an HTTP status code (web.h). */
#include "web/http/web.h"

int web_status_code(enum status st, bool malformed)
{
    switch (st) {
    case STATUS_OK: return 200;
    case STATUS_INVALID: return malformed ? 400 : 422;
    case STATUS_FORBIDDEN: return 403;
    case STATUS_NOT_FOUND: return 404;
    case STATUS_CONFLICT: return 409;
    case STATUS_FAILED: break;
    }
    return 500;
}
