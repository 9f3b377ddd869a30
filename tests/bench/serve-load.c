/* SPDX-License-Identifier: MIT */
/* serve-load.c: a load client for `peerplan serve` (tests/bench/serve-load.sh).
 *
 * Against a running server on 127.0.0.1:PORT (loopback only), in order:
 *   1. --sequential N short connections, one after the other: connect, one
 *      GET /_peerplan/health (HTTP/1.1, no Connection header, as curl sends
 *      it), read the whole answer, close;
 *   2. --concurrent C keep-alive connections open at once, each sending
 *      --rounds R requests in turn, then all closed.
 * The server's open descriptors (/proc/PID/fd) and resident memory (VmRSS)
 * are sampled before, after each phase (once the server has had up to 5 s
 * to release closed connections) and printed as "key value" lines.
 *
 * Every request must be answered 200 within 5 s: a read that times out, a
 * connection closed before the whole answer, or a refused connect fails the
 * run (exit 1), naming the request.  With --max-fd-growth N the run also
 * fails when the server holds more than N descriptors more at the end than
 * at the start.  Plain POSIX sockets: nothing here shares code with the
 * server.
 */
#include <errno.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <dirent.h>
#include <glib.h>

#define PP_LOAD_TIMEOUT_S 5

static guint16 opt_port;
static gint64 opt_pid;

static int
count_fds (void)
{
  g_autofree char *path = g_strdup_printf ("/proc/%" G_GINT64_FORMAT "/fd", opt_pid);
  DIR *d = opendir (path);
  struct dirent *e;
  int n = 0;

  if (d == NULL)
    return -1;
  while ((e = readdir (d)) != NULL)
    if (e->d_name[0] != '.')
      n++;
  closedir (d);
  return n;
}

static gint64
rss_kib (void)
{
  g_autofree char *path = g_strdup_printf ("/proc/%" G_GINT64_FORMAT "/status", opt_pid);
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return -1;
  line = strstr (text, "VmRSS:");
  return line != NULL ? g_ascii_strtoll (line + 6, NULL, 10) : -1;
}

