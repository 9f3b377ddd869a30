/* SPDX-License-Identifier: MIT */
/* pp-regions.c: the region catalog. */
#include "model/pp-regions.h"
#include "model/pp-data.h"
#include "model/pp-error.h"
#include "model/pp-suggest.h"
#include "model/pp-xml.h"

#include <string.h>

struct _PpRegions {
  GStringChunk *strings;
  GArray *regions;              /* PpRegion */
  GPtrArray *zone_lists;        /* char ** owned, freed with g_free */
  GHashTable *by_id;            /* id -> index + 1 */
};

static const struct {
  const char *id;
  const char *label;
} areas[] = {
  [PP_AREA_MAINLAND_CHINA] = { "mainland-china", "Mainland China" },
  [PP_AREA_ASIA_PACIFIC] = { "asia-pacific", "Asia Pacific" },
  [PP_AREA_EUROPE] = { "europe", "Europe" },
  [PP_AREA_NORTH_AMERICA] = { "north-america", "North America" },
  [PP_AREA_SOUTH_AMERICA] = { "south-america", "South America" },
  [PP_AREA_MIDDLE_EAST] = { "middle-east", "Middle East" },
};
G_STATIC_ASSERT (G_N_ELEMENTS (areas) == PP_AREA_LAST);

const char *
pp_area_to_string (PpArea area)
{
  g_return_val_if_fail (area < PP_AREA_LAST, NULL);
  return areas[area].id;
}

const char *
pp_area_to_label (PpArea area)
{
  g_return_val_if_fail (area < PP_AREA_LAST, NULL);
  return areas[area].label;
}

gboolean
pp_area_from_string (const char *s, PpArea *out)
{
  for (guint i = 0; i < PP_AREA_LAST; i++)
    if (g_strcmp0 (s, areas[i].id) == 0)
      {
        *out = (PpArea) i;
        return TRUE;
      }
  return FALSE;
}

void
pp_regions_free (PpRegions *regions)
{
  if (regions == NULL)
    return;
  g_string_chunk_free (regions->strings);
  g_array_unref (regions->regions);
  g_ptr_array_unref (regions->zone_lists);
  g_hash_table_unref (regions->by_id);
  g_free (regions);
}

PpRegions *
pp_regions_load_bytes (GBytes *xml, const char *name, GError **error)
{
  g_autoptr(xmlDoc) doc = pp_xml_parse (xml, name, "regions.rng", error);
  g_autoptr(PpRegions) regions = NULL;
  xmlNodePtr root;

  if (doc == NULL)
    return NULL;

  regions = g_new0 (PpRegions, 1);
  regions->strings = g_string_chunk_new (4096);
  regions->regions = g_array_new (FALSE, TRUE, sizeof (PpRegion));
  regions->zone_lists = g_ptr_array_new_with_free_func (g_free);
  regions->by_id = g_hash_table_new (g_str_hash, g_str_equal);

  root = xmlDocGetRootElement (doc);
  for (xmlNodePtr n = root->children; n != NULL; n = n->next)
    {
      PpRegion r = { 0 };
      g_autoptr(GPtrArray) zones = NULL;

      if (n->type != XML_ELEMENT_NODE || strcmp ((const char *) n->name, "region") != 0)
        continue;
      r.id = g_string_chunk_insert_const (regions->strings, pp_xml_prop (n, "id"));
      r.name = g_string_chunk_insert_const (regions->strings, pp_xml_prop (n, "name"));
      r.source = g_string_chunk_insert_const (regions->strings, pp_xml_prop (n, "source"));
      r.mainland = g_strcmp0 (pp_xml_prop (n, "mainland"), "yes") == 0;
      r.name_confirmed = g_strcmp0 (pp_xml_prop (n, "name-confirmed"), "no") != 0;
      if (!pp_area_from_string (pp_xml_prop (n, "area"), &r.area))
        {
          g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                       "%s:%u: unknown area '%s'", name, (guint) xmlGetLineNo (n),
                       pp_xml_prop (n, "area"));
          return NULL;
        }
      for (xmlNodePtr z = n->children; z != NULL; z = z->next)
        if (z->type == XML_ELEMENT_NODE)
          {
            if (zones == NULL)
              zones = g_ptr_array_new ();
            g_ptr_array_add (zones, (gpointer) g_string_chunk_insert_const (regions->strings,
                                                                           pp_xml_prop (z, "id")));
          }
      if (zones != NULL)
        {
          g_ptr_array_add (zones, NULL);
          r.zones = (const char * const *) g_ptr_array_steal (zones, NULL);
          g_ptr_array_add (regions->zone_lists, (gpointer) r.zones);
        }
      if (g_hash_table_contains (regions->by_id, r.id))
        {
          g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_DUPLICATE_ID,
                       "%s:%u: region '%s' is listed twice", name,
                       (guint) xmlGetLineNo (n), r.id);
          return NULL;
        }
      g_array_append_val (regions->regions, r);
      g_hash_table_insert (regions->by_id, (gpointer) r.id,
                           GUINT_TO_POINTER (regions->regions->len));
    }
  return g_steal_pointer (&regions);
}

