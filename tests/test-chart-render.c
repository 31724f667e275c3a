/* test-chart-render.c: charts drawn with cairo and Pango, looked at pixel by pixel
 *
 * Copyright 2026 The Pairings developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "pairings-chart-render.h"
#include "pairings-chart-render-private.h"

/* Data made by hand --------------------------------------------------------- */

static gsize
cell (const PairingsChartData *data,
      guint                    category,
      guint                    bar,
      guint                    series)
{
  return ((gsize) category * data->bars->len + bar) * data->series->len + series;
}

static PairingsChartData *
chart_data_new (guint       n_categories,
                guint       n_bars,
                guint       n_series,
                const char *category_prefix)
{
  PairingsChartData *data = g_new0 (PairingsChartData, 1);
  gsize n = (gsize) n_categories * n_bars * n_series;

  data->kind = PAIRINGS_CHART_PARTICIPANTS;
  data->title = g_strdup ("Participants by career stage");
  data->x_label = g_strdup ("Cohort");
  data->y_label = g_strdup ("People");
  data->threshold = 5;
  data->categories = g_ptr_array_new_with_free_func (g_free);
  data->bars = g_ptr_array_new_with_free_func (g_free);
  data->series = g_ptr_array_new_with_free_func (g_free);
  data->notes = g_ptr_array_new_with_free_func (g_free);
  for (guint c = 0; c < n_categories; c++)
    {
      g_ptr_array_add (data->categories, g_strdup_printf ("%s%u", category_prefix, c));
      g_ptr_array_add (data->notes, g_strdup (""));
    }
  for (guint b = 0; b < n_bars; b++)
    g_ptr_array_add (data->bars, g_strdup_printf ("Bar %u", b));
  for (guint s = 0; s < n_series; s++)
    g_ptr_array_add (data->series, g_strdup_printf ("Series %u", s));
  data->values = g_new0 (double, MAX (n, 1));
  data->suppressed = g_new0 (gboolean, MAX (n, 1));
  return data;
}

static void
set_value (PairingsChartData *data,
           guint              category,
           guint              bar,
           guint              series,
           double             value)
{
  gsize i = cell (data, category, bar, series);

  if (value >= 1 && value < data->threshold)
    {
      data->values[i] = -1;
      data->suppressed[i] = TRUE;
    }
  else
    data->values[i] = value;
}

static void
set_note (PairingsChartData *data,
          guint              category,
          const char        *note)
{
  g_free (g_ptr_array_index (data->notes, category));
  g_ptr_array_index (data->notes, category) = g_strdup (note);
}

/* Fills every cell with a count from 0 to 40 (some suppressed), the same
 * for the same seed. */
static void
fill_values (PairingsChartData *data,
             guint32            seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint c = 0; c < data->categories->len; c++)
    for (guint b = 0; b < data->bars->len; b++)
      for (guint s = 0; s < data->series->len; s++)
        set_value (data, c, b, s, g_rand_int_range (rand, 0, 41));
}

/* Rendering ----------------------------------------------------------------- */

typedef struct
{
  cairo_surface_t *surface;
  GArray          *hits;
  GArray          *boxes;
} Picture;

static void
picture_clear (Picture *picture)
{
  g_clear_pointer (&picture->surface, cairo_surface_destroy);
  g_clear_pointer (&picture->hits, g_array_unref);
  g_clear_pointer (&picture->boxes, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Picture, picture_clear)

static void
render (Picture                  *picture,
        const PairingsChartData  *data,
        const PairingsChartTheme *theme,
        int                       width,
        int                       height)
{
  cairo_t *cr;

  picture->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  picture->hits = g_array_new (FALSE, TRUE, sizeof (PairingsChartHit));
  g_array_set_clear_func (picture->hits, (GDestroyNotify) pairings_chart_hit_clear);
  picture->boxes = g_array_new (FALSE, TRUE, sizeof (PairingsChartTextBox));

  cr = cairo_create (picture->surface);
  cairo_set_user_data (cr, &pairings_chart_text_boxes_key, picture->boxes, NULL);
  pairings_chart_render (cr, data, theme, width, height, picture->hits);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (picture->surface);
}

typedef struct
{
  int red, green, blue;
} Pixel;

static Pixel
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guchar *bytes = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 argb;
  Pixel pixel;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  memcpy (&argb, bytes + (gsize) y * stride + (gsize) x * 4, 4);
  pixel.red = (argb >> 16) & 0xff;
  pixel.green = (argb >> 8) & 0xff;
  pixel.blue = argb & 0xff;
  return pixel;
}

