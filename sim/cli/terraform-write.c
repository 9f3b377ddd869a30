/* SPDX-License-Identifier: MIT */
/* terraform-write.c: the plan's calls as a Terraform configuration.
 *
 * DOC: one pass over the plan's steps builds the resource blocks in step
 * order; the variables, providers and data lookups they refer to are noted
 * on the way and written before them, in the scenario's order (providers:
 * account order, then region name), so the output is stable.  Each block
 * keeps its attributes in the order the table below gives them.
 *
 * Attribute names, types and the meaning of each resource come from the
 * provider aliyun/terraform-provider-alicloud (alicloud/resource_alicloud_*.go
 * and website/docs/r/ *.html.markdown; sources in docs/terraform.md).  The
 * step's parameters are the API's; each one is either mapped to an
 * argument or listed as dropped on purpose: a parameter this file does not
 * know is an error, never lost silently.
 */
#include "sim/cli/terraform-write.h"

#include <gio/gio.h>
#include <string.h>

typedef enum {
  VAL_STRING,                 /* a string argument */
  VAL_NUMBER,                 /* an integer argument (TypeInt): digits unquoted */
  VAL_CHARGE,                 /* InstanceChargeType -> payment_type */
} ValKind;

typedef struct {
  const char *param;          /* the API parameter of the step */
  const char *attr;           /* the resource argument; NULL = dropped on purpose */
  ValKind kind;
} ParamMap;

/* CreateRouterInterface -> alicloud_express_connect_router_interface.
 * AutoPay: the provider always sends AutoPay=true (its `auto_pay` argument
 * is deprecated since 1.263.0). */
static const ParamMap create_ri[] = {
  { "Role", "role", VAL_STRING },
  { "RouterType", "router_type", VAL_STRING },
  { "RouterId", "router_id", VAL_STRING },
  { "Spec", "spec", VAL_STRING },
  { "OppositeRegionId", "opposite_region_id", VAL_STRING },
  { "InstanceChargeType", "payment_type", VAL_CHARGE },
  { "PricingCycle", "pricing_cycle", VAL_STRING },
  { "Period", "period", VAL_NUMBER },
  { "AutoPay", NULL, VAL_STRING },
  { NULL, NULL, 0 }
};

/* ModifyRouterInterfaceAttribute -> alicloud_router_interface_connection. */
static const ParamMap modify_ri[] = {
  { "RouterInterfaceId", "interface_id", VAL_STRING },
  { "OppositeInterfaceId", "opposite_interface_id", VAL_STRING },
  { "OppositeInterfaceOwnerId", "opposite_interface_owner_id", VAL_STRING },
  { "OppositeRouterId", "opposite_router_id", VAL_STRING },
  { "OppositeRouterType", "opposite_router_type", VAL_STRING },
  { NULL, NULL, 0 }
};

/* The same values on the interface itself: its CreateRouterInterface sends
 * them, and its Read sets them back from the API; these arguments are
 * Optional and ForceNew without Computed, so leaving them out of the
 * configuration would make the next `terraform plan` replace a connected
 * interface. */
static const ParamMap modify_ri_on_interface[] = {
  { "OppositeInterfaceOwnerId", "opposite_interface_owner_id", VAL_STRING },
  { "OppositeRouterId", "opposite_router_id", VAL_STRING },
  { "OppositeRouterType", "opposite_router_type", VAL_STRING },
  { NULL, NULL, 0 }
};

static const ParamMap create_peer[] = {
  { "VpcId", "vpc_id", VAL_STRING },
  { "AcceptingAliUid", "accepting_ali_uid", VAL_NUMBER },
  { "AcceptingRegionId", "accepting_region_id", VAL_STRING },
  { "AcceptingVpcId", "accepting_vpc_id", VAL_STRING },
  { "Bandwidth", "bandwidth", VAL_NUMBER },
  { "LinkType", "link_type", VAL_STRING },
  { NULL, NULL, 0 }
};

static const ParamMap accept_peer[] = {
  { "InstanceId", "instance_id", VAL_STRING },
  { NULL, NULL, 0 }
};

static const ParamMap create_route[] = {
  { "RouteTableId", "route_table_id", VAL_STRING },
  { "DestinationCidrBlock", "destination_cidrblock", VAL_STRING },
  { "NextHopType", "nexthop_type", VAL_STRING },
  { "NextHopId", "nexthop_id", VAL_STRING },
  { NULL, NULL, 0 }
};

typedef struct {
  char *type;                 /* "alicloud_route_entry" */
  char *name;                 /* unique per type */
  char *comment;              /* lines, or NULL */
  char *provider;             /* "alicloud.a_ap_northeast_1" */
  GPtrArray *attrs;           /* char*: name, expression, name, ... */
  GPtrArray *depends;         /* char*: addresses */
  char *opposite;             /* connections: the call id of the opposite interface */
} Block;

