// SPDX-License-Identifier: GPL-3.0-or-later
/* Every fuzz target defines LLVMFuzzerTestOneInput. Built with clang's
 * libFuzzer (configure --enable-fuzzing, `make fuzz`) it is fuzzed; in the
 * ordinary build replay.c's main feeds it the seed corpus, so `make check`
 * runs every seed under the sanitizers. A target may define
 * fuzz_target_cleanup() to free what it kept between inputs. */
#ifndef FD_TESTS_FUZZ_H
#define FD_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
void fuzz_target_cleanup(void);

#endif
