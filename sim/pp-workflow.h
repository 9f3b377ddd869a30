/* SPDX-License-Identifier: MIT */
/* pp-workflow.h: imperative workflows of API calls, and the runner that
 * replays them on the engine.
 *
 * A workflow is an ordered list of steps: API calls (made by a named
 * account of a scenario, with the parameters exactly as the SDKs send
 * them), waits for a resource to reach a status, and reachability checks.
 * `peerplan run WORKFLOW` reads one from XML (data/schema/workflow.rng,
 * docs/workflow.md); the planner (pp-planner.h) derives one from a
 * declarative scenario.  Both are run by pp_workflow_run(), on one engine.
 *
 * Parameter values, expected values and wait targets may hold references
 * `${NAME.Field}`: NAME is the id of an earlier call (Field is a dotted path
 * into its response, e.g. RouterInterfaceId, or Code / Message / HttpStatus
 * when it failed) or a scenario object known to the engine (a VPC gives
 * VpcId, VRouterId, RouteTableId, ...; an account Uid; see
 * pp_engine_object()).  When a call id and an object name could both
 * match, call ids win; the longest matching NAME is used, since ids may
 * contain dots.
 *
 * Ownership: a PpWorkflow owns its steps and strings; a PpRunResult owns
 * its step results and the built scenario.  Nothing here prints.
 */
#pragma once

#include <glib.h>
#include "model/pp-scenario.h"
#include "sim/pp-engine.h"

G_BEGIN_DECLS

typedef enum {
  PP_STEP_CALL,               /* one API call */
  PP_STEP_WAIT,               /* poll the clock until a resource has a status */
  PP_STEP_REACH,              /* a ping between two instances, both ways */
  PP_STEP_LAST
} PpStepKind;

/* A name = value pair: a request parameter, or an expected response field. */
typedef struct {
  char *name;
  char *value;                /* may hold ${NAME.Field} references */
  guint line;
} PpStepParam;

typedef struct {
  PpStepKind kind;
  guint line;                 /* in the workflow (or scenario) file; 0 = none */
  char *id;                   /* calls: what later steps refer to; may be NULL */
  char *note;                 /* what the step does, in words; may be NULL */

  /* PP_STEP_CALL */
  char *account;              /* the scenario account that calls ("A") */
  char *version;              /* API version; NULL = by action */
  char *action;
  GArray *params;             /* PpStepParam, in order */
  char *expect_error;         /* the error code the call must give; NULL = must succeed */
  GArray *expects;            /* PpStepParam: field = value the response must hold */
  GPtrArray *watch;           /* char*: ids (may hold references) whose status is reported */
  char *creates;              /* the answer's field naming the resource the call creates, whose
                                 origin (below) and line the engine then keeps; NULL = none */
  char *origin;               /* the scenario object that resource stands for; NULL = itself */

  /* PP_STEP_WAIT */
  char *wait_for;             /* a resource id (may hold a reference) */
  char *wait_status;          /* "Active"; "Deleted" = until it is gone */
  guint timeout;              /* simulated seconds */

  /* PP_STEP_REACH */
  char *from;                 /* instance ids of the scenario */
  char *to;
  gboolean reachable;         /* what is expected: TRUE = the ping passes */
} PpStep;

/* Where a shape error sends the reader (the schema is workflow.rng). */
#define PP_WORKFLOW_FORMAT_HINT \
  "the workflow format, schema workflow.rng, is described in peerplan(1) under run and, in the source, docs/workflow.md"

/* The largest workflow file read, in bytes. */
#define PP_WORKFLOW_MAX_SIZE (16 << 20)

/* The longest NAME.Field inside one ${...}. */
#define PP_WORKFLOW_MAX_REF 512

/* Default simulated seconds a <wait> may take. */
#define PP_WORKFLOW_WAIT_TIMEOUT 600

typedef struct {
  char *file;                 /* the workflow file (for messages), or the scenario's */
  char *name;                 /* NULL when none */
  char *scenario_file;        /* resolved path of the scenario; NULL for a derived plan */
  PpScenario *scenario;       /* owned */
  GPtrArray *steps;           /* PpStep*, owned */
} PpWorkflow;

PpWorkflow *pp_workflow_new (const char *file);
void        pp_workflow_free (PpWorkflow *wf);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpWorkflow, pp_workflow_free)

/* Adds a step of @kind at @line and returns it (borrowed) to be filled. */
PpStep     *pp_workflow_add_step (PpWorkflow *wf, PpStepKind kind, guint line);
/* Appends @name = @value (copied) to @params. */
void        pp_step_params_add (GArray *params, const char *name, const char *value, guint line);
/* The value of @name in @params, or NULL. */
const char *pp_step_params_get (const GArray *params, const char *name);

