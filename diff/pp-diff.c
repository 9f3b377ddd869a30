/* SPDX-License-Identifier: MIT */
/* pp-diff.c: two scenarios compared (pp-diff.h).
 *
 * DOC: each side is checked (pp_check_scenario) and priced
 * (pp_estimate_new) once.  Objects are matched by id per kind through
 * hash tables of the interned ids, so the comparison is linear in the
 * size of both scenarios; reachability is traced for the pairs of
 * instances present in both (bounded, see PP_DIFF_MAX_REACH_INSTANCES).
 */
#include "diff/pp-diff.h"
#include "model/pp-check.h"
#include "model/pp-date.h"
#include "model/pp-reach.h"
#include "model/pp-route-table.h"
#include "pricing/pp-money.h"

#include <string.h>

static const char * const change_names[] = { "added", "removed", "changed" };
G_STATIC_ASSERT (G_N_ELEMENTS (change_names) == PP_DIFF_LAST);
static const char * const status_names[] = { "new", "fixed", "unchanged" };
G_STATIC_ASSERT (G_N_ELEMENTS (status_names) == PP_DIFF_FINDING_LAST);

const char *
pp_diff_change_to_string (PpDiffChange c)
{
  g_return_val_if_fail ((guint) c < PP_DIFF_LAST, "?");
  return change_names[c];
}

const char *
pp_diff_finding_status_to_string (PpDiffFindingStatus s)
{
  g_return_val_if_fail ((guint) s < PP_DIFF_FINDING_LAST, "?");
  return status_names[s];
}

/* ---- objects ---- */

/* One object's attributes as (name, value) text, NULL-name terminated. */
#define MAX_ATTRS 16
typedef struct {
  const char *name[MAX_ATTRS];
  char *value[MAX_ATTRS];
  guint n;
} Attrs;

static void
attrs_add (Attrs *a, const char *name, char *value)
{
  g_assert (a->n < MAX_ATTRS);
  a->name[a->n] = name;
  a->value[a->n++] = value;
}

static void
attrs_clear (Attrs *a)
{
  for (guint i = 0; i < a->n; i++)
    g_free (a->value[i]);
  a->n = 0;
}

static char *
cidr_text (PpCidr c)
{
  return pp_cidr_to_string (c);
}

