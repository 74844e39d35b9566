/* The objects a route's path names, checked before its handler runs: so that no admin page or
 * POST of a programme that does not exist answers 200 or 500 (issue 14). */
#include "web/http/web.h"

#include "store/store_programmes.h"

#include <string.h>

/* Routes whose first number is a programme id. */
static bool names_programme(const char *pattern)
{
    return strncmp(pattern, "/programmes/#", 13) == 0 ||
           strncmp(pattern, "/api/v1/programmes/#", 20) == 0;
}

int web_route_objects_check(struct web_request *r)
{
    if (!r->route || !names_programme(r->route->pattern))
        return 0;
    struct store_programme p;
    int rc = store_programme_visible(r->db, &r->user, r->ids[0], &p);
    if (rc == 0) {
        store_programme_free(&p);
        return 0;
    }
    web_error(r, rc == 1 ? 404 : 500,
              rc == 1 ? "There is no such programme." : "The programme could not be read.");
    return -1;
}