static void
block_free (Block *b)
{
  g_free (b->type);
  g_free (b->name);
  g_free (b->comment);
  g_free (b->provider);
  g_ptr_array_unref (b->attrs);
  g_ptr_array_unref (b->depends);
  g_free (b->opposite);
  g_free (b);
}

static char *
block_address (const Block *b)
{
  return g_strdup_printf ("%s.%s", b->type, b->name);
}

typedef struct {
  const PpScenario *sc;
  const PpStep *step;         /* being translated, for messages */
  guint number;               /* its 1-based number */
  GPtrArray *blocks;          /* Block*, the resources in step order */
  GHashTable *created;        /* call id -> Block* it created (borrowed) */
  GHashTable *connection;     /* interface call id -> its connection Block* */
  GHashTable *ready;          /* call id -> address after which it is usable */
  GHashTable *accepting;      /* peering call id -> accepting region */
  GHashTable *taken;          /* "type.name" of every block */
  GHashTable *providers;      /* "ACCOUNT-INDEX\tREGION" -> alias */
  GHashTable *aliases;        /* aliases taken */
  gboolean *account_used;
  gboolean *vpc_used;
  GPtrArray *spec_vars;       /* char*: variables for a Spec the plan does not give */
  GHashTable *variables;      /* variable names taken */
  GPtrArray *account_vars;    /* per account: "account_a_uid" */
  GPtrArray *vpc_vars;        /* per VPC: "vpc_tokyo_id" */
  GPtrArray *vpc_datas;       /* per VPC: the data "alicloud_vpcs" name */
  GPtrArray *vswitch_vars;    /* per vSwitch: "vsw_tokyo_id" */
  GPtrArray *vswitch_datas;   /* per vSwitch: the data "alicloud_vswitches" name */
} Writer;

/* A Terraform identifier from an id of the scenario: letters, digits and
 * '_' (others become '_'), lower case, not starting with a digit. */
static char *
ident (const char *id)
{
  GString *s = g_string_new (NULL);

  if (!g_ascii_isalpha (*id) && *id != '_')
    g_string_append (s, "x_");
  for (const char *p = id; *p != '\0'; p++)
    g_string_append_c (s, g_ascii_isalnum (*p) ? g_ascii_tolower (*p) : '_');
  return g_string_free (s, FALSE);
}

/* @base, or @base_2, _3, ... the first not in @taken (under @prefix);
 * marks it taken. */
static char *
unique (GHashTable *taken, const char *prefix, const char *base)
{
  char *name = g_strdup (base);

  for (guint n = 2;; n++)
    {
      char *key = g_strconcat (prefix, name, NULL);

      if (!g_hash_table_contains (taken, key))
        {
          g_hash_table_add (taken, key);
          return name;
        }
      g_free (key);
      g_free (name);
      name = g_strdup_printf ("%s_%u", base, n);
    }
}

/* PREFIX + the id as an identifier + SUFFIX, without repeating a prefix
 * the id has already ("vpc_tokyo_id" for vpc-tokyo and for tokyo). */
static char *
affixed (const char *prefix, const char *id, const char *suffix)
{
  g_autofree char *base = ident (id);

  return g_strconcat (g_str_has_prefix (base, prefix) ? "" : prefix, base, suffix, NULL);
}

/* Every name a scenario object gets, unique in its namespace, in the
 * scenario's order (so a name never depends on which objects are used). */
static void
name_objects (Writer *w)
{
  const PpScenario *sc = w->sc;
  g_autoptr(GHashTable) vpc_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) vsw_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_hash_table_add (w->variables, g_strdup ("assume_role_name"));
  for (guint a = 0; a < sc->accounts->len; a++)
    {
      g_autofree char *base = affixed ("account_", pp_scenario_account (sc, a)->id, "_uid");

      g_ptr_array_add (w->account_vars, unique (w->variables, "", base));
    }
  for (guint v = 0; v < sc->vpcs->len; v++)
    {
      g_autofree char *base = affixed ("vpc_", pp_scenario_vpc (sc, v)->id, "_id");
      g_autofree char *data = ident (pp_scenario_vpc (sc, v)->id);

      g_ptr_array_add (w->vpc_vars, unique (w->variables, "", base));
      g_ptr_array_add (w->vpc_datas, unique (vpc_names, "", data));
    }
  for (guint i = 0; i < sc->vswitches->len; i++)
    {
      g_autofree char *base = affixed ("vsw_", pp_scenario_vswitch (sc, i)->id, "_id");
      g_autofree char *data = ident (pp_scenario_vswitch (sc, i)->id);

      g_ptr_array_add (w->vswitch_vars, unique (w->variables, "", base));
      g_ptr_array_add (w->vswitch_datas, unique (vsw_names, "", data));
    }
}

