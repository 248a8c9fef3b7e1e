// Only the header matters: the symbol comes from the libFuzzer runtime that `-sanitize=fuzzer` links.
#include "CLibFuzzer.h"
