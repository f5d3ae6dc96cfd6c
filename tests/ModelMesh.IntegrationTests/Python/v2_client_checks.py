"""A V2 client written only against the V2 .proto (compiled here with protoc) and plain HTTP:
checks a running ModelMesh node end to end. Usage:
  /usr/bin/python3 v2_client_checks.py --grpc 127.0.0.1:8033 --http 127.0.0.1:8008 --models DIR --proto FILE \
      --triton-proto triton_statistics.proto
Prints PASS/FAIL per check and exits with the number of failures."""
import argparse, json, math, os, subprocess, sys, tempfile, time, traceback, urllib.request, urllib.error

import grpc
import numpy as np

import onnx_reference

p = argparse.ArgumentParser()
p.add_argument('--grpc', required=True)
p.add_argument('--http', required=True)
p.add_argument('--models', required=True)
p.add_argument('--proto', required=True)
p.add_argument('--triton-proto', required=True, help="the statistics messages in Triton's own numbering")
args = p.parse_args()

out_dir = tempfile.mkdtemp()
proto_dir = os.path.dirname(os.path.abspath(args.proto))
subprocess.check_call(['protoc', f'-I{proto_dir}', f'--python_out={out_dir}', os.path.basename(args.proto)])
sys.path.insert(0, out_dir)
import grpc_predict_v2_pb2 as pb  # noqa: E402

subprocess.check_call(['protoc', f'-I{os.path.dirname(os.path.abspath(args.triton_proto))}', f'--python_out={out_dir}',
                       os.path.basename(args.triton_proto)])
import triton_statistics_pb2 as triton  # noqa: E402

channel = grpc.insecure_channel(args.grpc, options=[('grpc.max_receive_message_length', 64 << 20),
                                                    ('grpc.max_send_message_length', 64 << 20)])
SERVICE = '/inference.GRPCInferenceService/'


def rpc(name, request, response_type, timeout=30):
    call = channel.unary_unary(SERVICE + name, request_serializer=lambda m: m.SerializeToString(),
                               response_deserializer=response_type.FromString)
    return call(request, timeout=timeout)


def model_file(name, version='1'):
    return os.path.join(args.models, name, version, 'model.onnx')


failures = []


def http(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f'http://{args.http}{path}', data=data, method=method,
                                     headers={'Content-Type': 'application/json'})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            text = r.read().decode()
            return r.status, (json.loads(text) if text else None)
    except urllib.error.HTTPError as e:
        text = e.read().decode()
        return e.code, (json.loads(text) if text else None)


def check(fn):
    try:
        fn()
        print(f'PASS {fn.__name__}')
    except Exception as e:  # noqa: BLE001
        failures.append(fn.__name__)
        print(f'FAIL {fn.__name__}: {e!r}')
        traceback.print_exc(limit=3)
    sys.stdout.flush()
    return fn


NP = {'BOOL': np.bool_, 'UINT8': np.uint8, 'UINT16': np.uint16, 'UINT32': np.uint32, 'UINT64': np.uint64,
      'INT8': np.int8, 'INT16': np.int16, 'INT32': np.int32, 'INT64': np.int64, 'FP16': np.float16,
      'FP32': np.float32, 'FP64': np.float64, 'BF16': np.uint16}
TYPED_FIELD = {'BOOL': 'bool_contents', 'UINT8': 'uint_contents', 'UINT16': 'uint_contents', 'UINT32': 'uint_contents',
               'UINT64': 'uint64_contents', 'INT8': 'int_contents', 'INT16': 'int_contents', 'INT32': 'int_contents',
               'INT64': 'int64_contents', 'FP32': 'fp32_contents', 'FP64': 'fp64_contents', 'BYTES': 'bytes_contents'}


def encode_bytes(elements):
    return b''.join(len(e).to_bytes(4, 'little') + e for e in elements)


def decode_bytes(raw):
    out, i = [], 0
    while i < len(raw):
        n = int.from_bytes(raw[i:i + 4], 'little'); out.append(raw[i + 4:i + 4 + n]); i += 4 + n
    return out


def add_input(req, name, datatype, array, raw=True):
    t = req.inputs.add(); t.name = name; t.datatype = datatype; t.shape.extend(array.shape)
    if datatype == 'BYTES':
        elements = [bytes(e) for e in array.reshape(-1)]
        if raw: req.raw_input_contents.append(encode_bytes(elements))
        else: t.contents.bytes_contents.extend(elements)
    elif raw:
        req.raw_input_contents.append(array.astype(NP[datatype]).tobytes())
    else:
        getattr(t.contents, TYPED_FIELD[datatype]).extend(array.reshape(-1).tolist())


