/* Shared by the network engine's files only: the undirected contact graph as adjacency lists,
 * and turning igraph's errors into messages. */
#ifndef SETWORK_ENGINE_NETWORK_NET_INTERNAL_H
#define SETWORK_ENGINE_NETWORK_NET_INTERNAL_H

#include "engine/network/network.h"

#include <igraph/igraph.h>

/* Undirected simple graph in compressed rows: the contacts of v are nbr[start[v]..start[v+1]),
 * sorted ascending. edge_from/edge_to list each edge once with from < to, sorted. */
struct net_adj {
    size_t n;
    size_t edges;
    size_t *start; /* n + 1 entries */
    int *nbr;      /* 2 * edges entries */
    int *edge_from;
    int *edge_to;
};

/* Builds the contact graph of TIES over N people (either direction joins two people). Checks
 * indices and self-ties. 0, or -1 with *ERR. */
int net_adj_build(size_t n, const struct net_tie *ties, size_t count, struct net_adj *out,
                  char **err);
void net_adj_free(struct net_adj *a);
/* True when u and v are joined (binary search). */
bool net_adj_has(const struct net_adj *a, int u, int v);

/* Makes an undirected igraph graph of A. Returns IGRAPH_SUCCESS or an igraph error code. */
igraph_error_t net_adj_to_igraph(const struct net_adj *a, igraph_t *g);

/* Debian's igraph is built without thread safety (IGRAPH_THREAD_SAFE is 0): its error stack
 * and random generator are process-wide. Every use of igraph holds this lock, so that the web
 * server's threads can call the engine at the same time. */
void net_igraph_lock(void);
void net_igraph_unlock(void);

/* Fills *ERR with "WHAT: <igraph's last message>" and returns -1. */
int net_igraph_fail(const char *what, igraph_error_t code, char **err);

#endif
