/* SPDX-License-Identifier: MIT */
/* pp-import-build.c: records -> scenario.
 *
 * DOC: one builder for every input.  It indexes the records by cloud id,
 * decides each VPC's owner and region, then builds VPCs (grouped by
 * account), their vSwitches and instances, the connections (a VPC peering
 * from its requester resource; a router-interface pair from its two
 * interfaces, paired through the connection resources, the opposite
 * interface id, or the opposite router), and the route entries.  What it
 * had to assume or leave out is said in info findings (import-*).
 */
#include "import/pp-import-private.h"
#include "model/pp-scenario-xml.h"
#include "model/pp-regions.h"

#include <string.h>

#define IS(rec, t) (g_str_equal ((rec)->type, (t)))

typedef struct {
  PpImporter *imp;
  PpScenario *sc;
  const PpRegions *regions;
  GHashTable *vpc_owner;        /* VPC PpRec * -> uid (derived from peers) */
  GHashTable *account_of_uid;   /* uid -> account index + 1 */
  GHashTable *placeholder;      /* provider alias -> account index + 1 */
  GHashTable *conn_of;          /* peer / RI PpRec * -> connection index + 1 */
  GHashTable *account_data;     /* alias -> uid of a data "alicloud_account" */
  GPtrArray *unknown_owner;     /* aliases given a placeholder, in order */
  guint placeholders;
  guint skipped_instances;
  guint custom_tables;
  const char *first_file;
  GError **error;
} Build;

static gboolean
is_vpc_peer_type (const PpRec *r)
{
  return IS (r, "alicloud_vpc_peer_connection");
}

static gboolean
is_ri_type (const PpRec *r)
{
  return IS (r, "alicloud_router_interface") || IS (r, "alicloud_express_connect_router_interface");
}

static const char *const modelled[] = {
  "alicloud_vpc", "alicloud_vswitch", "alicloud_instance", "alicloud_route_table",
  "alicloud_route_table_attachment", "alicloud_route_entry", "alicloud_vpc_route_entry",
  "alicloud_vpc_peer_connection", "alicloud_vpc_peer_connection_accepter",
  "alicloud_express_connect_router_interface", "alicloud_router_interface",
  "alicloud_router_interface_connection", NULL
};

static gboolean
is_modelled (const PpRec *r)
{
  if (r->data)
    return IS (r, "alicloud_account");
  return g_strv_contains (modelled, r->type);
}

/* Text made into an id of at most @max characters: it starts at the first
 * letter or digit, "[k]" becomes ".k", quotes go, and any other character
 * an id may not hold becomes '_' ("unknown" when nothing is left). */
static char *
id_from_text (const char *text, gsize max)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text != NULL ? text : "unknown"; *p != '\0' && s->len < max; p++)
    {
      if (*p == '"' || (s->len == 0 && !g_ascii_isalnum (*p)))
        continue;
      if (*p == '[')
        g_string_append_c (s, '.');
      else if (*p == ']')
        continue;
      else if (g_ascii_isalnum (*p) || strchr ("._:@/-", *p) != NULL)
        g_string_append_c (s, *p);
      else
        g_string_append_c (s, '_');
    }
  if (s->len == 0)
    g_string_append (s, "unknown");
  return g_string_free (s, FALSE);
}

/* The id an object gets: its cloud id, or one made from its address
 * ("module.net.alicloud_vpc.spoke[0]" -> "module.net.alicloud_vpc.spoke.0"). */
static const char *
object_id (Build *b, const PpRec *r)
{
  const char *id = pp_rec_str (r, "id");
  g_autofree char *made = NULL;

  if (id != NULL && *id != '\0' && !pp_rec_unknown (r, "id"))
    return pp_scenario_intern (b->sc, id);
  made = id_from_text (r->address, 128);
  return pp_scenario_intern (b->sc, made);
}

/* The longest origin the format allows, in characters (scenario.rng's
 * "name": maxLength). */
#define ORIGIN_MAX 256

/* The origin an object records: its address, cut to ORIGIN_MAX characters
 * (an address that long ends in "..."). */
static const char *
origin_of (PpScenario *sc, const char *address)
{
  g_autofree char *head = NULL;
  g_autofree char *cut = NULL;

  if (address == NULL || g_utf8_strlen (address, -1) <= ORIGIN_MAX)
    return pp_scenario_intern (sc, address);
  head = g_utf8_substring (address, 0, ORIGIN_MAX - 3);
  cut = g_strconcat (head, "...", NULL);
  return pp_scenario_intern (sc, cut);
}

static gboolean
fail_rec (Build *b, const PpRec *r, const char *attr, PpImportError code, const char *format, ...) G_GNUC_PRINTF (5, 6);

static gboolean
fail_rec (Build *b, const PpRec *r, const char *attr, PpImportError code, const char *format, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;
  g_autofree char *path = attr != NULL ? g_strdup_printf ("%s.%s", r->path, attr) : g_strdup (r->path);

  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  return pp_import_fail (b->error, code, r->file, path, "%s%s%s", r->address != NULL ? r->address : "",
                         r->address != NULL ? ": " : "", msg);
}

/* A link that must resolve to a record of one of @types. */
static PpRec *
link_to (Build *b, PpRec *r, const char *attr, const char *const *types, gboolean required)
{
  GError *local = NULL;
  PpRec *t = pp_import_link (b->imp, r, attr, &local);

  if (local != NULL)
    {
      g_propagate_error (b->error, local);
      return NULL;
    }
  if (t == NULL)
    {
      if (required)
        fail_rec (b, r, attr, PP_IMPORT_ERROR_REFERENCE,
                  "is missing: peerplan needs it to place the resource");
      return NULL;
    }
  if (types != NULL && !g_strv_contains (types, t->type))
    {
      g_autofree char *want = g_strjoinv (" or ", (GStrv) types);
      fail_rec (b, r, attr, PP_IMPORT_ERROR_REFERENCE, "names %s, a %s, where a %s belongs",
                t->address != NULL ? t->address : pp_rec_str (t, "id"), t->type, want);
      return NULL;
    }
  return t;
}

static const char *const vpc_types[] = { "alicloud_vpc", NULL };

/* The record a string attribute holds, known or through references: for a
 * uid (accepting_ali_uid), the data.alicloud_account it names. */
static const char *
uid_value (Build *b, PpRec *r, const char *attr)
{
  gint64 v;
  PpRec *t;

  if (pp_rec_int (r, attr, &v) && v > 0)
    {
      g_autofree char *text = g_strdup_printf ("%016" G_GINT64_FORMAT, v);
      return pp_scenario_intern (b->sc, text);
    }
  t = pp_import_follow_refs (b->imp, r, attr);
  if (t != NULL && IS (t, "alicloud_account") && pp_rec_str (t, "id") != NULL)
    return pp_rec_str (t, "id");
  if (t != NULL && t->provider != NULL)
    {
      PpProvider *p = g_hash_table_lookup (b->imp->providers, t->provider);
      const char *opt = g_hash_table_lookup (b->imp->opt_accounts, t->provider);
      if (opt != NULL)
        return opt;
      if (p != NULL && p->uid != NULL)
        return p->uid;
    }
  return NULL;
}

