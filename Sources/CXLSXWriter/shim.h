#ifndef IDAC_CXLSXWRITER_SHIM_H
#define IDAC_CXLSXWRITER_SHIM_H

#include <xlsxwriter.h>

#endif
