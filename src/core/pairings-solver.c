/* pairings-solver.c
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Min-cost flow: each row sends one unit to the sink, either through a
 * column (cost −score, then the column's capacity, then the pair limit) or
 * through its own "unmatched" arc, whose cost is larger than any gain in
 * score, so that the most rows are paired first and the best total comes
 * second. Successive shortest paths, one row at a time, with potentials
 * (Dijkstra on reduced costs, stopping at the sink).
 *
 * The flow is first solved on a candidate graph (each row's best columns);
 * the final potentials then price every pair left out. A pair with a
 * negative reduced cost could improve the solution: it joins the graph and
 * the problem is solved again, until none is left. What comes out is
 * optimal for the whole problem, and the check is the certificate.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pairings-csv.h"
#include "pairings-solver.h"

#define INF G_MAXINT64

/* The allowed pairs, compactly: a column and a score each, grouped by row
 * (row_start, as in CSR) when they come row by row, as they usually do;
 * otherwise with their row, grouped at solve time. Scores take four bytes
 * while they fit, eight after: 45 million pairs then fit in 400 MB. */
struct _PairingsSolver
{
  guint    n_rows;
  guint    n_columns;
  guint   *capacity;
  guint    limit;
  guint    candidates;

  guint    n_pairs;
  guint    size;
  guint32 *column;
  gint32  *score32;      /* NULL once a score needs 64 bits */
  gint64  *score64;      /* NULL until then */
  guint32 *row_of;       /* NULL while the pairs come row by row */
  guint   *row_start;    /* n_rows + 1 entries, valid when grouped */
  guint    last_row;
  gint64   lowest;       /* of the scores, and 0 */
  gint64   highest;
};

static inline gint64
pair_score (const PairingsSolver *self,
            guint                 i)
{
  return self->score32 != NULL ? self->score32[i] : self->score64[i];
}

PairingsSolver *
pairings_solver_new (guint n_rows,
                     guint n_columns)
{
  PairingsSolver *self = g_new0 (PairingsSolver, 1);

  self->n_rows = n_rows;
  self->n_columns = n_columns;
  self->capacity = g_new (guint, MAX (n_columns, 1));
  for (guint j = 0; j < n_columns; j++)
    self->capacity[j] = 1;
  self->limit = G_MAXUINT;
  /* Measured on dense and capacitated problems (bench/README.md): fewer
   * candidates keep the searches small, and pricing adds what is missing. */
  self->candidates = 20;
  self->row_start = g_new0 (guint, n_rows + 1);
  self->score32 = g_new (gint32, 1);
  self->column = g_new (guint32, 1);
  self->size = 1;
  return self;
}

void
pairings_solver_free (PairingsSolver *self)
{
  if (self == NULL)
    return;
  g_free (self->capacity);
  g_free (self->column);
  g_free (self->score32);
  g_free (self->score64);
  g_free (self->row_of);
  g_free (self->row_start);
  g_free (self);
}

void
pairings_solver_set_capacity (PairingsSolver *self,
                              guint           column,
                              guint           capacity)
{
  g_return_if_fail (column < self->n_columns);
  self->capacity[column] = capacity;
}

void
pairings_solver_set_limit (PairingsSolver *self,
                           guint           limit)
{
  self->limit = limit;
}

void
pairings_solver_set_candidates (PairingsSolver *self,
                                guint           k)
{
  self->candidates = k;
}

void
pairings_solver_reserve (PairingsSolver *self,
                         guint           n_pairs)
{
  if (n_pairs <= self->size)
    return;
  self->size = n_pairs;
  self->column = g_renew (guint32, self->column, self->size);
  if (self->score32 != NULL)
    self->score32 = g_renew (gint32, self->score32, self->size);
  else
    self->score64 = g_renew (gint64, self->score64, self->size);
  if (self->row_of != NULL)
    self->row_of = g_renew (guint32, self->row_of, self->size);
}

