/* SPDX-License-Identifier: MIT */
/* test-import.c: the importers (import/): one estate in the three Terraform
 * formats gives the same connections and routes; every bad input is an
 * error naming the file, the JSON path and what to do; owners; API answers. */
#include "tests/testutils.h"
#include "import/pp-import.h"
#include "model/pp-scenario-xml.h"

#include <string.h>

static PpScenario *
import_files (const char *const *rels, const char *const *accounts, GError **error)
{
  g_autoptr(PpImporter) imp = pp_importer_new ();

  for (guint i = 0; accounts != NULL && accounts[i] != NULL; i++)
    ck_assert (pp_importer_set_account (imp, accounts[i], NULL));
  for (guint i = 0; rels[i] != NULL; i++)
    {
      g_autofree char *path = pp_test_srcpath (rels[i]);
      if (!pp_importer_add_file (imp, path, error))
        return NULL;
    }
  return pp_importer_finish (imp, error);
}

static PpScenario *
import_ok (const char *rel, const char *const *accounts)
{
  const char *rels[] = { rel, NULL };
  g_autoptr(GError) error = NULL;
  PpScenario *sc = import_files (rels, accounts, &error);

  ck_assert_msg (sc != NULL, "%s: %s", rel, error != NULL ? error->message : "");
  return sc;
}

static const char *
vpc_name (const PpScenario *sc, guint v)
{
  const PpVpc *vpc = pp_scenario_vpc (sc, v);
  return vpc->origin != NULL ? vpc->origin : vpc->id;
}

static int
cmp_lines (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* What must agree between the formats: VPCs (by address) with owner,
 * region and CIDR; connections by their ends; routes by VPC, destination
 * and the connection's ends; sorted. */
static char *
summary (const PpScenario *sc)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);
  char buf[PP_CIDR_STRLEN];

  for (guint v = 0; v < sc->vpcs->len; v++)
    {
      const PpVpc *vpc = pp_scenario_vpc (sc, v);
      g_ptr_array_add (lines, g_strdup_printf ("vpc %s uid=%s region=%s cidr=%s vswitches=%u",
                                               vpc_name (sc, v), pp_scenario_vpc_account (sc, v)->uid,
                                               vpc->region->id, pp_cidr_format (vpc->cidr, buf), vpc->n_vswitches));
    }
  for (guint c = 0; c < sc->connections->len; c++)
    {
      const PpConnection *conn = pp_scenario_connection (sc, c);
      g_ptr_array_add (lines, g_strdup_printf ("connection %s %s -> %s spec=%s bandwidth=%u",
                                               pp_conn_type_to_string (conn->type),
                                               vpc_name (sc, conn->ends[0].vpc), vpc_name (sc, conn->ends[1].vpc),
                                               conn->spec ? conn->spec : "-", conn->bandwidth));
    }
  for (guint r = 0; r < sc->routes->len; r++)
    {
      const PpRoute *rt = pp_scenario_route (sc, r);
      const PpConnection *conn = pp_scenario_connection (sc, rt->next_hop);

      ck_assert_int_eq (rt->next_hop_kind, PP_NEXT_HOP_CONNECTION);
      g_ptr_array_add (lines, g_strdup_printf ("route %s %s via %s/%s (%s)", vpc_name (sc, rt->vpc),
                                               pp_cidr_format (rt->destination, buf),
                                               vpc_name (sc, conn->ends[0].vpc), vpc_name (sc, conn->ends[1].vpc),
                                               pp_scenario_route_names (sc, r)->origin));
    }
  g_ptr_array_sort (lines, cmp_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (lines, i));
  return g_string_free (out, FALSE);
}

