/* SPDX-License-Identifier: MIT */
/* pp-scenario-write.c: canonical scenario XML, through xmlTextWriter.
 *
 * DOC: objects are written in array order (which is document order for a
 * scenario that was read), attributes in the order of scenario.rng, absent
 * values omitted.  A route whose next hop is a connection that the route's
 * VPC is an end of is written inside that <connection>; every other route
 * in its VPC's list, and so is every route whose destination its VPC's
 * table holds twice: the first of them is the one the API keeps, so their
 * order must stay as declared (fuzzing found a scenario whose findings
 * changed on the round trip).  So write -> read -> write gives the same
 * bytes, and a written scenario means what the one read did.
 */
#include "model/pp-scenario-xml.h"
#include "model/pp-date.h"
#include "model/pp-error.h"
#include "model/pp-xml.h"

#include <libxml/xmlwriter.h>
#include <string.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlTextWriter, xmlFreeTextWriter)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlBuffer, xmlBufferFree)

#define W(x) ((const xmlChar *) (x))

static void
opt_attr (xmlTextWriterPtr w, const char *name, const char *value)
{
  if (value != NULL)
    xmlTextWriterWriteAttribute (w, W (name), W (value));
}

static void
cidr_attr (xmlTextWriterPtr w, const char *name, PpCidr cidr)
{
  char buf[PP_CIDR_STRLEN];
  xmlTextWriterWriteAttribute (w, W (name), W (pp_cidr_format (cidr, buf)));
}

static void
decimal_attr (xmlTextWriterPtr w, const char *name, guint64 value, guint digits)
{
  g_autofree char *text = pp_decimal_format (value, digits);
  xmlTextWriterWriteAttribute (w, W (name), W (text));
}

/* The <usage> elements of connection @conn (contiguous, document order). */
static void
write_usages (xmlTextWriterPtr w, const PpScenario *sc, guint conn)
{
  for (guint i = 0; i < sc->usages->len; i++)
    {
      const PpUsage *u = &g_array_index (sc->usages, PpUsage, i);

      if (u->connection != conn)
        continue;
      xmlTextWriterStartElement (w, W ("usage"));
      opt_attr (w, "from", u->from);
      if (u->has_gb)
        decimal_attr (w, "gb-per-month", u->gb_milli, 3);
      if (u->has_days)
        decimal_attr (w, "days-per-month", u->days_milli, 3);
      if (u->has_hours)
        decimal_attr (w, "hours-per-day", u->hours_milli, 3);
      xmlTextWriterEndElement (w);
    }
}

static void
write_price (xmlTextWriterPtr w, const PpPrice *p)
{
  xmlTextWriterStartElement (w, W ("price"));
  xmlTextWriterWriteAttribute (w, W ("product"), W (pp_product_to_string (p->product)));
  opt_attr (w, "spec", p->spec);
  opt_attr (w, "link-type", p->link_type);
  opt_attr (w, "from-region", p->from_region);
  opt_attr (w, "to-region", p->to_region);
  if (p->has_areas)
    {
      xmlTextWriterWriteAttribute (w, W ("from-area"), W (pp_area_to_string (p->from_area)));
      xmlTextWriterWriteAttribute (w, W ("to-area"), W (pp_area_to_string (p->to_area)));
    }
  xmlTextWriterWriteAttribute (w, W ("charge"), W (pp_price_charge_to_string (p->charge)));
  xmlTextWriterWriteAttribute (w, W ("unit"), W (pp_price_unit_to_string (p->unit)));
  decimal_attr (w, "amount", p->amount_micro, 6);
  xmlTextWriterWriteAttribute (w, W ("currency"), W (pp_currency_to_string (p->currency)));
  if (p->source_given)
    opt_attr (w, "source", p->source);
  opt_attr (w, "as-of", p->as_of);
  xmlTextWriterEndElement (w);
}

/* A route table's destination: routes with equal keys are duplicates. */
typedef struct {
  guint vpc;
  PpCidr destination;
} RouteKey;

static guint
route_key_hash (gconstpointer p)
{
  const RouteKey *k = p;

  return (k->vpc * 2654435761u) ^ k->destination.addr ^ ((guint) k->destination.len << 24)
         ^ ((guint) k->destination.family << 16);
}