static gboolean
pixel_is (Pixel                     pixel,
          const PairingsChartColor *color,
          int                       tolerance)
{
  return abs (pixel.red - (int) round (color->red * 255)) <= tolerance &&
         abs (pixel.green - (int) round (color->green * 255)) <= tolerance &&
         abs (pixel.blue - (int) round (color->blue * 255)) <= tolerance;
}

static const PairingsChartHit *
hit_at (Picture *picture,
        guint    i)
{
  g_assert_cmpuint (i, <, picture->hits->len);
  return &g_array_index (picture->hits, PairingsChartHit, i);
}

/* Overlap ------------------------------------------------------------------- */

/* Whether the projections of two quadrilaterals on the normal of one of
 * @a's edges are apart (by the separating axis theorem, two convex shapes
 * overlap when no such axis exists). Touching by less than @slack is not
 * overlapping. */
static gboolean
separated_on_edges_of (const PairingsChartTextBox *a,
                       const PairingsChartTextBox *b,
                       double                      slack)
{
  for (guint e = 0; e < 4; e++)
    {
      double nx = -(a->y[(e + 1) % 4] - a->y[e]);
      double ny = a->x[(e + 1) % 4] - a->x[e];
      double length = hypot (nx, ny);
      double a_min = G_MAXDOUBLE, a_max = -G_MAXDOUBLE, b_min = G_MAXDOUBLE, b_max = -G_MAXDOUBLE;

      if (length < 1e-9)
        continue;
      nx /= length, ny /= length;
      for (guint i = 0; i < 4; i++)
        {
          double pa = a->x[i] * nx + a->y[i] * ny;
          double pb = b->x[i] * nx + b->y[i] * ny;
          a_min = MIN (a_min, pa), a_max = MAX (a_max, pa);
          b_min = MIN (b_min, pb), b_max = MAX (b_max, pb);
        }
      if (a_max <= b_min + slack || b_max <= a_min + slack)
        return TRUE;
    }
  return FALSE;
}

static gboolean
boxes_overlap (const PairingsChartTextBox *a,
               const PairingsChartTextBox *b)
{
  return !separated_on_edges_of (a, b, 0.5) && !separated_on_edges_of (b, a, 0.5);
}

static void
assert_texts_apart (Picture *picture,
                    int      width,
                    int      height)
{
  GArray *boxes = picture->boxes;

  for (guint i = 0; i < boxes->len; i++)
    {
      const PairingsChartTextBox *a = &g_array_index (boxes, PairingsChartTextBox, i);

      for (guint k = 0; k < 4; k++)
        {
          g_assert_cmpfloat (a->x[k], >=, -0.5);
          g_assert_cmpfloat (a->y[k], >=, -0.5);
          g_assert_cmpfloat (a->x[k], <=, width + 0.5);
          g_assert_cmpfloat (a->y[k], <=, height + 0.5);
        }
      for (guint j = i + 1; j < boxes->len; j++)
        {
          const PairingsChartTextBox *b = &g_array_index (boxes, PairingsChartTextBox, j);
          if (boxes_overlap (a, b))
            g_error ("texts %u (%.1f,%.1f) and %u (%.1f,%.1f) overlap at %dx%d", i, a->x[0],
                     a->y[0], j, b->x[0], b->y[0], width, height);
        }
    }
}

static void
assert_hits_apart (Picture *picture,
                   int      width,
                   int      height)
{
  for (guint i = 0; i < picture->hits->len; i++)
    {
      const PairingsChartHit *a = hit_at (picture, i);

      g_assert_cmpfloat (a->width, >, 0);
      g_assert_cmpfloat (a->height, >, 0);
      g_assert_cmpfloat (a->x, >=, 0);
      g_assert_cmpfloat (a->y, >=, 0);
      g_assert_cmpfloat (a->x + a->width, <=, width);
      g_assert_cmpfloat (a->y + a->height, <=, height);
      for (guint j = i + 1; j < picture->hits->len; j++)
        {
          const PairingsChartHit *b = hit_at (picture, j);
          gboolean apart = a->x + a->width <= b->x + 0.01 || b->x + b->width <= a->x + 0.01 ||
                           a->y + a->height <= b->y + 0.01 || b->y + b->height <= a->y + 0.01;
          g_assert_true (apart);
        }
    }
}

