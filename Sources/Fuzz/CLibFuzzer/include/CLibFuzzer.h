// libFuzzer's entry point for a program with its own main (LLVM >= 12, compiler-rt's FuzzerInterface.h):
// runs the fuzzer with libFuzzer's command line, calling `callback` with every input.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
