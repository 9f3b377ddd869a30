/* SPDX-License-Identifier: MIT */
/* pp-workflow-run.c: the runner that replays a workflow on the engine.
 *
 * DOC: the runner makes one engine per run: load the scenario, then each
 * step in order.  References `${NAME.Field}` are resolved right before a
 * step runs, from the results of the calls before it and the engine's
 * objects.
 */
#include "sim/pp-workflow-private.h"
#include "model/pp-error.h"
#include "sim/pp-sim-error.h"
#include "model/pp-reach.h"

#include <string.h>

/* ------------------------------------------------------------------ */
/* Running                                                             */

static const char *const outcome_names[] = { "passed", "failed", "skipped" };
G_STATIC_ASSERT (G_N_ELEMENTS (outcome_names) == PP_OUTCOME_LAST);

const char *
pp_outcome_to_string (PpOutcome o)
{
  g_return_val_if_fail (o < PP_OUTCOME_LAST, NULL);
  return outcome_names[o];
}

static void
sent_clear (gpointer p)
{
  PpSentParam *s = p;

  g_free (s->owned);
}

static void
status_clear (gpointer p)
{
  PpStatusNote *s = p;

  g_free (s->id);
}

static void
step_result_free (gpointer p)
{
  PpStepResult *r = p;

  g_free (r->reason);
  g_free (r->caller_uid);
  g_clear_pointer (&r->sent, g_array_unref);
  g_clear_pointer (&r->result, pp_api_result_free);
  g_clear_pointer (&r->statuses, g_array_unref);
  g_free (r->target);
  g_free (r->trace);
  g_free (r);
}

void
pp_run_result_free (PpRunResult *r)
{
  if (r == NULL)
    return;
  g_ptr_array_unref (r->steps);
  g_clear_pointer (&r->built, pp_scenario_free);
  g_free (r);
}

gboolean
pp_run_result_ok (const PpRunResult *r)
{
  return r->counts[PP_OUTCOME_FAILED] == 0 && r->counts[PP_OUTCOME_SKIPPED] == 0;
}

const PpStepResult *
pp_run_result_first_failure (const PpRunResult *r)
{
  for (guint i = 0; i < r->steps->len; i++)
    {
      const PpStepResult *s = g_ptr_array_index (r->steps, i);

      if (s->outcome == PP_OUTCOME_FAILED)
        return s;
    }
  return NULL;
}

/* A template that is one reference, and what it resolved to: the planner's
 * route steps name their VPC's route table and their connection's next
 * hop with the same two templates, route after route. */
typedef struct {
  char *tmpl;                 /* NULL = a free slot */
  char *value;
  char *call;                 /* the call whose answer it read; NULL = a scenario object */
} Memo;

#define N_MEMO 4

typedef struct {
  PpEngine *e;
  GHashTable *calls;          /* call id -> PpStepResult* (borrowed) */
  Memo memo[N_MEMO];          /* most recently used first, while no call id holds a dot */
  const PpStepResult *running; /* the step being run */
  const PpStepResult *read;   /* the call the last reference read, or NULL */
  gboolean blocked;           /* a reference read a call that failed or did not run */
  guint blocked_by;           /* its step number */
  PpScenario *built;          /* the engine's state for reach steps, until it changes */
  PpRouteTables *rt;
  const PpScenario *sc;
  const PpRunOptions *opts;
  GHashTable *values;         /* "NAME.Field" of a scenario object -> its value
                                 (the fields they give never change during a
                                 run), while no call id holds a dot (which
                                 could split the reference another way) */
  gboolean dotted;            /* a call id with a dot was seen */
  GArray *spare_sent;         /* pp_runner_recycle(): the next call's sent, empty */
  char *spare_uid;            /* ... and the last call's caller_uid */
  gboolean running_recorded;  /* ctx->calls names the step being run, or it
                                 runs once (below) */
  gboolean once;              /* the step being run is read by itself alone:
                                 not recorded in ctx->calls
                                 (pp_runner_step_once()) */
  char *uid_of;               /* the account whose uid was looked up last */
  const char *uid;            /* ... and that uid (the engine's) */
  const PpStepResult *last_recorded; /* the result last recorded, while ctx->calls
                                        still holds it (or NULL) */
} RunCtx;

/* The engine changed: the next reach step exports it again.  Consecutive
 * pings (the usual end of a workflow) share one export. */
static void
run_ctx_changed (RunCtx *ctx)
{
  g_clear_pointer (&ctx->rt, pp_route_tables_free);
  g_clear_pointer (&ctx->built, pp_scenario_free);
}

/* The call @name names now, or NULL.  A step run once is its id's while
 * it runs, as a step recorded in ctx->calls would be, though it is not
 * there. */
static PpStepResult *
lookup_call (RunCtx *ctx, const char *name)
{
  if (ctx->once && ctx->running_recorded && strcmp (name, ctx->running->step->id) == 0)
    return (PpStepResult *) ctx->running;
  return g_hash_table_lookup (ctx->calls, name);
}

/* TRUE if @name is a call or an object of the engine (which is not built
 * to find out). */