/**
 * pp_workflow_load_file:
 * @file: a workflow XML file.
 *
 * Reads and validates a workflow (hardened intake, RelaxNG
 * workflow.rng), loads its scenario (relative to the workflow's folder)
 * and checks what the schema cannot: accounts, instance ids, call ids
 * unique and distinct from the scenario's object ids, references to
 * earlier calls only, known actions (unless expect-error is given).
 *
 * Returns: (transfer full) the workflow, or NULL with an error whose
 * message starts "file:line: ": PP_MODEL_ERROR for XML that is not
 * well-formed or valid and for a scenario that does not load, PP_SIM_ERROR
 * for what the workflow itself gets wrong (UNKNOWN_REFERENCE,
 * DUPLICATE_ID, INVALID, LIMIT, IO).  All are input errors
 * (pp_error_is_input()).
 */
PpWorkflow *pp_workflow_load_file (const char *file, GError **error);
/* The same from memory; @name is the file name used in messages and to
 * resolve the scenario (its folder). */
PpWorkflow *pp_workflow_load_bytes (GBytes *xml, const char *name, GError **error);

/* A scenario="..." that starts with this names one of peerplan's data
 * files (pp-data.h), e.g. "peerplan:examples/article.xml", the article's
 * scenario compiled into the program. */
#define PP_WORKFLOW_BUILTIN "peerplan:"

/* --- running --- */

typedef enum {
  PP_OUTCOME_PASSED,
  PP_OUTCOME_FAILED,
  PP_OUTCOME_SKIPPED,         /* not run: an earlier step failed */
  PP_OUTCOME_LAST
} PpOutcome;

const char *pp_outcome_to_string (PpOutcome o);

/* One parameter as it was sent.  The name and the template are the
 * step's (borrowed, like the result's step); so is the value when the
 * template holds no reference, else the value is the result's. */
typedef struct {
  const char *name;
  const char *value;          /* resolved: the template itself, or owned */
  const char *source;         /* the template when it held a reference, else NULL */
  char *owned;                /* the value when it was resolved; NULL = borrowed */
} PpSentParam;

/* The status of one resource after a step. */
typedef struct {
  char *id;
  const char *source;         /* what named it: a watch or wait template (borrowed) */
  const char *after_call;     /* right after the call; NULL = no such resource */
  const char *settled;        /* once the clock has run the transitions; NULL = gone
                                 (both the engine's static strings: pp_engine_status()) */
} PpStatusNote;

typedef struct {
  const PpStep *step;         /* borrowed from the workflow */
  guint number;               /* 1-based */
  PpOutcome outcome;
  char *reason;               /* failed or skipped: why, in words; else NULL */
  char *caller_uid;           /* calls */
  GArray *sent;               /* PpSentParam (calls) */
  PpApiResult *result;        /* calls that ran; NULL otherwise */
  GArray *statuses;           /* PpStatusNote */
  gint64 time;                /* the clock when the step ended */
  guint64 waited;             /* waits: simulated seconds waited */
  char *target;               /* waits: the resolved id */
  char *trace;                /* reach: the hop trace of both directions */
  gboolean reached;           /* reach: the ping passed */
} PpStepResult;

typedef struct {
  GPtrArray *steps;           /* PpStepResult*, one per workflow step */
  guint counts[PP_OUTCOME_LAST];
  PpScenario *built;          /* the engine's state at the end (export), or NULL */
  gint64 started;             /* the clock at the start and the end */
  gint64 finished;
} PpRunResult;

void        pp_run_result_free (PpRunResult *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpRunResult, pp_run_result_free)
/* TRUE when every step passed. */
gboolean    pp_run_result_ok (const PpRunResult *r);
/* The first failed step, or NULL. */
const PpStepResult *pp_run_result_first_failure (const PpRunResult *r);

typedef struct {
  guint64 seed;               /* the engine's seed */
  gboolean keep_going;        /* run later steps after a failure (else: skipped) */
  gboolean settle;            /* after each call, run every pending transition
                                 (the planner); else only the per-call tick */
  gboolean built_no_routes;   /* the run's built state without its custom routes
                                 (pp_engine_to_scenario_full()) */
  gboolean no_built;          /* no built state at the end (run->built NULL)
                                 unless the run's pings made one */
  gboolean built_no_route_ids; /* the built state's routes (the pings' and
                                 the end's) without their rte- ids */
} PpRunOptions;

#define PP_RUN_DEFAULT_SEED PP_ENGINE_DEFAULT_SEED

/**
 * pp_workflow_run:
 * @wf: the workflow.
 * @sc: (nullable) the scenario loaded into a new engine; NULL = the
 *   workflow's own.
 * @opts: (nullable) NULL = seed PP_RUN_DEFAULT_SEED, stop at the first
 *   failure, no settling.
 *
 * Runs every step in order.  A call passes when its outcome matches
 * expect-error (or it succeeds when there is none) and every <expect>
 * holds; a wait passes when the status is reached within its timeout; a
 * reach step when the ping's outcome is the expected one.  A call whose
 * step names what it creates (creates, origin) records it in the engine
 * (pp_engine_set_origin), so that the export names it as the scenario
 * does.  At the end the engine's state is exported (built): the objects
 * loaded from the scenario keep their ids and lines, the ones the calls
 * created their recorded origins.
 *
 * Returns: (transfer full) the results, or NULL with a GError if the
 * scenario cannot be loaded into the engine.
 */