static guint
turned_boxes (Picture *picture)
{
  guint n = 0;

  for (guint i = 0; i < picture->boxes->len; i++)
    {
      const PairingsChartTextBox *box = &g_array_index (picture->boxes, PairingsChartTextBox, i);
      if (fabs (box->y[1] - box->y[0]) > 1)
        n++;
    }
  return n;
}

/* Tests --------------------------------------------------------------------- */

static void
test_bars_where_the_data_says (void)
{
  g_autoptr(PairingsChartData) data = chart_data_new (3, 1, 1, "Cohort ");
  g_auto(Picture) picture = { 0, };
  PairingsChartTheme theme;
  const PairingsChartHit *tall, *short_one;
  double gap_x;

  set_value (data, 0, 0, 0, 10);
  set_value (data, 2, 0, 0, 6);
  pairings_chart_theme_init_light (&theme);
  render (&picture, data, &theme, 600, 400);

  /* One hit per drawn part: none for the zero in the middle. */
  g_assert_cmpuint (picture.hits->len, ==, 2);
  tall = hit_at (&picture, 0);
  short_one = hit_at (&picture, 1);
  g_assert_cmpuint (tall->category, ==, 0);
  g_assert_cmpuint (short_one->category, ==, 2);
  g_assert_cmpstr (tall->text, ==, "Cohort 0: 10");
  g_assert_cmpstr (short_one->text, ==, "Cohort 2: 6");
  g_assert_cmpfloat_with_epsilon (short_one->height / tall->height, 0.6, 0.01);
  /* Both stand on the same axis. */
  g_assert_cmpfloat_with_epsilon (tall->y + tall->height, short_one->y + short_one->height, 0.01);

  /* The first colour fills the tall bar's rectangle… */
  for (double f = 0.2; f < 0.9; f += 0.1)
    g_assert_true (pixel_is (pixel_at (picture.surface, (int) (tall->x + tall->width / 2),
                                       (int) (tall->y + f * tall->height)),
                             &theme.palette[0], 2));
  /* …and is nowhere in the empty middle column, at the same heights. */
  gap_x = (tall->x + tall->width / 2 + short_one->x + short_one->width / 2) / 2;
  for (double y = tall->y + 2; y < tall->y + tall->height - 2; y += 3)
    for (double dx = -tall->width / 2; dx <= tall->width / 2; dx += tall->width / 4)
      g_assert_false (pixel_is (pixel_at (picture.surface, (int) (gap_x + dx), (int) y),
                                &theme.palette[0], 40));
  /* Above the short bar, the background. */
  g_assert_true (pixel_is (pixel_at (picture.surface, (int) (short_one->x + short_one->width / 2),
                                     (int) (tall->y + 3)), &theme.background, 2) ||
                 pixel_is (pixel_at (picture.surface, (int) (short_one->x + short_one->width / 2),
                                     (int) (tall->y + 6)), &theme.background, 2));
  assert_texts_apart (&picture, 600, 400);
}

static void
test_stacks_and_suppressed (void)
{
  g_autoptr(PairingsChartData) data = chart_data_new (2, 2, 3, "200");
  g_auto(Picture) picture = { 0, };
  PairingsChartTheme theme;
  const PairingsChartHit *hidden = NULL, *ten = NULL;
  guint n_hidden = 0;

  set_value (data, 0, 0, 0, 10);
  set_value (data, 0, 0, 1, 3);   /* suppressed */
  set_value (data, 0, 0, 2, 7);
  set_value (data, 0, 1, 0, 12);
  set_value (data, 1, 0, 1, 20);
  set_value (data, 1, 1, 2, 9);
  pairings_chart_theme_init_light (&theme);
  render (&picture, data, &theme, 800, 500);

  g_assert_cmpuint (picture.hits->len, ==, 6);
  for (guint i = 0; i < picture.hits->len; i++)
    {
      const PairingsChartHit *hit = hit_at (&picture, i);
      if (strstr (hit->text, "< 5") != NULL)
        {
          hidden = hit;
          n_hidden++;
        }
      if (hit->category == 0 && hit->bar == 0 && hit->series == 0)
        ten = hit;
    }
  g_assert_cmpuint (n_hidden, ==, 1);
  g_assert_nonnull (hidden);
  g_assert_nonnull (ten);
  g_assert_cmpstr (hidden->text, ==, "2000 · Bar 0 · Series 1: < 5");
  g_assert_cmpstr (ten->text, ==, "2000 · Bar 0 · Series 0: 10");
  /* Threshold/2 high, stacked right on the 10. */
  g_assert_cmpfloat_with_epsilon (hidden->height / ten->height, 0.25, 0.01);
  g_assert_cmpfloat_with_epsilon (hidden->y + hidden->height, ten->y, 0.01);
  assert_hits_apart (&picture, 800, 500);
  assert_texts_apart (&picture, 800, 500);
}