#define ACCOUNT_VAR(w, a) ((const char *) g_ptr_array_index ((w)->account_vars, (a)))
#define VPC_VAR(w, v) ((const char *) g_ptr_array_index ((w)->vpc_vars, (v)))
#define VPC_DATA(w, v) ((const char *) g_ptr_array_index ((w)->vpc_datas, (v)))
#define VSWITCH_VAR(w, i) ((const char *) g_ptr_array_index ((w)->vswitch_vars, (i)))
#define VSWITCH_DATA(w, i) ((const char *) g_ptr_array_index ((w)->vswitch_datas, (i)))

static gboolean G_GNUC_PRINTF (3, 4)
fail (Writer *w, GError **error, const char *format, ...)
{
  va_list ap;
  g_autofree char *what = NULL;

  va_start (ap, format);
  what = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               "step %u (%s%s%s) has no Terraform form: %s; write the plan as a workflow "
               "(--format workflow) instead", w->number,
               w->step->action != NULL ? w->step->action : "?",
               w->step->id != NULL ? " " : "", w->step->id != NULL ? w->step->id : "", what);
  return FALSE;
}

/* The provider alias for @account (a scenario account id) in @region. */
static char *
provider_for (Writer *w, const char *account, const char *region, GError **error)
{
  guint a = pp_scenario_lookup (w->sc, PP_KIND_ACCOUNT, account);
  g_autofree char *key = NULL;
  const char *alias;

  if (a == PP_NONE)
    {
      fail (w, error, "the account %s is not in the scenario", account);
      return NULL;
    }
  if (region == NULL)
    {
      fail (w, error, "no region");
      return NULL;
    }
  key = g_strdup_printf ("%u\t%s", a, region);
  alias = g_hash_table_lookup (w->providers, key);
  if (alias == NULL)
    {
      g_autofree char *base = g_strdup_printf ("%s_%s", pp_scenario_account (w->sc, a)->id, region);
      g_autofree char *id = ident (base);
      char *name = unique (w->aliases, "", id);

      g_hash_table_insert (w->providers, g_steal_pointer (&key), name);
      alias = name;
      w->account_used[a] = TRUE;
    }
  return g_strdup_printf ("alicloud.%s", alias);
}

/* The expression a reference ${NAME.Field} stands for, or NULL. */
static char *
resolve (Writer *w, const char *ref, GError **error)
{
  const char *dot = strrchr (ref, '.');
  g_autofree char *name = NULL;
  const char *field;
  const Block *b;
  guint i;

  if (dot == NULL)
    {
      fail (w, error, "the reference ${%s} names no field", ref);
      return NULL;
    }
  name = g_strndup (ref, dot - ref);
  field = dot + 1;
  b = g_hash_table_lookup (w->created, name);
  if (b != NULL)
    {
      if (strcmp (field, "RouterInterfaceId") == 0 || strcmp (field, "InstanceId") == 0
          || strcmp (field, "RouteEntryId") == 0)
        return g_strdup_printf ("%s.%s.id", b->type, b->name);
      fail (w, error, "the reference ${%s}: %s has no Terraform attribute here", ref, field);
      return NULL;
    }
  i = pp_scenario_lookup (w->sc, PP_KIND_VPC, name);
  if (i != PP_NONE)
    {
      const char *data = VPC_DATA (w, i);
      const PpVpc *vpc = pp_scenario_vpc (w->sc, i);
      g_autofree char *prov = NULL;

      /* The lookup runs under the VPC's own account and region. */
      prov = provider_for (w, pp_scenario_vpc_account (w->sc, i)->id, vpc->region->id, error);
      if (prov == NULL)
        return NULL;
      w->vpc_used[i] = TRUE;
      if (strcmp (field, "VpcId") == 0)
        return g_strdup_printf ("var.%s", VPC_VAR (w, i));
      if (strcmp (field, "VRouterId") == 0)
        return g_strdup_printf ("data.alicloud_vpcs.%s.vpcs[0].router_id", data);
      if (strcmp (field, "RouteTableId") == 0)
        return g_strdup_printf ("data.alicloud_vpcs.%s.vpcs[0].route_table_id", data);
      fail (w, error, "the reference ${%s}: a VPC's %s has no Terraform attribute here", ref, field);
      return NULL;
    }
  i = pp_scenario_lookup (w->sc, PP_KIND_ACCOUNT, name);
  if (i != PP_NONE && strcmp (field, "Uid") == 0)
    {
      w->account_used[i] = TRUE;
      return g_strdup_printf ("var.%s", ACCOUNT_VAR (w, i));
    }
  fail (w, error, "the reference ${%s} names nothing Terraform knows", ref);
  return NULL;
}

