/* SPDX-License-Identifier: MIT */
/* pp-check.c: the rule engine's entry point and the cidr-* rules.
 *
 * DOC: every rule here is linear or n log n in the size of the scenario:
 * vSwitch overlaps by sorting each VPC's vSwitches and sweeping, instance
 * addresses against their own vSwitch only, VPC overlaps per connection.
 */
#include "model/pp-check.h"
#include "model/pp-check-route.h"
#include "model/pp-rules.h"

#include <stdlib.h>

/* What loading the scenario found (an importer's info lines), copied. */
static void
copy_notes (const PpScenario *sc, PpFindings *findings)
{
  for (guint i = 0; sc->notes != NULL && i < pp_findings_len (sc->notes); i++)
    {
      const PpFinding *n = pp_findings_nth (sc->notes, i);
      PpFinding *f = pp_findings_add (findings, n->rule, n->file, n->line,
                                      (const char * const *) n->objects, "%s", n->message);

      pp_finding_set_severity (f, n->severity);
      if (n->hint != NULL)
        pp_finding_set_hint (f, "%s", n->hint);
      if (n->addresses != NULL)
        pp_finding_set_addresses (f, (const char * const *) n->addresses);
    }
}

void
pp_check_scenario (const PpScenario *sc, PpFindings *findings)
{
  copy_notes (sc, findings);
  pp_check_cidr (sc, findings);
  pp_check_reach_rules (sc, findings);
}

/* Ranges the VPC service refuses, with their subnets
 * (reference/alibaba-api.md section 5, CreateVpc). */
static const struct {
  PpCidr cidr;
  const char *what;
} forbidden[] = {
  { { 0x64400000u, 10, PP_FAMILY_IPV4 }, "100.64.0.0/10 (shared address space, used by cloud services)" },
  { { 0xe0000000u, 4, PP_FAMILY_IPV4 }, "224.0.0.0/4 (multicast)" },
  { { 0x7f000000u, 8, PP_FAMILY_IPV4 }, "127.0.0.0/8 (loopback)" },
  { { 0xa9fe0000u, 16, PP_FAMILY_IPV4 }, "169.254.0.0/16 (link-local)" },
};

static const PpCidr private_ranges[] = {
  { 0x0a000000u, 8, PP_FAMILY_IPV4 },
  { 0xac100000u, 12, PP_FAMILY_IPV4 },
  { 0xc0a80000u, 16, PP_FAMILY_IPV4 },
};