static gboolean
route_key_equal (gconstpointer a, gconstpointer b)
{
  const RouteKey *x = a, *y = b;

  return x->vpc == y->vpc && pp_cidr_equal (x->destination, y->destination);
}

/* [i]: TRUE if route i's VPC holds its destination more than once. */
static gboolean *
duplicated_routes (const PpScenario *sc)
{
  guint n = sc->routes->len;
  gboolean *dup = g_new0 (gboolean, n);
  g_autofree RouteKey *keys = g_new (RouteKey, n);
  g_autoptr(GHashTable) first = g_hash_table_new (route_key_hash, route_key_equal);

  for (guint i = 0; i < n; i++)
    {
      const PpRoute *rt = pp_scenario_route (sc, i);
      gpointer seen;

      keys[i].vpc = rt->vpc;
      keys[i].destination = rt->destination;
      if (g_hash_table_lookup_extended (first, &keys[i], NULL, &seen))
        dup[i] = dup[GPOINTER_TO_UINT (seen)] = TRUE;
      else
        g_hash_table_insert (first, &keys[i], GUINT_TO_POINTER (i));
    }
  return dup;
}

static gboolean
route_in_connection (const PpScenario *sc, const PpRoute *rt)
{
  const PpConnection *c;

  if (rt->next_hop_kind != PP_NEXT_HOP_CONNECTION || rt->next_hop == PP_NONE)
    return FALSE;
  c = pp_scenario_connection (sc, rt->next_hop);
  return rt->vpc == c->ends[0].vpc || rt->vpc == c->ends[1].vpc;
}

static void
write_table_route (xmlTextWriterPtr w, const PpScenario *sc, const PpRoute *rt)
{
  const PpRouteNames *names = pp_scenario_route_names (sc, pp_scenario_route_index (sc, rt));

  xmlTextWriterStartElement (w, W ("route"));
  cidr_attr (w, "destination", rt->destination);
  switch (rt->next_hop_kind)
    {
    case PP_NEXT_HOP_CONNECTION:
      xmlTextWriterWriteAttribute (w, W ("next-hop"), W (pp_scenario_connection (sc, rt->next_hop)->id));
      break;
    case PP_NEXT_HOP_INSTANCE:
      xmlTextWriterWriteAttribute (w, W ("next-hop"), W (pp_scenario_instance (sc, rt->next_hop)->id));
      xmlTextWriterWriteAttribute (w, W ("next-hop-type"), W ("Instance"));
      break;
    case PP_NEXT_HOP_OTHER:
    case PP_NEXT_HOP_LAST:
    default:
      {
        const char *colon = strchr (names->next_hop_name, ':');
        g_autofree char *type = g_strndup (names->next_hop_name, (gsize) (colon - names->next_hop_name));
        xmlTextWriterWriteAttribute (w, W ("next-hop"), W (colon + 1));
        xmlTextWriterWriteAttribute (w, W ("next-hop-type"), W (type));
      }
      break;
    }
  opt_attr (w, "id", names->id);
  opt_attr (w, "origin", names->origin);
  xmlTextWriterEndElement (w);
}

static void
write_end (xmlTextWriterPtr w, const PpScenario *sc, const PpConnection *c, guint which)
{
  static const char *const names[PP_CONN_LAST][2] = {
    [PP_CONN_ROUTER_INTERFACE] = { "initiator", "acceptor" },
    [PP_CONN_VPC_PEER] = { "requester", "accepter" },
  };
  const PpEnd *e = &c->ends[which];

  xmlTextWriterStartElement (w, W (names[c->type][which]));
  xmlTextWriterWriteAttribute (w, W ("vpc"), W (pp_scenario_vpc (sc, e->vpc)->id));
  opt_attr (w, "interface", e->interface_id);
  if (c->type == PP_CONN_ROUTER_INTERFACE)
    {
      if (e->charge != PP_CHARGE_UNSET)
        xmlTextWriterWriteAttribute (w, W ("charge"), W (pp_charge_to_string (e->charge)));
      if (e->period > 0)
        {
          xmlTextWriterWriteFormatAttribute (w, W ("period"), "%u", e->period);
          xmlTextWriterWriteAttribute (w, W ("cycle"), W (pp_cycle_to_string (e->cycle)));
        }
      opt_attr (w, "opposite-interface", e->opposite_interface);
      opt_attr (w, "opposite-owner", e->opposite_owner);
    }
  xmlTextWriterEndElement (w);
}