static void
append_literal (GString *s, const char *text, gsize len)
{
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '"' || c == '\\')
        g_string_append_c (s, '\\');
      if (c == '\n')
        {
          g_string_append (s, "\\n");
          continue;
        }
      /* "${" and "%{" start a template in HCL: doubled, they are literal. */
      if ((c == '$' || c == '%') && i + 1 < len && text[i + 1] == '{')
        g_string_append_c (s, c);
      g_string_append_c (s, c);
    }
}

/* A quoted HCL string for @text, no references in it. */
static char *
quote (const char *text)
{
  GString *s = g_string_new ("\"");

  append_literal (s, text, strlen (text));
  g_string_append_c (s, '"');
  return g_string_free (s, FALSE);
}

/* When @value is exactly one reference ${NAME.Field}, its NAME.Field. */
static char *
single_ref (const char *value)
{
  gsize len = strlen (value);

  if (len > 3 && g_str_has_prefix (value, "${") && value[len - 1] == '}'
      && strchr (value + 2, '}') == value + len - 1)
    return g_strndup (value + 2, len - 3);
  return NULL;
}

/* The HCL expression for a step's parameter value: a bare reference, a
 * number, or a (template) string. */
static char *
expression (Writer *w, const char *value, ValKind kind, GError **error)
{
  g_autofree char *ref = single_ref (value);
  g_autoptr(GString) s = NULL;
  const char *p = value;

  if (ref != NULL)
    return resolve (w, ref, error);
  if (kind == VAL_NUMBER && *value != '\0' && strspn (value, "0123456789") == strlen (value))
    return g_strdup (value);
  if (kind == VAL_CHARGE)
    {
      /* The provider's names for InstanceChargeType (its
       * convertExpressConnectRouterInterfaceInstanceChargeTypeRequest). */
      if (strcmp (value, "PrePaid") == 0)
        return quote ("Subscription");
      if (strcmp (value, "PostPaid") == 0)
        return quote ("PayAsYouGo");
      fail (w, error, "InstanceChargeType %s has no payment_type", value);
      return NULL;
    }
  s = g_string_new ("\"");
  while (*p != '\0')
    {
      const char *open = strstr (p, "${");
      const char *close = open != NULL ? strchr (open, '}') : NULL;
      g_autofree char *inner = NULL;
      g_autofree char *expr = NULL;

      if (open == NULL || close == NULL)
        {
          append_literal (s, p, strlen (p));
          break;
        }
      append_literal (s, p, open - p);
      inner = g_strndup (open + 2, close - open - 2);
      expr = resolve (w, inner, error);
      if (expr == NULL)
        return NULL;
      g_string_append_printf (s, "${%s}", expr);
      p = close + 1;
    }
  g_string_append_c (s, '"');
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
set_attr (Block *b, const char *name, char *expr)
{
  for (guint i = 0; i < b->attrs->len; i += 2)
    if (strcmp (g_ptr_array_index (b->attrs, i), name) == 0)
      {
        g_free (g_ptr_array_index (b->attrs, i + 1));
        b->attrs->pdata[i + 1] = expr;
        return;
      }
  g_ptr_array_add (b->attrs, g_strdup (name));
  g_ptr_array_add (b->attrs, expr);
}

/* Maps the step's parameters through @map onto @b.  With @strict, a
 * parameter that is neither in @map nor RegionId is an error. */
static gboolean
map_params (Writer *w, Block *b, const ParamMap *map, gboolean strict, GError **error)
{
  const GArray *params = w->step->params;

  for (guint i = 0; i < params->len; i++)
    {
      const PpStepParam *p = &g_array_index (params, PpStepParam, i);
      const ParamMap *m = map;
      char *expr;

      while (m->param != NULL && strcmp (m->param, p->name) != 0)
        m++;
      if (m->param == NULL)
        {
          if (strict && strcmp (p->name, "RegionId") != 0)
            return fail (w, error, "the parameter %s has no argument", p->name);
          continue;
        }
      if (m->attr == NULL)
        continue;
      expr = expression (w, p->value, m->kind, error);
      if (expr == NULL)
        return FALSE;
      set_attr (b, m->attr, expr);
    }
  return TRUE;
}

static void
add_comment (Block *b, const char *text)
{
  g_autofree char *line = NULL;
  char *old = b->comment;

  if (text == NULL)
    return;
  line = g_strdup (text);
  g_strdelimit (line, "\r\n", ' ');
  b->comment = old != NULL ? g_strconcat (old, "\n", line, NULL) : g_strdup (line);
  g_free (old);
}

/* A new block for the current step, named after @id (a call id). */
static Block *
new_block (Writer *w, const char *type, const char *id, const char *provider)
{
  Block *b = g_new0 (Block, 1);
  g_autofree char *base = ident (id);
  g_autofree char *prefix = g_strconcat (type, ".", NULL);

  b->type = g_strdup (type);
  b->name = unique (w->taken, prefix, base);
  b->provider = g_strdup (provider);
  b->attrs = g_ptr_array_new_with_free_func (g_free);
  b->depends = g_ptr_array_new_with_free_func (g_free);
  add_comment (b, w->step->note);
  g_ptr_array_add (w->blocks, b);
  return b;
}

/* The call id a parameter refers to as a whole (${ID.Field}), or NULL. */
static char *
param_call (Writer *w, const char *param)
{
  const char *value = pp_step_params_get (w->step->params, param);
  g_autofree char *ref = value != NULL ? single_ref (value) : NULL;
  const char *dot = ref != NULL ? strrchr (ref, '.') : NULL;
  char *id;

  if (dot == NULL)
    return NULL;
  id = g_strndup (ref, dot - ref);
  if (!g_hash_table_contains (w->created, id))
    g_clear_pointer (&id, g_free);
  return id;
}

static void
describe (Block *b, const char *id)
{
  g_autofree char *text = g_strdup_printf ("peerplan %s", id);

  set_attr (b, "description", quote (text));
}

static gboolean
step_provider (Writer *w, const char *region, char **out, GError **error)
{
  *out = provider_for (w, w->step->account, region, error);
  return *out != NULL;
}

static gboolean
translate (Writer *w, GError **error)
{
  const PpStep *s = w->step;
  const char *action = s->action;
  const char *region = pp_step_params_get (s->params, "RegionId");
  g_autofree char *provider = NULL;
  Block *b;

  if (strcmp (action, "CreateRouterInterface") == 0
      || strcmp (action, "CreateVpcPeerConnection") == 0
      || strcmp (action, "CreateRouteEntry") == 0)
    {
      gboolean ri = strcmp (action, "CreateRouterInterface") == 0;
      gboolean peer = strcmp (action, "CreateVpcPeerConnection") == 0;

      if (s->id == NULL)
        return fail (w, error, "the call has no id for later steps to refer to");
      if (!step_provider (w, region, &provider, error))
        return FALSE;
      b = new_block (w, ri ? "alicloud_express_connect_router_interface"
                           : peer ? "alicloud_vpc_peer_connection" : "alicloud_route_entry",
                     s->id, provider);
      if (!map_params (w, b, ri ? create_ri : peer ? create_peer : create_route, TRUE, error))
        return FALSE;
      if (ri && pp_step_params_get (s->params, "Spec") == NULL)
        {
          /* The plan leaves Spec out (the scenario declares none); the
           * provider requires it: a variable the user must set. */
          g_autofree char *base = g_strdup_printf ("%s_spec", b->name);
          char *var = unique (w->variables, "", base);

          g_ptr_array_add (w->spec_vars, var);
          set_attr (b, "spec", g_strdup_printf ("var.%s", var));
        }
      describe (b, s->id);
      if (peer)
        g_hash_table_insert (w->accepting, g_strdup (s->id),
                             g_strdup (pp_step_params_get (s->params, "AcceptingRegionId")));
      if (!ri && !peer)
        {
          g_autofree char *hop = param_call (w, "NextHopId");
          const char *after = hop != NULL ? g_hash_table_lookup (w->ready, hop) : NULL;

          if (after != NULL)
            g_ptr_array_add (b->depends, g_strdup (after));
        }
      g_hash_table_insert (w->created, g_strdup (s->id), b);
      return TRUE;
    }
  if (strcmp (action, "ModifyRouterInterfaceAttribute") == 0)
    {
      g_autofree char *iface = param_call (w, "RouterInterfaceId");
      Block *ri;

      if (iface == NULL)
        return fail (w, error, "RouterInterfaceId is not an interface an earlier step created");
      if (g_hash_table_contains (w->connection, iface))
        return fail (w, error, "%s is pointed at its opposite twice", iface);
      if (!step_provider (w, region, &provider, error))
        return FALSE;
      b = new_block (w, "alicloud_router_interface_connection", iface, provider);
      if (!map_params (w, b, modify_ri, TRUE, error))
        return FALSE;
      ri = g_hash_table_lookup (w->created, iface);
      if (!map_params (w, ri, modify_ri_on_interface, FALSE, error))
        return FALSE;
      b->opposite = param_call (w, "OppositeInterfaceId");
      g_hash_table_insert (w->connection, g_strdup (iface), b);
      return TRUE;
    }
  if (strcmp (action, "ConnectRouterInterface") == 0)
    {
      /* The provider's connection resource of the initiating side connects
       * once it has set the opposite (ConnectRouterInterface, then waits
       * for Active); the accepting side's must be done first. */
      g_autofree char *iface = param_call (w, "RouterInterfaceId");
      Block *c = iface != NULL ? g_hash_table_lookup (w->connection, iface) : NULL;
      Block *other = c != NULL && c->opposite != NULL
                     ? g_hash_table_lookup (w->connection, c->opposite) : NULL;

      if (c == NULL)
        return fail (w, error, "the interface is connected before it names its opposite");
      if (other != NULL && other != c)
        g_ptr_array_add (c->depends, block_address (other));
      add_comment (c, s->note);
      g_hash_table_insert (w->ready, g_strdup (iface), block_address (c));
      if (c->opposite != NULL)
        g_hash_table_insert (w->ready, g_strdup (c->opposite), block_address (c));
      return TRUE;
    }
  if (strcmp (action, "AcceptVpcPeerConnection") == 0)
    {
      g_autofree char *peer = param_call (w, "InstanceId");
      const char *accepting = peer != NULL ? g_hash_table_lookup (w->accepting, peer) : NULL;

      if (peer == NULL)
        return fail (w, error, "InstanceId is not a peering an earlier step created");
      if (!step_provider (w, region != NULL ? region : accepting, &provider, error))
        return FALSE;
      b = new_block (w, "alicloud_vpc_peer_connection_accepter", peer, provider);
      if (!map_params (w, b, accept_peer, TRUE, error))
        return FALSE;
      g_hash_table_insert (w->ready, g_strdup (peer), block_address (b));
      return TRUE;
    }
  return fail (w, error, "no resource of the provider makes this call");
}

/* --- writing --- */

static void
write_comment (GString *out, const char *text, const char *indent)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (out, "%s# %s\n", indent, lines[i]);
}

