#ifndef CCURLLOADER_H
#define CCURLLOADER_H

/// Whether libcurl has been loaded (by the first call into it); 0 until then. Release builds on
/// Linux load libcurl on first use instead of at every start (see curl_loader.c).
int ccurlloader_loaded(void);

#endif