void
pairings_solver_allow (PairingsSolver *self,
                       guint           row,
                       guint           column,
                       gint64          score)
{
  guint i = self->n_pairs;

  g_return_if_fail (row < self->n_rows && column < self->n_columns);

  if (i == self->size)
    pairings_solver_reserve (self, MAX (16, self->size * 2));

  /* A pair out of row order: from now on each pair keeps its row. */
  if (self->row_of == NULL && row < self->last_row)
    {
      self->row_of = g_new (guint32, self->size);
      for (guint r = 0; r <= self->last_row; r++)
        {
          guint end = r < self->last_row ? self->row_start[r + 1] : i;
          for (guint k = self->row_start[r]; k < end; k++)
            self->row_of[k] = r;
        }
    }
  if (self->row_of != NULL)
    self->row_of[i] = row;
  else
    {
      /* Rows last_row+1 .. row start here; the current row grows. */
      for (guint r = self->last_row + 1; r <= row; r++)
        self->row_start[r] = i;
      self->last_row = row;
    }

  if (self->score64 != NULL)
    self->score64[i] = score;
  else if (score >= G_MININT32 && score <= G_MAXINT32)
    self->score32[i] = (gint32) score;
  else
    {
      /* The first score that needs 64 bits: all take 64 from now on. */
      self->score64 = g_new (gint64, self->size);
      for (guint k = 0; k < i; k++)
        self->score64[k] = self->score32[k];
      self->score64[i] = score;
      g_clear_pointer (&self->score32, g_free);
    }
  self->column[i] = column;
  self->lowest = MIN (self->lowest, score);
  self->highest = MAX (self->highest, score);
  self->n_pairs++;
}

void
pairings_solution_free (PairingsSolution *solution)
{
  if (solution == NULL)
    return;
  g_free (solution->column_of);
  g_free (solution);
}

/* Gives every row its range of pairs, [row_start[r], row_start[r + 1]):
 * already so when the pairs came row by row, else by a stable counting
 * sort. */
static void
group_by_row (PairingsSolver *self)
{
  g_autofree guint *fill = NULL;
  guint32 *column;
  gint32 *score32 = NULL;
  gint64 *score64 = NULL;

  if (self->row_of == NULL)
    {
      for (guint r = self->last_row + 1; r <= self->n_rows; r++)
        self->row_start[r] = self->n_pairs;
      if (self->n_pairs == 0)
        memset (self->row_start, 0, sizeof (guint) * (self->n_rows + 1));
      return;
    }

  memset (self->row_start, 0, sizeof (guint) * (self->n_rows + 1));
  for (guint i = 0; i < self->n_pairs; i++)
    self->row_start[self->row_of[i] + 1]++;
  for (guint r = 0; r < self->n_rows; r++)
    self->row_start[r + 1] += self->row_start[r];

  fill = g_memdup2 (self->row_start, sizeof (guint) * (self->n_rows + 1));
  column = g_new (guint32, MAX (self->n_pairs, 1));
  if (self->score32 != NULL)
    score32 = g_new (gint32, MAX (self->n_pairs, 1));
  else
    score64 = g_new (gint64, MAX (self->n_pairs, 1));
  for (guint i = 0; i < self->n_pairs; i++)
    {
      guint k = fill[self->row_of[i]]++;
      column[k] = self->column[i];
      if (self->score32 != NULL)
        score32[k] = self->score32[i];
      else
        score64[k] = self->score64[i];
    }

  g_free (self->column);
  g_free (self->score32);
  g_free (self->score64);
  g_clear_pointer (&self->row_of, g_free);
  self->column = column;
  self->score32 = score32;
  self->score64 = score64;
  self->size = MAX (self->n_pairs, 1);
  self->last_row = self->n_rows > 0 ? self->n_rows - 1 : 0;
}

typedef struct
{
  guint row;
  guint index;
} Chosen;

/* The k-th largest of the @len scores from @start (0 < k < len), in one
 * pass: a min-heap of the k best seen so far, whose top is replaced only
 * by a better score (rarely, on scores in no order). */