/* The uid of provider alias @alias, as far as the inputs and options say:
 * --account, the configuration (assume_role, account_id), or a
 * data "alicloud_account" read under it (b->account_data). */
static const char *
provider_uid (Build *b, const char *alias)
{
  const char *opt;
  PpProvider *p;

  if (alias == NULL)
    alias = "default";
  if ((opt = g_hash_table_lookup (b->imp->opt_accounts, alias)) != NULL)
    return opt;
  p = g_hash_table_lookup (b->imp->providers, alias);
  if (p != NULL && p->uid != NULL)
    return p->uid;
  return g_hash_table_lookup (b->account_data, alias);
}

static const char *
name_of_uid (Build *b, const char *uid, const char *alias)
{
  GHashTableIter it;
  gpointer k, v;
  const char *best = NULL;

  g_hash_table_iter_init (&it, b->imp->opt_accounts);
  while (g_hash_table_iter_next (&it, &k, &v))
    if (g_str_equal (v, uid) && (best == NULL || strcmp (k, best) < 0))
      best = k;
  if (best != NULL)
    return best;
  return alias != NULL ? alias : uid;
}

/* An account id made from @name (a provider alias, or the name --account
 * gave a uid) that no account has yet: @name itself if it is free, else
 * @instead if given and free, else @name-unknown, @name-unknown-2, ... An
 * alias that is not a Terraform name (an edited state) still makes an id. */
static const char *
free_account_id (Build *b, const char *name, const char *instead)
{
  g_autofree char *base = id_from_text (name, 110);
  g_autofree char *id = g_strdup (base);

  if (pp_scenario_lookup (b->sc, PP_KIND_ACCOUNT, id) == PP_NONE)
    return pp_scenario_intern (b->sc, id);
  if (instead != NULL && pp_scenario_lookup (b->sc, PP_KIND_ACCOUNT, instead) == PP_NONE)
    return pp_scenario_intern (b->sc, instead);
  for (guint n = 1; pp_scenario_lookup (b->sc, PP_KIND_ACCOUNT, id) != PP_NONE; n++)
    {
      g_free (id);
      id = n == 1 ? g_strdup_printf ("%s-unknown", base) : g_strdup_printf ("%s-unknown-%u", base, n);
    }
  return pp_scenario_intern (b->sc, id);
}

static guint
account_for (Build *b, const char *uid, const char *alias, const PpRec *why)
{
  gpointer v;
  PpAccount a = { 0 };

  if (uid != NULL)
    {
      if ((v = g_hash_table_lookup (b->account_of_uid, uid)) != NULL)
        return GPOINTER_TO_UINT (v) - 1;
      a.uid = pp_scenario_intern (b->sc, uid);
      a.id = free_account_id (b, name_of_uid (b, uid, alias), a.uid);
      g_array_append_val (b->sc->accounts, a);
      pp_scenario_register (b->sc, PP_KIND_ACCOUNT, a.id, b->sc->accounts->len - 1);
      g_hash_table_insert (b->account_of_uid, (gpointer) a.uid, GUINT_TO_POINTER (b->sc->accounts->len));
      return b->sc->accounts->len - 1;
    }
  if (alias == NULL)
    alias = "default";
  if ((v = g_hash_table_lookup (b->placeholder, alias)) != NULL)
    return GPOINTER_TO_UINT (v) - 1;
  {
    g_autofree char *puid = NULL;

    do
      {
        g_free (puid);
        puid = g_strdup_printf ("%016u", ++b->placeholders);
      }
    while (g_hash_table_contains (b->account_of_uid, puid));
    a.uid = pp_scenario_intern (b->sc, puid);
  }
  a.id = free_account_id (b, alias, NULL);
  g_array_append_val (b->sc->accounts, a);
  pp_scenario_register (b->sc, PP_KIND_ACCOUNT, a.id, b->sc->accounts->len - 1);
  g_hash_table_insert (b->account_of_uid, (gpointer) a.uid, GUINT_TO_POINTER (b->sc->accounts->len));
  g_hash_table_insert (b->placeholder, (gpointer) pp_import_intern (b->imp, alias),
                       GUINT_TO_POINTER (b->sc->accounts->len));
  {
    const char *objs[] = { a.id, NULL };
    PpFinding *f = pp_findings_add (b->sc->notes, "import-owner-unknown", why->file, 0, objs,
                                    "the account of %s %s is not in the input; it is imported as account '%s' with the placeholder uid %s",
                                    b->imp->state_json && why->provider == NULL ? "the resources of this state" : "provider alias",
                                    b->imp->state_json && why->provider == NULL ? "(terraform show -json of a state drops provider aliases)" : alias,
                                    a.id, a.uid);
    pp_finding_set_hint (f, "give --account %s=UID (the 16-digit main account UID)%s", alias,
                         b->imp->state_json && why->provider == NULL
                         ? ", or import the raw terraform.tfstate or a plan, which keep the provider aliases" : "");
  }
  return b->sc->accounts->len - 1;
}

/* ------------------------------------------------------------------ */

/* data "alicloud_vpcs" and "alicloud_vswitches" (provider docs
 * d/vpcs.html.markdown, d/vswitches.html.markdown): each element of their
 * `vpcs` / `vswitches` list is an existing VPC or vSwitch. */
static void
expand_lookups (PpImporter *imp)
{
  guint n = imp->recs->len;

  for (guint i = 0; i < n; i++)
    {
      PpRec *r = g_ptr_array_index (imp->recs, i);
      gboolean vpcs = IS (r, "alicloud_vpcs");
      JsonNode *list;

      if (r->list == NULL || !r->data
          || (list = json_object_get_member (r->list, vpcs ? "vpcs" : "vswitches")) == NULL
          || !JSON_NODE_HOLDS_ARRAY (list))
        continue;
      for (guint k = 0; k < json_array_get_length (json_node_get_array (list)); k++)
        {
          JsonNode *e = json_array_get_element (json_node_get_array (list), k);
          PpRec *x;

          if (!JSON_NODE_HOLDS_OBJECT (e))
            continue;
          x = pp_import_add_rec (imp, r->file, vpcs ? "alicloud_vpc" : "alicloud_vswitch", NULL,
                                 g_strdup_printf ("%s.%s[%u]", r->path, vpcs ? "vpcs" : "vswitches", k),
                                 json_node_get_object (e));
          x->lookup = TRUE;
          x->provider = r->provider;
          x->module = r->module;
          if (pp_rec_str (x, "id") == NULL && pp_rec_str (x, vpcs ? "vpc_id" : "vswitch_id") != NULL)
            pp_rec_set_str (imp, x, "id", pp_rec_str (x, vpcs ? "vpc_id" : "vswitch_id"));
          if (vpcs && pp_rec_str (x, "router_id") == NULL && pp_rec_str (x, "vrouter_id") != NULL)
            pp_rec_set_str (imp, x, "router_id", pp_rec_str (x, "vrouter_id"));
          if (!vpcs && pp_rec_str (x, "vswitch_name") == NULL && pp_rec_str (x, "name") != NULL)
            pp_rec_set_str (imp, x, "vswitch_name", pp_rec_str (x, "name"));
        }
    }
}

