#ifndef IDAC_CMALLOC_SHIM_H
#define IDAC_CMALLOC_SHIM_H
// glibc's allocator settings, which Swift's Glibc module does not bring in. Declared here rather
// than through <malloc.h>, whose module would clash with Foundation's.
#if defined(__linux__)
int mallopt(int parameter, int value);

/// Buffers above `bytes` come from mmap and go back to the system when freed
/// (glibc's M_MMAP_THRESHOLD, -3), instead of the threshold rising as large buffers are freed.
static inline int idac_set_mmap_threshold(int bytes) {
    return mallopt(-3, bytes);
}
#endif
#endif
