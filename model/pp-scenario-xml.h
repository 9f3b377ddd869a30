/* SPDX-License-Identifier: MIT */
/* pp-scenario-xml.h: reading and writing scenario files.
 *
 * Reading streams the file with libxml2's SAX2 parser and checks it with
 * the checker generated from data/schema/scenario.rng (model/pp-rng.h) on
 * the stream, so no DOM of a large file is ever held.  Intake is hardened: no network, no DTD (a DOCTYPE is
 * refused), no entity expansion, and limits on file size, depth and
 * attribute length.  The document is read once, by one parser whose
 * events go to the checker and then to the builder.  Every error is PP_MODEL_ERROR with
 * a message that starts "file:line: ".
 *
 * Writing emits canonical XML: fixed element and attribute order, two-space
 * indentation, defaults omitted, so read -> write -> read gives the same
 * model and write -> read -> write the same bytes.
 */
#pragma once

#include "model/pp-scenario.h"
#include "model/pp-progress.h"

G_BEGIN_DECLS

/* Where a schema message sends the reader: the man page once installed,
 * the Markdown page in a source checkout (where man finds no page). */
#define PP_SCENARIO_FORMAT_HINT \
  "the scenario format is described in peerplan-scenario(5) and, in the source, docs/scenario.md"

typedef struct {
  guint64 max_file_size;      /* bytes; 0 = default (2 GiB) */
  guint   max_depth;          /* 0 = default (64) */
  guint   max_attr_len;       /* bytes; 0 = default (4096) */
  const PpRegions *regions;   /* NULL = pp_regions_default() */
  /* Called every few hundred thousand elements of a large input (phase
   * "reading", done/total in bytes) and once at the end; NULL = none. */
  PpProgressFunc progress;
  gpointer progress_data;
} PpLoadOptions;

/* What messages call standard input. */
#define PP_SCENARIO_STDIN_NAME "<stdin>"

/* Reads @file once: opened once, then as pp_scenario_load_fd().  "-" is
 * standard input (messages say "<stdin>:LINE: ..."). */
PpScenario *pp_scenario_load_file (const char *file, const PpLoadOptions *opts, GError **error);
/* Reads the document behind @fd, from its current offset, and validates
 * and builds the model from it: a regular file is checked for size, then
 * read through @fd alone by both the validator and the builder (never
 * opened again by name, so a file replaced meanwhile cannot be validated
 * as one document and built from another); a pipe or terminal is read to
 * its end once, into memory, within the same size limit.  @fd stays open.
 * @name is what messages call the input. */
PpScenario *pp_scenario_load_fd (int fd, const char *name, const PpLoadOptions *opts, GError **error);
/* @name is what messages call the input ("<builtin>:12: ..."). */
PpScenario *pp_scenario_load_bytes (GBytes *xml, const char *name, const PpLoadOptions *opts, GError **error);

/* -1 when @s is an id ([A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}), else the
 * index of the byte that breaks the syntax (128: too long). */
int         pp_scenario_id_syntax_error (const char *s);

/* (transfer full) the canonical XML of @sc. */
char       *pp_scenario_to_xml (const PpScenario *sc);
gboolean    pp_scenario_save (const PpScenario *sc, const char *file, GError **error);

G_END_DECLS