/* The values of a record that become id attributes of the scenario
 * (scenario.rng's "id" type): its own id and what is copied as it is. */
static const char *const id_values[] = {
  "id", "router_id", "vrouter_id", "route_table_id", "opposite_interface_id",
  "status", "spec", "specification", "zone_id", "availability_zone",
  "nexthop_type", "next_hops.0.nexthop_type", "nexthop_id", "next_hops.0.nexthop_id",
  "region_id", "region",
  /* owners: an account without a name is called by its uid */
  "accepting_ali_uid", "opposite_interface_owner_id",
  NULL
};

/* Each of @r's id_values must be an id a scenario can hold (the reader's
 * own rule), or the scenario written would not load.  An empty one is no
 * value at all from here on (a provider writes "" for what it does not
 * know): written as route-table-id="", it would not load either. */
static gboolean
check_id_values (Build *b, PpRec *r)
{
  for (guint k = 0; id_values[k] != NULL; k++)
    {
      const char *v = pp_rec_str (r, id_values[k]);
      int bad;

      if (v != NULL && *v == '\0')
        pp_rec_forget (r, id_values[k]);
      if (v == NULL || *v == '\0' || pp_rec_unknown (r, id_values[k])
          || (bad = pp_scenario_id_syntax_error (v)) < 0)
        continue;
      return fail_rec (b, r, id_values[k], PP_IMPORT_ERROR_VALUE,
                       "\"%s\" %s; a scenario's ids are 1-128 letters, digits and . _ : @ / -, starting with a letter or digit (is the input edited by hand?)",
                       v, bad >= 128 ? "is longer than 128 characters"
                       : bad == 0 ? "does not start with a letter or digit"
                       : "holds a character ids may not contain");
    }
  if (r->uid != NULL && *r->uid != '\0' && pp_scenario_id_syntax_error (r->uid) >= 0)
    return fail_rec (b, r, NULL, PP_IMPORT_ERROR_VALUE,
                     "owner uid \"%s\" is not an account uid (16 digits); is the input edited by hand?", r->uid);
  return TRUE;
}

static gboolean
index_ids (Build *b)
{
  PpImporter *imp = b->imp;

  for (guint i = 0; i < imp->recs->len; i++)
    {
      PpRec *r = g_ptr_array_index (imp->recs, i);
      const char *id = pp_rec_str (r, "id");
      PpRec *old;

      if (r->skip || r->data)
        continue;
      if (!check_id_values (b, r))
        return FALSE;
      if (id == NULL || *id == '\0')
        continue;
      /* these take the id of the object they complete */
      if (IS (r, "alicloud_router_interface_connection") || IS (r, "alicloud_vpc_peer_connection_accepter"))
        continue;
      if ((old = g_hash_table_lookup (imp->by_id, id)) != NULL)
        {
          if ((old->lookup || r->lookup) && g_str_equal (old->type, r->type))
            {
              /* the same object in two answers or lookups: the first
               * sighting, or the resource that manages it */
              if (old->lookup && !r->lookup)
                {
                  old->skip = TRUE;
                  g_hash_table_insert (imp->by_id, (gpointer) id, r);
                }
              else
                r->skip = TRUE;
              continue;
            }
          return fail_rec (b, r, "id", PP_IMPORT_ERROR_DUPLICATE,
                           "id %s is claimed twice: also by %s (%s: %s); a cloud object belongs to one resource: remove one (terraform state rm) or import only one of the inputs that hold it",
                           id, old->address != NULL ? old->address : old->type, old->file, old->path);
        }
      g_hash_table_insert (imp->by_id, (gpointer) id, r);
    }
  /* a VPC answers for its router and its system route table */
  for (guint i = 0; i < imp->recs->len; i++)
    {
      PpRec *r = g_ptr_array_index (imp->recs, i);
      const char *const attrs[] = { "router_id", "route_table_id" };

      if (r->skip || r->data || !IS (r, "alicloud_vpc"))
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (attrs); k++)
        {
          const char *v = pp_rec_str (r, attrs[k]);
          if (v != NULL && *v != '\0' && !g_hash_table_contains (imp->by_id, v))
            g_hash_table_insert (imp->by_id, (gpointer) v, r);
        }
    }
  /* DescribeRouteTableList names a VPC's system table */
  for (guint i = 0; i < imp->recs->len; i++)
    {
      PpRec *r = g_ptr_array_index (imp->recs, i);
      PpRec *vpc;

      if (r->skip || r->address != NULL || !IS (r, "alicloud_route_table")
          || g_strcmp0 (pp_rec_str (r, "route_table_type"), "System") != 0)
        continue;
      vpc = g_hash_table_lookup (imp->by_id, pp_rec_str (r, "vpc_id") ? pp_rec_str (r, "vpc_id") : "");
      if (vpc != NULL && vpc->address == NULL && IS (vpc, "alicloud_vpc")
          && pp_rec_str (vpc, "route_table_id") == NULL)
        pp_rec_set_str (imp, vpc, "route_table_id", pp_rec_str (r, "id"));
    }
  return TRUE;
}

/* Owners that only the other side knows: the accepter of a peering
 * (accepting_ali_uid, or the accepter resource's provider) and the
 * opposite of a router interface (opposite_interface_owner_id). */
