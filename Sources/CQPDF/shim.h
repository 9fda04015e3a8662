#ifndef CQPDF_SHIM_H
#define CQPDF_SHIM_H

// The second C boundary of Ledgerprint: qpdf's C API, which edits a PDF after Cairo wrote it
// (what Cairo 1.16 cannot write: /Lang, /Alt, /Scope, PDF/A metadata and output intent).
// Only the Canvas module imports this, as `internal import`.

#include <qpdf/qpdf-c.h>

#endif
