/* SPDX-License-Identifier: MIT */
/* pp-import.h: scenarios from what users already have.
 *
 * The importers read, detected by content (never by file name):
 *  - `terraform show -json PLANFILE` (format_version 1.x),
 *  - `terraform show -json` of a state (format_version 1.x),
 *  - a raw `terraform.tfstate` (version 4),
 *  - API answers as the `aliyun` CLI prints them (DescribeVpcs,
 *    DescribeVSwitches, DescribeRouteTableList, DescribeRouteEntryList,
 *    DescribeRouterInterfaces, DescribeInstances, ListVpcPeerConnections),
 *    with or without --pager, one per file or several concatenated;
 * and turn them into one PpScenario (docs/terraform.md, docs/import.md).
 *
 * Nothing here prints.  Errors are PP_IMPORT_ERROR with a message
 * "FILE: JSON.PATH: what is wrong (what to do)".  What the importer could
 * not know for sure (an owner it had to give a placeholder uid, resources it
 * does not model) travels as info findings in the scenario's `notes`.
 *
 * Objects keep their cloud id when the input gives one; otherwise (a plan,
 * before apply) an id made from the Terraform address.  Imported Terraform
 * objects carry their address as `origin`.
 */
#pragma once

#include <glib.h>
#include "model/pp-scenario.h"

G_BEGIN_DECLS

#define PP_IMPORT_ERROR (pp_import_error_quark ())
GQuark pp_import_error_quark (void);

typedef enum {
  PP_IMPORT_ERROR_FAILED,       /* catch-all */
  PP_IMPORT_ERROR_IO,           /* the file cannot be read */
  PP_IMPORT_ERROR_PARSE,        /* not JSON, or truncated */
  PP_IMPORT_ERROR_FORMAT,       /* JSON, but none of the formats above */
  PP_IMPORT_ERROR_VERSION,      /* a format_version / version we do not know */
  PP_IMPORT_ERROR_VALUE,        /* a value that does not parse (CIDR, IP) */
  PP_IMPORT_ERROR_REFERENCE,    /* a reference to something not in the input */
  PP_IMPORT_ERROR_DUPLICATE,    /* two resources claim one id */
  PP_IMPORT_ERROR_OPTION,       /* a bad --account / --region */
} PpImportError;

typedef enum {
  PP_IMPORT_FORMAT_NONE,        /* not JSON: a scenario XML, presumably */
  PP_IMPORT_FORMAT_JSON,        /* JSON of some importable kind */
} PpImportFormat;

typedef struct _PpImporter PpImporter;

PpImporter *pp_importer_new (void);
void        pp_importer_free (PpImporter *imp);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpImporter, pp_importer_free)

/* --account NAME=UID: the account of provider alias NAME ("default" for the
 * provider without alias), or the name to give the account with uid UID.
 * --region NAME=REGION: the region of provider alias NAME. */
gboolean    pp_importer_set_account (PpImporter *imp, const char *assignment, GError **error);
gboolean    pp_importer_set_region (PpImporter *imp, const char *assignment, GError **error);

/* Reads one input; @name is what messages call it. */
gboolean    pp_importer_add_file (PpImporter *imp, const char *file, GError **error);
gboolean    pp_importer_add_bytes (PpImporter *imp, GBytes *bytes, const char *name, GError **error);
/* Reads the regular file behind @fd (mapped; @fd stays open). */
gboolean    pp_importer_add_fd (PpImporter *imp, int fd, const char *name, GError **error);

/* Resolves every reference and builds the scenario (transfer full). */
PpScenario *pp_importer_finish (PpImporter *imp, GError **error);

/* PP_IMPORT_FORMAT_JSON when @data (the start of an input) begins, after
 * white space and a byte order mark, with '{' or '['. */
PpImportFormat pp_import_detect (const char *data, gsize len);

G_END_DECLS