/* name = value lines with the '=' aligned, as `terraform fmt` does. */
static void
write_attrs (GString *out, const char *const *pairs, guint n)
{
  gsize width = 0;

  for (guint i = 0; i < n; i += 2)
    width = MAX (width, strlen (pairs[i]));
  for (guint i = 0; i < n; i += 2)
    g_string_append_printf (out, "  %-*s = %s\n", (int) width, pairs[i], pairs[i + 1]);
}

static void
write_block (GString *out, const Block *b)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new ();

  g_string_append_c (out, '\n');
  if (b->comment != NULL)
    write_comment (out, b->comment, "");
  g_string_append_printf (out, "resource \"%s\" \"%s\" {\n", b->type, b->name);
  g_ptr_array_add (pairs, (gpointer) "provider");
  g_ptr_array_add (pairs, b->provider);
  for (guint i = 0; i < b->attrs->len; i++)
    g_ptr_array_add (pairs, g_ptr_array_index (b->attrs, i));
  write_attrs (out, (const char *const *) pairs->pdata, pairs->len);
  if (b->depends->len > 0)
    {
      g_string_append (out, "\n  depends_on = [");
      for (guint i = 0; i < b->depends->len; i++)
        g_string_append_printf (out, "%s%s", i ? ", " : "", (char *) g_ptr_array_index (b->depends, i));
      g_string_append (out, "]\n");
    }
  g_string_append (out, "}\n");
}

