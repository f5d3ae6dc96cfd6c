"""A real grpcio server of inference.GRPCInferenceService (messages compiled here with protoc from the V2 .proto),
for checking our .NET client against another gRPC implementation. Usage:
  /usr/bin/python3 v2_grpc_server.py --port N --proto grpc_predict_v2.proto --state-dir DIR
Prints 'SERVING <port>' once bound; exits when its stdin closes (the test process ended). Models:
  echo           outputs = the inputs (typed contents and raw contents as sent)
  sum            one FP32 output 'sum' = element-wise sum of the raw FP32 inputs (numpy)
  invalid        aborts INVALID_ARGUMENT with the request's parameter 'message' as detail
  wait           writes <id>.started (with the deadline it saw), then waits until the call is no longer active
                 (client deadline or cancellation) and writes <id>.cancelled
  large          one raw UINT8 output of parameter 'bytes' bytes, byte i = i % 251
  anything else  NOT_FOUND"""
import argparse, os, subprocess, sys, tempfile, threading, time
from concurrent import futures

import grpc
import numpy as np

p = argparse.ArgumentParser()
p.add_argument('--port', type=int, required=True)
p.add_argument('--proto', required=True)
p.add_argument('--state-dir', required=True)
args = p.parse_args()

out_dir = tempfile.mkdtemp()
proto_dir = os.path.dirname(os.path.abspath(args.proto))
subprocess.check_call(['protoc', f'-I{proto_dir}', f'--python_out={out_dir}', os.path.basename(args.proto)])
sys.path.insert(0, out_dir)
import grpc_predict_v2_pb2 as pb  # noqa: E402


def mark(name, text=''):
    path = os.path.join(args.state_dir, name)
    with open(path + '.tmp', 'w') as f:
        f.write(text)
    os.replace(path + '.tmp', path)  # atomic: the test never sees a half-written marker


def server_live(request, context):
    return pb.ServerLiveResponse(live=True)


def model_infer(request, context):
    response = pb.ModelInferResponse(model_name=request.model_name, model_version=request.model_version, id=request.id)
    model = request.model_name
    if model == 'echo':
        for tensor in request.inputs:
            out = response.outputs.add(name=tensor.name, datatype=tensor.datatype, shape=tensor.shape)
            out.contents.CopyFrom(tensor.contents)
        response.raw_output_contents.extend(request.raw_input_contents)
        return response
    if model == 'sum':
        arrays = [np.frombuffer(raw, dtype='<f4') for raw in request.raw_input_contents]
        if not arrays or any(a.shape != arrays[0].shape for a in arrays):
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, 'sum needs raw FP32 inputs of one shape')
        total = np.sum(np.stack(arrays), axis=0, dtype=np.float32)
        response.outputs.add(name='sum', datatype='FP32', shape=[total.size])
        response.raw_output_contents.append(total.astype('<f4').tobytes())
        return response
    if model == 'invalid':
        context.abort(grpc.StatusCode.INVALID_ARGUMENT, request.parameters['message'].string_param)
    if model == 'wait':
        remaining = context.time_remaining()
        mark(request.id + '.started', 'none' if remaining is None else f'{remaining:.3f}')
        give_up = time.monotonic() + 120
        while context.is_active() and time.monotonic() < give_up:
            time.sleep(0.01)
        if not context.is_active():
            mark(request.id + '.cancelled')
        return response
    if model == 'large':
        size = request.parameters['bytes'].int64_param
        response.outputs.add(name='large', datatype='UINT8', shape=[size])
        response.raw_output_contents.append((np.arange(size, dtype=np.int64) % 251).astype(np.uint8).tobytes())
        return response
    context.abort(grpc.StatusCode.NOT_FOUND, f"python server has no model '{model}'")


def unary(handler, request_type):
    return grpc.unary_unary_rpc_method_handler(handler, request_deserializer=request_type.FromString,
                                               response_serializer=lambda m: m.SerializeToString())


server = grpc.server(futures.ThreadPoolExecutor(max_workers=16),
                     options=[('grpc.max_receive_message_length', 64 << 20), ('grpc.max_send_message_length', 64 << 20)])
server.add_generic_rpc_handlers([grpc.method_handlers_generic_handler('inference.GRPCInferenceService', {
    'ServerLive': unary(server_live, pb.ServerLiveRequest),
    'ModelInfer': unary(model_infer, pb.ModelInferRequest),
})])
bound = server.add_insecure_port(f'127.0.0.1:{args.port}')
if bound != args.port:
    print(f'could not bind 127.0.0.1:{args.port}', flush=True)
    sys.exit(2)
server.start()
print(f'SERVING {bound}', flush=True)

stdin_closed = threading.Event()
threading.Thread(target=lambda: (sys.stdin.read(), stdin_closed.set()), daemon=True).start()
stdin_closed.wait()
server.stop(grace=None)
