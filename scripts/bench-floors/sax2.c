/* The floor for SDMX-ML reading: libxml2's SAX2 push parser touching every attribute value. */
#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>

static long elements, observations, bytes;

static void start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri, int nns, const xmlChar **ns,
                  int natts, int ndef, const xmlChar **atts) {
    elements++;
    if (strcmp((const char *)name, "Obs") == 0) observations++;
    for (int i = 0; i < natts; i++) bytes += atts[i * 5 + 4] - atts[i * 5 + 3];
}

int main(int argc, char **argv) {
    if (argc < 2) return 2;
    FILE *file = fopen(argv[1], "rb");
    if (!file) return 2;
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = start;
    xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, argv[1]);
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET);
    static char buffer[256 * 1024];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, file)) > 0) xmlParseChunk(ctxt, buffer, (int)n, 0);
    xmlParseChunk(ctxt, NULL, 0, 1);
    printf("%ld observations, %ld elements, %ld attribute bytes\n", observations, elements, bytes);
    xmlFreeParserCtxt(ctxt);
    fclose(file);
    return 0;
}
