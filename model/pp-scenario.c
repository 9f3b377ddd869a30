/* SPDX-License-Identifier: MIT */
/* pp-scenario.c: the scenario's object store. */
#include "model/pp-scenario.h"

PpScenario *
pp_scenario_new (const char *file)
{
  PpScenario *sc = g_new0 (PpScenario, 1);

  sc->strings = g_string_chunk_new (64 * 1024);
  sc->file = g_string_chunk_insert_const (sc->strings, file != NULL ? file : "<scenario>");
  sc->accounts = g_array_new (FALSE, TRUE, sizeof (PpAccount));
  sc->vpcs = g_array_new (FALSE, TRUE, sizeof (PpVpc));
  sc->vswitches = g_array_new (FALSE, TRUE, sizeof (PpVSwitch));
  sc->instances = g_array_new (FALSE, TRUE, sizeof (PpInstance));
  sc->connections = g_array_new (FALSE, TRUE, sizeof (PpConnection));
  sc->routes = g_array_new (FALSE, TRUE, sizeof (PpRoute));
  sc->expects = g_array_new (FALSE, TRUE, sizeof (PpExpectReach));
  sc->prices = g_array_new (FALSE, TRUE, sizeof (PpPrice));
  sc->usages = g_array_new (FALSE, TRUE, sizeof (PpUsage));
  sc->waivers = g_array_new (FALSE, TRUE, sizeof (PpWaiver));
  for (guint k = 0; k < PP_KIND_LAST; k++)
    sc->index[k] = g_hash_table_new (g_str_hash, g_str_equal);
  return sc;
}

void
pp_scenario_free (PpScenario *sc)
{
  if (sc == NULL)
    return;
  for (guint k = 0; k < PP_KIND_LAST; k++)
    g_hash_table_unref (sc->index[k]);
  g_array_unref (sc->accounts);
  g_array_unref (sc->vpcs);
  g_array_unref (sc->vswitches);
  g_array_unref (sc->instances);
  g_array_unref (sc->connections);
  g_array_unref (sc->routes);
  if (sc->route_names != NULL)
    g_array_unref (sc->route_names);
  g_array_unref (sc->expects);
  g_array_unref (sc->prices);
  g_array_unref (sc->usages);
  g_array_unref (sc->waivers);
  g_string_chunk_free (sc->strings);
  pp_findings_free (sc->notes);
  g_free (sc);
}

guint
pp_scenario_lookup (const PpScenario *sc, PpKind kind, const char *id)
{
  gpointer v;

  g_return_val_if_fail (kind < PP_KIND_LAST, PP_NONE);
  if (id == NULL)
    return PP_NONE;
  v = g_hash_table_lookup (sc->index[kind], id);
  return v == NULL ? PP_NONE : GPOINTER_TO_UINT (v) - 1;
}

const char *
pp_scenario_intern (PpScenario *sc, const char *s)
{
  return s == NULL ? NULL : g_string_chunk_insert_const (sc->strings, s);
}

const char *
pp_scenario_keep (PpScenario *sc, const char *s)
{
  return s == NULL ? NULL : g_string_chunk_insert (sc->strings, s);
}

gboolean
pp_scenario_register (PpScenario *sc, PpKind kind, const char *id, guint index)
{
  const char *key = pp_scenario_intern (sc, id);

  if (g_hash_table_contains (sc->index[kind], key))
    return FALSE;
  g_hash_table_insert (sc->index[kind], (gpointer) key, GUINT_TO_POINTER (index + 1));
  return TRUE;
}

guint
pp_scenario_add_route (PpScenario *sc, const PpRoute *rt, const PpRouteNames *names)
{
  guint i = sc->routes->len;

  g_array_append_vals (sc->routes, rt, 1);
  if (names != NULL && (names->next_hop_name != NULL || names->id != NULL || names->origin != NULL))
    {
      if (sc->route_names == NULL)
        sc->route_names = g_array_new (FALSE, TRUE, sizeof (PpRouteNames));
      g_array_set_size (sc->route_names, i);   /* the routes before: none */
      g_array_append_vals (sc->route_names, names, 1);
    }
  return i;
}

const PpRouteNames *
pp_scenario_route_names (const PpScenario *sc, guint i)
{
  static const PpRouteNames none = { NULL, NULL, NULL };

  if (sc->route_names == NULL || i >= sc->route_names->len)
    return &none;
  return &g_array_index (sc->route_names, PpRouteNames, i);
}

const PpAccount *
pp_scenario_vpc_account (const PpScenario *sc, guint vpc)
{
  return pp_scenario_account (sc, pp_scenario_vpc (sc, vpc)->account);
}

PP_ENUM_IMPL (pp_conn_type, PpConnType, PP_CONN_LAST, "router-interface", "vpc-peer");
PP_ENUM_IMPL (pp_charge, PpCharge, PP_CHARGE_LAST, "unset", "subscription", "pay-as-you-go");
PP_ENUM_IMPL (pp_cycle, PpCycle, PP_CYCLE_LAST, "month", "year");

const char *
pp_scenario_origin (const PpScenario *sc, const char *id)
{
  guint i;

  if ((i = pp_scenario_lookup (sc, PP_KIND_VPC, id)) != PP_NONE)
    return pp_scenario_vpc (sc, i)->origin;
  if ((i = pp_scenario_lookup (sc, PP_KIND_CONNECTION, id)) != PP_NONE)
    return pp_scenario_connection (sc, i)->origin;
  if ((i = pp_scenario_lookup (sc, PP_KIND_VSWITCH, id)) != PP_NONE)
    return pp_scenario_vswitch (sc, i)->origin;
  if ((i = pp_scenario_lookup (sc, PP_KIND_INSTANCE, id)) != PP_NONE)
    return pp_scenario_instance (sc, i)->origin;
  return NULL;
}

void
pp_scenario_name_origins (const PpScenario *sc, PpFindings *f, guint from)
{
  for (guint i = from; i < pp_findings_len (f); i++)
    {
      PpFinding *finding = (PpFinding *) pp_findings_nth (f, i);
      g_autoptr(GPtrArray) addresses = g_ptr_array_new ();
      g_autoptr(GString) which = g_string_new (NULL);

      if (finding->objects == NULL || finding->addresses != NULL)
        continue;
      for (guint k = 0; finding->objects[k] != NULL; k++)
        {
          const char *origin = pp_scenario_origin (sc, finding->objects[k]);

          if (origin == NULL)
            continue;
          if (!g_str_equal (origin, finding->objects[k]))
            g_string_append_printf (which, "%s%s is %s", which->len ? ", " : "",
                                    finding->objects[k], origin);
          g_ptr_array_add (addresses, (gpointer) origin);
          g_free (finding->objects[k]);
          finding->objects[k] = g_strdup (origin);
        }
      if (addresses->len == 0)
        continue;
      g_ptr_array_add (addresses, NULL);
      pp_finding_set_addresses (finding, (const char * const *) addresses->pdata);
      if (which->len > 0)
        {
          g_string_prepend (which, " (");
          g_string_append_c (which, ')');
          pp_finding_append_message (finding, which->str);
        }
    }
}