static gboolean
derive_owners (Build *b)
{
  for (guint i = 0; i < b->imp->recs->len; i++)
    {
      PpRec *r = g_ptr_array_index (b->imp->recs, i);
      PpRec *vpc = NULL;
      const char *uid = NULL;

      if (r->skip || r->data)
        continue;
      if (is_vpc_peer_type (r))
        {
          vpc = link_to (b, r, "accepting_vpc_id", vpc_types, FALSE);
          uid = uid_value (b, r, "accepting_ali_uid");
        }
      else if (IS (r, "alicloud_vpc_peer_connection_accepter"))
        {
          PpRec *peer = link_to (b, r, "instance_id", (const char *const[]) { "alicloud_vpc_peer_connection", NULL }, FALSE);
          if (peer != NULL)
            vpc = link_to (b, peer, "accepting_vpc_id", vpc_types, FALSE);
          uid = provider_uid (b, r->provider);
        }
      else if (is_ri_type (r))
        {
          vpc = g_hash_table_lookup (b->imp->by_id, pp_rec_str (r, "opposite_vpc_instance_id") ? pp_rec_str (r, "opposite_vpc_instance_id") : "");
          if (vpc == NULL)
            vpc = pp_rec_str (r, "opposite_router_id") != NULL || pp_import_follow_refs (b->imp, r, "opposite_router_id") != NULL
                  ? link_to (b, r, "opposite_router_id", NULL, FALSE) : NULL;
          uid = pp_rec_str (r, "opposite_interface_owner_id");
          if (uid == NULL)
            uid = uid_value (b, r, "opposite_interface_owner_id");
        }
      if (b->error != NULL && *b->error != NULL)
        return FALSE;
      if (vpc != NULL && IS (vpc, "alicloud_vpc") && uid != NULL && strlen (uid) == 16
          && !g_hash_table_contains (b->vpc_owner, vpc))
        g_hash_table_insert (b->vpc_owner, vpc, (gpointer) uid);
    }
  return TRUE;
}

static const PpRegion *
region_of (Build *b, PpRec *vpc, GPtrArray *vswitches)
{
  const char *region = NULL;
  const PpRegion *reg;

  if (!pp_rec_unknown (vpc, "region_id"))
    region = pp_rec_str (vpc, "region_id");
  if (region == NULL)
    region = vpc->region;
  if (region == NULL)
    region = g_hash_table_lookup (b->imp->opt_regions, vpc->provider != NULL ? vpc->provider : "default");
  if (region == NULL && vpc->provider != NULL)
    {
      PpProvider *p = g_hash_table_lookup (b->imp->providers, vpc->provider);
      region = p != NULL ? p->region : NULL;
    }
  if (region == NULL)
    /* the zone of one of its vSwitches: the region that has that zone */
    for (guint i = 0; vswitches != NULL && i < vswitches->len && region == NULL; i++)
      {
        const char *zone = pp_rec_str ((PpRec *) g_ptr_array_index (vswitches, i), "zone_id");

        for (guint k = 0; zone != NULL && k < pp_regions_count (b->regions); k++)
          if (g_str_has_prefix (zone, pp_regions_nth (b->regions, k)->id)
              && pp_region_has_zone (pp_regions_nth (b->regions, k), zone))
            region = pp_regions_nth (b->regions, k)->id;
      }
  if (region == NULL)
    {
      fail_rec (b, vpc, "region_id", PP_IMPORT_ERROR_REFERENCE,
                "the region of this VPC is not in the input; give --region %s=REGION",
                vpc->provider != NULL ? vpc->provider : "default");
      return NULL;
    }
  reg = pp_regions_lookup (b->regions, region);
  if (reg == NULL)
    fail_rec (b, vpc, "region_id", PP_IMPORT_ERROR_VALUE,
              "region '%s' is not in peerplan's region catalog (regions.xml); check the provider's region, or give --region", region);
  return reg;
}

static gboolean
parse_cidr_attr (Build *b, PpRec *r, const char *attr, gboolean route, PpCidr *out)
{
  const char *text = pp_rec_str (r, attr);
  g_autoptr(GError) local = NULL;

  if (text == NULL || pp_rec_unknown (r, attr))
    return fail_rec (b, r, attr, PP_IMPORT_ERROR_VALUE,
                     "is %s; peerplan needs it (set it in the configuration as a literal or a variable)",
                     pp_rec_unknown (r, attr) ? "unknown until apply" : "missing");
  if (!(route ? pp_cidr_parse_route (text, out, &local) : pp_cidr_parse (text, out, &local)))
    return fail_rec (b, r, attr, PP_IMPORT_ERROR_VALUE, "%s", local->message);
  return TRUE;
}

static const char *
zone_of (PpRec *r)
{
  const char *z = pp_rec_str (r, "zone_id");

  return z != NULL ? z : pp_rec_str (r, "availability_zone");
}

