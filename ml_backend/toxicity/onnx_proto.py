"""A minimal writer of ONNX model files (protobuf wire format), so building the encoder graph needs no ``onnx``.

Only what the encoder graph uses: a model with opset imports, one graph of nodes (int, float and ints
attributes), initializers as raw little-endian bytes, and typed inputs / outputs with symbolic or fixed dims. Field
numbers are those of ``onnx/onnx.proto`` (stable since IR version 3).

Example:
    >>> import numpy as np
    >>> g = Graph("g")
    >>> g.input("x", FLOAT, ["N"]); g.output("y", FLOAT, ["N"])
    >>> _ = g.initializer("two", np.array([2.0], np.float32))
    >>> _ = g.node("Mul", ["x", "two"], ["y"])
    >>> model_bytes(g, opsets={"": 18})[:2]
    b'\\x08\\t'
"""

from __future__ import annotations

import struct
from collections.abc import Sequence

import numpy as np

# TensorProto.DataType
FLOAT, UINT8, INT8, INT32, INT64 = 1, 2, 3, 6, 7
_NUMPY_TYPES = {np.dtype(np.float32): FLOAT, np.dtype(np.uint8): UINT8, np.dtype(np.int8): INT8,
                np.dtype(np.int32): INT32, np.dtype(np.int64): INT64}
IR_VERSION = 9


def _varint(value: int) -> bytes:
    value &= (1 << 64) - 1  # negative int64 -> two's complement, as protobuf does
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _key(field: int, wire: int) -> bytes:
    return _varint((field << 3) | wire)


def _int(field: int, value: int) -> bytes:
    return _key(field, 0) + _varint(value)


def _bytes(field: int, value: bytes) -> bytes:
    return _key(field, 2) + _varint(len(value)) + value


def _str(field: int, value: str) -> bytes:
    return _bytes(field, value.encode("utf-8"))


def _float(field: int, value: float) -> bytes:
    return _key(field, 5) + struct.pack("<f", value)


def _attribute(name: str, value: int | float | Sequence[int]) -> bytes:
    if isinstance(value, bool) or isinstance(value, int):
        return _str(1, name) + _int(3, int(value)) + _int(20, 2)  # INT
    if isinstance(value, float):
        return _str(1, name) + _float(2, value) + _int(20, 1)  # FLOAT
    return _str(1, name) + b"".join(_int(8, int(v)) for v in value) + _int(20, 7)  # INTS


def _tensor(name: str, array: np.ndarray) -> list[bytes | memoryview]:
    """TensorProto as chunks: the raw data is a view of the array, copied once, into the final file."""
    array = np.ascontiguousarray(array.astype(array.dtype.newbyteorder("<"), copy=False))
    data = memoryview(array).cast("B")
    head = b"".join(_int(1, d) for d in array.shape) + _int(2, _NUMPY_TYPES[array.dtype]) + _str(8, name)
    return [head, _key(9, 2), _varint(len(data)), data]


def _chunks_len(chunks: list[bytes | memoryview]) -> int:
    return sum(len(c) for c in chunks)


def _value_info(name: str, elem_type: int, dims: Sequence[int | str]) -> bytes:
    shape = b"".join(_bytes(1, _str(2, d) if isinstance(d, str) else _int(1, d)) for d in dims)
    tensor_type = _int(1, elem_type) + _bytes(2, shape)
    return _str(1, name) + _bytes(2, _bytes(1, tensor_type))


class Graph:
    """Nodes, initializers, inputs and outputs of one ONNX graph, serialised as they are added."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._nodes: list[bytes] = []
        self._inits: list[list[bytes | memoryview]] = []
        self._inputs: list[bytes] = []
        self._outputs: list[bytes] = []
        self._count = 0

    def node(self, op: str, inputs: Sequence[str], outputs: Sequence[str], domain: str = "",
             **attributes: int | float | Sequence[int]) -> str:
        """Add a node; returns its first output's name."""
        self._count += 1
        body = b"".join(_str(1, i) for i in inputs) + b"".join(_str(2, o) for o in outputs)
        body += _str(3, f"n{self._count}_{op}") + _str(4, op)
        body += b"".join(_bytes(5, _attribute(k, v)) for k, v in attributes.items())
        if domain:
            body += _str(7, domain)
        self._nodes.append(body)
        return outputs[0]

    def initializer(self, name: str, array: np.ndarray) -> str:
        """Add a constant tensor; returns its name."""
        self._inits.append(_tensor(name, array))
        return name

    def input(self, name: str, elem_type: int, dims: Sequence[int | str]) -> None:
        self._inputs.append(_value_info(name, elem_type, dims))

    def output(self, name: str, elem_type: int, dims: Sequence[int | str]) -> None:
        self._outputs.append(_value_info(name, elem_type, dims))

    def chunks(self) -> list[bytes | memoryview]:
        """The serialised GraphProto as a list of chunks (the initializers' data are views, not copies)."""
        out: list[bytes | memoryview] = [b"".join(_bytes(1, n) for n in self._nodes) + _str(2, self.name)]
        for tensor in self._inits:
            out += [_key(5, 2), _varint(_chunks_len(tensor)), *tensor]
        out.append(b"".join(_bytes(11, i) for i in self._inputs) + b"".join(_bytes(12, o) for o in self._outputs))
        return out


def model_bytes(graph: Graph, opsets: dict[str, int], producer: str = "labelguide") -> bytes:
    """The serialised ModelProto holding ``graph`` (``opsets``: domain -> version, ``""`` = the ONNX domain)."""
    body = graph.chunks()
    head = _int(1, IR_VERSION) + _str(2, producer) + _key(7, 2) + _varint(_chunks_len(body))
    tail = b"".join(_bytes(8, (_str(1, d) if d else b"") + _int(2, v)) for d, v in opsets.items())
    return b"".join([head, *body, tail])
