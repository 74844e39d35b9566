/* The one way a use case says how it went. A function that can fail for the user returns an
 * enum status and, for one problem, a sentence in a struct strbuf (many problems: a struct
 * diag_list, core/diag.h). The web maps a status to an HTTP code (web/http/web.h), the command
 * line to an exit status (cli/cli.h); neither decides what the status is. */
#ifndef SETWORK_CORE_STATUS_H
#define SETWORK_CORE_STATUS_H

enum status {
    STATUS_OK = 0,
    STATUS_INVALID,   /* the input is malformed or breaks a rule: fix it and try again (400/422) */
    STATUS_FORBIDDEN, /* the actor may see this but not do it (403) */
    STATUS_NOT_FOUND, /* no such thing, or the actor may not see it: the two look alike (404) */
    STATUS_CONFLICT,  /* the state of things refuses it now, or it needs a confirmation (409) */
    STATUS_FAILED,    /* the store or the machine failed; nothing was changed (500) */
};

#endif
