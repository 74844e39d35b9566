/* GET /static/NAME: the web assets compiled into the binary (src/web/assets), cacheable. */
#include "web/http/web.h"

#include "core/embedded.h"

#include <string.h>

void page_static(struct web_request *r)
{
    const char *name = r->path + strlen("/static/");
    const struct embedded_file *f = embedded_find(web_assets, name);
    if (!f) {
        web_error(r, 404, "There is no such file.");
        return;
    }
    const char *dot = strrchr(name, '.');
    r->content_type_out = dot && strcmp(dot, ".css") == 0  ? "text/css; charset=utf-8"
                          : dot && strcmp(dot, ".js") == 0 ? "text/javascript; charset=utf-8"
                                                           : "application/octet-stream";
    r->status = 200;
    r->cacheable = true;
    sb_reset(&r->body);
    sb_append_len(&r->body, (const char *)f->data, f->size);
}