static char *
ip_text (guint32 ip)
{
  return g_strdup_printf ("%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255);
}

static char *
uint_text (guint v)
{
  return v ? g_strdup_printf ("%u", v) : NULL;
}

static void
object_attrs (const PpScenario *sc, PpKind kind, guint i, Attrs *a)
{
  switch (kind)
    {
    case PP_KIND_ACCOUNT:
      {
        const PpAccount *x = pp_scenario_account (sc, i);

        attrs_add (a, "uid", g_strdup (x->uid));
        attrs_add (a, "name", g_strdup (x->name));
      }
      break;
    case PP_KIND_VPC:
      {
        const PpVpc *x = pp_scenario_vpc (sc, i);

        attrs_add (a, "account", g_strdup (pp_scenario_account (sc, x->account)->id));
        attrs_add (a, "region", g_strdup (x->region ? x->region->id : NULL));
        attrs_add (a, "cidr", cidr_text (x->cidr));
        attrs_add (a, "name", g_strdup (x->name));
      }
      break;
    case PP_KIND_VSWITCH:
      {
        const PpVSwitch *x = pp_scenario_vswitch (sc, i);

        attrs_add (a, "vpc", g_strdup (pp_scenario_vpc (sc, x->vpc)->id));
        attrs_add (a, "zone", g_strdup (x->zone));
        attrs_add (a, "cidr", cidr_text (x->cidr));
        attrs_add (a, "name", g_strdup (x->name));
      }
      break;
    case PP_KIND_INSTANCE:
      {
        const PpInstance *x = pp_scenario_instance (sc, i);

        attrs_add (a, "vswitch", g_strdup (pp_scenario_vswitch (sc, x->vswitch)->id));
        attrs_add (a, "ip", ip_text (x->ip));
        attrs_add (a, "name", g_strdup (x->name));
      }
      break;
    case PP_KIND_CONNECTION:
      {
        const PpConnection *x = pp_scenario_connection (sc, i);
        static const char * const vpc_names[2] = { "from-vpc", "to-vpc" };
        static const char * const charge_names[2] = { "from-charge", "to-charge" };
        static const char * const period_names[2] = { "from-period", "to-period" };

        attrs_add (a, "type", g_strdup (pp_conn_type_to_string (x->type)));
        attrs_add (a, "spec", g_strdup (x->spec));
        attrs_add (a, "bandwidth", uint_text (x->bandwidth));
        attrs_add (a, "link-type", g_strdup (x->link_type));
        attrs_add (a, "status", g_strdup (x->status));
        for (guint e = 0; e < 2; e++)
          {
            const PpEnd *end = &x->ends[e];

            attrs_add (a, vpc_names[e], g_strdup (end->vpc < sc->vpcs->len
                                                  ? pp_scenario_vpc (sc, end->vpc)->id : NULL));
            attrs_add (a, charge_names[e], end->charge == PP_CHARGE_UNSET ? NULL
                                            : g_strdup (pp_charge_to_string (end->charge)));
            attrs_add (a, period_names[e], end->period
                                           ? g_strdup_printf ("%u %s", end->period,
                                                              pp_cycle_to_string (end->cycle))
                                           : NULL);
          }
      }
      break;
    case PP_KIND_LAST:
    default:
      g_assert_not_reached ();
    }
}

static const char *
kind_name (PpKind k)
{
  static const char * const names[] = { "account", "vpc", "vswitch", "instance", "connection" };
  G_STATIC_ASSERT (G_N_ELEMENTS (names) == PP_KIND_LAST);
  return names[k];
}

static guint
kind_count (const PpScenario *sc, PpKind k)
{
  switch (k)
    {
    case PP_KIND_ACCOUNT: return sc->accounts->len;
    case PP_KIND_VPC: return sc->vpcs->len;
    case PP_KIND_VSWITCH: return sc->vswitches->len;
    case PP_KIND_INSTANCE: return sc->instances->len;
    case PP_KIND_CONNECTION: return sc->connections->len;
    case PP_KIND_LAST:
    default: g_assert_not_reached ();
    }
}

static const char *
kind_id (const PpScenario *sc, PpKind k, guint i, guint *line)
{
  switch (k)
    {
    case PP_KIND_ACCOUNT: *line = pp_scenario_account (sc, i)->line; return pp_scenario_account (sc, i)->id;
    case PP_KIND_VPC: *line = pp_scenario_vpc (sc, i)->line; return pp_scenario_vpc (sc, i)->id;
    case PP_KIND_VSWITCH: *line = pp_scenario_vswitch (sc, i)->line; return pp_scenario_vswitch (sc, i)->id;
    case PP_KIND_INSTANCE: *line = pp_scenario_instance (sc, i)->line; return pp_scenario_instance (sc, i)->id;
    case PP_KIND_CONNECTION: *line = pp_scenario_connection (sc, i)->line; return pp_scenario_connection (sc, i)->id;
    case PP_KIND_LAST:
    default: g_assert_not_reached ();
    }
}

static void
object_add (PpDiff *d, PpDiffChange change, const char *kind, const char *id,
            guint old_line, guint new_line, GArray *attrs)
{
  PpDiffObject o = { change, kind, g_strdup (id), old_line, new_line, attrs };

  if (o.attrs == NULL)
    o.attrs = g_array_new (FALSE, TRUE, sizeof (PpDiffAttr));
  g_array_append_val (d->objects, o);
}

/* Compares the attributes of two matched objects; NULL when equal. */
static GArray *
attrs_compare (Attrs *a, Attrs *b)
{
  GArray *out = NULL;

  for (guint i = 0; i < a->n; i++)
    if (g_strcmp0 (a->value[i], b->value[i]) != 0)
      {
        PpDiffAttr at = { a->name[i], g_strdup (a->value[i]), g_strdup (b->value[i]) };

        if (out == NULL)
          out = g_array_new (FALSE, TRUE, sizeof (PpDiffAttr));
        g_array_append_val (out, at);
      }
  return out;
}

static void
diff_kind (PpDiff *d, PpKind k)
{
  const PpScenario *o = d->old_sc, *n = d->new_sc;

  for (guint i = 0; i < kind_count (o, k); i++)
    {
      guint ol, nl;
      const char *id = kind_id (o, k, i, &ol);
      guint j = pp_scenario_lookup (n, k, id);
      Attrs a = { 0 }, b = { 0 };
      GArray *changed;

      if (j == PP_NONE)
        {
          object_add (d, PP_DIFF_REMOVED, kind_name (k), id, ol, 0, NULL);
          continue;
        }
      kind_id (n, k, j, &nl);
      object_attrs (o, k, i, &a);
      object_attrs (n, k, j, &b);
      changed = attrs_compare (&a, &b);
      if (changed != NULL)
        object_add (d, PP_DIFF_CHANGED, kind_name (k), id, ol, nl, changed);
      attrs_clear (&a);
      attrs_clear (&b);
    }
  for (guint j = 0; j < kind_count (n, k); j++)
    {
      guint nl;
      const char *id = kind_id (n, k, j, &nl);

      if (pp_scenario_lookup (o, k, id) == PP_NONE)
        object_add (d, PP_DIFF_ADDED, kind_name (k), id, 0, nl, NULL);
    }
}

/* A route's key: "VPC DESTINATION", with " #N" for the N-th (N > 1) route
 * of the same key in document order. */
static GHashTable *
route_keys (const PpScenario *sc)
{
  GHashTable *h = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; sc->routes && i < sc->routes->len; i++)
    {
      const PpRoute *r = pp_scenario_route (sc, i);
      g_autofree char *dst = pp_cidr_to_string (r->destination);
      char *key = g_strdup_printf ("%s %s", pp_scenario_vpc (sc, r->vpc)->id, dst);

      for (guint n = 2; g_hash_table_contains (h, key); n++)
        {
          g_free (key);
          key = g_strdup_printf ("%s %s #%u", pp_scenario_vpc (sc, r->vpc)->id, dst, n);
        }
      g_hash_table_insert (h, key, GUINT_TO_POINTER (i + 1));
    }
  return h;
}

static char *
route_next_hop (const PpScenario *sc, const PpRoute *r)
{
  switch (r->next_hop_kind)
    {
    case PP_NEXT_HOP_CONNECTION:
      return g_strdup (r->next_hop < sc->connections->len
                       ? pp_scenario_connection (sc, r->next_hop)->id : "?");
    case PP_NEXT_HOP_INSTANCE:
      return g_strdup (r->next_hop < sc->instances->len
                       ? pp_scenario_instance (sc, r->next_hop)->id : "?");
    case PP_NEXT_HOP_OTHER:
    case PP_NEXT_HOP_LAST:
    default:
      return g_strdup (pp_scenario_route_names (sc, pp_scenario_route_index (sc, r))->next_hop_name);
    }
}

