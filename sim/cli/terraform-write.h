/* SPDX-License-Identifier: MIT */
/* terraform-write.h: the Terraform configuration (HCL, provider
 * aliyun/alicloud) that builds what a plan builds: `peerplan plan
 * --format terraform`.  docs/terraform.md, "Writing Terraform", says what
 * each step becomes and what is unconfirmed. */
#pragma once

#include <glib.h>
#include "model/pp-scenario.h"
#include "sim/pp-workflow.h"

G_BEGIN_DECLS

/**
 * pp_terraform_write:
 * @sc: the scenario the plan was derived from.
 * @wf: the plan's steps (pp_planner_derive()).
 * @ok: whether the plan ran (every step passed, no error finding): said in
 *   the header, so that nobody applies a plan that fails without knowing.
 *
 * Translates the plan's calls, in order, into resources: each
 * CreateRouterInterface an alicloud_express_connect_router_interface, each
 * ModifyRouterInterfaceAttribute (with the ConnectRouterInterface that
 * follows it) an alicloud_router_interface_connection, CreateVpcPeerConnection
 * an alicloud_vpc_peer_connection, AcceptVpcPeerConnection an
 * alicloud_vpc_peer_connection_accepter, CreateRouteEntry an
 * alicloud_route_entry; references between calls become references between
 * resources, `depends_on` where the API needs an order the references do
 * not give.  The scenario's VPCs become variables and `data
 * "alicloud_vpcs"` lookups, its accounts UID variables and one provider
 * alias per account and region.  Deterministic: same plan, same bytes.
 *
 * Returns: (transfer full) the configuration, or NULL with a G_IO_ERROR
 * (NOT_SUPPORTED) naming the step that has no Terraform form.
 */
char *pp_terraform_write (const PpScenario *sc, const PpWorkflow *wf, gboolean ok,
                          GError **error);

G_END_DECLS