static gboolean
run_known (const char *name, gpointer data)
{
  RunCtx *ctx = data;

  return lookup_call (ctx, name) != NULL || pp_engine_has_object (ctx->e, name);
}

/* A field of a call's answer: the response's dotted path on success;
 * Code, Message, HttpStatus and RequestId in any case. */
static char *
result_field (const PpApiResult *r, const char *field)
{
  if (strcmp (field, "HttpStatus") == 0)
    return g_strdup_printf ("%u", r->http_status);
  if (strcmp (field, "RequestId") == 0)
    return g_strdup (r->request_id);
  if (!pp_api_result_ok (r))
    {
      if (strcmp (field, "Code") == 0)
        return g_strdup (r->code);
      if (strcmp (field, "Message") == 0)
        return g_strdup (r->message);
      return NULL;
    }
  return pp_api_result_get (r, field);
}

/* TRUE if @ref is ID.FIELD, ID the step being run (a call, already in
 * ctx->calls) and FIELD without a dot: while no call id holds a dot, ID
 * is then the only name pp_workflow_split_ref() could find, and call ids
 * win over objects' names. */
static gboolean
own_ref (const RunCtx *ctx, const char *ref)
{
  const char *id = ctx->running != NULL ? ctx->running->step->id : NULL;
  gsize n;

  if (ctx->dotted || id == NULL || ctx->running->step->kind != PP_STEP_CALL)
    return FALSE;
  n = strlen (id);
  return strncmp (ref, id, n) == 0 && ref[n] == '.' && ref[n + 1] != '\0'
         && strchr (ref + n + 1, '.') == NULL
         && ctx->running_recorded;
}

/* ${@ref} read from the answer of @call, whose id is @name. */
static char *
call_value (RunCtx *ctx, const char *ref, const char *name, const char *field,
            const PpStepResult *call, GError **error)
{
  char *value;

  ctx->read = call;
  if (call->result == NULL)
    {
      ctx->blocked = TRUE;
      ctx->blocked_by = call->number;
      g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_UNKNOWN_REFERENCE,
                   "${%s}: call '%s' (step %u) did not run", ref, name, call->number);
      return NULL;
    }
  value = result_field (call->result, field);
  if (value == NULL && !pp_api_result_ok (call->result))
    {
      ctx->blocked = TRUE;
      ctx->blocked_by = call->number;
      g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_UNKNOWN_REFERENCE,
                   "${%s}: call '%s' (step %u) failed with %s, so it has no %s",
                   ref, name, call->number, call->result->code, field);
      return NULL;
    }
  if (value == NULL)
    g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_UNKNOWN_REFERENCE,
                 "${%s}: the response of call '%s' (step %u) has no field %s",
                 ref, name, call->number, field);
  return value;
}

static char *
run_ref (const char *ref, gpointer data, GError **error)
{
  RunCtx *ctx = data;
  g_autofree char *name = NULL;
  g_autofree char *field = NULL;
  PpStepResult *call;
  char *value = NULL;
  const char *seen;

  /* what the step being run made (the planner watches one a route) */
  if (own_ref (ctx, ref))
    return call_value (ctx, ref, ctx->running->step->id,
                       ref + strlen (ctx->running->step->id) + 1, ctx->running, error);
  seen = ctx->dotted ? NULL : g_hash_table_lookup (ctx->values, ref);
  if (seen != NULL)
    return g_strdup (seen);
  if (!pp_workflow_split_ref (ref, run_known, ctx, &name, &field))
    {
      g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_UNKNOWN_REFERENCE,
                   "${%s}: nothing called '%s' is known", ref, name);
      return NULL;
    }
  call = lookup_call (ctx, name);
  if (call != NULL)
    return call_value (ctx, ref, name, field, call, error);
  ctx->read = NULL;
  value = pp_engine_object_field (ctx->e, name, field);
  if (value == NULL)
    g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_UNKNOWN_REFERENCE,
                 "${%s}: '%s' has no field %s", ref, name, field);
  else if (!ctx->dotted && pp_workflow_scenario_has (ctx->sc, name, NULL))
    g_hash_table_insert (ctx->values, g_strdup (ref), g_strdup (value));
  return value;
}

static void
memo_clear (Memo *m)
{
  g_clear_pointer (&m->tmpl, g_free);
  g_clear_pointer (&m->value, g_free);
  g_clear_pointer (&m->call, g_free);
}

/* Forgets what was read from the call @id; every call's when @id is NULL. */
static void
memo_forget (RunCtx *ctx, const char *id)
{
  for (guint i = 0; i < N_MEMO; i++)
    if (ctx->memo[i].call != NULL && (id == NULL || strcmp (ctx->memo[i].call, id) == 0))
      memo_clear (&ctx->memo[i]);
}

/* @r is the call @step->id names from now on: what was remembered of an
 * earlier call of that id is forgotten. */
