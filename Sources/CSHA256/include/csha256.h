#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// SHA-256's 64 round constants (FIPS 180-4, 4.2.2), for these rounds and the portable ones.
extern const uint32_t csha256_round_constants[64];

/// Whether this processor has the x86 SHA extensions (SHA-NI); 0 elsewhere.
int csha256_accelerated(void);

/// Compresses `blocks` 64-byte blocks of `data` into `state` (a, b, …, h) with the SHA
/// extensions. Only to be called when `csha256_accelerated()` is 1.
void csha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
