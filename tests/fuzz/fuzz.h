/* SPDX-License-Identifier: MIT */
/* fuzz.h: what the fuzz targets of tests/fuzz/ share.
 *
 * Each target defines LLVMFuzzerInitialize() (calling pp_fuzz_init()) and
 * LLVMFuzzerTestOneInput(); it is linked either with libFuzzer
 * (./configure --enable-fuzzing, `make fuzz`) or with replay.c, the driver
 * that `make check` runs over the target's corpus.  A target states what
 * must hold with PP_FUZZ_CHECK: a broken property aborts, which libFuzzer
 * reports as a crash and saves the input.
 */
#pragma once

#include <glib.h>
#include "model/pp-finding.h"
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

#define PP_FUZZ_CHECK(cond) \
  G_STMT_START { \
    if (G_UNLIKELY (!(cond))) \
      { \
        fprintf (stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #cond); \
        abort (); \
      } \
  } G_STMT_END

/* Makes every GLib warning and critical fatal (a critical is a bug that a
 * user's input reached) and keeps the logs quiet otherwise. */
void  pp_fuzz_init (void);

/* Appends "RULE SEVERITY" a line for each finding of @findings to @out,
 * checking that each has a rule, a message and a file. */
void  pp_fuzz_findings_lines (const PpFindings *findings, GString *out);

/* @text's lines sorted: findings sorted by file:line keep their order only
 * where the lines keep theirs (a writer may move an element). */
char *pp_fuzz_sorted_lines (const char *text);
