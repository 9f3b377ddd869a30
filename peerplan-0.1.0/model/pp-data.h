/* SPDX-License-Identifier: MIT */
/* pp-data.h: peerplan's data files (schemas, catalogs, the bundled examples).
 *
 * They are compiled into the program (GResource), so an installed or moved
 * binary always finds them.  $PEERPLAN_DATA_DIR, when set, is looked at
 * first, so a user can point peerplan at edited catalogs.  Names are paths
 * relative to data/: "schema/scenario.rng", "regions.xml",
 * "examples/article.xml".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* (transfer full) the bytes of data file @name. */
GBytes *pp_data_get (const char *name, GError **error);
/* A name for messages: the file it was read from, or "peerplan:NAME". */
char   *pp_data_describe (const char *name);

G_END_DECLS
