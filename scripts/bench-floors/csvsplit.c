/* The floor for SDMX-CSV reading: split the file into records and fields, quotes honoured. */
#include <stdio.h>

int main(int argc, char **argv) {
    if (argc < 2) return 2;
    FILE *file = fopen(argv[1], "rb");
    if (!file) return 2;
    static unsigned char buffer[256 * 1024];
    long records = 0, fields = 0, fieldBytes = 0;
    int quoted = 0;
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, file)) > 0) {
        for (size_t i = 0; i < n; i++) {
            unsigned char c = buffer[i];
            if (c == '"') { quoted = !quoted; continue; }
            if (quoted) { fieldBytes++; continue; }
            if (c == ',') fields++;
            else if (c == '\n') { fields++; records++; }
            else fieldBytes++;
        }
    }
    printf("%ld records (with the header), %ld fields, %ld bytes\n", records, fields, fieldBytes);
    fclose(file);
    return 0;
}
