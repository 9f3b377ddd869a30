/* SPDX-License-Identifier: MIT */
/* pp-reach.c: ping traces between instances (see pp-reach.h). */
#include "model/pp-reach.h"

#include <string.h>

/* TRUE if the ends of a planned router-interface pair do not name each
 * other (interface or owner) so that ConnectRouterInterface would fail:
 * an end names itself or another interface, names an owner that is not
 * the opposite account, or declares an empty owner across accounts.
 * Undeclared values are the plan's to fill in. */
static gboolean
ri_cannot_connect (const PpScenario *sc, const PpConnection *c)
{
  for (guint i = 0; i < 2; i++)
    {
      const char *names = c->ends[i].opposite_interface;
      const char *self = c->ends[i].interface_id;
      const char *other = c->ends[1 - i].interface_id;
      const char *owner = c->ends[i].opposite_owner;
      const PpAccount *theirs = pp_scenario_vpc_account (sc, c->ends[1 - i].vpc);

      if (names != NULL && self != NULL && strcmp (names, self) == 0)
        return TRUE;
      if (names != NULL && other != NULL && strcmp (names, other) != 0)
        return TRUE;
      if (owner != NULL && owner[0] != '\0' && strcmp (owner, theirs->uid) != 0)
        return TRUE;
      if (owner != NULL && owner[0] == '\0' &&
          theirs != pp_scenario_vpc_account (sc, c->ends[i].vpc))
        return TRUE;
    }
  return FALSE;
}

gboolean
pp_connection_usable (const PpScenario *sc, guint conn, const char **why)
{
  const PpConnection *c = pp_scenario_connection (sc, conn);
  const char *dummy;

  if (why == NULL)
    why = &dummy;
  if (c->status == NULL)
    {
      if (c->type == PP_CONN_ROUTER_INTERFACE && ri_cannot_connect (sc, c))
        {
          *why = "planned, but its ends do not name each other, so it cannot connect";
          return FALSE;
        }
      *why = "planned";
      return TRUE;
    }
  *why = c->status;
  if (c->type == PP_CONN_ROUTER_INTERFACE)
    return strcmp (c->status, "Active") == 0;
  return strcmp (c->status, "Activated") == 0;
}

static void
path_add (PpReachPath *path, guint vpc, guint entry, guint connection, PpHopResult result)
{
  PpHop hop = {
    .vpc = vpc,
    .entry = entry,
    .connection = connection,
    .result = result,
  };

  g_array_append_val (path->hops, hop);
  if (result != PP_HOP_DELIVERED && result != PP_HOP_FORWARDED)
    path->drop_vpc = vpc;
}

/* The hop that ends in @vpc: a system route to the destination's vSwitch
 * delivers, anything else drops. */
static void
trace_deliver (const PpScenario *sc, const PpRouteTables *rt, PpReachPath *path,
               guint vpc, guint entry, gboolean arrived)
{
  const PpInstance *dst = pp_scenario_instance (sc, path->to);
  PpRouteEntry e = pp_route_tables_entry (rt, entry);

  switch (e.kind)
    {
    case PP_ROUTE_SYSTEM:
      path_add (path, vpc, entry, PP_NONE,
                e.target == dst->vswitch ? PP_HOP_DELIVERED : PP_HOP_WRONG_VSWITCH);
      return;
    case PP_ROUTE_CONNECTION:
      if (arrived)
        {
          path_add (path, vpc, entry, e.target, PP_HOP_NOT_TRANSITIVE);
          return;
        }
      break;
    case PP_ROUTE_INSTANCE:
    case PP_ROUTE_OTHER:
    case PP_ROUTE_LAST:
    default:
      break;
    }
  path_add (path, vpc, entry, PP_NONE, PP_HOP_UNMODELLED);
}