/* A count hidden only to protect a small one beside it is drawn the same
 * height as the small one, and called "hidden", not "< 5". */
static void
test_complementary (void)
{
  g_autoptr(PairingsChartData) data = chart_data_new (1, 1, 3, "200");
  g_auto(Picture) picture = { 0, };
  PairingsChartTheme theme;
  gsize i = cell (data, 0, 0, 2);

  set_value (data, 0, 0, 0, 20);
  set_value (data, 0, 0, 1, 2);
  data->complementary = g_new0 (gboolean, 3);
  data->values[i] = -1;
  data->suppressed[i] = TRUE;
  data->complementary[i] = TRUE;
  pairings_chart_theme_init_light (&theme);
  render (&picture, data, &theme, 600, 400);

  g_assert_cmpuint (picture.hits->len, ==, 3);
  g_assert_cmpstr (hit_at (&picture, 1)->text, ==, "2000 · Series 1: < 5");
  g_assert_cmpstr (hit_at (&picture, 2)->text, ==, "2000 · Series 2: hidden");
  g_assert_cmpfloat_with_epsilon (hit_at (&picture, 2)->height, hit_at (&picture, 1)->height,
                                  0.01);
  assert_hits_apart (&picture, 600, 400);
  assert_texts_apart (&picture, 600, 400);
}

static void
test_long_labels_never_overlap (void)
{
  g_autoptr(PairingsChartData) data =
    chart_data_new (30, 2, 3, "A rather long mentoring type that cannot fit, number ");
  g_auto(Picture) picture = { 0, };
  PairingsChartTheme theme;

  for (guint c = 0; c < 30; c += 3)
    {
      g_autofree char *note = g_strdup_printf ("mean 4.%u · %u answers", c % 10, c);
      set_note (data, c, note);
    }
  fill_values (data, 7);
  pairings_chart_theme_init_light (&theme);
  render (&picture, data, &theme, 420, 320);

  assert_texts_apart (&picture, 420, 320);
  assert_hits_apart (&picture, 420, 320);
  /* Turned and thinned, but some are there. */
  g_assert_cmpuint (turned_boxes (&picture), >=, 3);
  g_assert_cmpuint (turned_boxes (&picture), <, 30);
  g_assert_cmpuint (picture.hits->len, >, 0);
}

/* Every size from the smallest export to a long strip, with data of
 * several shapes: no text overlaps another, and none leaves the chart. */
static void
test_any_size (void)
{
  static const int sizes[][2] = {
    { 100, 100 }, { 150, 400 }, { 400, 150 }, { 320, 240 }, { 800, 600 }, { 1200, 800 },
    { 3000, 200 }, { 200, 3000 },
  };
  static const guint shapes[][3] = {
    { 1, 1, 1 }, { 3, 2, 5 }, { 12, 1, 4 }, { 30, 3, 2 }, { 5, 2, 11 }, { 60, 1, 1 },
  };
  PairingsChartTheme theme;

  pairings_chart_theme_init_light (&theme);
  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
      {
        g_autoptr(PairingsChartData) data =
          chart_data_new (shapes[s][0], shapes[s][1], shapes[s][2],
                          s % 2 ? "Category " : "Survey question asked at the end of the cycle, number ");
        g_auto(Picture) picture = { 0, };

        for (guint c = 0; c < shapes[s][0]; c += 2)
          set_note (data, c, "mean 4.2 · 17 answers");
        fill_values (data, s * 100 + z);
        render (&picture, data, &theme, sizes[z][0], sizes[z][1]);
        assert_texts_apart (&picture, sizes[z][0], sizes[z][1]);
        assert_hits_apart (&picture, sizes[z][0], sizes[z][1]);
      }
}

