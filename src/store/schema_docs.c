// SPDX-License-Identifier: GPL-3.0-or-later
/* Core migrations of the documents a guest takes away (issue 13). */
#include "config.h"

#include "store/db_internal.h"

extern const char fd_schema_v20_quantity[];

/* v20: a charge keeps the quantity posted and the price of one unit, for
 * the invoice's columns. Lines posted before this step are one unit of
 * their amount. */
const char fd_schema_v20_quantity[] =
    "ALTER TABLE folio_lines ADD COLUMN quantity INTEGER NOT NULL DEFAULT 1 CHECK (quantity >= 1);"
    "ALTER TABLE folio_lines ADD COLUMN unit_price INTEGER NOT NULL DEFAULT 0;"
    "UPDATE folio_lines SET unit_price = amount;";
