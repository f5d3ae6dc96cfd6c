#!/usr/bin/env python3
"""A grpcio test peer for the ModelMesh.Grpc interop tests.

Generic handlers over raw bytes (no generated stubs). Prints "PORT <n>" once serving on
127.0.0.1, then "STARTED <id>" / "ENDED <id>" for each /test.Echo/Wait call. Exits when
stdin closes (or when the test kills it).
"""
import argparse
import sys
import threading
import time
from concurrent import futures

import grpc

CODES = {code.value[0]: code for code in grpc.StatusCode}
_print_lock = threading.Lock()


def emit(line):
    with _print_lock:
        print(line, flush=True)


def pattern(length):
    block = bytes(range(251))
    return (block * (length // 251 + 1))[:length]


def echo(request, context):
    return request


def echo_gzip(request, context):
    context.set_compression(grpc.Compression.Gzip)
    return request


def fail(request, context):
    code_text, detail = request.decode("utf-8").split("|", 1)
    context.set_trailing_metadata((("detail-bin", b"\x00\x01\x02\xff"),))
    context.abort(CODES[int(code_text)], detail)


def wait(request, context):
    call_id = request.decode("ascii")
    context.add_callback(lambda: emit("ENDED " + call_id))
    emit("STARTED " + call_id)
    while context.is_active():
        time.sleep(0.01)
    return b""


def size(request, context):
    return pattern(int(request.decode("ascii")))


def headers(request, context):
    metadata = dict(context.invocation_metadata())
    context.send_initial_metadata((("x-header", "from-python"),))
    context.set_trailing_metadata((("x-trailer", "trailer-value"), ("x-trailer-bin", b"\x09\x08\x07")))
    binary = metadata.get("x-data-bin", b"")
    return (metadata.get("x-echo", "<none>") + "|" + binary.hex().upper()).encode("utf-8")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-receive", type=int, default=4 * 1024 * 1024)
    args = parser.parse_args()

    methods = {
        "Echo": echo,
        "EchoGzip": echo_gzip,
        "Fail": fail,
        "Wait": wait,
        "Size": size,
        "Headers": headers,
    }
    handlers = {name: grpc.unary_unary_rpc_method_handler(fn) for name, fn in methods.items()}
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=32),
        handlers=[grpc.method_handlers_generic_handler("test.Echo", handlers)],
        options=[
            ("grpc.max_receive_message_length", args.max_receive),
            ("grpc.max_send_message_length", 64 * 1024 * 1024),
        ],
    )
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    emit("PORT %d" % port)
    sys.stdin.read()
    server.stop(0)


if __name__ == "__main__":
    main()