START_TEST (test_estate_formats_agree)
{
  g_autoptr(PpScenario) plan = import_ok ("tests/data/import/estate-plan.json", NULL);
  g_autoptr(PpScenario) state = import_ok ("tests/data/import/estate-state.json", NULL);
  g_autoptr(PpScenario) tfstate = import_ok ("tests/data/import/estate.tfstate", NULL);
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  ck_assert_uint_eq (plan->vpcs->len, 3);
  ck_assert_uint_eq (plan->accounts->len, 2);
  ck_assert_uint_eq (plan->vswitches->len, 6);
  ck_assert_uint_eq (plan->instances->len, 1);
  ck_assert_uint_eq (plan->connections->len, 2);
  ck_assert_uint_eq (plan->routes->len, 4);
  a = summary (plan);
  b = summary (state);
  c = summary (tfstate);
  ck_assert_msg (strstr (a, "vpc module.spoke.alicloud_vpc.this uid=2222222222222222 region=ap-southeast-1") != NULL, "%s", a);
  ck_assert_msg (strstr (a, "vpc alicloud_vpc.sh uid=1111111111111111 region=cn-shanghai") != NULL, "%s", a);
  ck_assert_msg (strstr (a, "connection vpc-peer alicloud_vpc.hub -> module.spoke.alicloud_vpc.this spec=- bandwidth=100") != NULL, "%s", a);
  ck_assert_msg (strstr (a, "connection router-interface alicloud_vpc.hub -> alicloud_vpc.sh spec=Large.2") != NULL, "%s", a);
  ck_assert_msg (strstr (a, "route module.spoke.alicloud_vpc.this 10.0.0.0/16 via alicloud_vpc.hub/module.spoke.alicloud_vpc.this (module.spoke.alicloud_route_entry.back)") != NULL, "%s", a);
  ck_assert_str_eq (a, b);
  ck_assert_str_eq (a, c);
  /* the plan's objects have no cloud ids yet: ids from their addresses */
  ck_assert_uint_ne (pp_scenario_lookup (plan, PP_KIND_VPC, "module.spoke.alicloud_vpc.this"), PP_NONE);
  ck_assert_uint_ne (pp_scenario_lookup (plan, PP_KIND_VSWITCH, "alicloud_vswitch.sh.b"), PP_NONE);
  /* the state's keep theirs */
  ck_assert_uint_ne (pp_scenario_lookup (state, PP_KIND_VPC, "vpc-spk0000000000000001"), PP_NONE);
  ck_assert_str_eq (pp_scenario_origin (state, "vpc-spk0000000000000001"), "module.spoke.alicloud_vpc.this");
}
END_TEST

/* The scenario written from an import reads back to the same model. */
START_TEST (test_estate_round_trip_xml)
{
  g_autoptr(PpScenario) state = import_ok ("tests/data/import/estate-state.json", NULL);
  g_autofree char *xml = pp_scenario_to_xml (state);
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) back = pp_scenario_load_bytes (bytes, "imported.xml", NULL, &error);
  g_autofree char *xml2 = NULL;
  g_autofree char *a = NULL, *b = NULL;

  ck_assert_msg (back != NULL, "%s", error ? error->message : "");
  xml2 = pp_scenario_to_xml (back);
  ck_assert_str_eq (xml, xml2);
  a = summary (state);
  b = summary (back);
  ck_assert_str_eq (a, b);
}
END_TEST

/* Express Connect interfaces with no opposite interface id: paired by the
 * routers they name; a vpc_route_entry's next_hops[0]. */
START_TEST (test_pair_by_router)
{
  g_autoptr(PpScenario) sc = import_ok ("tests/data/import/state-express-ri.json", NULL);
  const PpConnection *c;
  const PpRoute *rt;

  ck_assert_uint_eq (sc->connections->len, 1);
  c = pp_scenario_connection (sc, 0);
  ck_assert_str_eq (c->id, "ri-a00000000000000001");
  ck_assert_str_eq (c->spec, "Middle.1");
  ck_assert_str_eq (pp_scenario_vpc (sc, c->ends[0].vpc)->id, "vpc-a00000000000000001");
  ck_assert_str_eq (c->ends[1].interface_id, "ri-b00000000000000001");
  ck_assert_int_eq (c->ends[0].charge, PP_CHARGE_SUBSCRIPTION);
  ck_assert_uint_eq (c->ends[0].period, 3);
  ck_assert_int_eq (c->ends[1].charge, PP_CHARGE_PAY_AS_YOU_GO);
  ck_assert_uint_eq (sc->routes->len, 1);
  rt = pp_scenario_route (sc, 0);
  ck_assert_int_eq (rt->next_hop_kind, PP_NEXT_HOP_CONNECTION);
  ck_assert_uint_eq (rt->next_hop, 0);
  ck_assert_str_eq (pp_scenario_route_names (sc, 0)->origin, "alicloud_vpc_route_entry.a");
}
END_TEST

