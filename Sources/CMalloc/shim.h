// glibc's heap statistics (mallinfo2), for leadstream-benchmarks' memory figures only.
#include <malloc.h>