static void
record_call (RunCtx *ctx, const PpStep *step, PpStepResult *r)
{
  if (ctx->once && r == ctx->running)
    {
      /* read by its own watch only (own_ref()), never by its id */
      ctx->running_recorded = TRUE;
      return;
    }
  memo_forget (ctx, step->id);
  g_hash_table_insert (ctx->calls, step->id, r);
  ctx->running_recorded = r == ctx->running;
  ctx->last_recorded = r;
}

static gboolean
one_ref (const char *tmpl)
{
  gsize n = strlen (tmpl);

  return n > 3 && tmpl[0] == '$' && tmpl[1] == '{' && tmpl[n - 1] == '}'
         && strchr (tmpl + 2, '}') == tmpl + n - 1;
}

/* The remembered value of @tmpl, moved to the front, or NULL. */
static const char *
memo_lookup (RunCtx *ctx, const char *tmpl)
{
  for (guint i = 0; i < N_MEMO && ctx->memo[i].tmpl != NULL; i++)
    if (strcmp (ctx->memo[i].tmpl, tmpl) == 0)
      {
        Memo hit = ctx->memo[i];

        memmove (&ctx->memo[1], &ctx->memo[0], i * sizeof (Memo));
        ctx->memo[0] = hit;
        return hit.value;
      }
  return NULL;
}

/* Remembers @tmpl = @value, which read the call ctx->read (or an object),
 * in front, dropping the least recently used. */
static void
memo_add (RunCtx *ctx, const char *tmpl, const char *value)
{
  memo_clear (&ctx->memo[N_MEMO - 1]);
  memmove (&ctx->memo[1], &ctx->memo[0], (N_MEMO - 1) * sizeof (Memo));
  ctx->memo[0].tmpl = g_strdup (tmpl);
  ctx->memo[0].value = g_strdup (value);
  ctx->memo[0].call = ctx->read != NULL ? g_strdup (ctx->read->step->id) : NULL;
}

/* When @tmpl starts with ${ID. and ID is the step being run: where
 * what follows the dot starts in @tmpl; else NULL.  The name first: most
 * templates name something else. */
static const char *
own_template_field (const RunCtx *ctx, const char *tmpl)
{
  const char *id = ctx->running != NULL ? ctx->running->step->id : NULL;
  gsize id_len;

  if (id == NULL || tmpl[0] != '$' || tmpl[1] != '{')
    return NULL;
  id_len = strlen (id);
  if (strncmp (tmpl + 2, id, id_len) != 0 || tmpl[2 + id_len] != '.')
    return NULL;
  return tmpl + 3 + id_len;
}

/* When @tmpl is ${ID.FIELD} and own_ref() holds for ID.FIELD: that
 * reference (the watch of each route step a plan makes, read without
 * pp_workflow_expand()) written at @ref, its field at @field; else FALSE. */
static gboolean
own_ref_template (const RunCtx *ctx, const char *tmpl, char *ref, gsize size, const char **field)
{
  const char *after = own_template_field (ctx, tmpl);
  gsize n;

  if (after == NULL)
    return FALSE;
  n = strlen (tmpl);
  if (n - 3 >= size || tmpl[n - 1] != '}')
    return FALSE;
  memcpy (ref, tmpl + 2, n - 3);
  ref[n - 3] = '\0';
  if (strchr (ref, '}') != NULL || !own_ref (ctx, ref))
    return FALSE;
  *field = ref + (after - tmpl - 2);
  return TRUE;
}

/* What @tmpl says once its references are resolved.  A template that is
 * one reference is remembered (memo) unless it read the step being run:
 * objects' fields and earlier calls' answers do not change, and a call's
 * are forgotten with the call. */
static char *
resolve (RunCtx *ctx, const char *tmpl, GError **error)
{
  char *out = NULL;
  const char *seen;
  gboolean memo;

  if (!pp_workflow_has_ref (tmpl))
    return g_strdup (tmpl);
  memo = !ctx->dotted && one_ref (tmpl);
  if (memo)
    {
      char ref[128];
      const char *field;

      if (own_ref_template (ctx, tmpl, ref, sizeof ref, &field))
        {
          ctx->read = NULL;
          return call_value (ctx, ref, ctx->running->step->id, field, ctx->running, error);
        }
    }
  if (memo && (seen = memo_lookup (ctx, tmpl)) != NULL)
    return g_strdup (seen);
  ctx->read = NULL;
  if (!pp_workflow_expand (tmpl, run_ref, ctx, &out, error))
    return NULL;
  if (memo && ctx->read != ctx->running)
    memo_add (ctx, tmpl, out);
  return out;
}

