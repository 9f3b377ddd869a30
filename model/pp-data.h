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
/* A name for messages: the file it was read from, or "peerplan:data/NAME"
 * for the copy compiled into the program. */
char   *pp_data_describe (const char *name);
/* TRUE if @described (a pp_data_describe() result) names a compiled-in
 * copy.  Those bytes are the files of data/, which tests/schema.sh
 * validates against their schemas in every `make check`, so readers may
 * skip validating them again at each start. */
gboolean pp_data_is_builtin (const char *described);

G_END_DECLS
