#ifndef LEADSTREAM_CZEROMQ_SHIM_H
#define LEADSTREAM_CZEROMQ_SHIM_H
#include <zmq.h>
#endif
