/* SPDX-License-Identifier: MIT */
/* test-terraform.c: the Terraform writer of `plan --format terraform` on
 * plans it cannot translate (each refusal names the step and says what to
 * do, nothing is written), literal values that must not become HCL
 * templates, identifiers from ids that are not HCL names, a same-account
 * peering (no accepter), and a router interface without a declared spec.
 * The goldens and the HCL parse are tests/cli/terraform.sh and
 * tests/hcl/run.sh. */
#include "tests/testutils.h"
#include "model/pp-scenario-xml.h"
#include "model/pp-xml.h"
#include "sim/pp-planner.h"
#include "sim/cli/terraform-write.h"

#include <gio/gio.h>
#include <string.h>

/* @rel with every @from replaced by @to, loaded. */
static PpScenario *
variant (const char *rel, const char *from, const char *to)
{
  g_autofree char *xml = pp_test_read (rel);
  g_autofree char *changed = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = g_strsplit (xml, from, -1);
  PpScenario *sc;

  ck_assert_msg (parts[1] != NULL, "'%s' is not in %s", from, rel);
  changed = g_strjoinv (to, parts);
  bytes = g_bytes_new (changed, strlen (changed));
  sc = pp_scenario_load_bytes (bytes, "variant.xml", NULL, &error);
  ck_assert_msg (sc != NULL, "%s", error ? error->message : "?");
  return sc;
}

static PpStep *
nth (PpWorkflow *wf, guint i)
{
  ck_assert_uint_lt (i, wf->steps->len);
  return g_ptr_array_index (wf->steps, i);
}

static void
set_param (PpStep *s, const char *name, const char *value)
{
  for (guint i = 0; i < s->params->len; i++)
    {
      PpStepParam *p = &g_array_index (s->params, PpStepParam, i);

      if (strcmp (p->name, name) == 0)
        {
          g_free (p->value);
          p->value = g_strdup (value);
          return;
        }
    }
  pp_step_params_add (s->params, name, value, s->line);
}

/* Plans that have no Terraform form: the change made to the article's
 * derived steps, and what the message must say. */
static const struct {
  guint step;                 /* 0-based */
  const char *param;          /* NULL: change the action */
  const char *value;
  const char *message;
} refusals[] = {
  { 0, NULL, "CreateVpnGateway", "step 1 (CreateVpnGateway tokyo-sv/initiator) has no Terraform form: no resource" },
  { 0, "HealthCheckSourceIp", "172.16.0.9", "step 1 (CreateRouterInterface tokyo-sv/initiator) has no Terraform form: the parameter HealthCheckSourceIp" },
  { 0, "RouterId", "${vpc-nowhere.VRouterId}", "the reference ${vpc-nowhere.VRouterId} names nothing" },
  { 0, "RouterId", "${vpc-tokyo.CidrBlock}", "a VPC's CidrBlock has no Terraform attribute" },
  { 0, "InstanceChargeType", "Monthly", "InstanceChargeType Monthly has no payment_type" },
  { 2, "RouterInterfaceId", "ri-literal", "RouterInterfaceId is not an interface an earlier step created" },
  { 4, "RouterInterfaceId", "${tokyo-sv/route-1.RouteEntryId}", "step 5 (ConnectRouterInterface)" },
};

START_TEST (test_refusal)
{
  g_autofree char *path = pp_test_srcpath ("data/examples/article.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = pp_scenario_load_file (path, NULL, &error);
  g_autoptr(PpWorkflow) wf = NULL;
  g_autofree char *hcl = NULL;
  PpStep *s;

  ck_assert_ptr_nonnull (sc);
  wf = pp_planner_derive (sc);
  s = nth (wf, refusals[_i].step);
  if (refusals[_i].param == NULL)
    {
      g_free (s->action);
      s->action = g_strdup (refusals[_i].value);
    }
  else
    set_param (s, refusals[_i].param, refusals[_i].value);
  hcl = pp_terraform_write (sc, wf, TRUE, &error);
  ck_assert_ptr_null (hcl);
  ck_assert_ptr_nonnull (error);
  ck_assert_msg (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED), "%s", error->message);
  ck_assert_msg (strstr (error->message, refusals[_i].message) != NULL, "%s", error->message);
  ck_assert_msg (strstr (error->message, "--format workflow") != NULL, "no hint: %s", error->message);
}
END_TEST