static gint64
kth_largest (const PairingsSolver *self,
             guint                 start,
             guint                 len,
             guint                 k,
             gint64               *heap)
{
  const gint32 *s32 = self->score32;
  guint n = 0;

  for (guint t = 0; t < len; t++)
    {
      guint i = start + t;
      gint64 v = s32 != NULL ? s32[i] : self->score64[i];
      guint j;

      if (n == k && v <= heap[0])
        continue;
      if (n < k)
        {
          /* Sift up. */
          for (j = n++; j > 0 && heap[(j - 1) / 2] > v; j = (j - 1) / 2)
            heap[j] = heap[(j - 1) / 2];
          heap[j] = v;
          continue;
        }
      /* Replace the smallest and sift down. */
      for (j = 0;;)
        {
          guint c = 2 * j + 1;

          if (c >= k)
            break;
          if (c + 1 < k && heap[c + 1] < heap[c])
            c++;
          if (heap[c] >= v)
            break;
          heap[j] = heap[c];
          j = c;
        }
      heap[j] = v;
    }
  return heap[0];
}

static int
compare_chosen (gconstpointer a,
                gconstpointer b)
{
  const Chosen *x = a, *y = b;

  if (x->row != y->row)
    return x->row < y->row ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

typedef struct
{
  guint32 column;
  guint   index;
} Tie;

static int
compare_ties (gconstpointer a,
              gconstpointer b)
{
  const Tie *x = a, *y = b;

  return (x->column > y->column) - (x->column < y->column);
}

/* Each row's k best pairs join the graph (@in_graph marks them, @chosen
 * lists them by row and index): those above the k-th score, and among the
 * pairs at that score the lowest columns, so that the choice does not
 * depend on the order the pairs came in. */
static void
pick_candidates (PairingsSolver *self,
                 guint8         *in_graph,
                 GArray         *chosen)
{
  gint64 *heap = g_new (gint64, MAX (self->candidates, 1));
  g_autoptr(GArray) ties = g_array_new (FALSE, FALSE, sizeof (Tie));

  for (guint r = 0; r < self->n_rows; r++)
    {
      guint start = self->row_start[r], end = self->row_start[r + 1];
      guint len = end - start, k, first = chosen->len;
      gint64 kth;

      k = self->candidates == 0 ? len : MIN (self->candidates, len);
      if (k == len)
        {
          for (guint i = start; i < end; i++)
            {
              in_graph[i] = 1;
              g_array_append_val (chosen, ((Chosen) { r, i }));
            }
          continue;
        }

      kth = kth_largest (self, start, len, k, heap);
      g_array_set_size (ties, 0);
      for (guint i = start; i < end; i++)
        {
          gint64 score = self->score32 != NULL ? self->score32[i] : self->score64[i];

          if (score < kth)
            continue;
          if (score > kth)
            {
              in_graph[i] = 1;
              g_array_append_val (chosen, ((Chosen) { r, i }));
            }
          else if (score == kth)
            g_array_append_val (ties, ((Tie) { self->column[i], i }));
        }
      g_array_sort (ties, compare_ties);
      for (guint t = 0; t < ties->len && chosen->len - first < k; t++)
        {
          guint i = g_array_index (ties, Tie, t).index;
          in_graph[i] = 1;
          g_array_append_val (chosen, ((Chosen) { r, i }));
        }
      /* Ties came last: the row's list back in index order. */
      qsort ((Chosen *) (void *) chosen->data + first, chosen->len - first, sizeof (Chosen), compare_chosen);
    }
  g_free (heap);
}

/* The flow network ------------------------------------------------------------ */

typedef struct
{
  guint    n_nodes;
  guint    n_arcs;
  guint   *first;     /* CSR: arcs of node v are first[v] .. first[v + 1] - 1 */
  guint   *to;
  gint32  *cap;
  gint64  *cost;
  guint   *rev;       /* index of the reverse arc */
  guint   *edge_of;   /* for a row → column arc, the index of its Edge; else G_MAXUINT */
} Network;

static void
network_free (Network *net)
{
  g_free (net->first);
  g_free (net->to);
  g_free (net->cap);
  g_free (net->cost);
  g_free (net->rev);
  g_free (net->edge_of);
}

typedef struct
{
  guint  from, to;
  gint32 cap;
  gint64 cost;
  guint  edge;
} ArcSpec;

static void
network_build (Network *net,
               guint    n_nodes,
               GArray  *specs)
{
  guint *fill;

  net->n_nodes = n_nodes;
  net->n_arcs = specs->len * 2;
  net->first = g_new0 (guint, n_nodes + 1);
  net->to = g_new (guint, net->n_arcs);
  net->cap = g_new (gint32, net->n_arcs);
  net->cost = g_new (gint64, net->n_arcs);
  net->rev = g_new (guint, net->n_arcs);
  net->edge_of = g_new (guint, net->n_arcs);

  for (guint i = 0; i < specs->len; i++)
    {
      ArcSpec *s = &g_array_index (specs, ArcSpec, i);
      net->first[s->from + 1]++;
      net->first[s->to + 1]++;
    }
  for (guint v = 0; v < n_nodes; v++)
    net->first[v + 1] += net->first[v];

  fill = g_memdup2 (net->first, sizeof (guint) * n_nodes);
  for (guint i = 0; i < specs->len; i++)
    {
      ArcSpec *s = &g_array_index (specs, ArcSpec, i);
      guint a = fill[s->from]++;
      guint b = fill[s->to]++;

      net->to[a] = s->to;
      net->cap[a] = s->cap;
      net->cost[a] = s->cost;
      net->rev[a] = b;
      net->edge_of[a] = s->edge;
      net->to[b] = s->from;
      net->cap[b] = 0;
      net->cost[b] = -s->cost;
      net->rev[b] = a;
      net->edge_of[b] = G_MAXUINT;
    }
  g_free (fill);
}

/* A binary heap of (distance, node), smallest first, ties by node. */
typedef struct
{
  gint64 dist;
  guint  node;
} HeapItem;

typedef struct
{
  HeapItem *items;
  guint     len;
  guint     size;
} Heap;

static gboolean
heap_less (const HeapItem *a,
           const HeapItem *b)
{
  return a->dist < b->dist || (a->dist == b->dist && a->node < b->node);
}

static void
heap_push (Heap   *heap,
           gint64  dist,
           guint   node)
{
  guint i;

  if (heap->len == heap->size)
    {
      heap->size = MAX (64, heap->size * 2);
      heap->items = g_renew (HeapItem, heap->items, heap->size);
    }
  i = heap->len++;
  heap->items[i] = (HeapItem) { dist, node };
  while (i > 0 && heap_less (&heap->items[i], &heap->items[(i - 1) / 2]))
    {
      HeapItem tmp = heap->items[i];
      heap->items[i] = heap->items[(i - 1) / 2];
      heap->items[(i - 1) / 2] = tmp;
      i = (i - 1) / 2;
    }
}

static HeapItem
heap_pop (Heap *heap)
{
  HeapItem top = heap->items[0];
  guint i = 0;

  heap->items[0] = heap->items[--heap->len];
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;

      if (l < heap->len && heap_less (&heap->items[l], &heap->items[m]))
        m = l;
      if (r < heap->len && heap_less (&heap->items[r], &heap->items[m]))
        m = r;
      if (m == i)
        break;
      {
        HeapItem tmp = heap->items[i];
        heap->items[i] = heap->items[m];
        heap->items[m] = tmp;
      }
      i = m;
    }
  return top;
}

