#include "driver_kernel.h"

#include <string.h>

// Rows summed in single precision before the block's sums join the double totals, so the
// rounding stays far below the bootstrap's own noise.
enum { BLOCK = 1024, LANES = 16, MAX_BATCH = 16 };

// One body, compiled twice: once for any x86-64 (or other) processor, once with AVX2 and
// FMA, which the compiler vectorizes the 16-lane loops for. The caller picks at run time.
static inline __attribute__((always_inline)) void moments_body(const float *values, int64_t rows, int32_t m,
                                                               const uint16_t *counts, int32_t resamples,
                                                               double *totals, double *sums, double *products) {
    float block_products[MAX_BATCH][LANES][LANES];
    float block_sums[MAX_BATCH][LANES];
    float block_totals[MAX_BATCH];
    for (int64_t start = 0; start < rows; start += BLOCK) {
        int64_t end = start + BLOCK < rows ? start + BLOCK : rows;
        memset(block_products, 0, sizeof(block_products));
        memset(block_sums, 0, sizeof(block_sums));
        memset(block_totals, 0, sizeof(block_totals));
        for (int64_t row = start; row < end; row++) {
            const float *x = values + row * LANES;
            for (int32_t b = 0; b < resamples; b++) {
                uint16_t count = counts[(int64_t)b * rows + row];
                if (count == 0) continue;
                float w = (float)count;
                block_totals[b] += w;
                for (int k = 0; k < LANES; k++) block_sums[b][k] += w * x[k];
                for (int32_t j = 0; j < m; j++) {
                    float f = w * x[j];
                    float *p = block_products[b][j];
                    for (int k = 0; k < LANES; k++) p[k] += f * x[k];
                }
            }
        }
        for (int32_t b = 0; b < resamples; b++) {
            totals[b] += block_totals[b];
            for (int32_t j = 0; j < m; j++) {
                sums[b * m + j] += block_sums[b][j];
                for (int32_t k = j; k < m; k++) products[((int64_t)b * m + j) * m + k] += block_products[b][j][k];
            }
        }
    }
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
__attribute__((target("avx2,fma"))) static void moments_avx2(const float *values, int64_t rows, int32_t m,
                                                              const uint16_t *counts, int32_t resamples,
                                                              double *totals, double *sums, double *products) {
    moments_body(values, rows, m, counts, resamples, totals, sums, products);
}
#endif

static void moments_plain(const float *values, int64_t rows, int32_t m, const uint16_t *counts, int32_t resamples,
                          double *totals, double *sums, double *products) {
    moments_body(values, rows, m, counts, resamples, totals, sums, products);
}

void cdna_weighted_moments(const float *values, int64_t rows, int32_t columns, const uint16_t *counts,
                           int32_t resamples, double *totals, double *sums, double *products) {
    if (columns < 1 || columns > LANES || resamples < 1 || resamples > MAX_BATCH) return;
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        moments_avx2(values, rows, columns, counts, resamples, totals, sums, products);
        return;
    }
#endif
    moments_plain(values, rows, columns, counts, resamples, totals, sums, products);
}