START_TEST (test_literals_stay_literal)
{
  /* A value holding "%{", a quote or a backslash is written so that HCL
   * reads it back unchanged, never as a template. */
  g_autofree char *path = pp_test_srcpath ("data/examples/vpc-peer-tokyo-sv.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = pp_scenario_load_file (path, NULL, &error);
  g_autoptr(PpWorkflow) wf = pp_planner_derive (sc);
  g_autofree char *hcl = NULL;

  set_param (nth (wf, 0), "LinkType", "G\"o\\l%{d}$x");
  hcl = pp_terraform_write (sc, wf, TRUE, &error);
  ck_assert_msg (hcl != NULL, "%s", error ? error->message : "?");
  ck_assert_msg (strstr (hcl, "link_type           = \"G\\\"o\\\\l%%{d}$x\"\n") != NULL, "%s", hcl);
}
END_TEST

START_TEST (test_identifiers)
{
  /* Ids that are not HCL names become names (lower case, '_', not starting
   * with a digit); two that become the same name stay apart. */
  g_autoptr(PpScenario) sc = variant ("data/examples/hub-and-spoke.xml", "id=\"hub-lake\"", "id=\"9.Hub-Lake\"");
  g_autoptr(PpWorkflow) wf = pp_planner_derive (sc);
  g_autoptr(GError) error = NULL;
  g_autofree char *hcl = pp_terraform_write (sc, wf, TRUE, &error);

  ck_assert_msg (hcl != NULL, "%s", error ? error->message : "?");
  ck_assert_msg (strstr (hcl, "resource \"alicloud_vpc_peer_connection\" \"x_9_hub_lake_peering\" {") != NULL, "%s", hcl);
  ck_assert_msg (strstr (hcl, "description         = \"peerplan 9.Hub-Lake/peering\"") != NULL, "%s", hcl);
}
END_TEST

START_TEST (test_names_collide)
{
  /* vpc-sv renamed vpc_tokyo: two VPCs whose ids make the same identifier
   * get names of their own, in the scenario's order. */
  g_autoptr(PpScenario) sc = variant ("data/examples/article.xml", "\"vpc-sv\"", "\"vpc_tokyo\"");
  g_autoptr(PpWorkflow) wf = pp_planner_derive (sc);
  g_autoptr(GError) error = NULL;
  g_autofree char *hcl = pp_terraform_write (sc, wf, TRUE, &error);

  ck_assert_msg (hcl != NULL, "%s", error ? error->message : "?");
  ck_assert_msg (strstr (hcl, "variable \"vpc_tokyo_id\" {\n  description = \"Id of the existing VPC vpc-tokyo ") != NULL, "%s", hcl);
  ck_assert_msg (strstr (hcl, "variable \"vpc_tokyo_id_2\" {\n  description = \"Id of the existing VPC vpc_tokyo ") != NULL, "%s", hcl);
  ck_assert_msg (strstr (hcl, "data \"alicloud_vpcs\" \"vpc_tokyo_2\" {") != NULL, "%s", hcl);
  ck_assert_msg (strstr (hcl, "router_id                   = data.alicloud_vpcs.vpc_tokyo_2.vpcs[0].router_id") != NULL, "%s", hcl);
}
END_TEST

START_TEST (test_same_account_peer)
{
  /* One account on both sides: accepted at once, so no accepter resource
   * and the routes wait for nothing but the peering they name. */
  g_autoptr(PpScenario) sc = variant ("data/examples/hub-and-spoke.xml",
                                      "</account>\n  <account id=\"shop\" uid=\"4444444444444444\">", "");
  g_autoptr(PpWorkflow) wf = pp_planner_derive (sc);
  g_autoptr(GError) error = NULL;
  g_autofree char *hcl = pp_terraform_write (sc, wf, TRUE, &error);

  ck_assert_msg (hcl != NULL, "%s", error ? error->message : "?");
  ck_assert_msg (strstr (hcl, "resource \"alicloud_vpc_peer_connection\" \"hub_shop_prod_peering\"") != NULL, "%s", hcl);
  ck_assert_msg (strstr (hcl, "alicloud_vpc_peer_connection_accepter\" \"hub_shop_prod_peering\"") == NULL, "%s", hcl);
  ck_assert_msg (strstr (hcl, "alicloud_vpc_peer_connection_accepter\" \"hub_lake_peering\"") != NULL, "%s", hcl);
  ck_assert_msg (strstr (hcl, "accepting_ali_uid   = var.account_net_uid") != NULL, "%s", hcl);
}
END_TEST

START_TEST (test_spec_not_declared)
{
  /* The provider requires spec; the scenario declares none: a variable
   * without a default, so that `terraform plan` asks for it. */
  g_autoptr(PpScenario) sc = variant ("data/examples/article.xml", " spec=\"Large.1\"", "");
  g_autoptr(PpWorkflow) wf = pp_planner_derive (sc);
  g_autoptr(GError) error = NULL;
  g_autofree char *hcl = pp_terraform_write (sc, wf, TRUE, &error);

  ck_assert_msg (hcl != NULL, "%s", error ? error->message : "?");
  ck_assert_msg (strstr (hcl, "variable \"tokyo_sv_initiator_spec\" {") != NULL, "%s", hcl);
  ck_assert_msg (strstr (hcl, "spec                        = var.tokyo_sv_initiator_spec\n") != NULL, "%s", hcl);
  ck_assert_msg (strstr (hcl, "spec                        = \"Negative\"\n") != NULL, "%s", hcl);
}
END_TEST

static Suite *
terraform_suite (void)
{
  Suite *s = suite_create ("terraform");
  TCase *tc = tcase_create ("write");

  tcase_add_loop_test (tc, test_refusal, 0, G_N_ELEMENTS (refusals));
  tcase_add_test (tc, test_literals_stay_literal);
  tcase_add_test (tc, test_identifiers);
  tcase_add_test (tc, test_names_collide);
  tcase_add_test (tc, test_same_account_peer);
  tcase_add_test (tc, test_spec_not_declared);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  pp_xml_init ();
  return pp_test_run (terraform_suite ());
}