static void
write_variable (GString *out, const char *name, const char *description, const char *def)
{
  g_autofree char *desc = quote (description);
  g_autofree char *value = def != NULL ? quote (def) : NULL;
  const char *pairs[6] = { "description", desc, "type", "string", "default", value };

  g_string_append_printf (out, "\nvariable \"%s\" {\n", name);
  write_attrs (out, pairs, value != NULL ? 6 : 4);
  g_string_append (out, "}\n");
}

typedef struct {
  guint account;
  const char *region;
  const char *alias;
} Provider;

static int
provider_cmp (gconstpointer a, gconstpointer b)
{
  const Provider *x = a;
  const Provider *y = b;

  if (x->account != y->account)
    return x->account < y->account ? -1 : 1;
  return strcmp (x->region, y->region);
}

static void
write_providers (GString *out, Writer *w)
{
  g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (Provider));
  GHashTableIter it;
  gpointer key, value;

  g_hash_table_iter_init (&it, w->providers);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      const char *tab = strchr (key, '\t');
      Provider p = { (guint) g_ascii_strtoull (key, NULL, 10), tab + 1, value };

      g_array_append_val (list, p);
    }
  g_array_sort (list, provider_cmp);
  for (guint i = 0; i < list->len; i++)
    {
      const Provider *p = &g_array_index (list, Provider, i);
      const PpAccount *acc = pp_scenario_account (w->sc, p->account);
      const char *var = ACCOUNT_VAR (w, p->account);
      g_autofree char *alias = quote (p->alias);
      g_autofree char *region = quote (p->region);
      g_autofree char *arn = g_strdup_printf ("\"acs:ram::${var.%s}:role/${var.assume_role_name}\"", var);
      const char *pairs[4] = { "alias", alias, "region", region };
      const char *role[2] = { "role_arn", arn };

      g_string_append_printf (out, "\n# Account %s (uid %s) in %s.\n", acc->id, acc->uid, p->region);
      g_string_append (out, "provider \"alicloud\" {\n");
      write_attrs (out, pairs, 4);
      g_string_append (out, "\n  assume_role {\n  ");
      write_attrs (out, role, 2);
      g_string_append (out, "  }\n}\n");
    }
  /* Which account each alias reaches: read from the credentials, so that
   * a plan or state of this configuration says it (peerplan import). */
  if (list->len > 0)
    g_string_append (out, "\n# The account each alias reaches, as its credentials say (GetCallerIdentity).");
  for (guint i = 0; i < list->len; i++)
    {
      const Provider *p = &g_array_index (list, Provider, i);
      g_autofree char *provider = g_strdup_printf ("alicloud.%s", p->alias);
      const char *pairs[2] = { "provider", provider };

      g_string_append_printf (out, "\ndata \"alicloud_account\" \"%s\" {\n", p->alias);
      write_attrs (out, pairs, 2);
      g_string_append (out, "}\n");
    }
}

