/* SPDX-License-Identifier: MIT */
/* fuzz-common.c: helpers of the fuzz targets (fuzz.h). */
#include "tests/fuzz/fuzz.h"

void
pp_fuzz_init (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_setenv ("LC_ALL", "C", TRUE);
}