typedef struct
{
  Network  net;
  gint64  *potential;
  gint64  *dist;
  guint   *prev_arc;
  guint8  *done;
  guint   *touched;
  guint    n_touched;
  Heap     heap;
  guint    first_column;   /* columns are nodes first_column .. first_column + n_columns - 1 */
  guint    n_columns;
  guint   *exit_arc;       /* per column, its arc to the limit node */
  guint    limit_arc;      /* the limit node's arc to the sink */
} Flow;

static void
flow_clear (Flow *flow)
{
  network_free (&flow->net);
  g_free (flow->potential);
  g_free (flow->dist);
  g_free (flow->prev_arc);
  g_free (flow->done);
  g_free (flow->touched);
  g_free (flow->exit_arc);
  g_free (flow->heap.items);
}

/* One unit from @source to @sink along a shortest path of reduced costs;
 * the potentials of the settled nodes then move so that every reduced
 * cost stays non-negative. */
static gboolean
augment (Flow  *flow,
         guint  source,
         guint  sink)
{
  Network *net = &flow->net;
  gint64 d_sink = INF;

  flow->n_touched = 0;
  flow->heap.len = 0;
  flow->dist[source] = 0;
  flow->touched[flow->n_touched++] = source;
  heap_push (&flow->heap, 0, source);

  while (flow->heap.len > 0)
    {
      HeapItem item = heap_pop (&flow->heap);
      guint u = item.node;

      if (flow->done[u] || item.dist > flow->dist[u])
        continue;
      flow->done[u] = 1;
      if (u == sink)
        {
          d_sink = item.dist;
          break;
        }

      /* A column with a free place, while the pair limit leaves room, is
       * as good as the sink: its way out costs nothing (its potential
       * equals the sink's and stays so, since such columns are never
       * settled but to end a search). Stopping here, as Jonker–Volgenant
       * stop at the first free column, keeps each search small. */
      if (u >= flow->first_column && u < flow->first_column + flow->n_columns &&
          net->cap[flow->exit_arc[u - flow->first_column]] > 0 && net->cap[flow->limit_arc] > 0)
        {
          guint exit = flow->exit_arc[u - flow->first_column];
          guint limit_node = net->to[exit];

          d_sink = item.dist;
          flow->prev_arc[limit_node] = exit;
          flow->prev_arc[sink] = flow->limit_arc;
          break;
        }

      for (guint a = net->first[u]; a < net->first[u + 1]; a++)
        {
          guint v = net->to[a];
          gint64 nd;

          if (net->cap[a] <= 0 || flow->done[v])
            continue;
          nd = item.dist + net->cost[a] + flow->potential[u] - flow->potential[v];
          if (nd < flow->dist[v])
            {
              if (flow->dist[v] == INF)
                flow->touched[flow->n_touched++] = v;
              flow->dist[v] = nd;
              flow->prev_arc[v] = a;
              heap_push (&flow->heap, nd, v);
            }
        }
    }

  if (d_sink != INF)
    {
      for (guint i = 0; i < flow->n_touched; i++)
        {
          guint v = flow->touched[i];
          if (flow->done[v])
            flow->potential[v] += flow->dist[v] - d_sink;
        }
      for (guint v = sink; v != source;)
        {
          guint a = flow->prev_arc[v];
          net->cap[a]--;
          net->cap[net->rev[a]]++;
          v = net->to[net->rev[a]];
        }
    }

  for (guint i = 0; i < flow->n_touched; i++)
    {
      guint v = flow->touched[i];
      flow->dist[v] = INF;
      flow->done[v] = 0;
    }

  return d_sink != INF;
}