/* The data lookups of VPC @v and its vSwitches.  Each filter is what
 * peerplan checked (id, CIDR, zone): the lookup fails unless the object is
 * where the plan has it.  The VPC's router and route table are used below;
 * the vSwitches only make that check and tell `peerplan import` about them. */
static void
write_lookups (GString *out, Writer *w, guint v)
{
  const PpScenario *sc = w->sc;
  const PpVpc *vpc = pp_scenario_vpc (sc, v);
  g_autofree char *key = g_strdup_printf ("%u\t%s", vpc->account, vpc->region->id);
  g_autofree char *provider = g_strdup_printf ("alicloud.%s",
                                               (char *) g_hash_table_lookup (w->providers, key));
  g_autofree char *ids = g_strdup_printf ("[var.%s]", VPC_VAR (w, v));
  g_autofree char *vpc_id = g_strdup_printf ("var.%s", VPC_VAR (w, v));
  char cidr[PP_CIDR_STRLEN];
  g_autofree char *block = NULL;
  const char *pairs[6] = { "provider", provider, "ids", ids, "cidr_block", NULL };

  pp_cidr_format (vpc->cidr, cidr);
  block = quote (cidr);
  pairs[5] = block;
  g_string_append_printf (out, "\n# VPC %s exists: its router and system route table.\n", vpc->id);
  g_string_append_printf (out, "data \"alicloud_vpcs\" \"%s\" {\n", VPC_DATA (w, v));
  write_attrs (out, pairs, 6);
  g_string_append (out, "}\n");
  for (guint i = vpc->first_vswitch; i < vpc->first_vswitch + vpc->n_vswitches; i++)
    {
      const PpVSwitch *vsw = pp_scenario_vswitch (sc, i);
      g_autofree char *vids = g_strdup_printf ("[var.%s]", VSWITCH_VAR (w, i));
      g_autofree char *zone = quote (vsw->zone);
      g_autofree char *vcidr = NULL;
      const char *vpairs[10] = { "provider", provider, "ids", vids, "vpc_id", vpc_id,
                                 "zone_id", zone, "cidr_block", NULL };

      pp_cidr_format (vsw->cidr, cidr);
      vcidr = quote (cidr);
      vpairs[9] = vcidr;
      g_string_append_printf (out, "\n# vSwitch %s of %s exists where peerplan checked it.\n",
                              vsw->id, vpc->id);
      g_string_append_printf (out, "data \"alicloud_vswitches\" \"%s\" {\n", VSWITCH_DATA (w, i));
      write_attrs (out, vpairs, 10);
      g_string_append (out, "}\n");
    }
}