def output_array(resp, name):
    for i, o in enumerate(resp.outputs):
        if o.name == name:
            if o.datatype == 'BYTES':
                items = decode_bytes(resp.raw_output_contents[i]) if resp.raw_output_contents else list(o.contents.bytes_contents)
                return np.array(items, dtype=object).reshape(tuple(o.shape))
            if resp.raw_output_contents:
                return np.frombuffer(resp.raw_output_contents[i], dtype=NP[o.datatype]).reshape(tuple(o.shape))
            return np.array(list(getattr(o.contents, TYPED_FIELD[o.datatype])), dtype=NP[o.datatype]).reshape(tuple(o.shape))
    raise AssertionError(f'no output {name}; got {[o.name for o in resp.outputs]}')


def expect_code(code, fn):
    try:
        fn()
    except grpc.RpcError as e:
        assert e.code() == code, f'expected {code}, got {e.code()}: {e.details()}'
        return e.details()
    raise AssertionError(f'expected {code}, the call succeeded')


@check
def server_live_ready_metadata():
    assert rpc('ServerLive', pb.ServerLiveRequest(), pb.ServerLiveResponse).live
    assert rpc('ServerReady', pb.ServerReadyRequest(), pb.ServerReadyResponse).ready
    md = rpc('ServerMetadata', pb.ServerMetadataRequest(), pb.ServerMetadataResponse)
    assert 'model_repository' in md.extensions, md


@check
def model_metadata_mlp():
    md = rpc('ModelMetadata', pb.ModelMetadataRequest(name='mlp'), pb.ModelMetadataResponse)
    assert md.name == 'mlp' and md.platform, md
    assert [(t.name, t.datatype, list(t.shape)) for t in md.inputs] == [('input', 'FP32', [-1, 4])], md.inputs
    assert [(t.name, t.datatype, list(t.shape)) for t in md.outputs] == [('probabilities', 'FP32', [-1, 3])], md.outputs


@check
def simple_raw_and_typed_with_id_and_output_subset():
    rng = np.random.default_rng(7)
    a = rng.integers(-1000, 1000, size=(2, 16), dtype=np.int32)
    b = rng.integers(-1000, 1000, size=(2, 16), dtype=np.int32)
    for raw in (True, False):
        req = pb.ModelInferRequest(model_name='simple', id=f'req-{raw}')
        add_input(req, 'INPUT0', 'INT32', a, raw); add_input(req, 'INPUT1', 'INT32', b, raw)
        resp = rpc('ModelInfer', req, pb.ModelInferResponse)
        assert resp.id == f'req-{raw}' and resp.model_name == 'simple'
        assert len(resp.raw_output_contents) == 2, 'outputs come as raw_output_contents by default'
        assert np.array_equal(output_array(resp, 'OUTPUT0'), a + b)
        assert np.array_equal(output_array(resp, 'OUTPUT1'), a - b)
    req = pb.ModelInferRequest(model_name='simple')
    add_input(req, 'INPUT0', 'INT32', a); add_input(req, 'INPUT1', 'INT32', b)
    req.outputs.add().name = 'OUTPUT1'
    resp = rpc('ModelInfer', req, pb.ModelInferResponse)
    assert [o.name for o in resp.outputs] == ['OUTPUT1']
    assert np.array_equal(output_array(resp, 'OUTPUT1'), a - b)


@check
def typed_output_contents_on_request():
    a = np.arange(16, dtype=np.int32).reshape(1, 16)
    req = pb.ModelInferRequest(model_name='simple')
    add_input(req, 'INPUT0', 'INT32', a, False); add_input(req, 'INPUT1', 'INT32', a, False)
    req.parameters['raw_output_contents'].bool_param = False
    resp = rpc('ModelInfer', req, pb.ModelInferResponse)
    assert not resp.raw_output_contents
    assert np.array_equal(output_array(resp, 'OUTPUT0'), a * 2)


