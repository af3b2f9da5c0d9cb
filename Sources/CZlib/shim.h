#ifndef IDAC_CZLIB_SHIM_H
#define IDAC_CZLIB_SHIM_H
#include <zlib.h>

/// `inflateInit2` is a macro; Swift needs a function.
static inline int idac_inflateInit2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}
/// `deflateInit2` is a macro too: gzip output for the web service's answers.
static inline int idac_deflateInit2(z_streamp stream, int level, int windowBits) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
}
#endif