static int
open_conn (GString *why)
{
  struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons (opt_port) };
  struct timeval tv = { .tv_sec = PP_LOAD_TIMEOUT_S };
  int fd = socket (AF_INET, SOCK_STREAM, 0);

  if (fd < 0)
    {
      g_string_printf (why, "socket: %s", g_strerror (errno));
      return -1;
    }
  sa.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  (void) setsockopt (fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  (void) setsockopt (fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  if (connect (fd, (struct sockaddr *) &sa, sizeof sa) != 0)
    {
      g_string_printf (why, "connect: %s", g_strerror (errno));
      close (fd);
      return -1;
    }
  return fd;
}

static gboolean
timed_out (int err)
{
#if EWOULDBLOCK != EAGAIN
  if (err == EWOULDBLOCK)
    return TRUE;
#endif
  return err == EAGAIN;
}

/* Sends one request on @fd (asking to keep the connection with
 * @keep_alive) and reads one whole answer; *@closing says whether the
 * server announced "Connection: close".  FALSE with @why. */
static gboolean
exchange (int fd, gboolean keep_alive, gboolean *closing, GString *why)
{
  g_autofree char *req = g_strdup_printf ("GET /_peerplan/health HTTP/1.1\r\n"
                                          "Host: 127.0.0.1:%u\r\n%s\r\n", opt_port,
                                          keep_alive ? "Connection: keep-alive\r\n" : "");
  g_autoptr (GString) got = g_string_new (NULL);
  gsize want = 0;
  char buf[4096];
  const char *end = NULL;

  if (write (fd, req, strlen (req)) != (gssize) strlen (req))
    {
      g_string_printf (why, "write: %s", g_strerror (errno));
      return FALSE;
    }
  for (;;)
    {
      gssize n = read (fd, buf, sizeof buf);

      if (n < 0)
        {
          if (timed_out (errno))
            g_string_printf (why, "no answer within %d s", PP_LOAD_TIMEOUT_S);
          else
            g_string_printf (why, "read: %s", g_strerror (errno));
          return FALSE;
        }
      if (n == 0)
        {
          g_string_printf (why, "the server closed the connection after %" G_GSIZE_FORMAT
                           " bytes of the answer", got->len);
          return FALSE;
        }
      g_string_append_len (got, buf, n);
      if (end == NULL && (end = strstr (got->str, "\r\n\r\n")) != NULL)
        {
          const char *cl = g_strstr_len (got->str, end - got->str, "Content-Length: ");

          if (!g_str_has_prefix (got->str, "HTTP/1.1 200 ") || cl == NULL)
            {
              g_string_printf (why, "not a 200 with a length: %.60s", got->str);
              return FALSE;
            }
          want = (gsize) (end + 4 - got->str) + g_ascii_strtoull (cl + 16, NULL, 10);
          *closing = g_strstr_len (got->str, end - got->str, "\r\nConnection: close\r\n") != NULL;
        }
      if (end != NULL && got->len >= want)
        return TRUE;
    }
}

/* Waits up to 5 s for the server's descriptor count to fall to @target. */
static int
settled_fds (int target)
{
  int n = count_fds ();

  for (int i = 0; i < 50 && n > target; i++)
    {
      g_usleep (100 * 1000);
      n = count_fds ();
    }
  return n;
}

int
main (int argc, char **argv)
{
  gint64 sequential = 0, concurrent = 0, rounds = 1, max_growth = -1, port = 0;
  GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT64, &port, "The server's port on 127.0.0.1", "PORT" },
    { "pid", 0, 0, G_OPTION_ARG_INT64, &opt_pid, "The server's process id", "PID" },
    { "sequential", 0, 0, G_OPTION_ARG_INT64, &sequential, "Short connections, one after the other", "N" },
    { "concurrent", 0, 0, G_OPTION_ARG_INT64, &concurrent, "Keep-alive connections open at once", "C" },
    { "rounds", 0, 0, G_OPTION_ARG_INT64, &rounds, "Requests per keep-alive connection", "R" },
    { "max-fd-growth", 0, 0, G_OPTION_ARG_INT64, &max_growth, "Fail if the server keeps more descriptors", "N" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("- load a peerplan serve on loopback");
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) why = g_string_new (NULL);
  g_autofree int *fds = NULL;
  int fd0, fd_seq = 0, fd_end;
  gint64 rss0, rss_seq = 0, rss_end;
  gint64 t0;
  gint64 reconnects = 0;
  int fds_open = 0;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      fprintf (stderr, "serve-load: %s\n", error->message);
      return 2;
    }
  if (port <= 0 || port > 65535 || opt_pid <= 0 || sequential < 0 || concurrent < 0
      || concurrent > 100000 || rounds < 1)
    {
      fprintf (stderr, "serve-load: give --port and --pid (and counts >= 0)\n");
      return 2;
    }
  opt_port = (guint16) port;
  fd0 = count_fds ();
  rss0 = rss_kib ();
  if (fd0 < 0 || rss0 < 0)
    {
      fprintf (stderr, "serve-load: cannot read /proc/%" G_GINT64_FORMAT "\n", opt_pid);
      return 2;
    }
  printf ("fds_before %d\nrss_kib_before %" G_GINT64_FORMAT "\n", fd0, rss0);

  t0 = g_get_monotonic_time ();
  for (gint64 i = 0; i < sequential; i++)
    {
      int fd = open_conn (why);
      gboolean closing = FALSE;

      if (fd < 0 || !exchange (fd, FALSE, &closing, why))
        {
          fprintf (stderr, "serve-load: short connection %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT
                   ": %s (server descriptors: %d)\n", i + 1, sequential, why->str, count_fds ());
          return 1;
        }
      close (fd);
    }
  if (sequential > 0)
    {
      fd_seq = settled_fds (fd0);
      rss_seq = rss_kib ();
      printf ("sequential %" G_GINT64_FORMAT "\nsequential_ms %" G_GINT64_FORMAT "\n"
              "fds_after_sequential %d\nrss_kib_after_sequential %" G_GINT64_FORMAT "\n",
              sequential, (g_get_monotonic_time () - t0) / 1000, fd_seq, rss_seq);
    }

  t0 = g_get_monotonic_time ();
  fds = g_new0 (int, concurrent > 0 ? concurrent : 1);
  for (gint64 i = 0; i < concurrent; i++)
    if ((fds[i] = open_conn (why)) < 0)
      {
        fprintf (stderr, "serve-load: keep-alive connection %" G_GINT64_FORMAT ": %s\n", i + 1, why->str);
        return 1;
      }
  g_usleep (200 * 1000);     /* let the server accept them */
  fds_open = count_fds ();
  /* An answer that says "Connection: close" ends that connection: the
   * client opens a new one for its next request, as HTTP clients do. */
  for (gint64 r = 0; r < rounds && concurrent > 0; r++)
    for (gint64 i = 0; i < concurrent; i++)
      {
        gboolean closing = FALSE;

        if (fds[i] < 0)
          {
            reconnects++;
            if ((fds[i] = open_conn (why)) < 0)
              {
                fprintf (stderr, "serve-load: keep-alive client %" G_GINT64_FORMAT ", request %"
                         G_GINT64_FORMAT ": %s\n", i + 1, r + 1, why->str);
                return 1;
              }
          }
        if (!exchange (fds[i], TRUE, &closing, why))
          {
            fprintf (stderr, "serve-load: keep-alive client %" G_GINT64_FORMAT ", request %"
                     G_GINT64_FORMAT ": %s\n", i + 1, r + 1, why->str);
            return 1;
          }
        if (closing)
          {
            close (fds[i]);
            fds[i] = -1;
          }
      }
  if (concurrent > 0)
    printf ("concurrent %" G_GINT64_FORMAT "\nrounds %" G_GINT64_FORMAT "\nconcurrent_ms %"
            G_GINT64_FORMAT "\nfds_while_open %d\nreconnects %" G_GINT64_FORMAT "\n",
            concurrent, rounds, (g_get_monotonic_time () - t0) / 1000, fds_open, reconnects);
  for (gint64 i = 0; i < concurrent; i++)
    if (fds[i] >= 0)
      close (fds[i]);

  fd_end = settled_fds (fd0);
  rss_end = rss_kib ();
  printf ("fds_after %d\nrss_kib_after %" G_GINT64_FORMAT "\n", fd_end, rss_end);
  if (max_growth >= 0 && fd_end - fd0 > max_growth)
    {
      fprintf (stderr, "serve-load: the server holds %d descriptors, %d before: closed "
               "connections were not released\n", fd_end, fd0);
      return 1;
    }
  return 0;
}