char *
pp_scenario_to_xml (const PpScenario *sc)
{
  g_autoptr(xmlBuffer) buf = xmlBufferCreate ();
  g_autoptr(xmlTextWriter) w = NULL;
  g_autoptr(GPtrArray) by_vpc = NULL;   /* per VPC: GArray of route indices */
  g_autoptr(GPtrArray) by_conn = NULL;
  g_autofree gboolean *dup = duplicated_routes (sc);

  pp_xml_init ();
  w = xmlNewTextWriterMemory (buf, 0);
  xmlTextWriterSetIndent (w, 1);
  xmlTextWriterSetIndentString (w, W ("  "));

  by_vpc = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  by_conn = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < sc->vpcs->len; i++)
    g_ptr_array_add (by_vpc, g_array_new (FALSE, FALSE, sizeof (guint)));
  for (guint i = 0; i < sc->connections->len; i++)
    g_ptr_array_add (by_conn, g_array_new (FALSE, FALSE, sizeof (guint)));
  for (guint i = 0; i < sc->routes->len; i++)
    {
      const PpRoute *rt = pp_scenario_route (sc, i);
      if (route_in_connection (sc, rt) && !dup[i])
        g_array_append_val (g_ptr_array_index (by_conn, rt->next_hop), i);
      else
        g_array_append_val (g_ptr_array_index (by_vpc, rt->vpc), i);
    }

  xmlTextWriterStartDocument (w, NULL, "UTF-8", NULL);
  xmlTextWriterStartElementNS (w, NULL, W ("scenario"), W ("urn:peerplan:scenario:1"));
  xmlTextWriterWriteAttribute (w, W ("name"), W (sc->name != NULL ? sc->name : "scenario"));
  if (sc->has_purchase_date)
    {
      char day[11];

      xmlTextWriterWriteAttribute (w, W ("purchase-date"), W (pp_date_to_iso (&sc->purchase_date, day)));
    }

  for (guint a = 0; a < sc->accounts->len; a++)
    {
      const PpAccount *acc = pp_scenario_account (sc, a);

      xmlTextWriterStartElement (w, W ("account"));
      xmlTextWriterWriteAttribute (w, W ("id"), W (acc->id));
      xmlTextWriterWriteAttribute (w, W ("uid"), W (acc->uid));
      opt_attr (w, "name", acc->name);
      opt_attr (w, "access-key-id", acc->access_key_id);
      opt_attr (w, "access-key-secret", acc->access_key_secret);
      for (guint v = 0; v < sc->vpcs->len; v++)
        {
          const PpVpc *vpc = pp_scenario_vpc (sc, v);
          GArray *routes = g_ptr_array_index (by_vpc, v);

          if (vpc->account != a)
            continue;
          xmlTextWriterStartElement (w, W ("vpc"));
          xmlTextWriterWriteAttribute (w, W ("id"), W (vpc->id));
          xmlTextWriterWriteAttribute (w, W ("region"), W (vpc->region->id));
          cidr_attr (w, "cidr", vpc->cidr);
          opt_attr (w, "name", vpc->name);
          opt_attr (w, "vrouter-id", vpc->vrouter_id);
          opt_attr (w, "route-table-id", vpc->route_table_id);
          opt_attr (w, "origin", vpc->origin);
          for (guint s = vpc->first_vswitch; s < vpc->first_vswitch + vpc->n_vswitches; s++)
            {
              const PpVSwitch *vsw = pp_scenario_vswitch (sc, s);

              xmlTextWriterStartElement (w, W ("vswitch"));
              xmlTextWriterWriteAttribute (w, W ("id"), W (vsw->id));
              xmlTextWriterWriteAttribute (w, W ("zone"), W (vsw->zone));
              cidr_attr (w, "cidr", vsw->cidr);
              opt_attr (w, "name", vsw->name);
              opt_attr (w, "origin", vsw->origin);
              for (guint k = vsw->first_instance; k < vsw->first_instance + vsw->n_instances; k++)
                {
                  const PpInstance *in = pp_scenario_instance (sc, k);
                  char ip[PP_IP_STRLEN];

                  xmlTextWriterStartElement (w, W ("instance"));
                  xmlTextWriterWriteAttribute (w, W ("id"), W (in->id));
                  xmlTextWriterWriteAttribute (w, W ("ip"), W (pp_ip_format (in->ip, ip)));
                  opt_attr (w, "name", in->name);
                  opt_attr (w, "origin", in->origin);
                  xmlTextWriterEndElement (w);
                }
              xmlTextWriterEndElement (w);
            }
          for (guint k = 0; k < routes->len; k++)
            write_table_route (w, sc, pp_scenario_route (sc, g_array_index (routes, guint, k)));
          xmlTextWriterEndElement (w);
        }
      xmlTextWriterEndElement (w);
    }

  for (guint i = 0; i < sc->connections->len; i++)
    {
      const PpConnection *c = pp_scenario_connection (sc, i);
      GArray *routes = g_ptr_array_index (by_conn, i);

      xmlTextWriterStartElement (w, W ("connection"));
      xmlTextWriterWriteAttribute (w, W ("id"), W (c->id));
      opt_attr (w, "status", c->status);
      xmlTextWriterWriteAttribute (w, W ("type"), W (pp_conn_type_to_string (c->type)));
      if (c->type == PP_CONN_ROUTER_INTERFACE)
        opt_attr (w, "spec", c->spec);
      else
        {
          if (c->bandwidth > 0)
            xmlTextWriterWriteFormatAttribute (w, W ("bandwidth"), "%u", c->bandwidth);
          opt_attr (w, "link-type", c->link_type);
        }
      opt_attr (w, "origin", c->origin);
      write_end (w, sc, c, 0);
      write_end (w, sc, c, 1);
      for (guint k = 0; k < routes->len; k++)
        {
          guint r = g_array_index (routes, guint, k);
          const PpRoute *rt = pp_scenario_route (sc, r);

          xmlTextWriterStartElement (w, W ("route"));
          xmlTextWriterWriteAttribute (w, W ("vpc"), W (pp_scenario_vpc (sc, rt->vpc)->id));
          cidr_attr (w, "destination", rt->destination);
          opt_attr (w, "id", pp_scenario_route_names (sc, r)->id);
          opt_attr (w, "origin", pp_scenario_route_names (sc, r)->origin);
          xmlTextWriterEndElement (w);
        }
      write_usages (w, sc, i);
      xmlTextWriterEndElement (w);
    }
  for (guint i = 0; i < sc->prices->len; i++)
    write_price (w, &g_array_index (sc->prices, PpPrice, i));

  for (guint i = 0; i < sc->expects->len; i++)
    {
      const PpExpectReach *e = &g_array_index (sc->expects, PpExpectReach, i);

      xmlTextWriterStartElement (w, W ("expect-reach"));
      xmlTextWriterWriteAttribute (w, W ("from"), W (pp_scenario_instance (sc, e->from)->id));
      xmlTextWriterWriteAttribute (w, W ("to"), W (pp_scenario_instance (sc, e->to)->id));
      if (e->isolated)
        xmlTextWriterWriteAttribute (w, W ("reachable"), W ("false"));
      xmlTextWriterEndElement (w);
    }
  for (guint i = 0; i < sc->waivers->len; i++)
    {
      const PpWaiver *wv = &g_array_index (sc->waivers, PpWaiver, i);
      char until[11];

      xmlTextWriterStartElement (w, W ("waive"));
      xmlTextWriterWriteAttribute (w, W ("rule"), W (wv->rule));
      opt_attr (w, "object", wv->object);
      xmlTextWriterWriteAttribute (w, W ("reason"), W (wv->reason));
      if (wv->has_until)
        xmlTextWriterWriteAttribute (w, W ("until"), W (pp_date_to_iso (&wv->until, until)));
      xmlTextWriterEndElement (w);
    }

  xmlTextWriterEndDocument (w);
  xmlFreeTextWriter (g_steal_pointer (&w));   /* flushes into buf */
  return g_strndup ((const char *) xmlBufferContent (buf), (gsize) xmlBufferLength (buf));
}

gboolean
pp_scenario_save (const PpScenario *sc, const char *file, GError **error)
{
  g_autofree char *xml = pp_scenario_to_xml (sc);
  g_autoptr(GError) local = NULL;

  if (!g_file_set_contents (file, xml, -1, &local))
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_IO,
                   "%s: cannot write: %s", file, local->message);
      return FALSE;
    }
  return TRUE;
}