static void
diff_routes (PpDiff *d)
{
  g_autoptr(GHashTable) ok = route_keys (d->old_sc);
  g_autoptr(GHashTable) nk = route_keys (d->new_sc);
  GHashTableIter it;
  gpointer key, val;

  g_hash_table_iter_init (&it, ok);
  while (g_hash_table_iter_next (&it, &key, &val))
    {
      const PpRoute *r = pp_scenario_route (d->old_sc, GPOINTER_TO_UINT (val) - 1);
      gpointer nv = g_hash_table_lookup (nk, key);
      const PpRoute *s;
      Attrs a = { 0 }, b = { 0 };
      GArray *changed;

      if (nv == NULL)
        {
          object_add (d, PP_DIFF_REMOVED, "route", key, r->line, 0, NULL);
          continue;
        }
      s = pp_scenario_route (d->new_sc, GPOINTER_TO_UINT (nv) - 1);
      attrs_add (&a, "next-hop", route_next_hop (d->old_sc, r));
      attrs_add (&a, "id", g_strdup (pp_scenario_route_names (d->old_sc, GPOINTER_TO_UINT (val) - 1)->id));
      attrs_add (&b, "next-hop", route_next_hop (d->new_sc, s));
      attrs_add (&b, "id", g_strdup (pp_scenario_route_names (d->new_sc, GPOINTER_TO_UINT (nv) - 1)->id));
      changed = attrs_compare (&a, &b);
      if (changed != NULL)
        object_add (d, PP_DIFF_CHANGED, "route", key, r->line, s->line, changed);
      attrs_clear (&a);
      attrs_clear (&b);
    }
  g_hash_table_iter_init (&it, nk);
  while (g_hash_table_iter_next (&it, &key, &val))
    if (!g_hash_table_contains (ok, key))
      object_add (d, PP_DIFF_ADDED, "route", key, 0,
                  pp_scenario_route (d->new_sc, GPOINTER_TO_UINT (val) - 1)->line, NULL);
}

/* ---- waivers ---- */

/* "RULE OBJECT" ("RULE *" for a waiver of the whole rule) -> index + 1:
 * a waiver has no id; what it accepts is what identifies it. */
static GHashTable *
waiver_keys (const PpScenario *sc)
{
  GHashTable *h = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < sc->waivers->len; i++)
    {
      const PpWaiver *w = &g_array_index (sc->waivers, PpWaiver, i);
      char *key = g_strdup_printf ("%s %s", w->rule, w->object != NULL ? w->object : "*");

      for (guint n = 2; g_hash_table_contains (h, key); n++)
        {
          g_free (key);
          key = g_strdup_printf ("%s %s #%u", w->rule, w->object != NULL ? w->object : "*", n);
        }
      g_hash_table_insert (h, key, GUINT_TO_POINTER (i + 1));
    }
  return h;
}

static void
waiver_attrs (Attrs *a, const PpWaiver *w)
{
  char until[11];

  attrs_add (a, "reason", g_strdup (w->reason));
  attrs_add (a, "until", w->has_until ? g_strdup (pp_date_to_iso (&w->until, until)) : NULL);
}

/* Waivers added, removed or changed (reason, until), matched by the rule
 * and object they accept: a review sees a finding accepted, or an
 * acceptance extended, as part of the change. */
static void
diff_waivers (PpDiff *d)
{
  g_autoptr(GHashTable) ok = waiver_keys (d->old_sc);
  g_autoptr(GHashTable) nk = waiver_keys (d->new_sc);
  GHashTableIter it;
  gpointer key, val;

  g_hash_table_iter_init (&it, ok);
  while (g_hash_table_iter_next (&it, &key, &val))
    {
      const PpWaiver *w = &g_array_index (d->old_sc->waivers, PpWaiver, GPOINTER_TO_UINT (val) - 1);
      gpointer nv = g_hash_table_lookup (nk, key);
      const PpWaiver *v;
      Attrs a = { 0 }, b = { 0 };
      GArray *changed;

      if (nv == NULL)
        {
          object_add (d, PP_DIFF_REMOVED, "waiver", key, w->line, 0, NULL);
          continue;
        }
      v = &g_array_index (d->new_sc->waivers, PpWaiver, GPOINTER_TO_UINT (nv) - 1);
      waiver_attrs (&a, w);
      waiver_attrs (&b, v);
      changed = attrs_compare (&a, &b);
      if (changed != NULL)
        object_add (d, PP_DIFF_CHANGED, "waiver", key, w->line, v->line, changed);
      attrs_clear (&a);
      attrs_clear (&b);
    }
  g_hash_table_iter_init (&it, nk);
  while (g_hash_table_iter_next (&it, &key, &val))
    if (!g_hash_table_contains (ok, key))
      object_add (d, PP_DIFF_ADDED, "waiver", key, 0,
                  g_array_index (d->new_sc->waivers, PpWaiver, GPOINTER_TO_UINT (val) - 1).line, NULL);
}

