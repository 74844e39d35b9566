/* Small finite fields GF(q), q = p^k <= ROUNDS_GF_MAX, for the affine-plane constructions. */
#ifndef SETWORK_ENGINE_ROUNDS_ROUNDS_GF_H
#define SETWORK_ENGINE_ROUNDS_ROUNDS_GF_H

#define ROUNDS_GF_MAX 64

struct rounds_gf {
    int q;
    unsigned char add[ROUNDS_GF_MAX][ROUNDS_GF_MAX];
    unsigned char mul[ROUNDS_GF_MAX][ROUNDS_GF_MAX];
};

/* Builds the tables of GF(q). Returns 0, or -1 when q is not a prime power up to ROUNDS_GF_MAX. */
int rounds_gf_init(struct rounds_gf *f, int q);

#endif