PpRegions *
pp_regions_load (const char *file, GError **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GBytes) bytes = NULL;

  if (!g_file_get_contents (file, &contents, &len, error))
    return NULL;
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  return pp_regions_load_bytes (bytes, file, error);
}

const PpRegions *
pp_regions_default (GError **error)
{
  static PpRegions *def;
  static gsize done;

  if (g_once_init_enter (&done))
    {
      g_autoptr(GBytes) bytes = pp_data_get ("regions.xml", error);
      g_autofree char *name = pp_data_describe ("regions.xml");

      if (bytes != NULL)
        def = pp_regions_load_bytes (bytes, name, error);
      g_once_init_leave (&done, 1);
      return def;
    }
  if (def == NULL)
    g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_FAILED,
                 "the region catalog failed to load");
  return def;
}

const PpRegion *
pp_regions_lookup (const PpRegions *regions, const char *id)
{
  guint i = GPOINTER_TO_UINT (g_hash_table_lookup (regions->by_id, id));

  return i == 0 ? NULL : &g_array_index (regions->regions, PpRegion, i - 1);
}

guint
pp_regions_count (const PpRegions *regions)
{
  return regions->regions->len;
}

const PpRegion *
pp_regions_nth (const PpRegions *regions, guint i)
{
  g_return_val_if_fail (i < regions->regions->len, NULL);
  return &g_array_index (regions->regions, PpRegion, i);
}

gboolean
pp_region_has_zone (const PpRegion *region, const char *zone)
{
  gsize n = strlen (region->id);

  if (region->zones != NULL)
    return g_strv_contains ((const char * const *) region->zones, zone);
  if (strncmp (zone, region->id, n) != 0)
    return FALSE;
  zone += n;
  if (*zone == '-')             /* cn-hangzhou-h */
    zone++;
  return g_ascii_islower (zone[0]) && zone[1] == '\0';   /* ap-northeast-1a */
}

/**
 * pp_regions_nearest:
 * @regions: the catalog
 * @id: a region id that is not in it
 *
 * The region ids closest to @id by edit distance, for "did you mean":
 * every id at the smallest distance, in catalog order, provided that
 * distance is at most MAX (1, strlen (@id) / 4) (further than that, a
 * suggestion is a guess: mars-north-1 gets none).
 *
 * Returns: (transfer full): "ap-northeast-1 or ap-northeast-2", or NULL
 * when no id is close.
 */
char *
pp_regions_nearest (const PpRegions *regions, const char *id)
{
  g_autoptr(GPtrArray) best = g_ptr_array_new ();
  guint best_d = G_MAXUINT;
  g_autoptr(GString) out = NULL;

  for (guint i = 0; i < regions->regions->len; i++)
    {
      const PpRegion *r = &g_array_index (regions->regions, PpRegion, i);
      guint d = pp_edit_distance (id, r->id);

      if (d < best_d)
        {
          best_d = d;
          g_ptr_array_set_size (best, 0);
        }
      if (d == best_d)
        g_ptr_array_add (best, (gpointer) r->id);
    }
  if (best->len == 0 || best_d > MAX (1, strlen (id) / 4))
    return NULL;
  out = g_string_new (NULL);
  for (guint i = 0; i < best->len; i++)
    {
      if (i > 0)
        g_string_append (out, i + 1 == best->len ? " or " : ", ");
      g_string_append (out, g_ptr_array_index (best, i));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * pp_region_describe_zones:
 * @region: a region
 *
 * What a message says about the zones of @region: with a list,
 * "its zones are ap-southeast-1a, ap-southeast-1b"; without one, that
 * peerplan cannot check them and the form zones are written in
 * ("cn-nanjing-a" in the Chinese mainland and Hong Kong, "ap-south-1a"
 * elsewhere, as every listed region writes them).
 *
 * Returns: (transfer full): the text, without a final full stop.
 */
char *
pp_region_describe_zones (const PpRegion *region)
{
  g_autofree char *list = NULL;

  if (region->zones != NULL)
    {
      list = g_strjoinv (", ", (char **) region->zones);
      return g_strdup_printf ("its zones are %s", list);
    }
  return g_strdup_printf ("peerplan has no zone list for %s, so it checks only the form of its zones, written %s%sa",
                          region->id, region->id,
                          g_str_has_prefix (region->id, "cn-") ? "-" : "");
}

gboolean
pp_regions_cross_border (const PpRegion *a, const PpRegion *b)
{
  return a->mainland != b->mainland;
}
