/* Tokens from libsodium's random generator, hashed with SHA-256. */
#include "core/token.h"

#include <sodium.h>
#include <string.h>

void token_random(char out[TOKEN_SIZE])
{
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    sodium_bin2base64(out, TOKEN_SIZE, bytes, sizeof bytes,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void token_hash(const char *token, char out[TOKEN_HASH_SIZE])
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, (const unsigned char *)token, strlen(token));
    sodium_bin2hex(out, TOKEN_HASH_SIZE, digest, sizeof digest);
}