/* Solving --------------------------------------------------------------------- */

static gint64
unmatched_penalty (const PairingsSolver *self)
{
  /* More than any change of total an exchange of pairs can bring. */
  return (self->highest - self->lowest + 1) * ((gint64) self->n_rows + 1) + 1;
}

/* @chosen lists the pairs in the candidate graph, by row and then in the
 * order of the input, so that the network (and so the result) does not
 * depend on the order they were chosen in. */
static void
build_flow (Flow                 *flow,
            const PairingsSolver *self,
            GArray               *chosen,
            gint64                penalty)
{
  guint n = self->n_rows, m = self->n_columns;
  guint limit_node = n + m, sink = n + m + 1;
  g_autoptr(GArray) specs = NULL;
  guint n_nodes = n + m + 2;
  const Chosen *list = (const Chosen *) (void *) chosen->data;

  specs = g_array_sized_new (FALSE, FALSE, sizeof (ArcSpec), chosen->len + n + m + 1);
  for (guint i = 0; i < chosen->len; i++)
    g_array_append_val (specs, ((ArcSpec) { list[i].row, n + self->column[list[i].index], 1,
                                            -pair_score (self, list[i].index), list[i].index }));
  for (guint r = 0; r < n; r++)
    g_array_append_val (specs, ((ArcSpec) { r, sink, 1, penalty, G_MAXUINT }));
  for (guint c = 0; c < m; c++)
    g_array_append_val (specs, ((ArcSpec) { n + c, limit_node, (gint32) MIN (self->capacity[c], (guint) G_MAXINT32), 0, G_MAXUINT }));
  g_array_append_val (specs, ((ArcSpec) { limit_node, sink, (gint32) MIN (self->limit, n), 0, G_MAXUINT }));

  network_build (&flow->net, n_nodes, specs);
  flow->first_column = n;
  flow->n_columns = m;
  flow->exit_arc = g_new (guint, MAX (m, 1));
  /* A column's only arc to the limit node is its way out; the limit
   * node's only arc to the sink is the pair limit. */
  for (guint c = 0; c < m; c++)
    for (guint a = flow->net.first[n + c]; a < flow->net.first[n + c + 1]; a++)
      if (flow->net.to[a] == limit_node)
        flow->exit_arc[c] = a;
  for (guint a = flow->net.first[limit_node]; a < flow->net.first[limit_node + 1]; a++)
    if (flow->net.to[a] == sink)
      flow->limit_arc = a;
  flow->potential = g_new0 (gint64, n_nodes);
  flow->dist = g_new (gint64, n_nodes);
  flow->prev_arc = g_new (guint, n_nodes);
  flow->done = g_new0 (guint8, n_nodes);
  flow->touched = g_new (guint, n_nodes);
  for (guint v = 0; v < n_nodes; v++)
    flow->dist[v] = INF;

  /* Potentials that make every arc's reduced cost non-negative at the
   * start, and zero on each row's best arc and on every column's way out:
   * a row whose best column is free is then paired at once, as the row
   * reduction of the Jonker–Volgenant method does. */
  {
    gint64 top = 0;

    for (guint i = 0; i < chosen->len; i++)
      top = MAX (top, pair_score (self, list[i].index));
    for (guint v = n; v < n_nodes; v++)
      flow->potential[v] = -top;
    for (guint r = 0; r < n; r++)
      flow->potential[r] = -top;
    /* Each row at its best arc's reduced cost of zero. */
    for (guint i = 0; i < chosen->len; i++)
      flow->potential[list[i].row] = MAX (flow->potential[list[i].row],
                                          pair_score (self, list[i].index) - top);
  }
}

