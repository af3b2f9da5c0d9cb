#ifndef IDAC_CLIBXML2_SHIM_H
#define IDAC_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU, so its encoding.h includes the system's ICU headers, whose UErrorCode
 * clashes with the one of Foundation's own ICU in every Swift module that sees both (a build failure that
 * comes and goes with the order clang builds its modules in). idac uses none of libxml2's ICU types: leave
 * them out. The only declaration this changes is xmlCharEncodingHandler's last fields, a struct idac only
 * ever holds by pointer. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

/// `xmlFree` is a global function pointer, which Swift 6 refuses to call as it is not concurrency-safe.
static inline void idac_xmlFree(void *pointer) { xmlFree(pointer); }

/// The parser's current input: line, column and the bytes around the parse position.
static inline const xmlChar *idac_inputBase(xmlParserCtxtPtr ctxt) {
    return (ctxt != NULL && ctxt->input != NULL) ? ctxt->input->base : NULL;
}
static inline const xmlChar *idac_inputCurrent(xmlParserCtxtPtr ctxt) {
    return (ctxt != NULL && ctxt->input != NULL) ? ctxt->input->cur : NULL;
}
static inline const xmlChar *idac_inputEnd(xmlParserCtxtPtr ctxt) {
    return (ctxt != NULL && ctxt->input != NULL) ? ctxt->input->end : NULL;
}
static inline int idac_inputLine(xmlParserCtxtPtr ctxt) {
    return (ctxt != NULL && ctxt->input != NULL) ? ctxt->input->line : 0;
}
static inline int idac_inputColumn(xmlParserCtxtPtr ctxt) {
    return (ctxt != NULL && ctxt->input != NULL) ? ctxt->input->col : 0;
}

#endif