@check
def mlp_matches_numpy_reference():
    x = np.random.default_rng(1).normal(size=(5, 4)).astype(np.float32)
    req = pb.ModelInferRequest(model_name='mlp'); add_input(req, 'input', 'FP32', x)
    got = output_array(rpc('ModelInfer', req, pb.ModelInferResponse), 'probabilities')
    want = onnx_reference.run(model_file('mlp'), {'input': x})['probabilities']
    assert got.shape == (5, 3) and np.allclose(got, want, atol=1e-5), (got, want)


@check
def conv_matches_numpy_reference():
    x = np.random.default_rng(2).normal(size=(2, 3, 64, 64)).astype(np.float32)
    req = pb.ModelInferRequest(model_name='conv'); add_input(req, 'image', 'FP32', x)
    got = output_array(rpc('ModelInfer', req, pb.ModelInferResponse), 'logits')
    want = onnx_reference.run(model_file('conv'), {'image': x})['logits']
    assert got.shape == (2, 10) and np.allclose(got, want, atol=1e-4), (got, want)


@check
def strings_raw_and_typed():
    words = np.array([b'hello', b'ModelMesh', b'', b'grpc 42'], dtype=object)
    for raw in (True, False):
        req = pb.ModelInferRequest(model_name='strings'); add_input(req, 'TEXT', 'BYTES', words, raw)
        got = output_array(rpc('ModelInfer', req, pb.ModelInferResponse), 'UPPER')
        assert [bytes(g) for g in got.reshape(-1)] == [w.upper() for w in words], got


@check
def fp16_model():
    x = np.linspace(-4, 4, 16, dtype=np.float16).reshape(2, 8)
    req = pb.ModelInferRequest(model_name='fp16'); add_input(req, 'x', 'FP16', x)
    got = output_array(rpc('ModelInfer', req, pb.ModelInferResponse), 'y')
    assert got.dtype == np.float16 and np.allclose(got.astype(np.float32), (x.astype(np.float32) * 2 + 1), atol=1e-2)


def sample_values(datatype):
    if datatype == 'BOOL': return np.array([True, False, True])
    if datatype in ('FP32', 'FP64', 'FP16'):
        return np.array([1.5, -2.25, np.nan, np.inf, -np.inf, 0.0], dtype=NP[datatype])
    if datatype == 'BYTES': return np.array([b'a', b'\xc3\xa9t\xc3\xa9', b''], dtype=object)
    if datatype == 'BF16': return (np.array([1.0, -2.5, 3.0e10], dtype=np.float32).view(np.uint32) >> 16).astype(np.uint16)
    info = np.iinfo(NP[datatype])
    return np.array([info.min, 0, 1, info.max], dtype=NP[datatype])


def same(a, b):
    if a.dtype == object: return [bytes(x) for x in a] == [bytes(x) for x in b]
    if a.dtype.kind == 'f': return np.array_equal(a, b, equal_nan=True)
    return np.array_equal(a, b)


@check
def every_datatype_raw():
    req = pb.ModelInferRequest(model_name='datatypes')
    md = rpc('ModelMetadata', pb.ModelMetadataRequest(name='datatypes'), pb.ModelMetadataResponse)
    names = [t.name for t in md.inputs]
    values = {n: sample_values(t.datatype) for n, t in zip(names, md.inputs)}
    for t in md.inputs: add_input(req, t.name, t.datatype, values[t.name])
    resp = rpc('ModelInfer', req, pb.ModelInferResponse)
    for t in md.inputs:
        got = output_array(resp, t.name + '_OUT')
        assert same(got, values[t.name]), (t.datatype, got, values[t.name])
    print('   datatypes (raw):', ' '.join(t.datatype for t in md.inputs))


@check
def every_datatype_typed():
    md = rpc('ModelMetadata', pb.ModelMetadataRequest(name='datatypes'), pb.ModelMetadataResponse)
    req = pb.ModelInferRequest(model_name='datatypes')
    req.parameters['raw_output_contents'].bool_param = False
    values = {t.name: sample_values(t.datatype) for t in md.inputs}
    for t in md.inputs: add_input(req, t.name, t.datatype, values[t.name], raw=False)
    resp = rpc('ModelInfer', req, pb.ModelInferResponse)
    assert not resp.raw_output_contents
    for t in md.inputs:
        assert same(output_array(resp, t.name + '_OUT'), values[t.name]), t.datatype
    print('   datatypes (typed):', ' '.join(t.datatype for t in md.inputs))