/* Prices every pair outside the candidate graph; the ones that could
 * still improve the solution join it. Returns how many joined. */
static guint
price_out (const PairingsSolver *self,
           const Flow           *flow,
           guint8               *in_graph,
           GArray               *chosen)
{
  guint n = self->n_rows;
  guint added = 0;

  const gint64 *column_potential = flow->potential + n;

  for (guint r = 0; r < n; r++)
    {
      gint64 row_potential = flow->potential[r];

      for (guint i = self->row_start[r]; i < self->row_start[r + 1]; i++)
        {
          gint64 score = self->score32 != NULL ? self->score32[i] : self->score64[i];

          /* A negative reduced cost: the pair could still improve things. */
          if (row_potential - score < column_potential[self->column[i]] && !in_graph[i])
            {
              in_graph[i] = 1;
              g_array_append_val (chosen, ((Chosen) { r, i }));
              added++;
            }
        }
    }
  if (added > 0)
    g_array_sort (chosen, compare_chosen);
  return added;
}

/* Solves the flow on the candidate graph, and again with the pairs that
 * pricing adds to it, until none is left out: @solution's matching. */
static gboolean
solve_candidates (PairingsSolver    *self,
                  guint8            *in_graph,
                  GArray            *chosen,
                  PairingsSolution  *solution,
                  GCancellable      *cancellable,
                  GError           **error)
{
  gint64 penalty = unmatched_penalty (self);
  guint n = self->n_rows;

  for (;;)
    {
      Flow flow = { 0, };

      solution->rounds++;
      build_flow (&flow, self, chosen, penalty);
      for (guint r = 0; r < n; r++)
        {
          if (r % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              flow_clear (&flow);
              return FALSE;
            }
          /* A row can always reach the sink through its unmatched arc. */
          augment (&flow, r, n + self->n_columns + 1);
        }

      if (price_out (self, &flow, in_graph, chosen) == 0)
        {
          solution->matched = 0;
          solution->total = 0;
          for (guint r = 0; r < n; r++)
            {
              solution->column_of[r] = -1;
              for (guint a = flow.net.first[r]; a < flow.net.first[r + 1]; a++)
                {
                  guint e = flow.net.edge_of[a];
                  if (e != G_MAXUINT && flow.net.cap[a] == 0)
                    {
                      solution->column_of[r] = (int) self->column[e];
                      solution->total += pair_score (self, e);
                      solution->matched++;
                    }
                }
            }
          solution->certificate = TRUE;
          flow_clear (&flow);
          return TRUE;
        }
      flow_clear (&flow);
    }
}