/* Existing VPCs and vSwitches through data "alicloud_vpcs" /
 * "alicloud_vswitches" (how a configuration names what it does not
 * manage): objects with their cloud ids, linked to like any other. */
START_TEST (test_data_lookups)
{
  g_autoptr(PpScenario) sc = import_ok ("tests/data/import/state-data-lookups.json", NULL);
  guint old = pp_scenario_lookup (sc, PP_KIND_VPC, "vpc-old00000000000000001");
  const PpConnection *c;

  ck_assert_uint_ne (old, PP_NONE);
  ck_assert_str_eq (pp_scenario_vpc (sc, old)->vrouter_id, "vrt-old00000000000000001");
  ck_assert_uint_eq (pp_scenario_vpc (sc, old)->n_vswitches, 1);
  ck_assert_str_eq (pp_scenario_vpc_account (sc, old)->uid, "1111111111111111");
  ck_assert_uint_eq (sc->connections->len, 1);
  c = pp_scenario_connection (sc, 0);
  ck_assert_uint_eq (c->ends[1].vpc, old);
  ck_assert_uint_eq (sc->routes->len, 1);
}
END_TEST

static const struct {
  const char *file;
  PpImportError code;
  const char *want[3];          /* substrings of the message */
} bad[] = {
  { "tests/data/import/bad/not-a-format.json", PP_IMPORT_ERROR_FORMAT,
    { "not-a-format.json: ", "none of the formats peerplan imports", "members: items, name" } },
  { "tests/data/import/bad/plan-version-2.json", PP_IMPORT_ERROR_VERSION,
    { "plan-version-2.json: format_version: \"2.0\"", "reads format_version 1.x", NULL } },
  { "tests/data/import/bad/tfstate-version-3.json", PP_IMPORT_ERROR_VERSION,
    { "tfstate-version-3.json: version: terraform.tfstate version 3", "version 4", NULL } },
  { "tests/data/import/bad/truncated.json", PP_IMPORT_ERROR_PARSE,
    { "truncated.json: ", "ends early", "truncated" } },
  { "tests/data/import/bad/plan-dangling.json", PP_IMPORT_ERROR_REFERENCE,
    { "plan-dangling.json: resource_changes[1].change.after.vpc_id: alicloud_vswitch.hub: ",
      "alicloud_vpc.gone.id", "not in the plan" } },
  { "tests/data/import/bad/state-dangling.json", PP_IMPORT_ERROR_REFERENCE,
    { "state-dangling.json: values.root_module.resources[1].values.vpc_id: alicloud_vswitch.a: ",
      "vpc-nowhere000000000001", "import the state, plan or answers that hold" } },
  { "tests/data/import/bad/state-duplicate.json", PP_IMPORT_ERROR_DUPLICATE,
    { "state-duplicate.json: values.root_module.resources[1].values.id: alicloud_vpc.b: ",
      "claimed twice: also by alicloud_vpc.a", "terraform state rm" } },
  { "tests/data/import/bad/state-bad-cidr.json", PP_IMPORT_ERROR_VALUE,
    { "values.root_module.resources[0].values.cidr_block: alicloud_vpc.a: ", "did you mean 10.0.0.0/16", NULL } },
  { "tests/data/import/bad/api-not-a-list.json", PP_IMPORT_ERROR_FORMAT,
    { "api-not-a-list.json: Vpcs.Vpc: is not a list", NULL, NULL } },
  /* Found by fuzz-import: the id went into the XML, which then did not load. */
  { "tests/data/import/bad/state-control-char.json", PP_IMPORT_ERROR_VALUE,
    { "state-control-char.json: line 23: ", "U+0010, which a scenario cannot hold", "remove it" } },
  /* Found by fuzz-import: an id the scenario reader refuses (it had U+FEFF). */
  { "tests/data/import/bad/state-bad-id.json", PP_IMPORT_ERROR_VALUE,
    { "state-bad-id.json: values.root_module.resources[1].values.id: alicloud_vpc.b: ",
      "\"vpc-same 00000000000002\" holds a character ids may not contain", "1-128 letters" } },
  /* Found by fuzz-import: an account uid of another shape went into the XML. */
  { "tests/data/import/bad/tfstate-bad-uid.json", PP_IMPORT_ERROR_VALUE,
    { "tfstate-bad-uid.json: resources[1].instances[0].attributes: alicloud_vpc.a: ",
      "uid \"11111:1111111112\"", "--account default=UID" } },
  /* Found by fuzz-import: a type with a colon made the next hop ":pcc-...". */
  { "tests/data/import/bad/tfstate-bad-nexthop-type.json", PP_IMPORT_ERROR_VALUE,
    { "tfstate-bad-nexthop-type.json: resources[6].instances[0].attributes.nexthop_type: ",
      "nexthop_type \"VpcPee:\" is not a next hop type", "edited by hand" } },
};