static gboolean
build_vpcs (Build *b)
{
  PpScenario *sc = b->sc;
  GPtrArray *recs = b->imp->recs;
  g_autoptr(GHashTable) vsw_of = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) inst_of = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) vpcs = g_ptr_array_new ();
  g_autoptr(GArray) accounts = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < recs->len; i++)
    {
      PpRec *r = g_ptr_array_index (recs, i);

      if (r->skip || r->data)
        continue;
      if (IS (r, "alicloud_vpc"))
        {
          g_ptr_array_add (vpcs, r);
          g_hash_table_insert (vsw_of, r, g_ptr_array_new ());
        }
    }
  for (guint i = 0; i < recs->len; i++)
    {
      PpRec *r = g_ptr_array_index (recs, i);
      PpRec *t;

      if (r->skip || r->data)
        continue;
      if (IS (r, "alicloud_vswitch"))
        {
          if ((t = link_to (b, r, "vpc_id", vpc_types, TRUE)) == NULL)
            return FALSE;
          g_ptr_array_add (g_hash_table_lookup (vsw_of, t), r);
          g_hash_table_insert (inst_of, r, g_ptr_array_new ());
        }
    }
  for (guint i = 0; i < recs->len; i++)
    {
      PpRec *r = g_ptr_array_index (recs, i);
      PpRec *t;

      if (r->skip || r->data || !IS (r, "alicloud_instance"))
        continue;
      if (pp_rec_str (r, "vswitch_id") == NULL && pp_import_follow_refs (b->imp, r, "vswitch_id") == NULL)
        {
          b->skipped_instances++;     /* classic network, or not in a vSwitch we know */
          continue;
        }
      if ((t = link_to (b, r, "vswitch_id", (const char *const[]) { "alicloud_vswitch", NULL }, TRUE)) == NULL)
        return FALSE;
      g_ptr_array_add (g_hash_table_lookup (inst_of, t), r);
    }

  /* owners first, so that the accounts come out in a stable order */
  for (guint i = 0; i < vpcs->len; i++)
    {
      PpRec *r = g_ptr_array_index (vpcs, i);
      const char *uid = r->uid;
      guint a;

      /* Without an alias (a state JSON drops them all) the provider says
       * nothing about who owns what, and --account default=UID is only the
       * fallback: the owner the other side's values name
       * (accepting_ali_uid, opposite_interface_owner_id) is more specific.
       * An alias's own account (--account, assume_role, account_id, its
       * data "alicloud_account") comes first. */
      if (uid == NULL && (r->provider == NULL || g_str_equal (r->provider, "default")))
        uid = g_hash_table_lookup (b->vpc_owner, r);
      if (uid == NULL)
        uid = provider_uid (b, r->provider);
      if (uid == NULL)
        uid = g_hash_table_lookup (b->vpc_owner, r);
      /* Wherever it came from (assume_role, account_id, a data
       * "alicloud_account", a peer's values), a uid that is not 16 digits
       * would make a scenario that does not load. */
      if (uid != NULL && !pp_import_is_uid (uid))
        return fail_rec (b, r, NULL, PP_IMPORT_ERROR_VALUE,
                         "the owner's account uid \"%s\" (from provider alias '%s' or the peer's "
                         "accepting_ali_uid / opposite_interface_owner_id) is not an Alibaba Cloud "
                         "account UID, 16 digits (is the input edited by hand? --account %s=UID "
                         "names the owner)", uid, r->provider != NULL ? r->provider : "default",
                         r->provider != NULL ? r->provider : "default");
      a = account_for (b, uid, r->provider, r);
      g_array_append_val (accounts, a);
    }
  for (guint a = 0; a < sc->accounts->len; a++)
    for (guint i = 0; i < vpcs->len; i++)
      {
        PpRec *r = g_ptr_array_index (vpcs, i);
        GPtrArray *vsws = g_hash_table_lookup (vsw_of, r);
        PpVpc v = { 0 };

        if (g_array_index (accounts, guint, i) != a)
          continue;
        v.id = object_id (b, r);
        v.account = a;
        v.origin = origin_of (sc, r->address);
        v.name = pp_scenario_intern (sc, pp_rec_str (r, "vpc_name"));
        if (!pp_rec_unknown (r, "router_id"))
          v.vrouter_id = pp_scenario_intern (sc, pp_rec_str (r, "router_id"));
        if (!pp_rec_unknown (r, "route_table_id"))
          v.route_table_id = pp_scenario_intern (sc, pp_rec_str (r, "route_table_id"));
        if ((v.region = region_of (b, r, vsws)) == NULL)
          return FALSE;
        if (!parse_cidr_attr (b, r, "cidr_block", FALSE, &v.cidr))
          return FALSE;
        v.first_vswitch = sc->vswitches->len;
        r->object = sc->vpcs->len;
        if (!pp_scenario_register (sc, PP_KIND_VPC, v.id, sc->vpcs->len))
          return fail_rec (b, r, "id", PP_IMPORT_ERROR_DUPLICATE, "two VPCs get the id %s", v.id);
        for (guint s = 0; s < vsws->len; s++)
          {
            PpRec *w = g_ptr_array_index (vsws, s);
            GPtrArray *ins = g_hash_table_lookup (inst_of, w);
            PpVSwitch vs = { 0 };

            vs.id = object_id (b, w);
            vs.vpc = sc->vpcs->len;
            vs.origin = origin_of (sc, w->address);
            vs.zone = pp_scenario_intern (sc, zone_of (w));
            if (vs.zone == NULL || pp_rec_unknown (w, "zone_id"))
              return fail_rec (b, w, "zone_id", PP_IMPORT_ERROR_VALUE, "the zone is %s; set zone_id",
                               vs.zone == NULL ? "missing" : "unknown until apply");
            if (!pp_region_has_zone (v.region, vs.zone))
              return fail_rec (b, w, "zone_id", PP_IMPORT_ERROR_VALUE,
                               "zone '%s' is not a zone of region %s, the region of its VPC %s",
                               vs.zone, v.region->id, v.id);
            if (!parse_cidr_attr (b, w, "cidr_block", FALSE, &vs.cidr))
              return FALSE;
            vs.first_instance = sc->instances->len;
            if (!pp_scenario_register (sc, PP_KIND_VSWITCH, vs.id, sc->vswitches->len))
              return fail_rec (b, w, "id", PP_IMPORT_ERROR_DUPLICATE, "two vSwitches get the id %s", vs.id);
            w->object = sc->vswitches->len;
            for (guint k = 0; k < ins->len; k++)
              {
                PpRec *n = g_ptr_array_index (ins, k);
                const char *ip = pp_rec_str (n, "private_ip");
                g_autoptr(GError) local = NULL;
                PpInstance in = { 0 };

                if (ip == NULL || pp_rec_unknown (n, "private_ip"))
                  {
                    b->skipped_instances++;
                    continue;
                  }
                in.id = object_id (b, n);
                in.vswitch = sc->vswitches->len;
                in.origin = origin_of (sc, n->address);
                if (!pp_ip_parse (ip, &in.ip, &local))
                  return fail_rec (b, n, "private_ip", PP_IMPORT_ERROR_VALUE, "%s", local->message);
                if (!pp_scenario_register (sc, PP_KIND_INSTANCE, in.id, sc->instances->len))
                  return fail_rec (b, n, "id", PP_IMPORT_ERROR_DUPLICATE, "two instances get the id %s", in.id);
                n->object = sc->instances->len;
                g_array_append_val (sc->instances, in);
                vs.n_instances++;
              }
            g_array_append_val (sc->vswitches, vs);
            v.n_vswitches++;
          }
        g_array_append_val (sc->vpcs, v);
      }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Connections                                                         */

static gboolean
add_connection (Build *b, PpConnection *c, PpRec *origin)
{
  if (c->ends[0].vpc == c->ends[1].vpc)
    return fail_rec (b, origin, NULL, PP_IMPORT_ERROR_VALUE,
                     "connects VPC %s to itself", pp_scenario_vpc (b->sc, c->ends[0].vpc)->id);
  if (!pp_scenario_register (b->sc, PP_KIND_CONNECTION, c->id, b->sc->connections->len))
    return fail_rec (b, origin, "id", PP_IMPORT_ERROR_DUPLICATE, "two connections get the id %s", c->id);
  g_array_append_val (b->sc->connections, *c);
  return TRUE;
}