PpReachPath
pp_reach_trace (const PpScenario *sc, const PpRouteTables *rt, guint from, guint to)
{
  PpReachPath path = { .from = from, .to = to, .drop_vpc = PP_NONE };
  const PpInstance *src, *dst;
  PpRouteEntry e;
  guint entry, vpc, peer;

  g_return_val_if_fail (from < sc->instances->len && to < sc->instances->len, path);
  src = pp_scenario_instance (sc, from);
  dst = pp_scenario_instance (sc, to);
  path.src = src->ip;
  path.dst = dst->ip;
  path.hops = g_array_new (FALSE, FALSE, sizeof (PpHop));
  vpc = pp_scenario_vswitch (sc, src->vswitch)->vpc;

  entry = pp_route_tables_lookup (rt, vpc, dst->ip);
  if (entry == PP_NONE)
    {
      path_add (&path, vpc, PP_NONE, PP_NONE, PP_HOP_NO_ROUTE);
      return path;
    }
  e = pp_route_tables_entry (rt, entry);
  if (e.kind != PP_ROUTE_CONNECTION)
    {
      trace_deliver (sc, rt, &path, vpc, entry, FALSE);
      return path;
    }
  peer = pp_connection_peer (sc, e.target, vpc);
  if (peer == PP_NONE)
    {
      path_add (&path, vpc, entry, e.target, PP_HOP_NOT_ATTACHED);
      return path;
    }
  if (!pp_connection_usable (sc, e.target, NULL))
    {
      path_add (&path, vpc, entry, e.target, PP_HOP_CONNECTION_DOWN);
      return path;
    }
  path_add (&path, vpc, entry, e.target, PP_HOP_FORWARDED);

  entry = pp_route_tables_lookup (rt, peer, dst->ip);
  if (entry == PP_NONE)
    path_add (&path, peer, PP_NONE, PP_NONE, PP_HOP_NO_ROUTE);
  else
    trace_deliver (sc, rt, &path, peer, entry, TRUE);
  return path;
}

PpReachResult
pp_reach_check (const PpScenario *sc, const PpRouteTables *rt, guint from, guint to)
{
  PpReachResult r = { FALSE, };

  r.forward = pp_reach_trace (sc, rt, from, to);
  r.reverse = pp_reach_trace (sc, rt, to, from);
  r.ok = pp_reach_path_ok (&r.forward) && pp_reach_path_ok (&r.reverse);
  return r;
}

void
pp_reach_path_clear (PpReachPath *path)
{
  g_clear_pointer (&path->hops, g_array_unref);
}

void
pp_reach_result_clear (PpReachResult *result)
{
  pp_reach_path_clear (&result->forward);
  pp_reach_path_clear (&result->reverse);
}

const PpHop *
pp_reach_path_last (const PpReachPath *path)
{
  g_return_val_if_fail (path->hops != NULL && path->hops->len > 0, NULL);
  return &g_array_index (path->hops, PpHop, path->hops->len - 1);
}

gboolean
pp_reach_path_ok (const PpReachPath *path)
{
  return path->hops != NULL && path->hops->len > 0 &&
         pp_reach_path_last (path)->result == PP_HOP_DELIVERED;
}

static const char *
vpc_id (const PpScenario *sc, guint vpc)
{
  return pp_scenario_vpc (sc, vpc)->id;
}

static void
append_conn (GString *s, const PpScenario *sc, guint conn)
{
  const PpConnection *c = pp_scenario_connection (sc, conn);
  const char *why = NULL;

  pp_connection_usable (sc, conn, &why);
  g_string_append_printf (s, "%s (%s, %s)", c->id, pp_conn_type_to_string (c->type), why);
}