static guint
kind_rank (const char *kind)
{
  static const char * const order[] = { "account", "vpc", "vswitch", "instance", "connection", "route",
                                        "waiver" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (strcmp (order[i], kind) == 0)
      return i;
  return G_N_ELEMENTS (order);
}

static gint
object_cmp (gconstpointer a, gconstpointer b)
{
  const PpDiffObject *x = a, *y = b;
  guint kx = kind_rank (x->kind), ky = kind_rank (y->kind);

  if (kx != ky)
    return kx < ky ? -1 : 1;
  return strcmp (x->id, y->id);
}

/* ---- findings ---- */

/* rule \x1f objects... : what matches a finding across the two sides. */
static char *
finding_key (const PpFinding *f)
{
  GString *s = g_string_new (f->rule);

  for (guint i = 0; f->objects && f->objects[i]; i++)
    {
      g_string_append_c (s, '\x1f');
      g_string_append (s, f->objects[i]);
    }
  return g_string_free (s, FALSE);
}

static void
finding_add (PpDiff *d, PpDiffFindingStatus st, const PpFinding *f)
{
  PpDiffFinding df = { st, f };

  g_array_append_val (d->findings, df);
  d->n_findings[st]++;
}

static gint
finding_cmp (gconstpointer a, gconstpointer b)
{
  const PpDiffFinding *x = a, *y = b;
  int c;

  if (x->status != y->status)
    return x->status < y->status ? -1 : 1;
  if (x->finding->severity != y->finding->severity)
    return x->finding->severity > y->finding->severity ? -1 : 1;
  c = strcmp (x->finding->rule, y->finding->rule);
  if (c != 0)
    return c;
  {
    g_autofree char *kx = finding_key (x->finding);
    g_autofree char *ky = finding_key (y->finding);

    c = strcmp (kx, ky);
  }
  if (c != 0)
    return c;
  return strcmp (x->finding->message, y->finding->message);
}

static void
diff_findings (PpDiff *d)
{
  /* key -> GQueue of OLD's findings, in order; each NEW finding takes the
   * first of its key. */
  g_autoptr(GHashTable) old_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             (GDestroyNotify) g_queue_free);
  GHashTableIter it;
  gpointer val;

  for (guint i = 0; i < pp_findings_len (d->old_findings); i++)
    {
      const PpFinding *f = pp_findings_nth (d->old_findings, i);
      char *key = finding_key (f);
      GQueue *q = g_hash_table_lookup (old_by_key, key);

      if (q == NULL)
        {
          q = g_queue_new ();
          g_hash_table_insert (old_by_key, key, q);
        }
      else
        g_free (key);
      g_queue_push_tail (q, (gpointer) f);
    }
  for (guint i = 0; i < pp_findings_len (d->new_findings); i++)
    {
      const PpFinding *f = pp_findings_nth (d->new_findings, i);
      g_autofree char *key = finding_key (f);
      GQueue *q = g_hash_table_lookup (old_by_key, key);

      if (q != NULL && !g_queue_is_empty (q))
        {
          g_queue_pop_head (q);
          finding_add (d, PP_DIFF_FINDING_UNCHANGED, f);
        }
      else
        finding_add (d, PP_DIFF_FINDING_NEW, f);
    }
  g_hash_table_iter_init (&it, old_by_key);
  while (g_hash_table_iter_next (&it, NULL, &val))
    for (GList *l = ((GQueue *) val)->head; l != NULL; l = l->next)
      finding_add (d, PP_DIFF_FINDING_FIXED, l->data);
  g_array_sort (d->findings, finding_cmp);
}

/* ---- reachability ---- */

static char *
reach_where (const PpScenario *sc, const PpReachResult *r)
{
  const PpReachPath *p = pp_reach_path_ok (&r->forward) ? &r->reverse : &r->forward;
  const PpHop *last;

  if (r->ok)
    {
      GString *s = g_string_new ("delivered");
      const char *sep = " over ";

      for (guint i = 0; i < r->forward.hops->len; i++)
        {
          const PpHop *h = &g_array_index (r->forward.hops, PpHop, i);

          if (h->result == PP_HOP_FORWARDED && h->connection != PP_NONE)
            {
              g_string_append_printf (s, "%s%s", sep, pp_scenario_connection (sc, h->connection)->id);
              sep = ", ";
            }
        }
      if (strcmp (sep, " over ") == 0)
        g_string_append (s, " within the VPC");
      return g_string_free (s, FALSE);
    }
  last = pp_reach_path_last (p);
  return g_strdup_printf ("%s dropped in %s: %s",
                          p == &r->forward ? "the request is" : "the reply is",
                          pp_scenario_vpc (sc, last->vpc)->id,
                          pp_hop_result_describe (last->result));
}

static void
reach_pair (PpDiff *d, const PpRouteTables *ort, const PpRouteTables *nrt,
            guint oa, guint ob, guint na, guint nb)
{
  g_auto(PpReachResult) ro = pp_reach_check (d->old_sc, ort, oa, ob);
  g_auto(PpReachResult) rn = pp_reach_check (d->new_sc, nrt, na, nb);
  PpDiffReach x = { 0 };

  if (ro.ok == rn.ok)
    return;
  x.from = g_strdup (pp_scenario_instance (d->new_sc, na)->id);
  x.to = g_strdup (pp_scenario_instance (d->new_sc, nb)->id);
  x.old_ok = ro.ok;
  x.new_ok = rn.ok;
  x.where = reach_where (d->new_sc, &rn);
  x.old_trace = pp_reach_result_format (d->old_sc, ort, &ro);
  x.new_trace = pp_reach_result_format (d->new_sc, nrt, &rn);
  g_array_append_val (d->reach, x);
}