static gboolean
build_peers (Build *b)
{
  for (guint i = 0; i < b->imp->recs->len; i++)
    {
      PpRec *r = g_ptr_array_index (b->imp->recs, i);
      PpConnection c = { 0 };
      PpRec *v0, *v1;
      gint64 bw;

      if (r->skip || r->data || !is_vpc_peer_type (r))
        continue;
      if ((v0 = link_to (b, r, "vpc_id", vpc_types, TRUE)) == NULL
          || (v1 = link_to (b, r, "accepting_vpc_id", vpc_types, TRUE)) == NULL)
        return FALSE;
      c.id = object_id (b, r);
      c.type = PP_CONN_VPC_PEER;
      c.origin = origin_of (b->sc, r->address);
      c.ends[0].vpc = v0->object;
      c.ends[1].vpc = v1->object;
      c.ends[0].cycle = c.ends[1].cycle = PP_CYCLE_MONTH;
      if (pp_rec_int (r, "bandwidth", &bw) && bw > 0 && !pp_rec_unknown (r, "bandwidth"))
        c.bandwidth = (guint) MIN (bw, G_MAXUINT32);
      if (!pp_rec_unknown (r, "link_type"))
        {
          const char *lt = pp_rec_str (r, "link_type");
          if (g_strcmp0 (lt, "Gold") == 0 || g_strcmp0 (lt, "Platinum") == 0)
            c.link_type = pp_scenario_intern (b->sc, lt);
        }
      if (!pp_rec_unknown (r, "status") && pp_rec_str (r, "status") != NULL
          && *pp_rec_str (r, "status") != '\0')
        c.status = pp_scenario_intern (b->sc, pp_rec_str (r, "status"));
      if (!add_connection (b, &c, r))
        return FALSE;
      g_hash_table_insert (b->conn_of, r, GUINT_TO_POINTER (b->sc->connections->len));
    }
  return TRUE;
}

static const char *const ri_types[] = {
  "alicloud_router_interface", "alicloud_express_connect_router_interface", NULL
};

/* The VPC of router interface @r: vpc_instance_id, else router_id. */
static PpRec *
ri_vpc (Build *b, PpRec *r, const char *id_attr, const char *router_attr)
{
  const char *v = pp_rec_str (r, id_attr);
  PpRec *t;

  if (v != NULL && *v != '\0' && (t = g_hash_table_lookup (b->imp->by_id, v)) != NULL && IS (t, "alicloud_vpc"))
    return t;
  if (pp_rec_str (r, router_attr) == NULL && pp_import_follow_refs (b->imp, r, router_attr) == NULL)
    {
      if (v != NULL && *v != '\0')
        fail_rec (b, r, id_attr, PP_IMPORT_ERROR_REFERENCE,
                  "%s = \"%s\" names no VPC in the input (import the state or answers that hold it as well)", id_attr, v);
      else if (g_str_equal (router_attr, "router_id"))
        fail_rec (b, r, router_attr, PP_IMPORT_ERROR_REFERENCE, "the interface's router is missing");
      return NULL;
    }
  return link_to (b, r, router_attr, vpc_types, TRUE);
}

static gboolean
is_initiator (PpRec *r)
{
  return g_strcmp0 (pp_rec_str (r, "role"), "AcceptingSide") != 0;
}

static void
fill_end (Build *b, PpEnd *e, PpRec *ri, PpRec *vpc)
{
  const char *charge = pp_rec_str (ri, "instance_charge_type");
  gint64 period;

  e->vpc = vpc->object;
  e->cycle = PP_CYCLE_MONTH;
  if (charge == NULL)
    charge = pp_rec_str (ri, "payment_type");
  if (g_strcmp0 (charge, "PrePaid") == 0 || g_strcmp0 (charge, "Subscription") == 0)
    e->charge = PP_CHARGE_SUBSCRIPTION;
  else if (g_strcmp0 (charge, "PostPaid") == 0 || g_strcmp0 (charge, "PayAsYouGo") == 0)
    e->charge = PP_CHARGE_PAY_AS_YOU_GO;
  if (e->charge == PP_CHARGE_SUBSCRIPTION && pp_rec_int (ri, "period", &period) && period >= 1)
    {
      const char *cycle = pp_rec_str (ri, "pricing_cycle");
      e->cycle = g_strcmp0 (cycle, "Year") == 0 ? PP_CYCLE_YEAR : PP_CYCLE_MONTH;
      if (period <= (e->cycle == PP_CYCLE_YEAR ? 3 : 9))
        e->period = (guint) period;
    }
  if (!pp_rec_unknown (ri, "id") && pp_rec_str (ri, "id") != NULL)
    e->interface_id = pp_scenario_intern (b->sc, pp_rec_str (ri, "id"));
  if (!pp_rec_unknown (ri, "opposite_interface_id"))
    e->opposite_interface = pp_scenario_intern (b->sc, pp_rec_str (ri, "opposite_interface_id"));
  if (!pp_rec_unknown (ri, "opposite_interface_owner_id"))
    {
      const char *o = pp_rec_str (ri, "opposite_interface_owner_id");
      /* an owner that is not a uid (an edited input) is not kept */
      if (o != NULL && (*o == '\0' || pp_import_is_uid (o)))
        e->opposite_owner = pp_scenario_intern (b->sc, o);
    }
}