@check
def bytes_with_nul_and_non_utf8_round_trip():
    # Triton's string example sends b'he\x00llo' through an identity model and expects it back unchanged.
    md = rpc('ModelMetadata', pb.ModelMetadataRequest(name='datatypes'), pb.ModelMetadataResponse)
    strings = np.array([b'he\x00llo', b'\x00', b'\xff\xfe\x00\x80', bytes(range(256))], dtype=object)
    for raw in (True, False):
        req = pb.ModelInferRequest(model_name='datatypes')
        if not raw: req.parameters['raw_output_contents'].bool_param = False
        for t in md.inputs:
            add_input(req, t.name, t.datatype, strings if t.datatype == 'BYTES' else sample_values(t.datatype), raw)
        got = output_array(rpc('ModelInfer', req, pb.ModelInferResponse), 'BYTES_OUT')
        assert same(got, strings), (raw, got)
    # REST: JSON strings carry NUL (as \u0000); BYTES_OUT comes back as the same strings.
    json_data = {'BOOL': [True], 'FP32': [1.5], 'FP64': [-2.25], 'BYTES': ['he\x00llo', '\x00', 'a\x00b\x00']}
    inputs = [{'name': t.name, 'datatype': t.datatype, 'shape': [len(json_data.get(t.datatype, [1]))],
               'data': json_data.get(t.datatype, [1])} for t in md.inputs]
    status, body = http('POST', '/v2/models/datatypes/infer', {'inputs': inputs, 'outputs': [{'name': 'BYTES_OUT'}]})
    assert status == 200 and body['outputs'][0]['data'] == json_data['BYTES'], (status, body)


@check
def half_precision_datatypes_raw():
    md = rpc('ModelMetadata', pb.ModelMetadataRequest(name='halfs'), pb.ModelMetadataResponse)
    req = pb.ModelInferRequest(model_name='halfs')
    values = {t.name: sample_values(t.datatype) for t in md.inputs}
    for t in md.inputs: add_input(req, t.name, t.datatype, values[t.name])
    resp = rpc('ModelInfer', req, pb.ModelInferResponse)
    assert sorted(t.datatype for t in md.inputs) == ['BF16', 'FP16']
    for t in md.inputs:
        assert same(output_array(resp, t.name + '_OUT'), values[t.name]), t.datatype


@check
def bad_inputs_get_invalid_argument_and_server_keeps_serving():
    a = np.zeros((1, 16), dtype=np.int32)
    req = pb.ModelInferRequest(model_name='simple'); add_input(req, 'INPUT0', 'INT32', a)
    req.raw_input_contents.append(b'\0' * 40); t = req.inputs.add(); t.name = 'INPUT1'; t.datatype = 'INT32'; t.shape.extend([1, 16])
    details = expect_code(grpc.StatusCode.INVALID_ARGUMENT, lambda: rpc('ModelInfer', req, pb.ModelInferResponse))
    assert 'INPUT1' in details and '64' in details and '40' in details, details
    req = pb.ModelInferRequest(model_name='simple'); add_input(req, 'INPUT0', 'FP32', a.astype(np.float32)); add_input(req, 'INPUT1', 'INT32', a)
    assert 'INPUT0' in expect_code(grpc.StatusCode.INVALID_ARGUMENT, lambda: rpc('ModelInfer', req, pb.ModelInferResponse))
    expect_code(grpc.StatusCode.NOT_FOUND, lambda: rpc('ModelInfer', pb.ModelInferRequest(model_name='no-such-model'), pb.ModelInferResponse))
    expect_code(grpc.StatusCode.NOT_FOUND, lambda: rpc('ModelReady', pb.ModelReadyRequest(name='mlp', version='99'), pb.ModelReadyResponse))
    assert rpc('ServerLive', pb.ServerLiveRequest(), pb.ServerLiveResponse).live


