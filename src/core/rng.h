/* setwork's one random number generator: xoshiro256** seeded by splitmix64, so that a seed
 * gives the same plans, rounds and demo data on every platform and C library. Nothing here is
 * for secrets (tokens come from libsodium). */
#ifndef SETWORK_CORE_RNG_H
#define SETWORK_CORE_RNG_H

#include <stdint.h>

/* A generator's whole state; fill it with rng_seed before use. Copying it forks the sequence. */
struct rng {
    uint64_t s[4];
};

/* One step of splitmix64 over *STATE (advances it): the seeder of struct rng, and on its own
 * the stream the demo data is drawn from, whose exact sequence the demo cohort depends on. */
uint64_t rng_splitmix64(uint64_t *state);

/* Seeds R from SEED: the four words are the first four splitmix64 outputs from SEED. */
void rng_seed(struct rng *r, uint64_t seed);

/* A fresh unpredictable seed from the kernel (getrandom): for shuffles that must not be
 * reproducible from outside, such as the pseudonyms of an anonymised export. Never fails. */
uint64_t rng_secret_seed(void);

/* The three draws below are inline because set formation makes millions of them per second. */

/* The next 64 random bits (xoshiro256**). */
static inline uint64_t rng_next(struct rng *r)
{
    uint64_t *s = r->s;
    uint64_t x = s[1] * 5;
    uint64_t result = ((x << 7) | (x >> 57)) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = (s[3] << 45) | (s[3] >> 19);
    return result;
}

/* Uniform in [0, N) for N > 0, from the top 32 bits (Lemire's multiply; the bias of at most
 * N / 2^32 is irrelevant here). Returns 0 when N is 0. */
static inline uint32_t rng_below(struct rng *r, uint32_t n)
{
    return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform in [0, 1), with 53 random bits. */
static inline double rng_unit(struct rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

#endif
