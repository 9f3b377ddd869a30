/* SPDX-License-Identifier: MIT */
/* pp-error.h: the model's GError domain.
 *
 * Library code reports failures as a GError in PP_MODEL_ERROR and never
 * prints.  Input errors (a file that cannot be read, fails the schema, or
 * holds a value that cannot be parsed) carry "file:line: " at the start of
 * their message and, where one helps, a hint after " (hint: ...)".  The CLI
 * maps every input error to exit code 2.
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

G_END_DECLS