static gint
reach_cmp (gconstpointer a, gconstpointer b)
{
  const PpDiffReach *x = a, *y = b;
  int c = strcmp (x->from, y->from);

  return c != 0 ? c : strcmp (x->to, y->to);
}

static void
diff_reach (PpDiff *d)
{
  const PpScenario *o = d->old_sc, *n = d->new_sc;
  g_autoptr(GArray) common_old = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) common_new = g_array_new (FALSE, FALSE, sizeof (guint));
  PpRouteTables *ort = pp_route_tables_new (o);
  PpRouteTables *nrt = pp_route_tables_new (n);

  for (guint j = 0; j < n->instances->len; j++)
    {
      guint i = pp_scenario_lookup (o, PP_KIND_INSTANCE, pp_scenario_instance (n, j)->id);

      if (i == PP_NONE)
        continue;
      g_array_append_val (common_old, i);
      g_array_append_val (common_new, j);
    }
  if (common_new->len <= PP_DIFF_MAX_REACH_INSTANCES)
    {
      /* A ping checks both directions: each unordered pair once. */
      for (guint a = 0; a < common_new->len; a++)
        for (guint b = a + 1; b < common_new->len; b++)
          reach_pair (d, ort, nrt,
                      g_array_index (common_old, guint, a), g_array_index (common_old, guint, b),
                      g_array_index (common_new, guint, a), g_array_index (common_new, guint, b));
    }
  else
    {
      d->reach_limited = TRUE;
      for (guint k = 0; n->expects && k < n->expects->len; k++)
        {
          const PpExpectReach *e = &g_array_index (n->expects, PpExpectReach, k);
          guint oa = pp_scenario_lookup (o, PP_KIND_INSTANCE, pp_scenario_instance (n, e->from)->id);
          guint ob = pp_scenario_lookup (o, PP_KIND_INSTANCE, pp_scenario_instance (n, e->to)->id);

          if (oa != PP_NONE && ob != PP_NONE)
            reach_pair (d, ort, nrt, oa, ob, e->from, e->to);
        }
    }
  pp_route_tables_free (ort);
  pp_route_tables_free (nrt);
  g_array_sort (d->reach, reach_cmp);
}

/* ---- cost ---- */

typedef struct {
  const guint64 *total;
  const gboolean *used;
  gboolean incomplete;
  const PpMonthly *monthly;
  char *sources;
} Figures;

static void
cost_add (PpDiff *d, const char *kind, const char *id, const Figures *of, const Figures *nf)
{
  for (guint c = 0; c < PP_CURRENCY_LAST; c++)
    {
      gboolean ou = of && of->used[c], nu = nf && nf->used[c];
      PpDiffCost x = { 0 };

      /* One row per currency either side has a figure in; an object
       * without any figure (all unpriced) still gets a row in the
       * estimate's currency, so that "unknown" shows. */
      if (!ou && !nu)
        {
          gboolean any = FALSE;

          for (guint k = 0; k < PP_CURRENCY_LAST; k++)
            any |= (of && of->used[k]) || (nf && nf->used[k]);
          if (any || c != d->currency)
            continue;
        }
      x.kind = kind;
      x.id = g_strdup (id);
      x.currency = (PpCurrency) c;
      x.in_old = of != NULL;
      x.in_new = nf != NULL;
      x.old_minor = ou ? of->total[c] : 0;
      x.new_minor = nu ? nf->total[c] : 0;
      x.delta_minor = (gint64) x.new_minor - (gint64) x.old_minor;
      x.old_incomplete = of && of->incomplete;
      x.new_incomplete = nf && nf->incomplete;
      if (ou && of->monthly->minor[c])
        x.old_monthly = g_memdup2 (of->monthly->minor[c], sizeof (guint64) * d->months);
      if (nu && nf->monthly->minor[c])
        x.new_monthly = g_memdup2 (nf->monthly->minor[c], sizeof (guint64) * d->months);
      x.old_sources = of ? g_strdup (of->sources) : NULL;
      x.new_sources = nf ? g_strdup (nf->sources) : NULL;
      g_array_append_val (d->costs, x);
    }
}

static char *
conn_sources (const PpConnEstimate *ce)
{
  GString *s = g_string_new (NULL);

  for (guint e = 0; e < 2; e++)
    {
      const PpSideEstimate *side = &ce->sides[e];
      const PpOption *o = &side->options[side->chosen];

      if (o->price == NULL || (s->len && strstr (s->str, o->price->source)))
        continue;
      g_string_append_printf (s, "%s%s%s", s->len ? "; " : "", o->price->source,
                              o->price->quote ? " (quote)" : "");
    }
  if (s->len == 0)
    return g_string_free (s, TRUE), NULL;
  return g_string_free (s, FALSE);
}

static const PpConnEstimate *
find_conn (const PpEstimate *e, const char *id)
{
  for (guint i = 0; i < e->connections->len; i++)
    {
      const PpConnEstimate *ce = &g_array_index (e->connections, PpConnEstimate, i);

      if (strcmp (pp_scenario_connection (e->sc, ce->connection)->id, id) == 0)
        return ce;
    }
  return NULL;
}

static void
conn_figures (const PpConnEstimate *ce, Figures *f)
{
  f->total = ce->total_minor;
  f->used = ce->total_used;
  f->incomplete = ce->incomplete;
  f->monthly = &ce->monthly;
  f->sources = conn_sources (ce);
}

