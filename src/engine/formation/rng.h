/* The engine's own random numbers (xoshiro256** seeded by splitmix64), so that a seed gives the
 * same plan on every platform and C library. */
#ifndef SETWORK_ENGINE_FORMATION_RNG_H
#define SETWORK_ENGINE_FORMATION_RNG_H

#include <stdint.h>

struct form_rng {
    uint64_t s[4];
};

static inline uint64_t form_splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static inline void form_rng_seed(struct form_rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = form_splitmix64(&seed);
}

static inline uint64_t form_rng_next(struct form_rng *r)
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

/* Uniform in [0, n) for n > 0 (Lemire's multiply; the tiny bias is irrelevant here). */
static inline uint32_t form_rng_below(struct form_rng *r, uint32_t n)
{
    return (uint32_t)(((form_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform in [0, 1). */
static inline double form_rng_unit(struct form_rng *r)
{
    return (double)(form_rng_next(r) >> 11) * 0x1.0p-53;
}

#endif
