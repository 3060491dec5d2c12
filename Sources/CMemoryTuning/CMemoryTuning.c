#include "CMemoryTuning.h"

// Any C library header defines __GLIBC__ on glibc (through <features.h>); it must come first.
#include <stdlib.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

int cdna_keep_freed_memory(int mmap_threshold_bytes, int trim_threshold_bytes) {
#if defined(__GLIBC__)
    return mallopt(M_MMAP_THRESHOLD, mmap_threshold_bytes) == 1 && mallopt(M_TRIM_THRESHOLD, trim_threshold_bytes) == 1;
#else
    (void)mmap_threshold_bytes;
    (void)trim_threshold_bytes;
    return 0;
#endif
}
