/* SPDX-License-Identifier: MIT */
/* pp-number.h: whole numbers from text, one way everywhere.
 *
 * Every count, period, bandwidth, seed or limit that peerplan reads from a
 * file, an option or a request goes through pp_parse_uint(): decimal digits
 * only (no sign, no space, no "0x"), within the caller's range, or an error
 * that says which.  Nothing is clamped or defaulted silently.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * pp_parse_uint:
 * @text: (nullable): the text to read
 * @min: the smallest value allowed
 * @max: the largest value allowed
 * @out: (out): the value; set only on success
 * @error: PP_MODEL_ERROR_INVALID_VALUE, with a message that quotes @text
 *   and says what is wrong ("'1x' is not a whole number",
 *   "'40' is out of range: 1-36"); the caller adds file:line and the
 *   attribute or option.
 *
 * Returns: %TRUE if @text is a decimal number within [@min, @max].
 */
gboolean pp_parse_uint (const char *text, guint64 min, guint64 max, guint64 *out, GError **error);

G_END_DECLS
