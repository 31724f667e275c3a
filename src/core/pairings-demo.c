/* placeholder, replaced by the demo generator */
#include "config.h"
#include "pairings-demo.h"
gboolean
pairings_demo_fill (PairingsStore         *store,
                    PairingsProgressFunc   progress,
                    gpointer               user_data,
                    GError               **error)
{
  g_set_error (error, PAIRINGS_STORE_ERROR, PAIRINGS_STORE_ERROR_SQL, "not yet");
  return FALSE;
}
