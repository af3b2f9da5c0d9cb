/* The xmlTextReader floor: every element's attributes read through the reader interface. */
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc < 2) return 2;
    xmlTextReaderPtr reader = xmlReaderForFile(argv[1], NULL, XML_PARSE_NONET);
    if (!reader) return 2;
    long observations = 0, bytes = 0;
    while (xmlTextReaderRead(reader) == 1) {
        if (xmlTextReaderNodeType(reader) != XML_READER_TYPE_ELEMENT) continue;
        const xmlChar *name = xmlTextReaderConstLocalName(reader);
        if (name && strcmp((const char *)name, "Obs") == 0) observations++;
        while (xmlTextReaderMoveToNextAttribute(reader) == 1) {
            const xmlChar *value = xmlTextReaderConstValue(reader);
            if (value) bytes += strlen((const char *)value);
        }
    }
    printf("%ld observations, %ld attribute bytes\n", observations, bytes);
    xmlFreeTextReader(reader);
    return 0;
}
