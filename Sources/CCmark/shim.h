#ifndef WXPUB_CCMARK_SHIM_H
#define WXPUB_CCMARK_SHIM_H
#include <cmark.h>
#endif