static void
write_config (GString *out, Writer *w, gboolean ok)
{
  const PpScenario *sc = w->sc;
  g_autofree char *file = g_path_get_basename (sc->file);

  g_string_append_printf (out,
    "# Written by `peerplan plan --format terraform` from %s (scenario %s).\n"
    "# %s\n"
    "# The resources below make the calls of peerplan's runbook, in its order,\n"
    "# with provider aliyun/alicloud; the VPCs exist already and are looked up.\n"
    "# Set the variables (the VPC ids default to the scenario's), read\n"
    "# docs/terraform.md (\"Writing Terraform\": what is unconfirmed), then\n"
    "# terraform init && terraform plan.\n",
    file, sc->name,
    ok ? "peerplan's plan runs: every step passed and no finding is an error."
       : "WARNING: peerplan's plan does not run as declared (`peerplan plan` shows where); "
         "neither will this.");
  g_string_append (out,
    "\nterraform {\n"
    "  required_providers {\n"
    "    alicloud = {\n"
    "      source  = \"aliyun/alicloud\"\n"
    "      version = \">= 1.199.0\"\n"
    "    }\n"
    "  }\n"
    "}\n");

  for (guint a = 0; a < sc->accounts->len; a++)
    if (w->account_used[a])
      {
        const PpAccount *acc = pp_scenario_account (sc, a);
        const char *var = ACCOUNT_VAR (w, a);
        g_autofree char *desc = g_strdup_printf ("UID of account %s (the Alibaba Cloud account, "
                                                 "not a RAM user)", acc->id);

        write_variable (out, var, desc, acc->uid);
      }
  write_variable (out, "assume_role_name",
                  "RAM role that the credentials running Terraform assume in every account "
                  "(acs:ram::UID:role/NAME)", NULL);
  for (guint v = 0; v < sc->vpcs->len; v++)
    if (w->vpc_used[v])
      {
        const PpVpc *vpc = pp_scenario_vpc (sc, v);
        const char *var = VPC_VAR (w, v);
        char cidr[PP_CIDR_STRLEN];
        g_autofree char *desc = NULL;

        pp_cidr_format (vpc->cidr, cidr);
        desc = g_strdup_printf ("Id of the existing VPC %s (account %s, %s, %s)", vpc->id,
                                pp_scenario_vpc_account (sc, v)->id, vpc->region->id, cidr);
        write_variable (out, var, desc, vpc->id);
        for (guint i = vpc->first_vswitch; i < vpc->first_vswitch + vpc->n_vswitches; i++)
          {
            const PpVSwitch *vsw = pp_scenario_vswitch (sc, i);
            g_autofree char *what = NULL;

            pp_cidr_format (vsw->cidr, cidr);
            what = g_strdup_printf ("Id of the existing vSwitch %s of %s (%s, %s)", vsw->id,
                                    vpc->id, vsw->zone, cidr);
            write_variable (out, VSWITCH_VAR (w, i), what, vsw->id);
          }
      }
  for (guint i = 0; i < w->spec_vars->len; i++)
    write_variable (out, g_ptr_array_index (w->spec_vars, i),
                    "Spec of the initiating router interface: the scenario declares none "
                    "(Mini.2 ... Xlarge.1)", NULL);

  write_providers (out, w);

  for (guint v = 0; v < sc->vpcs->len; v++)
    if (w->vpc_used[v])
      write_lookups (out, w, v);

  for (guint i = 0; i < w->blocks->len; i++)
    write_block (out, g_ptr_array_index (w->blocks, i));
}

char *
pp_terraform_write (const PpScenario *sc, const PpWorkflow *wf, gboolean ok, GError **error)
{
  g_autoptr(GString) out = NULL;
  g_autofree gboolean *accounts = NULL;
  g_autofree gboolean *vpcs = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GHashTable) created = NULL;
  g_autoptr(GHashTable) connection = NULL;
  g_autoptr(GHashTable) ready = NULL;
  g_autoptr(GHashTable) accepting = NULL;
  g_autoptr(GHashTable) taken = NULL;
  g_autoptr(GHashTable) providers = NULL;
  g_autoptr(GHashTable) aliases = NULL;
  g_autoptr(GPtrArray) spec_vars = NULL;
  g_autoptr(GHashTable) variables = NULL;
  g_autoptr(GPtrArray) account_vars = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) vpc_vars = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) vpc_datas = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) vswitch_vars = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) vswitch_datas = g_ptr_array_new_with_free_func (g_free);
  Writer w = { 0 };

  g_return_val_if_fail (sc != NULL && wf != NULL, NULL);

  accounts = g_new0 (gboolean, sc->accounts->len + 1);
  vpcs = g_new0 (gboolean, sc->vpcs->len + 1);
  blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  created = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  connection = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ready = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  accepting = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  providers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  spec_vars = g_ptr_array_new_with_free_func (g_free);
  variables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w = (Writer) { sc, NULL, 0, blocks, created, connection, ready, accepting, taken,
                 providers, aliases, accounts, vpcs, spec_vars, variables,
                 account_vars, vpc_vars, vpc_datas, vswitch_vars, vswitch_datas };
  name_objects (&w);

  for (guint i = 0; i < wf->steps->len; i++)
    {
      w.step = g_ptr_array_index (wf->steps, i);
      w.number = i + 1;
      if (w.step->kind != PP_STEP_CALL)
        continue;               /* waits: the provider waits; pings: not Terraform's */
      if (!translate (&w, error))
        return NULL;
    }
  out = g_string_new (NULL);
  write_config (out, &w, ok);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
