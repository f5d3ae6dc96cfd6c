#!/usr/bin/env python3
"""A grpcio test client for the ModelMesh.Grpc interop tests.

Usage: grpc_client.py <host:port> <case> [args...]. Calls /test.Echo/* with raw bytes
(no generated stubs) and prints one JSON object describing what it saw as its last line.
"""
import json
import sys

import grpc

MIB = 1024 * 1024
UNICODE_DETAIL = "na\u00efve \u65e5\u672c\u8a9e \u2713 100% \u00e9\t\"quoted\" \U0001f389"


def pattern(length):
    block = bytes(range(251))
    return (block * (length // 251 + 1))[:length]


def channel(target, max_receive=64 * MIB):
    return grpc.insecure_channel(
        target,
        options=[
            ("grpc.max_receive_message_length", max_receive),
            ("grpc.max_send_message_length", 64 * MIB),
        ],
    )


def code_of(error):
    return error.code().value[0]


def call(ch, method, payload, **kwargs):
    return ch.unary_unary(method)(payload, **kwargs)


def case_echo(target, length, compression="none"):
    data = pattern(int(length))
    kwargs = {"compression": grpc.Compression.Gzip} if compression == "gzip" else {}
    with channel(target) as ch:
        response = call(ch, "/test.Echo/Echo", data, **kwargs)
    return {"code": 0, "length": len(response), "match": response == data}


def case_encoding(target):
    with channel(target) as ch:
        response = call(ch, "/test.Echo/Encoding", b"\x01", compression=grpc.Compression.Gzip)
    return {"code": 0, "value": response.decode("ascii")}


def case_statuses(target):
    results = []
    with channel(target) as ch:
        for code in range(1, 17):
            request = ("%d|%s" % (code, UNICODE_DETAIL)).encode("utf-8")
            try:
                call(ch, "/test.Echo/Fail", request)
                results.append({"expected": code, "code": 0, "details": "", "trailer": ""})
            except grpc.RpcError as error:
                trailers = dict(error.trailing_metadata() or ())
                results.append({
                    "expected": code,
                    "code": code_of(error),
                    "details": error.details(),
                    "trailer": trailers.get("detail-bin", b"").hex(),
                })
    return {"results": results}


def case_deadline(target, call_id):
    with channel(target) as ch:
        try:
            call(ch, "/test.Echo/Wait", call_id.encode("ascii"), timeout=0.5)
            return {"code": 0}
        except grpc.RpcError as error:
            return {"code": code_of(error)}


def case_cancel(target, call_id):
    with channel(target) as ch:
        future = ch.unary_unary("/test.Echo/Wait").future(call_id.encode("ascii"))
        print("SENT", flush=True)
        sys.stdin.readline()
        cancelled = future.cancel()
        return {"code": future.code().value[0], "cancelled": cancelled}


def case_unknown(target):
    with channel(target) as ch:
        try:
            call(ch, "/test.Echo/Nope", b"\x01")
            return {"code": 0}
        except grpc.RpcError as error:
            return {"code": code_of(error), "details": error.details()}


def case_overlimit(target, server_limit):
    result = {}
    with channel(target) as ch:
        try:
            call(ch, "/test.Echo/Echo", bytes(int(server_limit) + 1))
            result["server_code"] = 0
        except grpc.RpcError as error:
            result["server_code"] = code_of(error)
    with channel(target, max_receive=MIB) as ch:
        try:
            call(ch, "/test.Echo/Size", str(MIB + 1).encode("ascii"))
            result["client_code"] = 0
        except grpc.RpcError as error:
            result["client_code"] = code_of(error)
    return result


def case_metadata(target):
    metadata = (("x-echo", "hello"), ("x-data-bin", b"\x00\xff\x10"))
    with channel(target) as ch:
        response, state = ch.unary_unary("/test.Echo/Headers").with_call(b"\x01", metadata=metadata)
    initial = dict(state.initial_metadata())
    trailing = dict(state.trailing_metadata())
    return {
        "code": 0,
        "response": response.decode("utf-8"),
        "header": initial.get("x-header", ""),
        "trailer": trailing.get("x-trailer", ""),
        "trailer_bin": trailing.get("x-trailer-bin", b"").hex(),
    }


CASES = {
    "echo": case_echo,
    "encoding": case_encoding,
    "statuses": case_statuses,
    "deadline": case_deadline,
    "cancel": case_cancel,
    "unknown": case_unknown,
    "overlimit": case_overlimit,
    "metadata": case_metadata,
}


def main():
    target, case, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    print(json.dumps(CASES[case](target, *args)), flush=True)


if __name__ == "__main__":
    main()