PpRunResult *pp_workflow_run (const PpWorkflow *wf, const PpScenario *sc,
                              const PpRunOptions *opts, GError **error);


/* --- running step by step (a plan that streams its runbook) --- */

typedef struct _PpRunner PpRunner;

/* A new engine with @sc loaded (@sc must outlive the runner); @opts as
 * pp_workflow_run()'s (copied).  NULL with a GError when @sc does not load. */
PpRunner    *pp_runner_new (const PpScenario *sc, const PpRunOptions *opts, GError **error);
void         pp_runner_free (PpRunner *runner);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpRunner, pp_runner_free)

/* Runs @step as the next step (numbered from 1), as pp_workflow_run()
 * does.  Returns: (transfer full) its result, which borrows @step.  The
 * runner reads the results of earlier calls by their ids: keep each step
 * and its result until pp_runner_forget_calls(), which later steps may
 * then no longer refer to. */
PpStepResult *pp_runner_step (PpRunner *runner, const PpStep *step);
void         pp_runner_forget_calls (PpRunner *runner);
/* The same for the call @id (nullable) alone. */
void         pp_runner_forget_call (PpRunner *runner, const char *id);
void         pp_step_result_free (PpStepResult *r);

/* Whether the template @s holds a `${` (a reference). */
gboolean     pp_workflow_has_ref (const char *s);
/* What the template @tmpl says now, its references resolved as a step
 * run next would resolve them.  Returns: (transfer full) the value, or
 * NULL with a GError (a reference to nothing, or to a call that failed). */
char        *pp_runner_resolve (PpRunner *runner, const char *tmpl, GError **error);
/* pp_runner_step() for a step whose references the caller resolved
 * already: @values (nullable: resolve here) holds, for each of @step's
 * parameters, what its template resolves to now (pp_runner_resolve()),
 * or NULL for a template without references; the result borrows them.
 * The planner resolves the route table and the next hop of a
 * connection's routes once, not once a route. */
PpStepResult *pp_runner_step_resolved (PpRunner *runner, const PpStep *step,
                                       const char *const *values);
/* pp_runner_step_resolved() for a step whose answer nothing reads but
 * the step itself (its watch of what it made): the runner does not
 * record it by its id, so no later step may refer to it.  Give the
 * result back with pp_runner_recycle() before the next step.  The
 * planner's route steps, one for each route of an estate. */
PpStepResult *pp_runner_step_once (PpRunner *runner, const PpStep *step,
                                   const char *const *values);
/* What pp_runner_add_route() ran, as the step's result would say it. */
typedef struct {
  guint number;               /* the step's */
  gint64 time;                /* the clock once it ran */
  const char *caller_uid;     /* borrowed (the engine's) */
  const char *version;        /* the answer's API version */
  PpRouteEntryMade made;      /* its RequestId, the entry and its status
                                 right after the call */
  const char *settled;        /* the entry's status once the clock settled
                                 (made.status when the run does not settle) */
} PpRouteAdded;

/* The step pp_runner_step_once() would run for a route of @account's
 * (@line), a CreateRouteEntry whose parameters @rq gives (its destination
 * parsed, as pp_engine_add_route_entry() takes it), whose id holds no
 * dot, without an origin, that watches the entry it makes alone and
 * expects no error: when it would pass, it is run as that step would
 * have been, what it did is in @added, and TRUE.  Else FALSE, having run
 * nothing: run the step with pp_runner_step_once() for its result.  A
 * plan's route steps (a million on an estate) without a result each. */
gboolean     pp_runner_add_route (PpRunner *runner, const char *account, guint line,
                                  const PpRouteEntryRequest *rq, PpRouteAdded *added);
/* Done with @r (nullable; a result of this runner): forgotten as a call
 * (pp_runner_forget_call()) if it was the last of its id, and freed,
 * its arrays kept for the next step's result.  The same as
 * pp_step_result_free() otherwise. */
void         pp_runner_recycle (PpRunner *runner, PpStepResult *r);

/* The end of the run: the counts, the clock and the built state of a
 * PpRunResult whose steps are empty (the caller had them one by one). */
PpRunResult *pp_runner_finish (PpRunner *runner, GError **error);


/**
 * pp_workflow_to_xml:
 * @run: (nullable) the results of running @wf: after each call that saw a
 *   transient status (Connecting, Pending, ...), a <wait> for the final one.
 * @scenario: the value of the scenario attribute.
 * @comment: (nullable) text for a comment before the root element.
 *
 * Returns: (transfer full) @wf as a workflow file (workflow.rng) that
 * `peerplan run` replays.
 */
char       *pp_workflow_to_xml (const PpWorkflow *wf, const PpRunResult *run,
                                const char *scenario, const char *comment);

/* The same piece by piece, appended to @out, for a runbook that streams:
 * the prologue and the root's start tag (@name nullable), each step with
 * its result (nullable), and the end tag. */
void        pp_workflow_xml_begin (GString *out, const char *name, const char *scenario,
                                   const char *comment);
void        pp_workflow_xml_step (GString *out, const PpStep *st, const PpStepResult *r);
void        pp_workflow_xml_end (GString *out);

G_END_DECLS
