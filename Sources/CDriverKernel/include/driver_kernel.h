#ifndef CDNA_DRIVER_KERNEL_H
#define CDNA_DRIVER_KERNEL_H

#include <stdint.h>

/// The bootstrap's hot loop for `cdna analyze drivers`: for each of `resamples` resamples,
/// the weighted count, column sums and upper-triangle sums of products of `rows` rows of
/// `columns` (at most 16) single-precision values, each row padded to 16 values and weighted
/// by `counts[b * rows + i]`. Adds into `totals[b]`, `sums[b * columns + j]` and
/// `products[(b * columns + j) * columns + k]` (k >= j), which the caller zeroes.
/// Uses AVX2 and FMA when the processor has them.
void cdna_weighted_moments(const float *values, int64_t rows, int32_t columns, const uint16_t *counts,
                           int32_t resamples, double *totals, double *sums, double *products);

#endif
