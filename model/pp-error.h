/* SPDX-License-Identifier: MIT */
/* pp-error.h: the model's GError domain.
 *
 * Library code reports failures as a GError in PP_MODEL_ERROR and never
 * prints.  Input errors (a file that cannot be read, fails the schema, or
 * holds a value that cannot be parsed) carry "file:line: " at the start of
 * their message and, where one helps, a hint after " (hint: ...)".  The CLI
 * maps every input error to exit code 2.
 *
 * Input errors, in every layer: each error domain declares once, where its
 * quark is defined (PP_DEFINE_ERROR_QUARK), which of its codes mean bad
 * input (a file, value, option or directory the user can fix);
 * pp_error_is_input() answers for any GError, so that the CLI maps exit
 * codes in one place.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PP_MODEL_ERROR (pp_model_error_quark ())
GQuark pp_model_error_quark (void);

typedef enum {
  PP_MODEL_ERROR_FAILED,          /* catch-all */
  PP_MODEL_ERROR_IO,              /* cannot read or write a file */
  PP_MODEL_ERROR_XML_PARSE,       /* not well-formed, or refused by a limit */
  PP_MODEL_ERROR_SCHEMA_INVALID,  /* RelaxNG validation failed */
  PP_MODEL_ERROR_INVALID_VALUE,   /* a CIDR, IP, number or date does not parse */
  PP_MODEL_ERROR_DUPLICATE_ID,    /* two objects of one kind share an id */
  PP_MODEL_ERROR_UNKNOWN_REFERENCE, /* an id, region or zone that does not exist */
  PP_MODEL_ERROR_LIMIT,           /* a size limit was exceeded */
} PpModelError;

/**
 * pp_error_domain_register:
 * @domain: an error domain
 * @input_codes: (array length=n_input): the codes of @domain that are input errors
 * @n_input: their number
 *
 * Declares which codes of @domain are input errors.  Called by
 * PP_DEFINE_ERROR_QUARK the first time a domain's quark is asked for, so
 * that every domain an error can carry is known; registering a domain again
 * is harmless.  Codes are below 64.
 */
void     pp_error_domain_register (GQuark domain, const gint *input_codes, gsize n_input);

/**
 * pp_error_is_input:
 * @error: (nullable): an error of any domain
 *
 * Returns: %TRUE if @error is an input error (exit code 2 at the CLI): a
 * code its domain declared as input, a #G_OPTION_ERROR, or a #G_FILE_ERROR
 * naming a file that is missing, a directory, or not allowed; %FALSE for
 * %NULL, an unregistered domain, or any other code (an internal failure,
 * or a disk that failed to take the output).
 */
gboolean pp_error_is_input (const GError *error);

/**
 * PP_DEFINE_ERROR_QUARK:
 * @QN: the quark's string, as for G_DEFINE_QUARK
 * @q_n: the function's prefix, as for G_DEFINE_QUARK
 * @...: the domain's input codes (at least one)
 *
 * Defines q_n_quark() like G_DEFINE_QUARK, and registers the domain's input
 * codes with pp_error_domain_register() when the quark is first made.
 */
#define PP_DEFINE_ERROR_QUARK(QN, q_n, ...)                                     \
  GQuark                                                                        \
  q_n##_quark (void)                                                            \
  {                                                                             \
    static GQuark q;                                                            \
                                                                                \
    if (G_UNLIKELY (q == 0))                                                    \
      {                                                                         \
        static const gint input[] = { __VA_ARGS__ };                            \
        GQuark made = g_quark_from_static_string (#QN);                         \
                                                                                \
        pp_error_domain_register (made, input, G_N_ELEMENTS (input));           \
        q = made;                                                               \
      }                                                                         \
    return q;                                                                   \
  }

G_END_DECLS
