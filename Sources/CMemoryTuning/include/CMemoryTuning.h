#ifndef CMEMORYTUNING_H
#define CMEMORYTUNING_H

/// Asks the C allocator to keep freed blocks up to these sizes instead of handing them back to
/// the system at once (glibc's mallopt; does nothing elsewhere). Returns 1 when both took.
int cdna_keep_freed_memory(int mmap_threshold_bytes, int trim_threshold_bytes);

#endif