static void
append_hop (GString *s, const PpScenario *sc, const PpRouteTables *rt,
            const PpReachPath *path, guint i)
{
  const PpHop *hop = &g_array_index (path->hops, PpHop, i);
  PpRouteEntry e;
  const PpInstance *dst = pp_scenario_instance (sc, path->to);
  char dest[PP_CIDR_STRLEN], ip[PP_IP_STRLEN];

  g_string_append_printf (s, "\n  %u. %s: ", i + 1, vpc_id (sc, hop->vpc));
  pp_ip_format (path->dst, ip);
  if (hop->entry == PP_NONE)
    {
      g_string_append_printf (s, "no route to %s", ip);
      if (i > 0)
        g_string_append (s, " (only system routes deliver traffic that arrived over a connection)");
      g_string_append (s, ": dropped");
      return;
    }
  e = pp_route_tables_entry (rt, hop->entry);
  pp_cidr_format (e.destination, dest);
  g_string_append_printf (s, "%s ", dest);
  switch (e.kind)
    {
    case PP_ROUTE_SYSTEM:
      g_string_append_printf (s, "local (%s)", pp_scenario_vswitch (sc, e.target)->id);
      break;
    case PP_ROUTE_CONNECTION:
      g_string_append (s, "via ");
      append_conn (s, sc, e.target);
      break;
    case PP_ROUTE_INSTANCE:
      g_string_append_printf (s, "via instance %s", pp_scenario_instance (sc, e.target)->id);
      break;
    case PP_ROUTE_OTHER:
    case PP_ROUTE_LAST:
    default:
      g_string_append_printf (s, "via %s", pp_scenario_route_names (sc, e.route)->next_hop_name);
      break;
    }

  switch (hop->result)
    {
    case PP_HOP_DELIVERED:
      g_string_append_printf (s, ": delivered to %s", dst->id);
      break;
    case PP_HOP_FORWARDED:
      g_string_append_printf (s, " -> %s", vpc_id (sc, pp_connection_peer (sc, hop->connection, hop->vpc)));
      break;
    case PP_HOP_NOT_ATTACHED:
      g_string_append_printf (s, ", which does not attach to %s: dropped", vpc_id (sc, hop->vpc));
      break;
    case PP_HOP_CONNECTION_DOWN:
      g_string_append (s, ", which does not forward: dropped");
      break;
    case PP_HOP_NOT_TRANSITIVE:
      {
        const PpHop *in = &g_array_index (path->hops, PpHop, i - 1);
        g_string_append_printf (s, ", but traffic that arrived over %s is not forwarded again (non-transitive): dropped",
                                pp_scenario_connection (sc, in->connection)->id);
      }
      break;
    case PP_HOP_WRONG_VSWITCH:
      {
        const PpVSwitch *w = pp_scenario_vswitch (sc, dst->vswitch);
        g_string_append_printf (s, ", but %s is in %s of %s: dropped",
                                dst->id, w->id, vpc_id (sc, w->vpc));
      }
      break;
    case PP_HOP_UNMODELLED:
      g_string_append (s, ", a next hop peerplan does not model: dropped");
      break;
    case PP_HOP_NO_ROUTE:
    case PP_HOP_LAST:
    default:
      g_assert_not_reached ();
    }
}

static void
append_path (GString *s, const PpScenario *sc, const PpRouteTables *rt, const PpReachPath *path)
{
  char src[PP_IP_STRLEN], dst[PP_IP_STRLEN];

  g_string_append_printf (s, "%s (%s) -> %s (%s): ",
                          pp_scenario_instance (sc, path->from)->id, pp_ip_format (path->src, src),
                          pp_scenario_instance (sc, path->to)->id, pp_ip_format (path->dst, dst));
  if (pp_reach_path_ok (path))
    g_string_append (s, "delivered");
  else
    g_string_append_printf (s, "dropped in %s", vpc_id (sc, path->drop_vpc));
  for (guint i = 0; i < path->hops->len; i++)
    append_hop (s, sc, rt, path, i);
}

char *
pp_reach_path_format (const PpScenario *sc, const PpRouteTables *rt, const PpReachPath *path)
{
  GString *s = g_string_new (NULL);

  append_path (s, sc, rt, path);
  return g_string_free (s, FALSE);
}