static void
account_figures (const PpEstimate *e, guint a, Figures *f)
{
  const PpAccountTotal *t = &g_array_index (e->accounts, PpAccountTotal, a);
  GString *s = g_string_new (NULL);

  f->total = t->total_minor;
  f->used = t->total_used;
  f->incomplete = t->incomplete;
  f->monthly = &t->monthly;
  for (guint i = 0; i < e->connections->len; i++)
    {
      const PpConnEstimate *ce = &g_array_index (e->connections, PpConnEstimate, i);

      for (guint k = 0; k < 2; k++)
        {
          const PpSideEstimate *side = &ce->sides[k];
          const PpOption *o = &side->options[side->chosen];

          if (side->account != a || o->price == NULL || strstr (s->str, o->price->source))
            continue;
          g_string_append_printf (s, "%s%s%s", s->len ? "; " : "", o->price->source,
                                  o->price->quote ? " (quote)" : "");
        }
    }
  f->sources = s->len ? g_string_free (s, FALSE) : (g_string_free (s, TRUE), NULL);
}

static gint
str_cmp (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The ids of @kind of both scenarios, once each, sorted. */
static GPtrArray *
union_ids (const PpDiff *d, PpKind kind)
{
  GPtrArray *ids = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const PpScenario *both[2] = { d->old_sc, d->new_sc };

  for (guint s = 0; s < 2; s++)
    for (guint i = 0; i < kind_count (both[s], kind); i++)
      {
        guint line;
        const char *id = kind_id (both[s], kind, i, &line);

        if (g_hash_table_add (seen, (gpointer) id))
          g_ptr_array_add (ids, (gpointer) id);
      }
  g_ptr_array_sort (ids, str_cmp);
  return ids;
}

static void
diff_costs (PpDiff *d)
{
  const PpEstimate *oe = d->old_estimate, *ne = d->new_estimate;
  g_autoptr(GPtrArray) accounts = union_ids (d, PP_KIND_ACCOUNT);
  g_autoptr(GPtrArray) conns = union_ids (d, PP_KIND_CONNECTION);

  for (guint i = 0; i < accounts->len; i++)
    {
      const char *id = g_ptr_array_index (accounts, i);
      guint oa = pp_scenario_lookup (d->old_sc, PP_KIND_ACCOUNT, id);
      guint na = pp_scenario_lookup (d->new_sc, PP_KIND_ACCOUNT, id);
      Figures of = { 0 }, nf = { 0 };

      if (oa != PP_NONE)
        account_figures (oe, oa, &of);
      if (na != PP_NONE)
        account_figures (ne, na, &nf);
      cost_add (d, "account", id, oa != PP_NONE ? &of : NULL, na != PP_NONE ? &nf : NULL);
      g_free (of.sources);
      g_free (nf.sources);
    }
  for (guint i = 0; i < conns->len; i++)
    {
      const char *id = g_ptr_array_index (conns, i);
      const PpConnEstimate *oc = find_conn (oe, id), *nc = find_conn (ne, id);
      Figures of = { 0 }, nf = { 0 };

      if (oc != NULL)
        conn_figures (oc, &of);
      if (nc != NULL)
        conn_figures (nc, &nf);
      cost_add (d, "connection", id, oc ? &of : NULL, nc ? &nf : NULL);
      g_free (of.sources);
      g_free (nf.sources);
    }
  {
    Figures of = { oe->total_minor, oe->total_used, oe->incomplete, &oe->monthly, NULL };
    Figures nf = { ne->total_minor, ne->total_used, ne->incomplete, &ne->monthly, NULL };

    cost_add (d, "overall", NULL, &of, &nf);
  }
}

/* TRUE if the change added, removed or changed an object of @kind and
 * @id; @touched holds "KIND\tID" of every such object. */
static gboolean
object_touched (GHashTable *touched, const char *kind, const char *id)
{
  g_autofree char *key = g_strconcat (kind, "\t", id, NULL);

  return g_hash_table_contains (touched, key);
}

/* TRUE if the change touches connection @id of @e or a VPC at its ends
 * (a VPC's region decides the price). */
static gboolean
connection_touched (GHashTable *touched, const PpEstimate *e, const char *id)
{
  guint c = pp_scenario_lookup (e->sc, PP_KIND_CONNECTION, id);
  const PpConnection *conn;

  if (object_touched (touched, "connection", id))
    return TRUE;
  if (c == PP_NONE)
    return FALSE;
  conn = pp_scenario_connection (e->sc, c);
  for (guint k = 0; k < 2; k++)
    if (conn->ends[k].vpc != PP_NONE
        && object_touched (touched, "vpc", pp_scenario_vpc (e->sc, conn->ends[k].vpc)->id))
      return TRUE;
  return FALSE;
}

/* A row whose priced part is equal on both sides while a price is
 * missing is unknown, not unchanged, when the change touches what it
 * prices: the connection, an account that pays for a touched
 * connection, or the whole. */
static void
mark_maybe_changed (PpDiff *d)
{
  const PpEstimate *both[2] = { d->old_estimate, d->new_estimate };
  g_autoptr(GHashTable) conns = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) accounts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < d->objects->len; i++)
    {
      const PpDiffObject *o = &g_array_index (d->objects, PpDiffObject, i);

      g_hash_table_add (touched, g_strconcat (o->kind, "\t", o->id, NULL));
    }
  for (guint s = 0; s < 2; s++)
    for (guint i = 0; i < both[s]->connections->len; i++)
      {
        const PpConnEstimate *ce = &g_array_index (both[s]->connections, PpConnEstimate, i);
        const char *id = pp_scenario_connection (both[s]->sc, ce->connection)->id;
        const PpConnEstimate *other = find_conn (both[1 - s], id);

        if (!ce->incomplete && (other == NULL || !other->incomplete))
          continue;
        if (!connection_touched (touched, both[0], id) && !connection_touched (touched, both[1], id))
          continue;
        g_hash_table_add (conns, (gpointer) id);
        for (guint k = 0; k < 2; k++)
          if (ce->sides[k].account != PP_NONE)
            g_hash_table_add (accounts,
                              (gpointer) pp_scenario_account (both[s]->sc, ce->sides[k].account)->id);
      }
  for (guint i = 0; i < d->costs->len; i++)
    {
      PpDiffCost *x = &g_array_index (d->costs, PpDiffCost, i);

      if (!x->old_incomplete && !x->new_incomplete)
        continue;
      if (x->id == NULL)
        x->maybe_changed = g_hash_table_size (conns) > 0;
      else
        x->maybe_changed = g_hash_table_contains (strcmp (x->kind, "account") == 0 ? accounts : conns,
                                                  x->id);
    }
}

