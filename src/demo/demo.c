#include "config.h"
#include "demo/demo.h"
#include "core/i18n.h"
enum fd_status fd_demo_build(struct fd_db *db, const struct fd_demo_options *opt, struct fd_error *err)
{
	return fd_fail(err, FD_E_INVALID, "todo", NULL, _("The demo hotel is not built yet."));
}