char *
pp_reach_result_format (const PpScenario *sc, const PpRouteTables *rt, const PpReachResult *result)
{
  GString *s = g_string_new (NULL);

  append_path (s, sc, rt, &result->forward);
  g_string_append (s, "\n");
  append_path (s, sc, rt, &result->reverse);
  return g_string_free (s, FALSE);
}

GStrv
pp_reach_path_objects (const PpScenario *sc, const PpRouteTables *rt, const PpReachPath *path)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  const PpInstance *src = pp_scenario_instance (sc, path->from);
  const PpVSwitch *sw = pp_scenario_vswitch (sc, src->vswitch);

  g_strv_builder_add (b, src->id);
  g_strv_builder_add (b, sw->id);
  g_strv_builder_add (b, vpc_id (sc, sw->vpc));
  for (guint i = 0; path->hops != NULL && i < path->hops->len; i++)
    {
      const PpHop *hop = &g_array_index (path->hops, PpHop, i);

      if (hop->result == PP_HOP_FORWARDED)
        {
          g_strv_builder_add (b, pp_scenario_connection (sc, hop->connection)->id);
          g_strv_builder_add (b, vpc_id (sc, pp_connection_peer (sc, hop->connection, hop->vpc)));
        }
      else if (hop->result == PP_HOP_DELIVERED)
        {
          const PpInstance *dst = pp_scenario_instance (sc, path->to);
          g_strv_builder_add (b, pp_scenario_vswitch (sc, dst->vswitch)->id);
          g_strv_builder_add (b, dst->id);
        }
    }
  return g_strv_builder_end (b);
}

const char *
pp_hop_result_describe (PpHopResult r)
{
  switch (r)
    {
    case PP_HOP_DELIVERED: return "delivered";
    case PP_HOP_FORWARDED: return "forwarded over a connection";
    case PP_HOP_NO_ROUTE: return "no route matches";
    case PP_HOP_NOT_ATTACHED: return "the route's connection does not attach to that VPC";
    case PP_HOP_CONNECTION_DOWN: return "the connection does not forward";
    case PP_HOP_NOT_TRANSITIVE: return "traffic that arrived over a connection is not forwarded again";
    case PP_HOP_WRONG_VSWITCH: return "the destination's address belongs to another vSwitch there";
    case PP_HOP_UNMODELLED: return "the next hop is not modelled";
    case PP_HOP_LAST:
    default: return "?";
    }
}

char *
pp_reach_result_summary (const PpScenario *sc, const PpReachResult *result)
{
  const char *from = pp_scenario_instance (sc, result->forward.from)->id;
  const char *to = pp_scenario_instance (sc, result->forward.to)->id;
  const PpReachPath *bad;
  const PpHop *last;

  if (result->ok)
    return g_strdup_printf ("%s and %s reach each other", from, to);
  bad = pp_reach_path_ok (&result->forward) ? &result->reverse : &result->forward;
  last = pp_reach_path_last (bad);
  return g_strdup_printf ("%s cannot reach %s: the %s is dropped in %s (%s)",
                          from, to, bad == &result->forward ? "request" : "reply",
                          vpc_id (sc, bad->drop_vpc),
                          pp_hop_result_describe (last != NULL ? last->result : PP_HOP_LAST));
}

const char *
pp_hop_result_to_string (PpHopResult r)
{
  static const char *const names[] = {
    [PP_HOP_DELIVERED] = "delivered",
    [PP_HOP_FORWARDED] = "forwarded",
    [PP_HOP_NO_ROUTE] = "no-route",
    [PP_HOP_NOT_ATTACHED] = "not-attached",
    [PP_HOP_CONNECTION_DOWN] = "connection-down",
    [PP_HOP_NOT_TRANSITIVE] = "not-transitive",
    [PP_HOP_WRONG_VSWITCH] = "wrong-vswitch",
    [PP_HOP_UNMODELLED] = "unmodelled",
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (names) == PP_HOP_LAST);
  g_return_val_if_fail (r < PP_HOP_LAST, "?");
  return names[r];
}