@check
def repository_index_unload_load():
    index = rpc('RepositoryIndex', pb.RepositoryIndexRequest(), pb.RepositoryIndexResponse)
    names = {m.name for m in index.models}
    assert {'mlp', 'simple', 'strings', 'fp16', 'conv', 'datatypes'} <= names, names
    rpc('RepositoryModelLoad', pb.RepositoryModelLoadRequest(model_name='mlp'), pb.RepositoryModelLoadResponse)
    assert rpc('ModelReady', pb.ModelReadyRequest(name='mlp'), pb.ModelReadyResponse).ready
    rpc('RepositoryModelUnload', pb.RepositoryModelUnloadRequest(model_name='mlp'), pb.RepositoryModelUnloadResponse)
    # ModelReady answers without waiting for a load: false while no copy is loaded.
    assert not rpc('ModelReady', pb.ModelReadyRequest(name='mlp'), pb.ModelReadyResponse).ready
    index = rpc('RepositoryIndex', pb.RepositoryIndexRequest(), pb.RepositoryIndexResponse)
    assert [m.state for m in index.models if m.name == 'mlp'] == ['UNAVAILABLE'], index
    # The model stays registered: inference loads it again on demand.
    req = pb.ModelInferRequest(model_name='mlp'); add_input(req, 'input', 'FP32', np.zeros((1, 4), np.float32))
    assert output_array(rpc('ModelInfer', req, pb.ModelInferResponse), 'probabilities').shape == (1, 3)
    assert rpc('ModelReady', pb.ModelReadyRequest(name='mlp'), pb.ModelReadyResponse).ready


@check
def rest_v2_health_metadata_and_infer():
    assert http('GET', '/v2/health/live')[0] == 200 and http('GET', '/v2/health/ready')[0] == 200
    status, md = http('GET', '/v2/models/simple')
    assert status == 200 and md['name'] == 'simple' and md['inputs'][0]['datatype'] == 'INT32', md
    assert http('GET', '/v2/models/simple/ready')[0] == 200
    a = list(range(16)); b = [1] * 16
    status, body = http('POST', '/v2/models/simple/infer', {'id': 'r1', 'inputs': [
        {'name': 'INPUT0', 'shape': [1, 16], 'datatype': 'INT32', 'data': [a]},
        {'name': 'INPUT1', 'shape': [1, 16], 'datatype': 'INT32', 'data': b}]})
    assert status == 200 and body['id'] == 'r1', body
    outs = {o['name']: o for o in body['outputs']}
    assert outs['OUTPUT0']['data'] == [x + 1 for x in a] and outs['OUTPUT1']['data'] == [x - 1 for x in a], body
    x = np.random.default_rng(3).normal(size=(3, 4)).astype(np.float32)
    status, body = http('POST', '/v2/models/mlp/versions/1/infer', {'inputs': [
        {'name': 'input', 'shape': [3, 4], 'datatype': 'FP32', 'data': x.tolist()}]})
    want = onnx_reference.run(model_file('mlp'), {'input': x})['probabilities']
    assert status == 200 and np.allclose(np.array(body['outputs'][0]['data']).reshape(3, 3), want, atol=1e-5), body


@check
def rest_v1_predict():
    status, body = http('GET', '/v1/models/mlp')
    assert status == 200 and body == {'name': 'mlp', 'ready': True}, body
    x = [[1.0, 2.0, 3.0, 4.0], [0.5, -1.0, 0.0, 2.0]]
    status, body = http('POST', '/v1/models/mlp:predict', {'instances': x})
    want = onnx_reference.run(model_file('mlp'), {'input': np.array(x, np.float32)})['probabilities']
    assert status == 200 and np.allclose(np.array(body['predictions']), want, atol=1e-5), body


@check
def rest_errors():
    status, body = http('POST', '/v2/models/simple/infer', {'inputs': [
        {'name': 'INPUT0', 'shape': [1, 16], 'datatype': 'INT32', 'data': [1, 2, 3]}]})
    assert status == 400 and 'INPUT0' in body['error'], (status, body)
    status, body = http('POST', '/v2/models/nope/infer', {'inputs': []})
    assert status == 404 and 'nope' in body['error'], (status, body)
    status, body = http('GET', '/v2/models/mlp/versions/7')
    assert status == 404 and 'error' in body, (status, body)
    assert http('GET', '/v2/health/live')[0] == 200



# Statistics extension, read with Triton's message classes (triton_statistics.proto). Checks run one at a time, so
# the counts move by exactly the requests each check sends.
def triton_stats(name='', version=''):
    raw = channel.unary_unary(SERVICE + 'ModelStatistics', request_serializer=lambda m: m.SerializeToString(),
                              response_deserializer=lambda b: b)(triton.ModelStatisticsRequest(name=name, version=version), timeout=30)
    response = triton.ModelStatisticsResponse.FromString(raw)
    assert response.SerializeToString() == raw, 'fields outside Triton\'s schema (or numbered differently) in the answer'
    return response


def one_model(response, name):
    found = [m for m in response.model_stats if m.name == name]
    assert len(found) == 1, response
    return found[0]