gboolean
pp_diff_cost_changed (const PpDiffCost *c)
{
  if (c->in_old != c->in_new || c->delta_minor != 0 || c->old_incomplete != c->new_incomplete
      || c->maybe_changed)
    return TRUE;
  if ((c->old_monthly == NULL) != (c->new_monthly == NULL))
    return TRUE;
  return FALSE;
}

/* ---- quotas and lead times ---- */

static void
diff_quotas (PpDiff *d)
{
  const GArray *ou = d->old_estimate->quota_usage, *nu = d->new_estimate->quota_usage;

  for (guint j = 0; j < nu->len; j++)
    {
      const PpQuotaUsage *n = &g_array_index (nu, PpQuotaUsage, j);
      const PpQuotaUsage *o = NULL;
      gint64 old_head;
      PpDiffQuota q = { 0 };

      for (guint i = 0; i < ou->len && o == NULL; i++)
        if (strcmp (g_array_index (ou, PpQuotaUsage, i).quota->rule, n->quota->rule) == 0)
          o = &g_array_index (ou, PpQuotaUsage, i);
      old_head = o && o->object ? o->headroom : (gint64) n->quota->limit;
      if (n->object == NULL || n->headroom >= old_head)
        continue;
      q.rule = n->quota->rule;
      q.unit = n->quota->unit;
      q.limit = n->quota->limit;
      q.old_object = o ? g_strdup (o->object) : NULL;
      q.new_object = g_strdup (n->object);
      q.old_headroom = old_head;
      q.new_headroom = n->headroom;
      g_array_append_val (d->quotas, q);
    }
}

static char *
lead_key (const PpEstimate *e, const PpLeadTime *lt)
{
  return g_strdup_printf ("%s %s", lt->rule->rule,
                          lt->connection != G_MAXUINT32
                          ? pp_scenario_connection (e->sc, lt->connection)->id
                          : (lt->object ? lt->object : ""));
}

static void
diff_leads (PpDiff *d)
{
  g_autoptr(GHashTable) old_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const PpEstimate *oe = d->old_estimate, *ne = d->new_estimate;

  for (guint i = 0; i < oe->lead_times->len; i++)
    g_hash_table_add (old_keys, lead_key (oe, &g_array_index (oe->lead_times, PpLeadTime, i)));
  for (guint i = 0; i < ne->lead_times->len; i++)
    {
      const PpLeadTime *lt = &g_array_index (ne->lead_times, PpLeadTime, i);
      g_autofree char *key = lead_key (ne, lt);
      PpDiffLead l = { 0 };

      if (g_hash_table_contains (old_keys, key))
        continue;
      l.rule = lt->rule->rule;
      l.object = g_strdup (lt->connection != G_MAXUINT32
                           ? pp_scenario_connection (ne->sc, lt->connection)->id : lt->object);
      l.what = g_strdup (lt->rule->what);
      l.dated = lt->dated;
      l.earliest = lt->earliest;
      l.latest = lt->latest;
      g_array_append_val (d->leads, l);
    }
  d->old_ready_known = oe->has_ready;
  d->old_ready = oe->ready;
  d->new_ready_known = ne->has_ready;
  d->new_ready = ne->ready;
}

/* ---- notes: what was matched and how ---- */

static void
diff_notes (PpDiff *d)
{
  const PpScenario *o = d->old_sc, *n = d->new_sc;
  guint matched = 0;

  if (g_strcmp0 (o->name, n->name) != 0)
    g_ptr_array_add (d->notes, g_strdup_printf ("the scenarios have different names (%s, %s): objects are matched by id",
                                                o->name, n->name));
  for (guint i = 0; i < o->accounts->len; i++)
    {
      const PpAccount *a = pp_scenario_account (o, i);
      guint j = pp_scenario_lookup (n, PP_KIND_ACCOUNT, a->id);

      if (j == PP_NONE)
        continue;
      matched++;
      if (g_strcmp0 (a->uid, pp_scenario_account (n, j)->uid) != 0)
        g_ptr_array_add (d->notes, g_strdup_printf ("account %s is matched by id although its uid differs (%s, %s)",
                                                    a->id, a->uid, pp_scenario_account (n, j)->uid));
    }
  if (matched == 0 && o->accounts->len > 0 && n->accounts->len > 0)
    g_ptr_array_add (d->notes, g_strdup ("no account id is in both: every object of OLD is removed and every object of NEW added"));
}