PairingsSolution *
pairings_solver_solve (PairingsSolver  *self,
                       GCancellable    *cancellable,
                       GError         **error)
{
  PairingsSolution *solution = g_new0 (PairingsSolution, 1);
  guint8 *in_graph;
  g_autoptr(GArray) chosen = NULL;
  gint64 start = g_get_monotonic_time ();

  group_by_row (self);
  in_graph = g_new0 (guint8, MAX (self->n_pairs, 1));
  chosen = g_array_new (FALSE, FALSE, sizeof (Chosen));
  pick_candidates (self, in_graph, chosen);

  solution->n_rows = self->n_rows;
  solution->column_of = g_new (int, MAX (self->n_rows, 1));
  if (solve_candidates (self, in_graph, chosen, solution, cancellable, error))
    solution->seconds = (g_get_monotonic_time () - start) / 1e6;
  else
    g_clear_pointer (&solution, pairings_solution_free);
  g_free (in_graph);
  return solution;
}

/* Reading the `solve` input ------------------------------------------------------- */

/* "12.5" → 12500 at scale 1000; FALSE when the cell is not a number. */
static gboolean
parse_score (const char *text,
             int         decimals,
             gint64     *value)
{
  gboolean negative = FALSE;
  gint64 whole = 0, fraction = 0;
  int digits = 0;
  const char *p = text;

  while (*p == ' ')
    p++;
  if (*p == '-' || *p == '+')
    negative = *p++ == '-';
  if (!g_ascii_isdigit (*p) && !(*p == '.' && g_ascii_isdigit (p[1])))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    {
      if (whole > G_MAXINT64 / 100)
        return FALSE;
      whole = whole * 10 + (*p - '0');
    }
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      if (digits < decimals)
        {
          fraction = fraction * 10 + (*p - '0');
          digits++;
        }
  while (*p == ' ')
    p++;
  if (*p != '\0')
    return FALSE;
  for (; digits < decimals; digits++)
    fraction *= 10;
  for (int i = 0; i < decimals; i++)
    whole *= 10;
  *value = (whole + fraction) * (negative ? -1 : 1);
  return TRUE;
}

static int
count_decimals (const char *text)
{
  const char *dot = strchr (text, '.');
  int n = 0;

  if (dot == NULL)
    return 0;
  for (dot++; g_ascii_isdigit (*dot); dot++)
    n++;
  return n;
}