START_TEST (test_bad_input)
{
  const char *rels[] = { bad[_i].file, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = import_files (rels, NULL, &error);

  ck_assert_msg (sc == NULL, "%s imported", bad[_i].file);
  ck_assert_msg (g_error_matches (error, PP_IMPORT_ERROR, bad[_i].code), "%s: code %d: %s",
                 bad[_i].file, error->code, error->message);
  for (guint k = 0; k < G_N_ELEMENTS (bad[_i].want) && bad[_i].want[k] != NULL; k++)
    ck_assert_msg (strstr (error->message, bad[_i].want[k]) != NULL, "'%s' not in: %s",
                   bad[_i].want[k], error->message);
}
END_TEST

START_TEST (test_owner_placeholder)
{
  g_autoptr(PpScenario) unknown = import_ok ("tests/data/import/state-owner-unknown.json", NULL);
  const char *const opts[] = { "default=3333333333333333", NULL };
  g_autoptr(PpScenario) known = import_ok ("tests/data/import/state-owner-unknown.json", opts);
  const PpFinding *f;

  ck_assert_str_eq (pp_scenario_account (unknown, 0)->uid, "0000000000000001");
  ck_assert_uint_eq (pp_findings_len (unknown->notes), 1);
  f = pp_findings_nth (unknown->notes, 0);
  ck_assert_str_eq (f->rule, "import-owner-unknown");
  ck_assert_msg (strstr (f->hint, "--account default=UID") != NULL, "%s", f->hint);
  ck_assert_str_eq (pp_scenario_account (known, 0)->uid, "3333333333333333");
  ck_assert_str_eq (pp_scenario_account (known, 0)->id, "default");
  ck_assert_uint_eq (pp_findings_len (known->notes), 0);
}
END_TEST

/* A provider alias that is not a Terraform name (an edited state) still
 * makes an account id, and aliases that make the same id stay apart. */
START_TEST (test_alias_not_a_name)
{
  static const char state[] =
    "{\"version\":4,\"terraform_version\":\"1.9.8\",\"resources\":["
    "{\"mode\":\"managed\",\"type\":\"alicloud_vpc\",\"name\":\"a\",\"provider\":\"provider[\\\"registry.terraform.io/aliyun/alicloud\\\"].x&y\","
    "\"instances\":[{\"attributes\":{\"id\":\"vpc-a\",\"cidr_block\":\"10.0.0.0/16\",\"region_id\":\"cn-hangzhou\"}}]},"
    "{\"mode\":\"managed\",\"type\":\"alicloud_vpc\",\"name\":\"b\",\"provider\":\"provider[\\\"registry.terraform.io/aliyun/alicloud\\\"].x\\ty\","
    "\"instances\":[{\"attributes\":{\"id\":\"vpc-b\",\"cidr_block\":\"10.1.0.0/16\",\"region_id\":\"cn-hangzhou\"}}]},"
    "{\"mode\":\"managed\",\"type\":\"alicloud_vpc\",\"name\":\"c\",\"provider\":\"provider[\\\"registry.terraform.io/aliyun/alicloud\\\"].x_y\","
    "\"instances\":[{\"attributes\":{\"id\":\"vpc-c\",\"cidr_block\":\"10.2.0.0/16\",\"region_id\":\"cn-hangzhou\"}}]}]}";
  g_autoptr(PpImporter) imp = pp_importer_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (state, sizeof state - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = NULL;
  g_autoptr(PpScenario) again = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(GBytes) written = NULL;

  ck_assert (pp_importer_add_bytes (imp, bytes, "edited.tfstate", &error));
  sc = pp_importer_finish (imp, &error);
  ck_assert_msg (sc != NULL, "%s", error != NULL ? error->message : "");
  ck_assert_uint_eq (sc->accounts->len, 3);
  ck_assert_str_eq (pp_scenario_account (sc, 0)->id, "x_y");
  ck_assert_str_eq (pp_scenario_account (sc, 1)->id, "x_y-unknown");
  ck_assert_str_eq (pp_scenario_account (sc, 2)->id, "x_y-unknown-2");
  xml = pp_scenario_to_xml (sc);
  written = g_bytes_new_static (xml, strlen (xml));
  again = pp_scenario_load_bytes (written, "imported.xml", NULL, &error);
  ck_assert_msg (again != NULL, "%s", error != NULL ? error->message : "");
}
END_TEST

/* An address longer than the 256 characters an origin may have is cut,
 * counted in characters, not bytes. */
START_TEST (test_origin_cut)
{
  g_autoptr(GString) state = g_string_new ("{\"version\":4,\"terraform_version\":\"1.9.8\",\"resources\":["
                                           "{\"mode\":\"managed\",\"type\":\"alicloud_vpc\",\"name\":\"");
  g_autoptr(PpImporter) imp = pp_importer_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = NULL;
  const char *origin;

  for (guint i = 0; i < 300; i++)
    g_string_append (state, "\xc3\xa9");         /* U+00E9, two bytes */
  g_string_append (state, "\",\"provider\":\"provider[\\\"registry.terraform.io/aliyun/alicloud\\\"]\","
                   "\"instances\":[{\"attributes\":{\"id\":\"vpc-a\",\"cidr_block\":\"10.0.0.0/16\",\"region_id\":\"cn-hangzhou\"}}]}]}");
  bytes = g_bytes_new (state->str, state->len);
  ck_assert (pp_importer_add_bytes (imp, bytes, "long.tfstate", &error));
  sc = pp_importer_finish (imp, &error);
  ck_assert_msg (sc != NULL, "%s", error != NULL ? error->message : "");
  origin = pp_scenario_vpc (sc, 0)->origin;
  ck_assert_int_eq (g_utf8_strlen (origin, -1), 256);
  ck_assert (g_str_has_prefix (origin, "alicloud_vpc.\xc3\xa9"));
  ck_assert (g_str_has_suffix (origin, "\xc3\xa9..."));
}
END_TEST

START_TEST (test_ignored_counted)
{
  g_autoptr(PpScenario) plan = import_ok ("tests/data/import/estate-plan.json", NULL);
  const PpFinding *f;

  ck_assert_uint_eq (pp_findings_len (plan->notes), 1);
  f = pp_findings_nth (plan->notes, 0);
  ck_assert_str_eq (f->rule, "import-ignored");
  ck_assert_msg (strstr (f->message, "alicloud_security_group 1") != NULL, "%s", f->message);
}
END_TEST

START_TEST (test_options)
{
  g_autoptr(PpImporter) imp = pp_importer_new ();
  g_autoptr(GError) error = NULL;

  ck_assert (!pp_importer_set_account (imp, "spoke=12345", &error));
  ck_assert (g_error_matches (error, PP_IMPORT_ERROR, PP_IMPORT_ERROR_OPTION));
  g_clear_error (&error);
  ck_assert (!pp_importer_set_region (imp, "=cn-hangzhou", &error));
  ck_assert (g_error_matches (error, PP_IMPORT_ERROR, PP_IMPORT_ERROR_OPTION));
  ck_assert (pp_importer_set_region (imp, "sh=cn-shanghai", NULL));
  ck_assert_int_eq (pp_import_detect ("\xef\xbb\xbf  {", 6), PP_IMPORT_FORMAT_JSON);
  ck_assert_int_eq (pp_import_detect ("<?xml", 5), PP_IMPORT_FORMAT_NONE);
}
END_TEST

static const char *const api_files[] = {
  "tests/data/import/api/A-vpcs.json", "tests/data/import/api/A-vswitches.json",
  "tests/data/import/api/A-route-tables.json", "tests/data/import/api/A-route-entries.json",
  "tests/data/import/api/A-router-interfaces.json", "tests/data/import/api/A-peer-connections.json",
  "tests/data/import/api/A-instances.json",
  "tests/data/import/api/B-vpcs.json", "tests/data/import/api/B-vswitches.json",
  "tests/data/import/api/B-route-tables.json", "tests/data/import/api/B-route-entries.json",
  "tests/data/import/api/B-router-interfaces.json", "tests/data/import/api/B-peer-connections.json",
  NULL
};

/* The SDK's answers from `peerplan serve` import to what it served. */
START_TEST (test_api_equals_served)
{
  const char *const opts[] = { "A=1111111111111111", "B=2222222222222222", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = import_files ((const char *const *) api_files, opts, &error);
  g_autofree char *served_path = pp_test_srcpath ("tests/data/import/api/served.xml");
  g_autoptr(PpScenario) served = NULL;
  g_autofree char *a = NULL, *b = NULL;
  guint in;

  ck_assert_msg (sc != NULL, "%s", error ? error->message : "");
  served = pp_scenario_load_file (served_path, NULL, &error);
  ck_assert_msg (served != NULL, "%s", error ? error->message : "");
  a = summary (sc);
  b = summary (served);
  ck_assert_str_eq (a, b);
  ck_assert_str_eq (pp_scenario_account (sc, 0)->id, "A");
  ck_assert_uint_eq (sc->connections->len, 2);
  ck_assert_str_eq (pp_scenario_vpc (sc, 0)->route_table_id, pp_scenario_vpc (served, 0)->route_table_id);
  ck_assert_str_eq (pp_scenario_vpc (sc, 0)->vrouter_id, pp_scenario_vpc (served, 0)->vrouter_id);
  in = pp_scenario_lookup (sc, PP_KIND_INSTANCE, "ecs-a");
  ck_assert_uint_ne (in, PP_NONE);
  ck_assert_uint_eq (pp_scenario_instance (sc, in)->ip, pp_scenario_instance (served, 0)->ip);
  /* API objects are named by their ids: no Terraform origin */
  ck_assert_ptr_null (pp_scenario_vpc (sc, 0)->origin);
}
END_TEST

/* Several answers back to back in one file, in any order. */
START_TEST (test_api_concatenated)
{
  const char *const opts[] = { "A=1111111111111111", "B=2222222222222222", NULL };
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(PpImporter) imp = pp_importer_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = NULL;
  g_autoptr(PpScenario) one = NULL;
  g_autofree char *a = NULL, *b = NULL;

  for (guint i = G_N_ELEMENTS (api_files) - 1; i-- > 0;)
    {
      g_autofree char *text = pp_test_read (api_files[i]);
      g_string_append (all, text);
    }
  for (guint i = 0; opts[i] != NULL; i++)
    ck_assert (pp_importer_set_account (imp, opts[i], NULL));
  bytes = g_bytes_new (all->str, all->len);
  ck_assert_msg (pp_importer_add_bytes (imp, bytes, "all.json", &error), "%s", error ? error->message : "");
  sc = pp_importer_finish (imp, &error);
  ck_assert_msg (sc != NULL, "%s", error ? error->message : "");
  one = import_files ((const char *const *) api_files, opts, NULL);
  a = summary (sc);
  b = summary (one);
  ck_assert_str_eq (a, b);
}
END_TEST

static Suite *
suite_import (void)
{
  Suite *s = suite_create ("import");
  TCase *tc = tcase_create ("terraform");

  tcase_add_test (tc, test_estate_formats_agree);
  tcase_add_test (tc, test_estate_round_trip_xml);
  tcase_add_loop_test (tc, test_bad_input, 0, G_N_ELEMENTS (bad));
  tcase_add_test (tc, test_owner_placeholder);
  tcase_add_test (tc, test_alias_not_a_name);
  tcase_add_test (tc, test_origin_cut);
  tcase_add_test (tc, test_pair_by_router);
  tcase_add_test (tc, test_data_lookups);
  tcase_add_test (tc, test_ignored_counted);
  tcase_add_test (tc, test_options);
  suite_add_tcase (s, tc);
  tc = tcase_create ("api");
  tcase_add_test (tc, test_api_equals_served);
  tcase_add_test (tc, test_api_concatenated);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return pp_test_run (suite_import ());
}