static void
test_many_series (void)
{
  g_autoptr(PairingsChartData) data = chart_data_new (2, 1, 10, "200");
  g_auto(Picture) picture = { 0, };
  PairingsChartTheme theme;
  const PairingsChartHit *first = NULL, *ninth = NULL;

  for (guint s = 0; s < 10; s++)
    set_value (data, 0, 0, s, 10);
  pairings_chart_theme_init_light (&theme);
  render (&picture, data, &theme, 900, 700);
  g_assert_cmpuint (picture.hits->len, ==, 10);
  for (guint i = 0; i < picture.hits->len; i++)
    {
      const PairingsChartHit *hit = hit_at (&picture, i);
      if (hit->series == 0)
        first = hit;
      if (hit->series == 8)
        ninth = hit;
    }
  g_assert_nonnull (first);
  g_assert_nonnull (ninth);
  g_assert_cmpstr (ninth->text, ==, "2000 · Series 8: 10");

  /* The ninth reuses the first colour, hatched: count how much of its
   * rectangle differs from the plain first one. */
  {
    guint plain = 0, other = 0;

    for (int y = (int) ninth->y + 2; y < (int) (ninth->y + ninth->height) - 2; y++)
      for (int x = (int) ninth->x + 2; x < (int) (ninth->x + ninth->width) - 2; x++)
        {
          if (pixel_is (pixel_at (picture.surface, x, y), &theme.palette[0], 2))
            plain++;
          else
            other++;
        }
    g_assert_cmpuint (plain, >, 0);
    g_assert_cmpuint (other, >, plain / 10);
  }
  assert_texts_apart (&picture, 900, 700);
  assert_hits_apart (&picture, 900, 700);
}

static void
test_dark_theme (void)
{
  g_autoptr(PairingsChartData) data = chart_data_new (3, 2, 2, "200");
  g_auto(Picture) picture = { 0, };
  PairingsChartTheme theme;
  Pixel corner;

  fill_values (data, 3);
  pairings_chart_theme_init_dark (&theme);
  render (&picture, data, &theme, 500, 400);
  corner = pixel_at (picture.surface, 2, 2);
  g_assert_cmpint (corner.red, <, 0x40);
  g_assert_cmpint (corner.green, <, 0x40);
  g_assert_cmpint (corner.blue, <, 0x40);
  g_assert_true (pixel_is (corner, &theme.background, 1));
  /* Light text on it. */
  g_assert_cmpfloat (theme.foreground.red + theme.foreground.green + theme.foreground.blue, >, 2.4);
  assert_texts_apart (&picture, 500, 400);
}

static double
background_share (Picture                  *picture,
                  const PairingsChartTheme *theme)
{
  int width = cairo_image_surface_get_width (picture->surface);
  int height = cairo_image_surface_get_height (picture->surface);
  guint same = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (pixel_is (pixel_at (picture->surface, x, y), &theme->background, 1))
        same++;
  return same / (double) (width * height);
}

static void
test_empty (void)
{
  g_autoptr(PairingsChartData) none = chart_data_new (0, 2, 3, "");
  g_autoptr(PairingsChartData) zeros = chart_data_new (4, 2, 3, "");
  PairingsChartTheme theme;

  pairings_chart_theme_init_light (&theme);
  {
    g_auto(Picture) picture = { 0, };
    render (&picture, none, &theme, 600, 400);
    g_assert_cmpuint (picture.hits->len, ==, 0);
    g_assert_cmpfloat (background_share (&picture, &theme), >, 0.95);
    /* The title and the message. */
    g_assert_cmpuint (picture.boxes->len, ==, 2);
  }
  {
    g_auto(Picture) picture = { 0, };
    render (&picture, zeros, &theme, 600, 400);
    g_assert_cmpuint (picture.hits->len, ==, 0);
    g_assert_cmpfloat (background_share (&picture, &theme), >, 0.95);
    g_assert_cmpuint (picture.boxes->len, ==, 2);
  }
  {
    g_auto(Picture) picture = { 0, };
    render (&picture, zeros, &theme, 1, 1);
  }
}

/* Export -------------------------------------------------------------------- */

static void
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, err);
}

static char *
require_program (const char *name,
                 const char *package)
{
  char *path = g_find_program_in_path (name);

  if (path == NULL)
    g_error ("%s (Debian package %s) is needed to check exported charts: "
             "run build-aux/setup-debian.sh", name, package);
  return path;
}