PairingsSolver *
pairings_solver_new_from_csv (GInputStream  *stream,
                              const char    *name,
                              gint64        *scale_out,
                              GError       **error)
{
  g_autoptr(PairingsCsvReader) reader = pairings_csv_reader_new (stream, name, error);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  GPtrArray *fields = NULL;
  gboolean oversized = FALSE;
  gboolean sparse;
  guint line = 0;
  int decimals = 0;
  guint n_rows = 0, n_columns = 0;
  gint64 scale = 1;
  PairingsSolver *self;

  if (reader == NULL)
    return NULL;

  while (pairings_csv_reader_next (reader, &fields, &line, &oversized, error))
    {
      if (oversized)
        {
          g_ptr_array_unref (fields);
          g_set_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_TOO_LARGE,
                       _("%s, line %u: the row is too long"), name, line);
          return NULL;
        }
      for (guint i = 0; i < fields->len; i++)
        decimals = MAX (decimals, count_decimals (g_ptr_array_index (fields, i)));
      g_ptr_array_add (records, fields);
      g_array_append_val (lines, line);
    }
  if (error != NULL && *error != NULL)
    return NULL;
  if (records->len == 0)
    {
      g_set_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_EMPTY, _("%s is empty"), name);
      return NULL;
    }

  if (decimals > 6)
    {
      g_set_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_SYNTAX,
                   _("%s: scores have more than six decimals"), name);
      return NULL;
    }
  for (int i = 0; i < decimals; i++)
    scale *= 10;

  {
    GPtrArray *first = g_ptr_array_index (records, 0);
    sparse = first->len == 3 && g_str_equal (g_ptr_array_index (first, 0), "row") &&
             g_str_equal (g_ptr_array_index (first, 1), "column") &&
             g_str_equal (g_ptr_array_index (first, 2), "score");
  }

  if (sparse)
    {
      for (guint i = 1; i < records->len; i++)
        {
          GPtrArray *f = g_ptr_array_index (records, i);
          guint64 r, c;

          if (f->len != 3 || !g_ascii_string_to_unsigned (g_ptr_array_index (f, 0), 10, 0, G_MAXINT32, &r, NULL) ||
              !g_ascii_string_to_unsigned (g_ptr_array_index (f, 1), 10, 0, G_MAXINT32, &c, NULL))
            {
              g_set_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_SYNTAX,
                           _("%s, line %u: expected row,column,score"), name,
                           g_array_index (lines, guint, i));
              return NULL;
            }
          n_rows = MAX (n_rows, (guint) r + 1);
          n_columns = MAX (n_columns, (guint) c + 1);
        }
      self = pairings_solver_new (n_rows, n_columns);
      for (guint i = 1; i < records->len; i++)
        {
          GPtrArray *f = g_ptr_array_index (records, i);
          gint64 score;

          if (!parse_score (g_ptr_array_index (f, 2), decimals, &score))
            {
              g_set_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_SYNTAX,
                           _("%s, line %u: “%s” is not a score"), name,
                           g_array_index (lines, guint, i), (char *) g_ptr_array_index (f, 2));
              pairings_solver_free (self);
              return NULL;
            }
          pairings_solver_allow (self, (guint) g_ascii_strtoull (g_ptr_array_index (f, 0), NULL, 10),
                                 (guint) g_ascii_strtoull (g_ptr_array_index (f, 1), NULL, 10), score);
        }
    }
  else
    {
      n_rows = records->len;
      n_columns = ((GPtrArray *) g_ptr_array_index (records, 0))->len;
      self = pairings_solver_new (n_rows, n_columns);
      for (guint r = 0; r < n_rows; r++)
        {
          GPtrArray *f = g_ptr_array_index (records, r);

          if (f->len != n_columns)
            {
              g_set_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_SYNTAX,
                           _("%s, line %u: %u cells where the first row has %u"), name,
                           g_array_index (lines, guint, r), f->len, n_columns);
              pairings_solver_free (self);
              return NULL;
            }
          for (guint c = 0; c < n_columns; c++)
            {
              const char *cell = g_ptr_array_index (f, c);
              gint64 score;

              if (*cell == '\0')
                continue;
              if (!parse_score (cell, decimals, &score))
                {
                  g_set_error (error, PAIRINGS_CSV_ERROR, PAIRINGS_CSV_ERROR_SYNTAX,
                               _("%s, line %u, column %u: “%s” is not a score"), name,
                               g_array_index (lines, guint, r), c + 1, cell);
                  pairings_solver_free (self);
                  return NULL;
                }
              pairings_solver_allow (self, r, c, score);
            }
        }
    }

  *scale_out = scale;
  return self;
}
