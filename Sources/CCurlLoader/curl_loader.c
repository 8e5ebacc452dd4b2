// libcurl, loaded the first time Foundation's URLSession calls into it.
//
// FoundationNetworking, linked statically into release builds, calls libcurl's functions
// directly. Linking libcurl itself made every start of wxpub load it and the ~30 libraries it
// needs (TLS, Kerberos, LDAP…): ~3.5 ms of CPU before `main`, on every command, although only
// the commands that talk to WeChat use it. These definitions stand in for libcurl's: the first
// call opens libcurl.so.4 and looks up every function once; each call is then forwarded.
//
// Only in release builds on Linux (WXPUB_LAZY_CURL, set in Package.swift): debug builds link
// Foundation's shared libraries, which bring libcurl themselves.

#include "ccurlloader.h"

#ifdef WXPUB_LAZY_CURL

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

// libcurl's handles are opaque, its codes and option names are C enums (int-sized).
typedef void CURL;
typedef void CURLM;
typedef void CURLU;
typedef int CURLcode;
typedef int CURLMcode;
typedef int CURLUcode;
typedef int CURLoption;
typedef int CURLMoption;
typedef int CURLINFO;
typedef int CURLUPart;
typedef int CURLversion;
typedef int curl_socket_t;
typedef int64_t curl_off_t;
struct curl_slist;
typedef void CURLMsg;
typedef void curl_version_info_data;

// An option's number says the type of its argument (curl.h's CURLOPTTYPE_*, the same for the
// multi interface's options): long below 10000, then object pointers, function pointers, off_t, blobs.
enum { optionTypeStep = 10000, objectPointOptions = 1, functionPointOptions = 2, offTOptions = 3 };

#define CURL_FUNCTIONS(X) \
    X(CURL *, curl_easy_init, (void)) \
    X(void, curl_easy_cleanup, (CURL *)) \
    X(CURLcode, curl_easy_getinfo, (CURL *, CURLINFO, ...)) \
    X(CURLcode, curl_easy_pause, (CURL *, int)) \
    X(CURLcode, curl_easy_setopt, (CURL *, CURLoption, ...)) \
    X(const char *, curl_easy_strerror, (CURLcode)) \
    X(void, curl_free, (void *)) \
    X(CURLcode, curl_global_init, (long)) \
    X(CURLMcode, curl_multi_add_handle, (CURLM *, CURL *)) \
    X(CURLMcode, curl_multi_assign, (CURLM *, curl_socket_t, void *)) \
    X(CURLMcode, curl_multi_cleanup, (CURLM *)) \
    X(CURLMsg *, curl_multi_info_read, (CURLM *, int *)) \
    X(CURLM *, curl_multi_init, (void)) \
    X(CURLMcode, curl_multi_remove_handle, (CURLM *, CURL *)) \
    X(CURLMcode, curl_multi_setopt, (CURLM *, CURLMoption, ...)) \
    X(CURLMcode, curl_multi_socket_action, (CURLM *, curl_socket_t, int, int *)) \
    X(struct curl_slist *, curl_slist_append, (struct curl_slist *, const char *)) \
    X(void, curl_slist_free_all, (struct curl_slist *)) \
    X(CURLU *, curl_url, (void)) \
    X(CURLUcode, curl_url_get, (const CURLU *, CURLUPart, char **, unsigned int)) \
    X(CURLUcode, curl_url_set, (CURLU *, CURLUPart, const char *, unsigned int)) \
    X(char *, curl_version, (void)) \
    X(curl_version_info_data *, curl_version_info, (CURLversion))

#define DECLARE(result, name, parameters) static result (*real_##name) parameters;
CURL_FUNCTIONS(DECLARE)

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded = 0;

static void load(void) {
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        fprintf(stderr, "error: cannot load libcurl (libcurl.so.4), which wxpub uses to reach the WeChat API: %s\n"
                        "install libcurl (e.g. `apt-get install libcurl4`)\n", dlerror());
        exit(3);
    }