static void
assert_png (const char *path,
            int         width,
            int         height)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  if (width > 0)
    {
      g_assert_cmpint (cairo_image_surface_get_width (surface), ==, width);
      g_assert_cmpint (cairo_image_surface_get_height (surface), ==, height);
    }
  else
    g_assert_cmpint (cairo_image_surface_get_width (surface), >, 0);
  cairo_surface_destroy (surface);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_export (void)
{
  g_autoptr(PairingsChartData) data = chart_data_new (4, 2, 3, "200");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pairings-chart-XXXXXX", &error);
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *upper = g_build_filename (dir, "CHART.PNG", NULL);
  g_autofree char *svg = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "chart.Pdf", NULL);
  g_autofree char *svg_png = g_build_filename (dir, "svg.png", NULL);
  g_autofree char *pdf_prefix = g_build_filename (dir, "pdf", NULL);
  g_autofree char *pdf_png = g_build_filename (dir, "pdf.png", NULL);
  g_autofree char *rsvg = require_program ("rsvg-convert", "librsvg2-bin");
  g_autofree char *pdftoppm = require_program ("pdftoppm", "poppler-utils");
  PairingsChartTheme theme;

  g_assert_no_error (error);
  fill_values (data, 11);
  pairings_chart_theme_init_light (&theme);

  g_assert_true (pairings_chart_export (data, &theme, png, 640, 480, &error));
  g_assert_no_error (error);
  assert_png (png, 640, 480);

  g_assert_true (pairings_chart_export (data, &theme, upper, 100, 10000, &error));
  g_assert_no_error (error);
  assert_png (upper, 100, 10000);

  g_assert_true (pairings_chart_export (data, &theme, svg, 640, 480, &error));
  g_assert_no_error (error);
  {
    const char *argv[] = { rsvg, "-o", svg_png, svg, NULL };
    run_tool (argv);
    assert_png (svg_png, 0, 0);
  }

  g_assert_true (pairings_chart_export (data, &theme, pdf, 640, 480, &error));
  g_assert_no_error (error);
  {
    const char *argv[] = { pdftoppm, "-png", "-r", "36", "-singlefile", pdf, pdf_prefix, NULL };
    run_tool (argv);
    /* 640 points at 36 dpi. */
    assert_png (pdf_png, 320, 240);
  }

  /* No temporary file left behind. */
  g_assert_cmpuint (count_files (dir), ==, 6);
  g_remove (png), g_remove (upper), g_remove (svg), g_remove (pdf);
  g_remove (svg_png), g_remove (pdf_png);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_export_errors (void)
{
  g_autoptr(PairingsChartData) data = chart_data_new (2, 1, 1, "");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pairings-chart-XXXXXX", &error);
  g_autofree char *txt = g_build_filename (dir, "chart.txt", NULL);
  g_autofree char *bare = g_build_filename (dir, "chart", NULL);
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "no-such-folder", "chart.png", NULL);
  PairingsChartTheme theme;

  g_assert_no_error (error);
  pairings_chart_theme_init_light (&theme);

  g_assert_false (pairings_chart_export (data, &theme, txt, 600, 400, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "chart.txt"));
  g_clear_error (&error);

  g_assert_false (pairings_chart_export (data, &theme, bare, 600, 400, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_false (pairings_chart_export (data, &theme, png, 99, 400, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "chart.png"));
  g_clear_error (&error);
  g_assert_false (pairings_chart_export (data, &theme, png, 600, 10001, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (pairings_chart_export_check (png, 600, 10001, NULL));
  g_assert_true (pairings_chart_export_check (png, 600, 400, NULL));

  g_assert_false (pairings_chart_export (data, &theme, nowhere, 600, 400, &error));
  g_assert_true (error != NULL && error->domain == G_IO_ERROR);
  g_assert_nonnull (strstr (error->message, "chart.png"));
  g_clear_error (&error);

  /* A folder where the file should go: the rename fails, nothing is left. */
  g_assert_cmpint (g_mkdir (png, 0700), ==, 0);
  g_assert_false (pairings_chart_export (data, &theme, png, 600, 400, &error));
  g_assert_true (error != NULL && error->domain == G_IO_ERROR);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (dir), ==, 1);
  g_assert_cmpint (g_rmdir (png), ==, 0);

  g_assert_cmpuint (count_files (dir), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart-render/bars", test_bars_where_the_data_says);
  g_test_add_func ("/chart-render/stacks-and-suppressed", test_stacks_and_suppressed);
  g_test_add_func ("/chart-render/complementary", test_complementary);
  g_test_add_func ("/chart-render/long-labels", test_long_labels_never_overlap);
  g_test_add_func ("/chart-render/any-size", test_any_size);
  g_test_add_func ("/chart-render/many-series", test_many_series);
  g_test_add_func ("/chart-render/dark", test_dark_theme);
  g_test_add_func ("/chart-render/empty", test_empty);
  g_test_add_func ("/chart-render/export", test_export);
  g_test_add_func ("/chart-render/export-errors", test_export_errors);

  return g_test_run ();
}