def simple_request(rows):
    req = pb.ModelInferRequest(model_name='simple')
    a = np.arange(16 * rows, dtype=np.int32).reshape(rows, 16)
    add_input(req, 'INPUT0', 'INT32', a); add_input(req, 'INPUT1', 'INT32', a)
    return req


@check
def triton_statistics_grpc_counts_move_by_the_requests_sent():
    md = rpc('ServerMetadata', pb.ServerMetadataRequest(), pb.ServerMetadataResponse)
    assert 'statistics' in md.extensions, md
    before = one_model(triton_stats('simple'), 'simple')
    started_ms = int(time.time() * 1000)
    for rows in (1, 1, 1, 2):
        rpc('ModelInfer', simple_request(rows), pb.ModelInferResponse)
    bad = pb.ModelInferRequest(model_name='simple')
    add_input(bad, 'INPUT0', 'INT32', np.zeros((1, 16), np.int32)); add_input(bad, 'INPUT1', 'INT32', np.zeros((1, 16), np.int32))
    bad.inputs[1].shape[1] = 15
    expect_code(grpc.StatusCode.INVALID_ARGUMENT, lambda: rpc('ModelInfer', bad, pb.ModelInferResponse))
    after = one_model(triton_stats('simple', '1'), 'simple')
    assert (after.name, after.version) == ('simple', '1'), after
    assert after.execution_count - before.execution_count == 4, (before, after)
    assert after.inference_count - before.inference_count == 5, (before, after)  # batch rows 1+1+1+2
    s, b = after.inference_stats, before.inference_stats
    assert s.success.count - b.success.count == 4 and s.fail.count - b.fail.count == 1, (before, after)
    for stage in ('success', 'fail', 'queue', 'compute_input', 'compute_infer', 'compute_output'):
        assert getattr(s, stage).ns > getattr(b, stage).ns or stage == 'queue', (stage, before, after)
    for stage in ('queue', 'compute_input', 'compute_infer', 'compute_output'):
        assert getattr(s, stage).count - getattr(b, stage).count == 4, (stage, before, after)
    assert started_ms - 1000 <= after.last_inference <= int(time.time() * 1000) + 1000, (started_ms, after.last_inference)
    assert s.cache_hit.count == 0 and len(after.batch_stats) == 0
    every = triton_stats()
    assert {'simple', 'mlp', 'conv', 'strings'} <= {m.name for m in every.model_stats}, every
    assert one_model(every, 'simple').execution_count == after.execution_count
    expect_code(grpc.StatusCode.NOT_FOUND, lambda: triton_stats('no-such-model'))
    expect_code(grpc.StatusCode.NOT_FOUND, lambda: triton_stats('simple', '7'))


@check
def triton_statistics_rest_counts_move_by_the_requests_sent():
    status, before = http('GET', '/v2/models/simple/stats')
    assert status == 200, before
    for _ in range(3):
        status, body = http('POST', '/v2/models/simple/infer', {'inputs': [
            {'name': 'INPUT0', 'shape': [1, 16], 'datatype': 'INT32', 'data': list(range(16))},
            {'name': 'INPUT1', 'shape': [1, 16], 'datatype': 'INT32', 'data': [1] * 16}]})
        assert status == 200, body
    status, after = http('GET', '/v2/models/simple/versions/1/stats')
    assert status == 200, after
    (b,), (a,) = before['model_stats'], after['model_stats']
    assert (a['name'], a['version']) == ('simple', '1'), a
    assert a['execution_count'] - b['execution_count'] == 3 and a['inference_count'] - b['inference_count'] == 3, (b, a)
    assert a['inference_stats']['success']['count'] - b['inference_stats']['success']['count'] == 3, (b, a)
    assert a['inference_stats']['compute_infer']['ns'] > b['inference_stats']['compute_infer']['ns'], (b, a)
    assert a['last_inference'] >= b['last_inference'] > 0 and a['batch_stats'] == [], (b, a)
    status, every = http('GET', '/v2/models/stats')
    assert status == 200 and 'mlp' in {m['name'] for m in every['model_stats']}, every
    status, body = http('GET', '/v2/models/no-such-model/stats')
    assert status == 404 and 'no-such-model' in body['error'], (status, body)


print(f'{len(failures)} checks failed' if failures else 'all checks passed')
sys.exit(len(failures))
