/* SPDX-License-Identifier: MIT */
/* pp-api-registry.c: the operation files the engine serves.  The engine
 * (pp-engine-call.c, pp-engine-answer.c) finds operations and item
 * builders only through this list; an api file added to sim/ adds its
 * table here.
 */

#include "sim/pp-engine-private.h"

const ApiTable *const pp_api_tables[] = {
  &pp_api_ri,
  &pp_api_peer,
  &pp_api_vpc,
  NULL,
};