static gboolean
build_router_interfaces (Build *b)
{
  GPtrArray *recs = b->imp->recs;
  g_autoptr(GHashTable) partner = g_hash_table_new (NULL, NULL);   /* RI -> RI */
  g_autoptr(GHashTable) done = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) vpc_of = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) opp_of = g_hash_table_new (NULL, NULL);

  /* pairs declared by alicloud_router_interface_connection */
  for (guint i = 0; i < recs->len; i++)
    {
      PpRec *r = g_ptr_array_index (recs, i);
      PpRec *a, *o;

      if (r->skip || r->data || !IS (r, "alicloud_router_interface_connection"))
        continue;
      if ((a = link_to (b, r, "interface_id", ri_types, TRUE)) == NULL
          || (o = link_to (b, r, "opposite_interface_id", ri_types, TRUE)) == NULL)
        return FALSE;
      g_hash_table_insert (partner, a, o);
      g_hash_table_insert (partner, o, a);
    }
  for (guint i = 0; i < recs->len; i++)
    {
      PpRec *r = g_ptr_array_index (recs, i);
      PpRec *v, *o;
      const char *opp;

      if (r->skip || r->data || !is_ri_type (r))
        continue;
      if ((v = ri_vpc (b, r, "vpc_instance_id", "router_id")) == NULL)
        return FALSE;
      g_hash_table_insert (vpc_of, r, v);
      opp = pp_rec_str (r, "opposite_interface_id");
      if (!g_hash_table_contains (partner, r) && opp != NULL && *opp != '\0'
          && (o = g_hash_table_lookup (b->imp->by_id, opp)) != NULL && is_ri_type (o))
        {
          g_hash_table_insert (partner, r, o);
          g_hash_table_insert (partner, o, r);
        }
      o = ri_vpc (b, r, "opposite_vpc_instance_id", "opposite_router_id");
      if (b->error != NULL && *b->error != NULL)
        return FALSE;
      if (o != NULL)
        g_hash_table_insert (opp_of, r, o);
    }
  /* pairs by routers: an initiator and an acceptor that name each other's
   * VPC (acceptors indexed by their VPC and their opposite's) */
  {
    g_autoptr(GHashTable) acceptors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    for (guint k = recs->len; k-- > 0;)
      {
        PpRec *o = g_ptr_array_index (recs, k);

        if (o->skip || o->data || !is_ri_type (o) || is_initiator (o) || g_hash_table_contains (partner, o))
          continue;
        g_hash_table_replace (acceptors, g_strdup_printf ("%p>%p", g_hash_table_lookup (vpc_of, o),
                                                          g_hash_table_lookup (opp_of, o)), o);
      }
    for (guint i = 0; i < recs->len; i++)
      {
        PpRec *r = g_ptr_array_index (recs, i);
        g_autofree char *key = NULL;
        PpRec *o;

        if (r->skip || r->data || !is_ri_type (r) || g_hash_table_contains (partner, r) || !is_initiator (r))
          continue;
        key = g_strdup_printf ("%p>%p", g_hash_table_lookup (opp_of, r), g_hash_table_lookup (vpc_of, r));
        o = g_hash_table_lookup (acceptors, key);
        if (o != NULL && g_hash_table_lookup (opp_of, r) != NULL && !g_hash_table_contains (partner, o))
          {
            g_hash_table_insert (partner, r, o);
            g_hash_table_insert (partner, o, r);
            g_hash_table_remove (acceptors, key);
          }
      }
  }
  for (guint i = 0; i < recs->len; i++)
    {
      PpRec *r = g_ptr_array_index (recs, i);
      PpRec *o, *init, *acc;
      PpRec *init_vpc, *acc_vpc;
      PpConnection c = { 0 };
      const char *spec;

      if (r->skip || r->data || !is_ri_type (r) || g_hash_table_contains (done, r))
        continue;
      o = g_hash_table_lookup (partner, r);
      init = r;
      acc = o;
      if (o != NULL && !is_initiator (r) && is_initiator (o))
        {
          init = o;
          acc = r;
        }
      init_vpc = g_hash_table_lookup (vpc_of, init);
      acc_vpc = acc != NULL ? g_hash_table_lookup (vpc_of, acc) : g_hash_table_lookup (opp_of, init);
      if (acc == NULL && !is_initiator (r))
        {
          /* an acceptor alone: its initiator is the opposite VPC's */
          init_vpc = g_hash_table_lookup (opp_of, r);
          acc_vpc = g_hash_table_lookup (vpc_of, r);
        }
      if (init_vpc == NULL || acc_vpc == NULL)
        return fail_rec (b, r, "opposite_router_id", PP_IMPORT_ERROR_REFERENCE,
                         "the opposite of this router interface is not in the input (import the other side's state or answers as well)");
      c.id = object_id (b, acc == NULL && !is_initiator (r) ? r : init);
      c.type = PP_CONN_ROUTER_INTERFACE;
      c.origin = origin_of (b->sc, (acc == NULL && !is_initiator (r) ? r : init)->address);
      spec = pp_rec_str (init, "spec");
      if (spec == NULL)
        spec = pp_rec_str (init, "specification");
      if (is_initiator (init) && spec != NULL && !g_str_equal (spec, "Negative"))
        c.spec = pp_scenario_intern (b->sc, spec);
      if (!pp_rec_unknown (init, "status") && pp_rec_str (init, "status") != NULL
          && *pp_rec_str (init, "status") != '\0')
        c.status = pp_scenario_intern (b->sc, pp_rec_str (init, "status"));
      if (acc == NULL && !is_initiator (r))
        {
          c.ends[0].vpc = init_vpc->object;
          c.ends[0].cycle = PP_CYCLE_MONTH;
          fill_end (b, &c.ends[1], r, acc_vpc);
        }
      else
        {
          fill_end (b, &c.ends[0], init, init_vpc);
          if (acc != NULL)
            fill_end (b, &c.ends[1], acc, acc_vpc);
          else
            {
              c.ends[1].vpc = acc_vpc->object;
              c.ends[1].cycle = PP_CYCLE_MONTH;
            }
        }
      if (!add_connection (b, &c, r))
        return FALSE;
      g_hash_table_add (done, r);
      g_hash_table_insert (b->conn_of, r, GUINT_TO_POINTER (b->sc->connections->len));
      if (o != NULL)
        {
          g_hash_table_add (done, o);
          g_hash_table_insert (b->conn_of, o, GUINT_TO_POINTER (b->sc->connections->len));
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Routes                                                              */

static gboolean
build_routes (Build *b)
{
  GPtrArray *recs = b->imp->recs;

  for (guint i = 0; i < recs->len; i++)
    {
      PpRec *r = g_ptr_array_index (recs, i);
      gboolean classic;
      const char *dest_attr, *type, *hop_id;
      PpRec *table, *vpc, *hop = NULL;
      PpRoute rt = { 0 };
      PpRouteNames names = { NULL, NULL, NULL };
      const char *hop_attr = "nexthop_id";

      if (r->skip || r->data)
        continue;
      if (IS (r, "alicloud_route_table"))
        {
          if (g_strcmp0 (pp_rec_str (r, "route_table_type"), "System") != 0)
            b->custom_tables++;
          continue;
        }
      classic = IS (r, "alicloud_route_entry");
      if (!classic && !IS (r, "alicloud_vpc_route_entry"))
        continue;
      dest_attr = classic ? "destination_cidrblock" : "destination_cidr_block";
      if ((table = link_to (b, r, "route_table_id",
                            (const char *const[]) { "alicloud_vpc", "alicloud_route_table", NULL }, TRUE)) == NULL)
        return FALSE;
      vpc = table;
      if (IS (table, "alicloud_route_table") && (vpc = link_to (b, table, "vpc_id", vpc_types, TRUE)) == NULL)
        return FALSE;
      rt.vpc = vpc->object;
      names.origin = origin_of (b->sc, r->address);
      if (!pp_rec_unknown (r, "id") && pp_rec_str (r, "id") != NULL && r->address == NULL)
        names.id = pp_scenario_intern (b->sc, pp_rec_str (r, "id"));
      if (!parse_cidr_attr (b, r, dest_attr, TRUE, &rt.destination))
        return FALSE;
      /* an empty type is an unset one (Terraform writes "" for an unset
       * optional string): it would make the next hop ":ID", not an id */
      type = pp_rec_str (r, "nexthop_type");
      if (type != NULL && *type == '\0')
        type = NULL;
      if (type == NULL && !classic && (type = pp_rec_str (r, "next_hops.0.nexthop_type")) != NULL)
        {
          hop_attr = "next_hops.0.nexthop_id";
          if (*type == '\0')
            type = NULL;
        }
      if (type == NULL)
        type = "Instance";     /* the API's default (CreateRouteEntry) */
      for (const char *t = type; *t != '\0'; t++)
        if (!g_ascii_isalnum (*t))
          /* the API's types are words (Instance, HaVip, NatGateway, ...);
           * the scenario keeps another next hop as "TYPE:ID" */
          return fail_rec (b, r, g_str_equal (hop_attr, "nexthop_id")
                           ? "nexthop_type" : "next_hops.0.nexthop_type", PP_IMPORT_ERROR_VALUE,
                           "nexthop_type \"%s\" is not a next hop type (a word: Instance, RouterInterface, VpcPeer, NatGateway, ...); is the input edited by hand?",
                           type);
      hop_id = pp_rec_str (r, hop_attr);
      if (g_str_equal (type, "VpcPeer") || g_str_equal (type, "RouterInterface") || g_str_equal (type, "Instance"))
        {
          gpointer conn;

          hop = link_to (b, r, hop_attr, NULL, TRUE);
          if (hop == NULL)
            return FALSE;
          if (g_str_equal (type, "Instance"))
            {
              if (!IS (hop, "alicloud_instance") || hop->object == PP_NONE)
                return fail_rec (b, r, "nexthop_id", PP_IMPORT_ERROR_REFERENCE,
                                 "the next hop %s is not an instance with a known private IP", hop_id ? hop_id : hop->address);
              rt.next_hop_kind = PP_NEXT_HOP_INSTANCE;
              rt.next_hop = hop->object;
            }
          else
            {
              if ((conn = g_hash_table_lookup (b->conn_of, hop)) == NULL)
                return fail_rec (b, r, "nexthop_id", PP_IMPORT_ERROR_REFERENCE,
                                 "nexthop_type %s, but the next hop %s is a %s", type,
                                 hop_id ? hop_id : hop->address, hop->type);
              rt.next_hop_kind = PP_NEXT_HOP_CONNECTION;
              rt.next_hop = GPOINTER_TO_UINT (conn) - 1;
            }
        }
      else
        {
          g_autofree char *name = NULL;

          if (hop_id == NULL || pp_rec_unknown (r, hop_attr))
            {
              PpRec *t = pp_import_follow_refs (b->imp, r, hop_attr);
              hop_id = t != NULL ? object_id (b, t) : "unknown";
            }
          name = g_strdup_printf ("%s:%s", type, hop_id);
          rt.next_hop_kind = PP_NEXT_HOP_OTHER;
          rt.next_hop = PP_NONE;
          names.next_hop_name = pp_scenario_intern (b->sc, name);
        }
      pp_scenario_add_route (b->sc, &rt, &names);
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
add_notes (Build *b)
{
  GHashTableIter it;
  gpointer k, v;
  g_autoptr(GPtrArray) types = g_ptr_array_new ();
  guint total = 0;

  g_hash_table_iter_init (&it, b->imp->ignored_types);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      g_ptr_array_add (types, k);
      total += GPOINTER_TO_UINT (v);
    }
  if (total > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      g_ptr_array_sort (types, compare_strings);
      for (guint i = 0; i < types->len; i++)
        g_string_append_printf (list, "%s%s %u", i ? ", " : "", (const char *) types->pdata[i],
                                GPOINTER_TO_UINT (g_hash_table_lookup (b->imp->ignored_types, types->pdata[i])));
      pp_findings_add (b->sc->notes, "import-ignored", b->first_file, 0, NULL,
                       "%u resource(s) of types peerplan does not model were not imported: %s", total, list->str);
    }
  if (b->skipped_instances > 0)
    pp_findings_add (b->sc->notes, "import-ignored", b->first_file, 0, NULL,
                     "%u instance(s) without a vSwitch or a known private IP were not imported", b->skipped_instances);
  if (b->custom_tables > 0)
    {
      PpFinding *f = pp_findings_add (b->sc->notes, "import-route-table", b->first_file, 0, NULL,
                                      "%u custom route table(s): their entries are imported as entries of their VPC's table",
                                      b->custom_tables);
      pp_finding_set_hint (f, "peerplan models one route table per VPC; check that each vSwitch's table holds the routes it needs");
    }
}

PpScenario *
pp_importer_finish (PpImporter *imp, GError **error)
{
  g_autoptr(PpScenario) sc = NULL;
  g_autoptr(GHashTable) vpc_owner = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) account_of_uid = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) placeholder = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) conn_of = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) account_data = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *base = NULL;
  g_autofree char *files = NULL;
  Build b = { 0 };

  g_ptr_array_add (imp->files, NULL);
  files = g_strjoinv (",", (GStrv) imp->files->pdata);
  g_ptr_array_remove_index (imp->files, imp->files->len - 1);
  sc = pp_scenario_new (files);
  sc->notes = pp_findings_new ();
  base = g_path_get_basename (imp->files->len > 0 ? g_ptr_array_index (imp->files, 0) : "import");
  if (strchr (base, '.') != NULL)
    *strchr (base, '.') = '\0';
  sc->name = pp_scenario_intern (sc, *base != '\0' && *base != '<' && *base != '-' ? base : "imported");
  b.imp = imp;
  b.sc = sc;
  b.regions = pp_regions_default (error);
  if (b.regions == NULL)
    return NULL;
  b.vpc_owner = vpc_owner;
  b.account_of_uid = account_of_uid;
  b.placeholder = placeholder;
  b.conn_of = conn_of;
  b.account_data = account_data;
  b.first_file = imp->files->len > 0 ? g_ptr_array_index (imp->files, 0) : "<none>";
  b.error = error;

  for (guint i = 0; i < imp->recs->len; i++)
    {
      PpRec *r = g_ptr_array_index (imp->recs, i);

      if (!r->data && !is_modelled (r))
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (imp->ignored_types, r->type));
          g_hash_table_insert (imp->ignored_types, (gpointer) r->type, GUINT_TO_POINTER (n + 1));
          r->skip = TRUE;
        }
      else if (r->data && !IS (r, "alicloud_account"))
        r->skip = TRUE;         /* another data source: its objects, if any, were expanded */
      else if (r->data && r->provider != NULL && pp_rec_str (r, "id") != NULL
               && strlen (pp_rec_str (r, "id")) == 16
               && !g_hash_table_contains (account_data, r->provider))
        g_hash_table_insert (account_data, (gpointer) r->provider, (gpointer) pp_rec_str (r, "id"));
    }
  expand_lookups (imp);
  if (!index_ids (&b) || !derive_owners (&b) || !build_vpcs (&b) || !build_peers (&b)
      || !build_router_interfaces (&b) || !build_routes (&b))
    return NULL;
  if (sc->accounts->len == 0)
    {
      pp_import_fail (error, PP_IMPORT_ERROR_FORMAT, b.first_file, NULL,
                      "holds no VPC (alicloud_vpc, or a DescribeVpcs answer): there is nothing to build a scenario from; import the VPCs too");
      return NULL;
    }
  add_notes (&b);
  return g_steal_pointer (&sc);
}
