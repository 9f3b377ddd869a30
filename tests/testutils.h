/* SPDX-License-Identifier: MIT */
/* testutils.h: helpers shared by the Check suites.
 *
 * Fixtures are read from $PP_TOP_SRCDIR (set by make check); tests write
 * only under $PP_TOP_BUILDDIR or a temporary directory.  Golden files are
 * compared byte for byte; with PP_TEST_REGENERATE=1 the expected file is
 * rewritten instead, for review with git diff.
 */
#pragma once

#include <check.h>
#include <glib.h>

/* (transfer full) $PP_TOP_SRCDIR/@rel. */
char    *pp_test_srcpath (const char *rel);
/* (transfer full) the contents of $PP_TOP_SRCDIR/@rel; fails the test if unreadable. */
char    *pp_test_read (const char *rel);
/* Compares @actual with the golden file $PP_TOP_SRCDIR/@rel (or rewrites it). */
gboolean pp_test_golden (const char *rel, const char *actual);
/* Removes @path and everything below it (symbolic links, not their targets). */
void     pp_test_rm_rf (const char *path);
/* Runs @suite, returns the process exit status for automake. */
int      pp_test_run (Suite *suite);