static void
check_vpc_range (const PpScenario *sc, guint v, PpFindings *out)
{
  const PpVpc *vpc = pp_scenario_vpc (sc, v);
  const char *objs[] = { vpc->id, NULL };
  char buf[PP_CIDR_STRLEN];
  gboolean private = FALSE;

  pp_cidr_format (vpc->cidr, buf);
  if (vpc->cidr.len < 8 || vpc->cidr.len > 28)
    {
      PpFinding *f = pp_findings_add (out, "cidr-vpc-range", sc->file, vpc->line, objs,
                                      "vpc '%s' has CIDR block %s: a VPC's mask must be between /8 and /28",
                                      vpc->id, buf);
      pp_finding_set_hint (f, "choose a block from 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 with a mask of /8 to /28, e.g. /16");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    if (pp_cidr_overlaps (vpc->cidr, forbidden[i].cidr))
      {
        PpFinding *f = pp_findings_add (out, "cidr-vpc-range", sc->file, vpc->line, objs,
                                        "vpc '%s' has CIDR block %s, which overlaps %s: the VPC service refuses it",
                                        vpc->id, buf, forbidden[i].what);
        pp_finding_set_hint (f, "use a block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16");
        return;
      }
  for (guint i = 0; i < G_N_ELEMENTS (private_ranges); i++)
    if (pp_cidr_contains (private_ranges[i], vpc->cidr))
      private = TRUE;
  if (!private)
    {
      PpFinding *f = pp_findings_add (out, "cidr-vpc-range", sc->file, vpc->line, objs,
                                      "vpc '%s' uses %s, a public (non-RFC 1918) range: allowed, but traffic to the real owners of those addresses will stay inside the VPC",
                                      vpc->id, buf);
      pp_finding_set_severity (f, PP_SEVERITY_WARNING);
      pp_finding_set_hint (f, "prefer 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 unless you own this range");
    }
}

static int
compare_vswitch_cidr (gconstpointer a, gconstpointer b, gpointer data)
{
  const PpScenario *sc = data;
  const PpVSwitch *x = pp_scenario_vswitch (sc, *(const guint *) a);
  const PpVSwitch *y = pp_scenario_vswitch (sc, *(const guint *) b);
  int c = pp_cidr_compare (x->cidr, y->cidr);

  if (c != 0)
    return c;
  return x->line < y->line ? -1 : x->line > y->line;
}

static void
check_vswitches (const PpScenario *sc, guint v, PpFindings *out)
{
  const PpVpc *vpc = pp_scenario_vpc (sc, v);
  g_autofree guint *order = NULL;
  guint holder = PP_NONE;       /* the vSwitch reaching furthest so far */
  guint32 reach = 0;

  for (guint s = vpc->first_vswitch; s < vpc->first_vswitch + vpc->n_vswitches; s++)
    {
      const PpVSwitch *vsw = pp_scenario_vswitch (sc, s);
      const char *objs[] = { vsw->id, vpc->id, NULL };
      char buf[PP_CIDR_STRLEN], vbuf[PP_CIDR_STRLEN];

      pp_cidr_format (vsw->cidr, buf);
      pp_cidr_format (vpc->cidr, vbuf);
      if (vsw->cidr.len < 16 || vsw->cidr.len > 29)
        {
          PpFinding *f = pp_findings_add (out, "cidr-vswitch-range", sc->file, vsw->line, objs,
                                          "vswitch '%s' has CIDR block %s: a vSwitch's mask must be between /16 and /29",
                                          vsw->id, buf);
          pp_finding_set_hint (f, "split it into blocks of /16 to /29 inside vpc '%s' (%s)", vpc->id, vbuf);
        }
      else if (!pp_cidr_contains (vpc->cidr, vsw->cidr))
        {
          PpFinding *f = pp_findings_add (out, "cidr-vswitch-range", sc->file, vsw->line, objs,
                                          "vswitch '%s' (%s) is not inside its vpc '%s' (%s)",
                                          vsw->id, buf, vpc->id, vbuf);
          pp_finding_set_hint (f, "give the vSwitch a block inside %s", vbuf);
        }
    }

  if (vpc->n_vswitches < 2)
    return;
  order = g_new (guint, vpc->n_vswitches);
  for (guint i = 0; i < vpc->n_vswitches; i++)
    order[i] = vpc->first_vswitch + i;
  g_qsort_with_data (order, (gint) vpc->n_vswitches, sizeof (guint), compare_vswitch_cidr, (gpointer) sc);
  for (guint i = 0; i < vpc->n_vswitches; i++)
    {
      const PpVSwitch *vsw = pp_scenario_vswitch (sc, order[i]);

      if (holder != PP_NONE && vsw->cidr.addr <= reach)
        {
          const PpVSwitch *h = pp_scenario_vswitch (sc, holder);
          const PpVSwitch *later = h->line > vsw->line ? h : vsw;
          const PpVSwitch *earlier = later == h ? vsw : h;
          const char *objs[] = { earlier->id, later->id, vpc->id, NULL };
          char a[PP_CIDR_STRLEN], b[PP_CIDR_STRLEN];
          PpFinding *f;

          f = pp_findings_add (out, "cidr-vswitch-overlap", sc->file, later->line, objs,
                               "vswitch '%s' (%s) overlaps vswitch '%s' (%s, line %u) in vpc '%s'",
                               later->id, pp_cidr_format (later->cidr, a),
                               earlier->id, pp_cidr_format (earlier->cidr, b), earlier->line, vpc->id);
          pp_finding_set_hint (f, "vSwitches of one VPC must not overlap: give '%s' a free block", later->id);
        }
      if (holder == PP_NONE || pp_cidr_last (vsw->cidr) > reach)
        {
          holder = order[i];
          reach = pp_cidr_last (vsw->cidr);
        }
    }
}

static void
check_instances (const PpScenario *sc, guint s, PpFindings *out)
{
  const PpVSwitch *vsw = pp_scenario_vswitch (sc, s);

  for (guint k = vsw->first_instance; k < vsw->first_instance + vsw->n_instances; k++)
    {
      const PpInstance *in = pp_scenario_instance (sc, k);
      const char *objs[] = { in->id, vsw->id, NULL };
      char ip[PP_IP_STRLEN], net[PP_CIDR_STRLEN];
      guint32 last = pp_cidr_last (vsw->cidr);

      pp_ip_format (in->ip, ip);
      pp_cidr_format (vsw->cidr, net);
      if (!pp_cidr_contains_ip (vsw->cidr, in->ip))
        {
          PpFinding *f = pp_findings_add (out, "cidr-instance", sc->file, in->line, objs,
                                          "instance '%s' has IP %s, outside its vswitch '%s' (%s)",
                                          in->id, ip, vsw->id, net);
          pp_finding_set_hint (f, "give the instance an address inside %s", net);
        }
      else if (in->ip == vsw->cidr.addr || in->ip >= last - 2)
        {
          char first[PP_IP_STRLEN], l3[PP_IP_STRLEN];
          PpFinding *f = pp_findings_add (out, "cidr-instance", sc->file, in->line, objs,
                                          "instance '%s' has IP %s, a reserved address of vswitch '%s' (%s): the first address and the last three are reserved",
                                          in->id, ip, vsw->id, net);
          pp_finding_set_hint (f, "use an address from %s to %s",
                               pp_ip_format (vsw->cidr.addr + 1, first),
                               pp_ip_format (last - 3, l3));
        }
    }
}

static void
check_connection_overlap (const PpScenario *sc, guint i, PpFindings *out)
{
  const PpConnection *c = pp_scenario_connection (sc, i);
  const PpVpc *a = pp_scenario_vpc (sc, c->ends[0].vpc);
  const PpVpc *b = pp_scenario_vpc (sc, c->ends[1].vpc);
  const char *objs[] = { c->id, a->id, b->id, NULL };
  char ab[PP_CIDR_STRLEN], bb[PP_CIDR_STRLEN], xb[PP_CIDR_STRLEN];
  PpFinding *f;

  if (!pp_cidr_overlaps (a->cidr, b->cidr))
    return;
  f = pp_findings_add (out, "cidr-overlap", sc->file, c->line, objs,
                       "connection '%s' joins vpc '%s' (%s) and vpc '%s' (%s), whose CIDR blocks overlap in %s",
                       c->id, a->id, pp_cidr_format (a->cidr, ab), b->id,
                       pp_cidr_format (b->cidr, bb),
                       pp_cidr_format (pp_cidr_intersection (a->cidr, b->cidr), xb));
  pp_finding_set_hint (f, "connected VPCs need disjoint address space: re-address one of them before connecting");
}

void
pp_check_cidr (const PpScenario *sc, PpFindings *findings)
{
  for (guint v = 0; v < sc->vpcs->len; v++)
    {
      check_vpc_range (sc, v, findings);
      check_vswitches (sc, v, findings);
    }
  for (guint s = 0; s < sc->vswitches->len; s++)
    check_instances (sc, s, findings);
  for (guint i = 0; i < sc->connections->len; i++)
    check_connection_overlap (sc, i, findings);
}