/* ---- the diff ---- */

static void
object_clear (gpointer p)
{
  PpDiffObject *o = p;

  g_free (o->id);
  for (guint i = 0; o->attrs && i < o->attrs->len; i++)
    {
      PpDiffAttr *a = &g_array_index (o->attrs, PpDiffAttr, i);

      g_free (a->old_value);
      g_free (a->new_value);
    }
  g_clear_pointer (&o->attrs, g_array_unref);
}

static void
reach_clear (gpointer p)
{
  PpDiffReach *r = p;

  g_free (r->from);
  g_free (r->to);
  g_free (r->where);
  g_free (r->old_trace);
  g_free (r->new_trace);
}

static void
cost_clear (gpointer p)
{
  PpDiffCost *c = p;

  g_free (c->id);
  g_free (c->old_monthly);
  g_free (c->new_monthly);
  g_free (c->old_sources);
  g_free (c->new_sources);
}

static void
quota_clear (gpointer p)
{
  PpDiffQuota *q = p;

  g_free (q->old_object);
  g_free (q->new_object);
}

static void
lead_clear (gpointer p)
{
  PpDiffLead *l = p;

  g_free (l->object);
  g_free (l->what);
}

void
pp_diff_free (PpDiff *d)
{
  if (d == NULL)
    return;
  g_clear_pointer (&d->objects, g_array_unref);
  g_clear_pointer (&d->findings, g_array_unref);
  g_clear_pointer (&d->reach, g_array_unref);
  g_clear_pointer (&d->costs, g_array_unref);
  g_clear_pointer (&d->quotas, g_array_unref);
  g_clear_pointer (&d->leads, g_array_unref);
  g_clear_pointer (&d->notes, g_ptr_array_unref);
  g_clear_pointer (&d->old_estimate, pp_estimate_free);
  g_clear_pointer (&d->new_estimate, pp_estimate_free);
  g_clear_pointer (&d->old_findings, pp_findings_free);
  g_clear_pointer (&d->new_findings, pp_findings_free);
  g_free (d);
}

static GArray *
list_new (gsize size, GDestroyNotify clear)
{
  GArray *a = g_array_new (FALSE, TRUE, (guint) size);

  if (clear)
    g_array_set_clear_func (a, clear);
  return a;
}

PpDiff *
pp_diff_new (const PpScenario *old_sc, const PpScenario *new_sc,
             const PpPricingOptions *opts, GError **error)
{
  g_autoptr(PpDiff) d = g_new0 (PpDiff, 1);

  g_return_val_if_fail (old_sc != NULL && new_sc != NULL, NULL);
  d->old_sc = old_sc;
  d->new_sc = new_sc;
  d->notes = g_ptr_array_new_with_free_func (g_free);
  d->objects = list_new (sizeof (PpDiffObject), object_clear);
  d->findings = list_new (sizeof (PpDiffFinding), NULL);
  d->reach = list_new (sizeof (PpDiffReach), reach_clear);
  d->costs = list_new (sizeof (PpDiffCost), cost_clear);
  d->quotas = list_new (sizeof (PpDiffQuota), quota_clear);
  d->leads = list_new (sizeof (PpDiffLead), lead_clear);
  d->old_findings = pp_findings_new ();
  d->new_findings = pp_findings_new ();

  pp_check_scenario (old_sc, d->old_findings);
  pp_check_scenario (new_sc, d->new_findings);
  d->old_estimate = pp_estimate_new (old_sc, opts, d->old_findings, error);
  if (d->old_estimate == NULL)
    return NULL;
  d->new_estimate = pp_estimate_new (new_sc, opts, d->new_findings, error);
  if (d->new_estimate == NULL)
    return NULL;
  pp_scenario_name_origins (old_sc, d->old_findings, 0);
  pp_scenario_name_origins (new_sc, d->new_findings, 0);
  pp_findings_sort (d->old_findings);
  pp_findings_sort (d->new_findings);
  d->months = d->new_estimate->months;
  d->currency = d->new_estimate->currency;

  diff_notes (d);
  for (guint k = 0; k < PP_KIND_LAST; k++)
    diff_kind (d, (PpKind) k);
  diff_routes (d);
  diff_waivers (d);
  g_array_sort (d->objects, object_cmp);
  diff_findings (d);
  diff_reach (d);
  diff_costs (d);
  mark_maybe_changed (d);
  diff_quotas (d);
  diff_leads (d);
  return g_steal_pointer (&d);
}

gboolean
pp_diff_is_empty (const PpDiff *d)
{
  if (d->objects->len || d->n_findings[PP_DIFF_FINDING_NEW] || d->n_findings[PP_DIFF_FINDING_FIXED] ||
      d->reach->len || d->quotas->len || d->leads->len)
    return FALSE;
  for (guint i = 0; i < d->costs->len; i++)
    if (pp_diff_cost_changed (&g_array_index (d->costs, PpDiffCost, i)))
      return FALSE;
  return TRUE;
}

guint
pp_diff_new_at_least (const PpDiff *d, PpSeverity severity)
{
  guint n = 0;

  for (guint i = 0; i < d->findings->len; i++)
    {
      const PpDiffFinding *f = &g_array_index (d->findings, PpDiffFinding, i);

      if (f->status == PP_DIFF_FINDING_NEW && f->finding->severity >= severity)
        n++;
    }
  return n;
}
