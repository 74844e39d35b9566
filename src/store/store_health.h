/* What the health check and the metrics ask of the store: is the database file reachable and
 * its schema current, how many sessions are alive, how long is the mail outbox. */
#ifndef SETWORK_STORE_STORE_HEALTH_H
#define SETWORK_STORE_STORE_HEALTH_H

#include <stdbool.h>

struct db;

struct store_health {
    int schema_applied;  /* migrations recorded in the file */
    int schema_known;    /* migrations this binary carries */
    bool schema_current; /* every known migration applied, and none unknown */
};

/* Opens PATH afresh, read-only (so a file that was removed, replaced or made unreadable is
 * seen, whatever the server's open connections still hold), and reads its migrations into
 * *OUT. Returns 0, or -1 with a message in *ERR (caller frees). */
int store_health_check(const char *path, struct store_health *out, char **err);

/* Sessions still valid at NOW (Unix seconds) for the given idle and total lifetimes; -1 on
 * error. */
long long store_health_sessions(struct db *db, long long now, long idle, long max);

/* Messages in the mail outbox still to deliver (pending or being sent); -1 on error. */
long long store_health_outbox(struct db *db);

#endif