static void
fail (PpStepResult *r, PpOutcome outcome, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
fail (PpStepResult *r, PpOutcome outcome, const char *format, ...)
{
  va_list ap;

  r->outcome = outcome;
  g_free (r->reason);
  va_start (ap, format);
  r->reason = g_strdup_vprintf (format, ap);
  va_end (ap);
}

/* A reference could not be resolved: skipped when it read a call that
 * failed, failed otherwise. */
static void
fail_ref (RunCtx *ctx, PpStepResult *r, const GError *error)
{
  if (ctx->blocked)
    fail (r, PP_OUTCOME_SKIPPED, "not run: it needs the answer of step %u, which failed",
          ctx->blocked_by);
  else
    fail (r, PP_OUTCOME_FAILED, "%s", error->message);
  ctx->blocked = FALSE;
}

/* When @tmpl is ${ID.FIELD}, ID the step being run once and FIELD what
 * its lean answer says it created (the watch of a plan's route step):
 * that id, as resolve() would find it; else NULL.  Only while no call id
 * holds a dot, as own_ref(): the reference has one reading then. */
static char *
own_created (RunCtx *ctx, const PpStep *step, const PpStepResult *r, const char *tmpl)
{
  const char *made, *field;
  gsize m;

  if (!ctx->once || ctx->dotted || !ctx->running_recorded || step->creates == NULL
      || r->result == NULL)
    return NULL;
  made = pp_api_result_created (r->result, step->creates);
  field = made != NULL ? own_template_field (ctx, tmpl) : NULL;
  if (field == NULL)
    return NULL;
  m = strlen (step->creates);
  if (strncmp (field, step->creates, m) != 0 || strcmp (field + m, "}") != 0)
    return NULL;
  return g_strdup (made);
}

/* Notes the status of every resource the step watches, right after the call. */
static void
note_statuses (RunCtx *ctx, const PpStep *step, PpStepResult *r)
{
  for (guint i = 0; i < step->watch->len; i++)
    {
      g_autoptr(GError) error = NULL;
      PpStatusNote n = { NULL, NULL, NULL, NULL };

      n.source = g_ptr_array_index (step->watch, i);
      n.id = own_created (ctx, step, r, n.source);
      if (n.id == NULL)
        n.id = resolve (ctx, n.source, &error);
      ctx->blocked = FALSE;
      if (n.id == NULL || *n.id == '\0')
        {
          g_free (n.id);
          continue;
        }
      n.after_call = pp_engine_status (ctx->e, n.id);
      n.settled = n.after_call;
      g_array_append_val (r->statuses, n);
    }
}

/* Notes their status again once the clock has settled. */
static void
note_settled (RunCtx *ctx, PpStepResult *r)
{
  for (guint i = 0; i < r->statuses->len; i++)
    {
      PpStatusNote *note = &g_array_index (r->statuses, PpStatusNote, i);

      note->settled = pp_engine_status (ctx->e, note->id);
    }
}

/* The field of @rq for the parameter @name, or NULL: its first letter
 * picks the one to compare with (six strcmp a route instead of fifteen,
 * 3 % of plan's time on an estate). */
static const char **
route_slot (PpRouteEntryRequest *rq, const char *name)
{
  const char **slot;
  const char *want;

  switch (name[0])
    {
    case 'R':
      slot = name[1] == 'e' ? &rq->region_id : &rq->route_table_id;
      want = name[1] == 'e' ? "RegionId" : "RouteTableId";
      break;
    case 'D':
      slot = &rq->destination;
      want = "DestinationCidrBlock";
      break;
    case 'N':
      if (strcmp (name, "NextHopId") == 0)
        return &rq->next_hop_id;
      slot = &rq->next_hop_type;
      want = "NextHopType";
      break;
    default:
      return NULL;
    }
  return strcmp (name, want) == 0 ? slot : NULL;
}

/* @step's parameters as a typed CreateRouteEntry (@sent holds each of
 * the five at most once and nothing else), or FALSE. */
static gboolean
route_request (const PpStep *step, const GArray *sent, PpRouteEntryRequest *rq)
{
  if (step->action == NULL || strcmp (step->action, "CreateRouteEntry") != 0
      || (step->version != NULL && strcmp (step->version, PP_API_VERSION_VPC) != 0))
    return FALSE;
  memset (rq, 0, sizeof *rq);
  for (guint i = 0; i < sent->len; i++)
    {
      const PpSentParam *s = &g_array_index (sent, PpSentParam, i);
      const char **slot = route_slot (rq, s->name);

      if (slot == NULL)
        return FALSE;
      if (*slot != NULL)
        return FALSE;         /* twice: the later wins, pp_engine_call_list() knows */
      *slot = s->value;
    }
  return TRUE;
}

/* What follows a call's answer: the origin of what it made, its statuses,
 * the clock, the outcome. */
static void
run_call_answered (RunCtx *ctx, const PpStep *step, PpStepResult *r, const PpRunOptions *opts)
{
  if (step->creates != NULL && pp_api_result_ok (r->result))
    {
      const char *lean = pp_api_result_created (r->result, step->creates);
      g_autofree char *made = lean == NULL ? pp_api_result_get (r->result, step->creates) : NULL;

      if (lean != NULL || made != NULL)
        pp_engine_set_origin (ctx->e, lean != NULL ? lean : made, step->origin, step->line);
    }
  if (step->id != NULL)
    record_call (ctx, step, r);
  note_statuses (ctx, step, r);
  if (opts->settle)
    {
      pp_engine_settle (ctx->e);
      note_settled (ctx, r);
    }

  r->outcome = PP_OUTCOME_PASSED;
  if (step->expect_error != NULL)
    {
      if (pp_api_result_ok (r->result))
        {
          fail (r, PP_OUTCOME_FAILED, "expected the error %s, but the call succeeded", step->expect_error);
          return;
        }
      if (strcmp (r->result->code, step->expect_error) != 0)
        {
          fail (r, PP_OUTCOME_FAILED, "expected the error %s, got %s (HTTP %u): %s",
                step->expect_error, r->result->code, r->result->http_status, r->result->message);
          return;
        }
    }
  else if (!pp_api_result_ok (r->result))
    {
      fail (r, PP_OUTCOME_FAILED, "%s (HTTP %u): %s", r->result->code, r->result->http_status,
            r->result->message);
      return;
    }
  for (guint i = 0; i < step->expects->len; i++)
    {
      const PpStepParam *x = &g_array_index (step->expects, PpStepParam, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *want = resolve (ctx, x->value, &error);
      g_autofree char *got = NULL;

      if (want == NULL)
        {
          fail_ref (ctx, r, error);
          return;
        }
      got = result_field (r->result, x->name);
      if (got == NULL)
        {
          fail (r, PP_OUTCOME_FAILED, "expected %s = \"%s\", but the answer has no %s",
                x->name, want, x->name);
          return;
        }
      if (strcmp (got, want) != 0)
        {
          fail (r, PP_OUTCOME_FAILED, "expected %s = \"%s\", got \"%s\"", x->name, want, got);
          return;
        }
    }
}

/* The uid of @account in the engine, or NULL: the last one looked up is
 * remembered (a plan's steps come in runs of one account's). */
static const char *
caller_uid (RunCtx *ctx, const char *account)
{
  if (ctx->uid_of == NULL || strcmp (ctx->uid_of, account) != 0)
    {
      const char *uid = pp_engine_account_uid (ctx->e, account);

      if (uid == NULL)
        return NULL;
      g_free (ctx->uid_of);
      ctx->uid_of = g_strdup (account);
      ctx->uid = uid;         /* accounts stay as long as the engine */
    }
  return ctx->uid;
}

/* Runs the call @step into @r.  @values: (nullable) what the templates
 * of @step's parameters resolve to now, NULL for one without references
 * (pp_runner_step_resolved()); else each is resolved here. */
static void
run_call (RunCtx *ctx, const PpStep *step, PpStepResult *r, const PpRunOptions *opts,
          const char *const *values)
{
  PpCallParam some[16];       /* a call's parameters, on the stack when they fit */
  g_autofree PpCallParam *many = NULL;
  PpCallParam *params;
  PpRouteEntryRequest rq;
  const char *uid = caller_uid (ctx, step->account);

  r->sent = g_steal_pointer (&ctx->spare_sent);
  if (r->sent == NULL)
    {
      r->sent = g_array_sized_new (FALSE, TRUE, sizeof (PpSentParam), step->params->len);
      g_array_set_clear_func (r->sent, sent_clear);
    }
  if (uid == NULL)
    {
      fail (r, PP_OUTCOME_FAILED, "the engine has no account '%s'", step->account);
      return;
    }
  /* a plan's steps come in runs of one caller: its uid kept from the
   * result given back */
  if (ctx->spare_uid != NULL && strcmp (ctx->spare_uid, uid) == 0)
    r->caller_uid = g_steal_pointer (&ctx->spare_uid);
  else
    r->caller_uid = g_strdup (uid);
  /* sized once, not grown a parameter at a time (five a route step) */
  g_array_set_size (r->sent, step->params->len);
  for (guint i = 0; i < step->params->len; i++)
    {
      const PpStepParam *p = &g_array_index (step->params, PpStepParam, i);
      g_autoptr(GError) error = NULL;
      PpSentParam s = { p->name, p->value, NULL, NULL };

      if (values != NULL)
        {
          if (values[i] != NULL)
            {
              s.value = values[i];
              s.source = p->value;
            }
        }
      else if (pp_workflow_has_ref (p->value))
        {
          /* a copy of a template without references was a fifth of the
           * allocations of a route step */
          s.owned = resolve (ctx, p->value, &error);
          if (s.owned == NULL)
            {
              /* what was sent before it */
              g_array_set_size (r->sent, i);
              fail_ref (ctx, r, error);
              return;
            }
          s.value = s.owned;
          s.source = p->value;
        }
      g_array_index (r->sent, PpSentParam, i) = s;
    }
  if (route_request (step, r->sent, &rq))
    /* the planner's million routes, without a lookup by name of each
     * parameter the operation reads */
    r->result = pp_engine_create_route_entry (ctx->e, uid, &rq);
  else
    {
      params = r->sent->len <= G_N_ELEMENTS (some) ? some : (many = g_new (PpCallParam, r->sent->len));
      for (guint i = 0; i < r->sent->len; i++)
        {
          const PpSentParam *s = &g_array_index (r->sent, PpSentParam, i);

          params[i].name = s->name;
          params[i].value = s->value;
        }
      r->result = pp_engine_call_list (ctx->e, uid, step->version, step->action, params,
                                       r->sent->len);
    }
  run_call_answered (ctx, step, r, opts);
}

static gboolean
status_is (PpEngine *e, const char *id, const char *want)
{
  const char *st = pp_engine_status (e, id);

  if (strcmp (want, "Deleted") == 0)
    return st == NULL || strcmp (st, "Deleted") == 0;
  return g_strcmp0 (st, want) == 0;
}

static void
run_wait (RunCtx *ctx, const PpStep *step, PpStepResult *r)
{
  g_autoptr(GError) error = NULL;
  gint64 start = pp_engine_now (ctx->e);
  gint64 deadline = start + (gint64) step->timeout;
  PpStatusNote note = { NULL, step->wait_for, NULL, NULL };

  r->target = resolve (ctx, step->wait_for, &error);
  if (r->target == NULL)
    {
      fail_ref (ctx, r, error);
      return;
    }
  note.id = g_strdup (r->target);
  note.after_call = pp_engine_status (ctx->e, r->target);
  for (guint guard = 0; !status_is (ctx->e, r->target, step->wait_status) && guard < 100000; guard++)
    {
      gint64 next = pp_engine_next_event (ctx->e);
      gint64 now = pp_engine_now (ctx->e);

      if (next < 0 || next > deadline)
        break;
      pp_engine_advance (ctx->e, next > now ? (guint64) (next - now) : 0);
    }
  if (status_is (ctx->e, r->target, step->wait_status))
    {
      note.settled = pp_engine_status (ctx->e, r->target);
      g_array_append_val (r->statuses, note);
      r->waited = (guint64) (pp_engine_now (ctx->e) - start);
      r->outcome = PP_OUTCOME_PASSED;
      return;
    }
  /* A script that polls until its timeout has spent it. */
  pp_engine_advance_to (ctx->e, deadline);
  note.settled = pp_engine_status (ctx->e, r->target);
  g_array_append_val (r->statuses, note);
  r->waited = (guint64) (pp_engine_now (ctx->e) - start);
  if (note.settled == NULL)
    fail (r, PP_OUTCOME_FAILED, "%s does not exist (any more); it never became %s",
          r->target, step->wait_status);
  else if (pp_engine_next_event (ctx->e) < 0)
    fail (r, PP_OUTCOME_FAILED, "%s is %s and nothing is pending: it will never become %s",
          r->target, note.settled, step->wait_status);
  else
    fail (r, PP_OUTCOME_FAILED, "%s is still %s after %u s: it did not become %s in time",
          r->target, note.settled, step->timeout, step->wait_status);
}

/* What an export of the run's state holds of the routes. */
static PpExportFlags
export_flags (const PpRunOptions *opts, gboolean routes)
{
  if (!routes)
    return 0;
  return PP_EXPORT_ROUTES | (opts->built_no_route_ids ? 0 : PP_EXPORT_ROUTE_IDS);
}

static void
run_reach (RunCtx *ctx, const PpStep *step, PpStepResult *r)
{
  g_autoptr(GError) error = NULL;
  g_auto(PpReachResult) res = { 0 };
  guint from, to;

  if (ctx->built == NULL)
    {
      ctx->built = pp_engine_to_scenario_full (ctx->e, NULL, export_flags (ctx->opts, TRUE), &error);
      if (ctx->built == NULL)
        {
          fail (r, PP_OUTCOME_FAILED, "cannot export the engine's state: %s", error->message);
          return;
        }
      ctx->rt = pp_route_tables_new (ctx->built);
    }
  from = pp_scenario_lookup (ctx->built, PP_KIND_INSTANCE, step->from);
  to = pp_scenario_lookup (ctx->built, PP_KIND_INSTANCE, step->to);
  if (from == PP_NONE || to == PP_NONE)
    {
      fail (r, PP_OUTCOME_FAILED, "instance %s is not in the engine",
            from == PP_NONE ? step->from : step->to);
      return;
    }
  res = pp_reach_check (ctx->built, ctx->rt, from, to);
  r->reached = res.ok;
  r->trace = pp_reach_result_format (ctx->built, ctx->rt, &res);
  if (r->reached == step->reachable)
    r->outcome = PP_OUTCOME_PASSED;
  else if (step->reachable)
    fail (r, PP_OUTCOME_FAILED, "%s cannot reach %s and back", step->from, step->to);
  else
    fail (r, PP_OUTCOME_FAILED, "%s reaches %s and back, which was expected to fail",
          step->from, step->to);
}

struct _PpRunner {
  RunCtx ctx;
  PpEngine *e;
  GHashTable *calls;
  PpRunOptions opts;
  guint number;                 /* of the last step run */
  guint stopped;                /* the step that failed, when stopping */
  guint counts[PP_OUTCOME_LAST];
  gint64 started;
  PpStepResult *spare;          /* pp_runner_recycle(): the next result's arrays */
  const PpStepResult *once;     /* the last result of pp_runner_step_once(),
                                   until it is recycled */
};

PpRunner *
pp_runner_new (const PpScenario *sc, const PpRunOptions *opts, GError **error)
{
  static const PpRunOptions defaults = { PP_RUN_DEFAULT_SEED, FALSE, FALSE };
  g_autoptr(PpRunner) runner = g_new0 (PpRunner, 1);

  g_return_val_if_fail (sc != NULL, NULL);
  runner->opts = opts != NULL ? *opts : defaults;
  runner->calls = g_hash_table_new (g_str_hash, g_str_equal);
  runner->ctx.values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  runner->e = pp_engine_new (NULL, runner->opts.seed);
  pp_engine_set_lean_answers (runner->e, TRUE);
  if (!pp_engine_load_scenario (runner->e, sc, error))
    return NULL;
  runner->ctx.e = runner->e;
  runner->ctx.calls = runner->calls;
  runner->ctx.sc = sc;
  runner->ctx.opts = &runner->opts;
  runner->started = pp_engine_now (runner->e);
  return g_steal_pointer (&runner);
}

void
pp_runner_free (PpRunner *runner)
{
  if (runner == NULL)
    return;
  run_ctx_changed (&runner->ctx);
  for (guint i = 0; i < N_MEMO; i++)
    memo_clear (&runner->ctx.memo[i]);
  g_clear_pointer (&runner->calls, g_hash_table_unref);
  g_clear_pointer (&runner->ctx.values, g_hash_table_unref);
  g_clear_pointer (&runner->e, pp_engine_free);
  g_clear_pointer (&runner->spare, step_result_free);
  g_clear_pointer (&runner->ctx.spare_sent, g_array_unref);
  g_free (runner->ctx.uid_of);
  g_free (runner->ctx.spare_uid);
  g_free (runner);
}

void
pp_step_result_free (PpStepResult *r)
{
  step_result_free (r);
}

void
pp_runner_forget_calls (PpRunner *runner)
{
  g_hash_table_remove_all (runner->calls);
  runner->ctx.last_recorded = NULL;
  memo_forget (&runner->ctx, NULL);
  /* the scenario objects' values stay cached (values, memo) */
}

void
pp_runner_forget_call (PpRunner *runner, const char *id)
{
  if (id != NULL)
    {
      g_hash_table_remove (runner->calls, id);
      runner->ctx.last_recorded = NULL;
      memo_forget (&runner->ctx, id);
    }
}

/* Runs @step; @values as run_call() takes them; @once: as
 * pp_runner_step_once(). */
static PpStepResult *
runner_step (PpRunner *runner, const PpStep *step, const char *const *values, gboolean once)
{
  RunCtx *ctx = &runner->ctx;
  PpStepResult *r = g_steal_pointer (&runner->spare);

  if (r == NULL)
    {
      r = g_new0 (PpStepResult, 1);
      r->statuses = g_array_new (FALSE, TRUE, sizeof (PpStatusNote));
      g_array_set_clear_func (r->statuses, status_clear);
    }
  r->step = step;
  r->number = ++runner->number;
  ctx->running = r;
  ctx->running_recorded = FALSE;
  ctx->once = once;
  runner->once = once ? r : NULL;
  if (step->id != NULL && strchr (step->id, '.') != NULL)
    ctx->dotted = TRUE;
  if (runner->stopped)
    {
      fail (r, PP_OUTCOME_SKIPPED, "not run: step %u failed", runner->stopped);
      if (step->kind == PP_STEP_CALL && step->id != NULL)
        record_call (ctx, step, r);
    }
  else
    switch (step->kind)
      {
      case PP_STEP_CALL:
        run_ctx_changed (ctx);
        run_call (ctx, step, r, &runner->opts, values);
        if (step->id != NULL && !ctx->running_recorded
            && !g_hash_table_contains (runner->calls, step->id))
          record_call (ctx, step, r);   /* it stopped before its call */
        break;
      case PP_STEP_WAIT:
        run_ctx_changed (ctx);
        run_wait (ctx, step, r);
        break;
      case PP_STEP_REACH:
        run_reach (ctx, step, r);
        break;
      case PP_STEP_LAST:
      default:
        g_assert_not_reached ();
      }
  ctx->once = FALSE;
  r->time = pp_engine_now (runner->e);
  runner->counts[r->outcome]++;
  if (r->outcome != PP_OUTCOME_PASSED && !runner->opts.keep_going && !runner->stopped)
    runner->stopped = r->number;
  return r;
}

PpStepResult *
pp_runner_step (PpRunner *runner, const PpStep *step)
{
  g_return_val_if_fail (runner != NULL && step != NULL, NULL);
  return runner_step (runner, step, NULL, FALSE);
}

PpStepResult *
pp_runner_step_resolved (PpRunner *runner, const PpStep *step, const char *const *values)
{
  g_return_val_if_fail (runner != NULL && step != NULL, NULL);
  return runner_step (runner, step, values, FALSE);
}

PpStepResult *
pp_runner_step_once (PpRunner *runner, const PpStep *step, const char *const *values)
{
  g_return_val_if_fail (runner != NULL && step != NULL, NULL);
  return runner_step (runner, step, values, TRUE);
}

gboolean
pp_runner_add_route (PpRunner *runner, const char *account, guint line,
                     const PpRouteEntryRequest *rq, PpRouteAdded *added)
{
  RunCtx *ctx;
  const char *uid;

  g_return_val_if_fail (runner != NULL && account != NULL && rq != NULL && added != NULL, FALSE);
  ctx = &runner->ctx;
  if (runner->stopped || (uid = caller_uid (ctx, account)) == NULL
      || !pp_engine_add_route_entry (runner->e, uid, rq, &added->made))
    return FALSE;
  /* what runner_step() and run_call() do for a step run once that
   * passes: the state changed, the origin, the statuses noted */
  ctx->running = NULL;
  ctx->running_recorded = FALSE;
  ctx->once = FALSE;
  ctx->blocked = FALSE;
  run_ctx_changed (ctx);
  added->number = ++runner->number;
  added->caller_uid = uid;
  added->version = PP_API_VERSION_VPC;
  pp_engine_set_origin (runner->e, added->made.route_entry_id, NULL, line);
  added->settled = added->made.status;
  if (runner->opts.settle)
    {
      pp_engine_settle (runner->e);
      added->settled = pp_engine_status (runner->e, added->made.route_entry_id);
    }
  added->time = pp_engine_now (runner->e);
  runner->counts[PP_OUTCOME_PASSED]++;
  return TRUE;
}

char *
pp_runner_resolve (PpRunner *runner, const char *tmpl, GError **error)
{
  RunCtx *ctx;
  char *v;

  g_return_val_if_fail (runner != NULL && tmpl != NULL, NULL);
  ctx = &runner->ctx;
  ctx->running = NULL;
  v = resolve (ctx, tmpl, error);
  ctx->blocked = FALSE;
  return v;
}

void
pp_runner_recycle (PpRunner *runner, PpStepResult *r)
{
  g_return_if_fail (runner != NULL);
  if (r == NULL)
    return;
  /* the last call recorded is still its id's (pp_runner_forget_call()
   * clears last_recorded): no lookup to know it; a step run once was
   * never recorded */
  if (r == runner->once)
    runner->once = NULL;
  else if (r->step != NULL && r->step->id != NULL
           && (r == runner->ctx.last_recorded || g_hash_table_lookup (runner->calls, r->step->id) == r))
    pp_runner_forget_call (runner, r->step->id);
  if (runner->spare != NULL)
    {
      step_result_free (r);
      return;
    }
  g_clear_pointer (&r->reason, g_free);
  g_free (runner->ctx.spare_uid);
  runner->ctx.spare_uid = g_steal_pointer (&r->caller_uid);
  if (r->sent != NULL && runner->ctx.spare_sent == NULL)
    {
      /* a result's sent is NULL until its call runs (the runbook tells
       * a call skipped by it) */
      g_array_set_size (r->sent, 0);
      runner->ctx.spare_sent = g_steal_pointer (&r->sent);
    }
  g_clear_pointer (&r->sent, g_array_unref);
  g_clear_pointer (&r->result, pp_api_result_free);
  g_array_set_size (r->statuses, 0);
  g_clear_pointer (&r->target, g_free);
  g_clear_pointer (&r->trace, g_free);
  r->step = NULL;
  r->number = 0;
  r->outcome = PP_OUTCOME_PASSED;
  r->time = 0;
  r->waited = 0;
  r->reached = FALSE;
  runner->spare = r;
}

PpRunResult *
pp_runner_finish (PpRunner *runner, GError **error)
{
  g_autoptr(PpRunResult) run = g_new0 (PpRunResult, 1);

  run->steps = g_ptr_array_new_with_free_func (step_result_free);
  memcpy (run->counts, runner->counts, sizeof run->counts);
  run->started = runner->started;
  run->finished = pp_engine_now (runner->e);
  /* The pings at the end of a plan exported the same state: reuse it. */
  run->built = g_steal_pointer (&runner->ctx.built);
  run_ctx_changed (&runner->ctx);
  if (run->built == NULL && !runner->opts.no_built)
    {
      run->built = pp_engine_to_scenario_full (runner->e, NULL,
                                               export_flags (&runner->opts, !runner->opts.built_no_routes),
                                               error);
      if (run->built == NULL)
        return NULL;
    }
  return g_steal_pointer (&run);
}

PpRunResult *
pp_workflow_run (const PpWorkflow *wf, const PpScenario *sc, const PpRunOptions *opts,
                 GError **error)
{
  g_autoptr(PpRunner) runner = NULL;
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (step_result_free);
  PpRunResult *run;

  g_return_val_if_fail (wf != NULL, NULL);
  if (sc == NULL)
    sc = wf->scenario;
  g_return_val_if_fail (sc != NULL, NULL);

  runner = pp_runner_new (sc, opts, error);
  if (runner == NULL)
    return NULL;
  for (guint i = 0; i < wf->steps->len; i++)
    g_ptr_array_add (steps, pp_runner_step (runner, g_ptr_array_index (wf->steps, i)));
  run = pp_runner_finish (runner, error);
  if (run == NULL)
    return NULL;
  g_ptr_array_unref (run->steps);
  run->steps = g_steal_pointer (&steps);
  return run;
}
