/*
 * weir_messaging.h: messaging for WebAssembly guests of weir (the "weir:messaging" import module).
 *
 * The interface is written in WIT in hal/wit/messaging.wit; this header is its core-wasm ABI for C.
 * Every function returns an int32_t: a handle, a count or 0 on success, or a negated
 * weir_messaging_error on failure. A module opens a link by the name the operator gave it
 * (weir run --link broker=mqtt://HOST:PORT); the topics it may use are in its grants.
 *
 *   int broker = weir_messaging_open_link("broker");
 *   if (broker < 0) { fprintf(stderr, "broker: %s\n", weir_messaging_strerror(broker)); return 1; }
 *   weir_messaging_publish_str(broker, "sensors/a/temperature", "21.5", WEIR_MESSAGING_QOS1);
 */
#ifndef WEIR_MESSAGING_H
#define WEIR_MESSAGING_H

#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WEIR_MESSAGING_IMPORT(name) __attribute__((import_module("weir:messaging"), import_name(name)))

/* Error codes, returned negated. 1..4 follow wasi:messaging's error variant. */
enum weir_messaging_error {
    WEIR_MESSAGING_CONNECTION = 1,
    WEIR_MESSAGING_PERMISSION_DENIED = 2, /* outside the grant; the operator sees an audit line */
    WEIR_MESSAGING_TIMEOUT = 3,
    WEIR_MESSAGING_OTHER = 4,
    WEIR_MESSAGING_BAD_HANDLE = 5,
    WEIR_MESSAGING_REVOKED = 6,
    WEIR_MESSAGING_INVALID_TOPIC = 7,
    WEIR_MESSAGING_TOO_LARGE = 8,         /* over max-message, or the receive buffers are too small */
    WEIR_MESSAGING_OUT_OF_BOUNDS = 9,
    WEIR_MESSAGING_BUFFER_FULL = 10,      /* the broker is away and the outgoing buffer is full */
    WEIR_MESSAGING_RATE_LIMITED = 11,
    WEIR_MESSAGING_NO_SPACE = 12,
    WEIR_MESSAGING_INVALID_ARGUMENT = 13,
    WEIR_MESSAGING_ALREADY_OPEN = 14
};

/* Flags: QoS in bits 0..1, dup (incoming) and retain. */
#define WEIR_MESSAGING_QOS0   0
#define WEIR_MESSAGING_QOS1   1
#define WEIR_MESSAGING_DUP    (1 << 2)
#define WEIR_MESSAGING_RETAIN (1 << 3)

/* What receive writes at header (16 bytes, little-endian). */
typedef struct weir_messaging_header {
    int32_t link;         /* the link's handle */
    int32_t topic_length; /* bytes of the topic (not NUL-terminated) */
    int32_t data_length;  /* bytes of the payload */
    int32_t flags;        /* QoS, dup, retain */
} weir_messaging_header;

WEIR_MESSAGING_IMPORT("open-link")     int32_t weir_messaging_open_link_n(const char *name, int32_t name_length);
WEIR_MESSAGING_IMPORT("close")         int32_t weir_messaging_close(int32_t link);
WEIR_MESSAGING_IMPORT("subscribe")     int32_t weir_messaging_subscribe_n(int32_t link, const char *filter,
                                                                          int32_t filter_length, int32_t qos);
WEIR_MESSAGING_IMPORT("publish")       int32_t weir_messaging_publish(int32_t link, const char *topic, int32_t topic_length,
                                                                      const void *data, int32_t data_length, int32_t flags,
                                                                      const char *content_type, int32_t content_type_length);
/* 1 when a message was taken, 0 when none came within timeout_ms (negative: wait forever), or an error.
 * link 0 takes from any link. */
WEIR_MESSAGING_IMPORT("receive")       int32_t weir_messaging_receive(int32_t link, weir_messaging_header *header,
                                                                      char *topic, int32_t topic_capacity,
                                                                      void *data, int32_t data_capacity, int32_t timeout_ms);
/* Messages of the link dropped by a full inbox (inbox-full=drop) since the last call. */
WEIR_MESSAGING_IMPORT("messages-lost") int32_t weir_messaging_messages_lost(int32_t link);
/* 1 connected, 0 not (published messages wait in the link's buffer), or an error. */
WEIR_MESSAGING_IMPORT("status")        int32_t weir_messaging_status(int32_t link);

/* Lists the links and topics the module needs in its "weir_messaging" custom section, one line per
 * use, so that `weir inspect` can show them to whoever writes the grants (a string literal without
 * quotes or backslashes). At file scope:
 *   WEIR_MESSAGING_NEEDS("link broker publish sensors/+/temperature qos 1");  */
#define WEIR_MESSAGING_NEEDS(text) \
    __asm__(".section .custom_section.weir_messaging,\"\",@\n.ascii \"" text "\\n\"\n.text\n")

static inline int32_t weir_messaging_open_link(const char *name) {
    return weir_messaging_open_link_n(name, (int32_t) strlen(name));
}

static inline int32_t weir_messaging_subscribe(int32_t link, const char *filter, int32_t qos) {
    return weir_messaging_subscribe_n(link, filter, (int32_t) strlen(filter), qos);
}

/* Publishes a NUL-terminated string as text/plain. */
static inline int32_t weir_messaging_publish_str(int32_t link, const char *topic, const char *text, int32_t flags) {
    return weir_messaging_publish(link, topic, (int32_t) strlen(topic), text, (int32_t) strlen(text), flags,
                                  "text/plain", 10);
}

static inline const char *weir_messaging_strerror(int32_t code) {
    static const char *const names[] = {
        "ok", "connection", "permission-denied", "timeout", "other", "bad-handle", "revoked", "invalid-topic",
        "too-large", "out-of-bounds", "buffer-full", "rate-limited", "no-space", "invalid-argument", "already-open"};
    int32_t c = code < 0 ? -code : code;
    return c < (int32_t) (sizeof names / sizeof names[0]) ? names[c] : "unknown-error";
}

#undef WEIR_MESSAGING_IMPORT

#ifdef __cplusplus
}
#endif

#endif
