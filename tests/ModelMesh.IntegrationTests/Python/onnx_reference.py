"""Independent reference: evaluates the sample ONNX graphs with numpy, reading the model file with
Debian's python3-onnx. Shares nothing with the server's code path (no ONNX Runtime, no C#)."""
import numpy as np
import onnx
from onnx import numpy_helper

ONNX_TO_NUMPY = {1: np.float32, 2: np.uint8, 3: np.int8, 4: np.uint16, 5: np.int16, 6: np.int32,
                 7: np.int64, 9: np.bool_, 10: np.float16, 11: np.float64, 12: np.uint32, 13: np.uint64}


def _attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def _conv(x, w, b, pads):
    n, c, h, wd = x.shape
    m, _, kh, kw = w.shape
    top, left, bottom, right = pads
    xp = np.pad(x, ((0, 0), (0, 0), (top, bottom), (left, right)))
    oh, ow = h + top + bottom - kh + 1, wd + left + right - kw + 1
    out = np.zeros((n, m, oh, ow), dtype=np.float64)
    for i in range(kh):
        for j in range(kw):
            patch = xp[:, :, i:i + oh, j:j + ow].astype(np.float64)
            out += np.einsum('nchw,mc->nmhw', patch, w[:, :, i, j].astype(np.float64))
    if b is not None:
        out += b.astype(np.float64)[None, :, None, None]
    return out.astype(np.float32)


def run(model_path, feeds):
    model = onnx.load(model_path)
    env = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    env.update(feeds)
    for node in model.graph.node:
        a = _attrs(node)
        ins = [env[i] if i else None for i in node.input]
        op = node.op_type
        if op == 'Gemm':
            A, B = ins[0].astype(np.float64), ins[1].astype(np.float64)
            if a.get('transA', 0): A = A.T
            if a.get('transB', 0): B = B.T
            y = a.get('alpha', 1.0) * (A @ B)
            if len(ins) > 2 and ins[2] is not None:
                y = y + a.get('beta', 1.0) * ins[2].astype(np.float64)
            out = y.astype(np.float32)
        elif op == 'MatMul':
            out = (ins[0].astype(np.float64) @ ins[1].astype(np.float64)).astype(np.float32)
        elif op == 'Relu':
            out = np.maximum(ins[0], 0)
        elif op == 'Softmax':
            axis = a.get('axis', -1)
            x = ins[0].astype(np.float64)
            e = np.exp(x - x.max(axis=axis, keepdims=True))
            out = (e / e.sum(axis=axis, keepdims=True)).astype(np.float32)
        elif op == 'Conv':
            pads = list(a.get('pads', [0, 0, 0, 0]))
            pads = [pads[0], pads[1], pads[2], pads[3]]
            out = _conv(ins[0], ins[1], ins[2] if len(ins) > 2 else None, pads)
        elif op == 'GlobalAveragePool':
            out = ins[0].astype(np.float64).mean(axis=(2, 3), keepdims=True).astype(np.float32)
        elif op == 'Flatten':
            axis = a.get('axis', 1)
            out = ins[0].reshape(int(np.prod(ins[0].shape[:axis])), -1)
        elif op == 'Add':
            out = ins[0] + ins[1]
        elif op == 'Sub':
            out = ins[0] - ins[1]
        elif op == 'Mul':
            out = ins[0] * ins[1]
        elif op == 'Cast':
            out = ins[0].astype(ONNX_TO_NUMPY[a['to']])
        elif op == 'Identity':
            out = ins[0]
        elif op == 'StringNormalizer':
            mode = a.get('case_change_action', b'NONE')
            mode = mode.decode() if isinstance(mode, bytes) else mode
            f = {'UPPER': str.upper, 'LOWER': str.lower}.get(mode, lambda s: s)
            out = np.vectorize(lambda s: f(s.decode() if isinstance(s, bytes) else s), otypes=[object])(ins[0])
        elif op == 'Reshape':
            out = ins[0].reshape([int(d) for d in ins[1]])
        else:
            raise NotImplementedError(f'reference evaluator has no {op}')
        env[node.output[0]] = out
    return {o.name: env[o.name] for o in model.graph.output}
