/* GET /static/NAME: the web assets compiled into the binary (src/web/assets), cacheable; and
 * GET /favicon.ico, the icon. */
#include "web/http/web.h"

#include "core/embedded.h"

#include <string.h>

/* Answers R with the embedded asset NAME, or 404. */
static void serve_asset(struct web_request *r, const char *name)
{
    const struct embedded_file *f = embedded_find(web_assets, name);
    if (!f) {
        web_error(r, 404, "There is no such file.");
        return;
    }
    const char *dot = strrchr(name, '.');
    r->content_type_out = dot && strcmp(dot, ".css") == 0   ? "text/css; charset=utf-8"
                          : dot && strcmp(dot, ".js") == 0  ? "text/javascript; charset=utf-8"
                          : dot && strcmp(dot, ".svg") == 0 ? "image/svg+xml"
                          : dot && strcmp(dot, ".txt") == 0 ? "text/plain; charset=utf-8"
                                                            : "application/octet-stream";
    r->status = 200;
    r->cacheable = true;
    sb_reset(&r->body);
    sb_append_len(&r->body, (const char *)f->data, f->size);
}

void page_static(struct web_request *r)
{
    serve_asset(r, r->path + strlen("/static/"));
}

/* Browsers ask for /favicon.ico whatever the page says; answer with the same icon as the
 * pages' <link rel="icon">, so that no request for it ends in a 404 in the logs. */
void page_favicon(struct web_request *r)
{
    serve_asset(r, "favicon.svg");
}