#define LOOK_UP(result, name, parameters) \
    real_##name = (result(*) parameters)dlsym(library, #name); \
    if (!real_##name) { fprintf(stderr, "error: libcurl.so.4 has no `%s`; install libcurl 7.62 or later\n", #name); exit(3); }
    CURL_FUNCTIONS(LOOK_UP)
    loaded = 1;
}

#define READY() pthread_once(&once, load)

int ccurlloader_loaded(void) { return loaded; }

CURL *curl_easy_init(void) { READY(); return real_curl_easy_init(); }
void curl_easy_cleanup(CURL *curl) { READY(); real_curl_easy_cleanup(curl); }
CURLcode curl_easy_pause(CURL *curl, int bitmask) { READY(); return real_curl_easy_pause(curl, bitmask); }
const char *curl_easy_strerror(CURLcode code) { READY(); return real_curl_easy_strerror(code); }
void curl_free(void *p) { READY(); real_curl_free(p); }
CURLcode curl_global_init(long flags) { READY(); return real_curl_global_init(flags); }
CURLMcode curl_multi_add_handle(CURLM *multi, CURL *curl) { READY(); return real_curl_multi_add_handle(multi, curl); }
CURLMcode curl_multi_assign(CURLM *multi, curl_socket_t socket, void *pointer) { READY(); return real_curl_multi_assign(multi, socket, pointer); }
CURLMcode curl_multi_cleanup(CURLM *multi) { READY(); return real_curl_multi_cleanup(multi); }
CURLMsg *curl_multi_info_read(CURLM *multi, int *queued) { READY(); return real_curl_multi_info_read(multi, queued); }
CURLM *curl_multi_init(void) { READY(); return real_curl_multi_init(); }
CURLMcode curl_multi_remove_handle(CURLM *multi, CURL *curl) { READY(); return real_curl_multi_remove_handle(multi, curl); }
CURLMcode curl_multi_socket_action(CURLM *multi, curl_socket_t socket, int events, int *running) {
    READY();
    return real_curl_multi_socket_action(multi, socket, events, running);
}
struct curl_slist *curl_slist_append(struct curl_slist *list, const char *data) { READY(); return real_curl_slist_append(list, data); }
void curl_slist_free_all(struct curl_slist *list) { READY(); real_curl_slist_free_all(list); }
CURLU *curl_url(void) { READY(); return real_curl_url(); }
CURLUcode curl_url_get(const CURLU *url, CURLUPart part, char **value, unsigned int flags) { READY(); return real_curl_url_get(url, part, value, flags); }
CURLUcode curl_url_set(CURLU *url, CURLUPart part, const char *value, unsigned int flags) { READY(); return real_curl_url_set(url, part, value, flags); }
char *curl_version(void) { READY(); return real_curl_version(); }
curl_version_info_data *curl_version_info(CURLversion version) { READY(); return real_curl_version_info(version); }

// The variadic setters take exactly one more argument, read with the type its option names (the
// easy and the multi interface number their options alike).
#define FORWARD_OPTION(result, name, handle_type, option_type) \
    result name(handle_type *handle, option_type option, ...) { \
        READY(); \
        va_list arguments; \
        va_start(arguments, option); \
        result code; \
        switch (option / optionTypeStep) { \
        case 0: code = real_##name(handle, option, va_arg(arguments, long)); break; \
        case functionPointOptions: code = real_##name(handle, option, va_arg(arguments, void (*)(void))); break; \
        case offTOptions: code = real_##name(handle, option, va_arg(arguments, curl_off_t)); break; \
        default: code = real_##name(handle, option, va_arg(arguments, void *)); break; \
        } \
        va_end(arguments); \
        return code; \
    }

FORWARD_OPTION(CURLcode, curl_easy_setopt, CURL, CURLoption)
FORWARD_OPTION(CURLMcode, curl_multi_setopt, CURLM, CURLMoption)

// Every `getinfo` answer is written through a pointer.
CURLcode curl_easy_getinfo(CURL *curl, CURLINFO info, ...) {
    READY();
    va_list arguments;
    va_start(arguments, info);
    CURLcode code = real_curl_easy_getinfo(curl, info, va_arg(arguments, void *));
    va_end(arguments);
    return code;
}

#else

int ccurlloader_loaded(void) { return 1; }

#endif
