/* SPDX-License-Identifier: MIT */
/* pp-regions.h: the region catalog (data/regions.xml).
 *
 * The catalog is loaded once and is immutable; PpRegion pointers are
 * borrowed from it and valid while it lives.  The default catalog is
 * process-wide (pp_regions_default) and lives until exit.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  PP_AREA_MAINLAND_CHINA,
  PP_AREA_ASIA_PACIFIC,
  PP_AREA_EUROPE,
  PP_AREA_NORTH_AMERICA,
  PP_AREA_SOUTH_AMERICA,
  PP_AREA_MIDDLE_EAST,
  PP_AREA_LAST
} PpArea;

typedef struct {
  const char *id;             /* "ap-northeast-1" */
  const char *name;           /* "Japan (Tokyo)" */
  PpArea area;
  gboolean mainland;          /* in mainland China (Hong Kong is not) */
  gboolean name_confirmed;    /* FALSE where the source marks it inferred */
  const char *source;
  const char * const *zones;  /* NULL-terminated; NULL = any <id>-<letter> */
} PpRegion;

typedef struct _PpRegions PpRegions;

PpRegions      *pp_regions_load (const char *file, GError **error);
PpRegions      *pp_regions_load_bytes (GBytes *xml, const char *name, GError **error);
void            pp_regions_free (PpRegions *regions);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpRegions, pp_regions_free)

/* The catalog shipped with peerplan (embedded, or $PEERPLAN_DATA_DIR).
 * Returns NULL and sets @error only if that catalog is broken. */
const PpRegions *pp_regions_default (GError **error);

const PpRegion *pp_regions_lookup (const PpRegions *regions, const char *id);
guint           pp_regions_count (const PpRegions *regions);
const PpRegion *pp_regions_nth (const PpRegions *regions, guint i);
/* TRUE if @zone is a zone of @region: listed, or, when the catalog lists
 * none, <region><letter> (ap-northeast-1a) or <region>-<letter>
 * (cn-hangzhou-h), the two forms the real zone ids take. */
gboolean        pp_region_has_zone (const PpRegion *region, const char *zone);

/* "ap-northeast-1 or ap-northeast-2" for an unknown id, or NULL. */
char           *pp_regions_nearest (const PpRegions *regions, const char *id);
/* "its zones are ..." or why they are not checked, for messages. */
char           *pp_region_describe_zones (const PpRegion *region);

const char     *pp_area_to_string (PpArea area);      /* "asia-pacific" */
const char     *pp_area_to_label (PpArea area);       /* "Asia Pacific" */
gboolean        pp_area_from_string (const char *s, PpArea *out);

/* Cross-border in the compliance sense: exactly one end in mainland China. */
gboolean        pp_regions_cross_border (const PpRegion *a, const PpRegion *b);

G_END_DECLS
