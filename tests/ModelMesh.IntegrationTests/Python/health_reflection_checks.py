"""grpc.health.v1.Health and server reflection of a ModelMesh gRPC port, called by Debian's python3-grpcio.

The grpc_health / grpc_reflection modules are not packaged with python3-grpcio, so the messages are encoded by hand
(protobuf wire format): HealthCheckRequest{service=1}, HealthCheckResponse{status=1}, ServerReflectionRequest{list_services=7},
ServerReflectionResponse{list_services_response=6 {service=1 {name=1}}}. Prints one JSON object.
"""
import json
import sys

import grpc


def varint(data, i):
    value, shift = 0, 0
    while True:
        b = data[i]
        i += 1
        value |= (b & 0x7F) << shift
        if not b & 0x80:
            return value, i
        shift += 7


def fields(data):
    """(field number, wire type, value) of a message; length-delimited values as bytes."""
    i = 0
    while i < len(data):
        tag, i = varint(data, i)
        number, wire = tag >> 3, tag & 7
        if wire == 0:
            value, i = varint(data, i)
        elif wire == 2:
            length, i = varint(data, i)
            value, i = data[i:i + length], i + length
        else:
            raise ValueError(f'unexpected wire type {wire}')
        yield number, wire, value


def string_field(number, text):
    raw = text.encode()
    return bytes([number << 3 | 2, len(raw)]) + raw


def health(channel, service):
    check = channel.unary_unary('/grpc.health.v1.Health/Check', request_serializer=lambda b: b, response_deserializer=lambda b: b)
    try:
        reply = check(string_field(1, service) if service else b'', timeout=10)
    except grpc.RpcError as e:
        return {'code': e.code().name}
    status = next((v for n, w, v in fields(reply) if n == 1), 0)
    return {'code': 'OK', 'status': {0: 'UNKNOWN', 1: 'SERVING', 2: 'NOT_SERVING', 3: 'SERVICE_UNKNOWN'}[status]}


def list_services(channel, version):
    info = channel.stream_stream(f'/grpc.reflection.{version}.ServerReflection/ServerReflectionInfo',
                                 request_serializer=lambda b: b, response_deserializer=lambda b: b)
    try:
        replies = list(info(iter([string_field(7, '*')]), timeout=10))
    except grpc.RpcError as e:
        return {'code': e.code().name}
    names = []
    for reply in replies:
        for n, _, listing in fields(reply):
            if n == 6:
                for m, _, service in fields(listing):
                    if m == 1:
                        names += [v.decode() for k, _, v in fields(service) if k == 1]
    return {'code': 'OK', 'services': sorted(names)}


target = sys.argv[1]
with grpc.insecure_channel(target) as channel:
    print(json.dumps({
        'health': health(channel, ''),
        'health_v2': health(channel, 'inference.GRPCInferenceService'),
        'health_unknown': health(channel, 'no.such.Service'),
        'reflection_v1': list_services(channel, 'v1'),
        'reflection_v1alpha': list_services(channel, 'v1alpha'),
    }))
