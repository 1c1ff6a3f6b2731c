"""Values sent between the grader and a confined interpreter, as plain data: no pickle, no objects with code.

A learner's function runs, for grading, in another interpreter (:mod:`~coursekit.course.tools.sandbox`);
what it returns comes back through :func:`encode` and :func:`decode` as one line of JSON. Only data
crosses: numbers, strings, ``None``, tuples, lists, dicts with string keys, numpy arrays and scalars
(in ``.npy`` form, read with ``allow_pickle=False``, so an array subclass arrives as a plain array and an
object array is refused). A value that is one of the call's arguments is sent as a reference to it, so
the grader sees the very same object come back, as the exercise's checks of shared arrays expect.

This module imports only the standard library and numpy: its source is also the confined side's code.

>>> decode(encode((1, 2.5, "x", None, [True], {"k": np.arange(3)})))
(1, 2.5, 'x', None, [True], {'k': array([0, 1, 2])})
"""

from __future__ import annotations

import base64
import io
import json

import numpy as np

__all__ = ["NotData", "decode", "encode"]


class NotData(TypeError):
    """A value that cannot cross: a function, an object, an object array, a dict with keys that are not strings."""


def encode(value, args: tuple = ()) -> str:
    """``value`` as one line of JSON; an object that ``is`` one of ``args`` is sent as its position."""
    return json.dumps(_tree(value, {id(arg): i for i, arg in enumerate(args) if _mutable(arg)}))


def decode(line: str, args: tuple = ()):
    """The value of :func:`encode`'s line; a reference to argument ``i`` becomes ``args[i]`` itself."""
    return _value(json.loads(line), args)


def _mutable(value) -> bool:
    return isinstance(value, (np.ndarray, list, dict))


def _tree(value, positions: dict):
    if id(value) in positions and _mutable(value):
        return {"arg": positions[id(value)]}
    if value is None or isinstance(value, (bool, int, float)) and type(value) in (bool, int, float):
        return value
    if isinstance(value, str) and type(value) is str:
        return {"str": value}
    if isinstance(value, (np.ndarray, np.generic)):
        array = np.asarray(value)
        if array.dtype.hasobject:
            raise NotData(f"an array of Python objects cannot be sent, got dtype {array.dtype}")
        buffer = io.BytesIO()
        np.save(buffer, np.array(array), allow_pickle=False)
        return {"npy": base64.b64encode(buffer.getvalue()).decode("ascii"), "scalar": isinstance(value, np.generic)}
    if type(value) in (tuple, list):
        return {type(value).__name__: [_tree(item, positions) for item in value]}
    if type(value) is dict:
        if not all(type(key) is str for key in value):
            raise NotData(f"a dict's keys must be strings to be sent, got {sorted(map(repr, value))[:3]}")
        return {"dict": {key: _tree(item, positions) for key, item in value.items()}}
    raise NotData(f"only numbers, strings, None, tuples, lists, dicts and numpy arrays can be sent, got "
                  f"{type(value).__name__}")


def _value(tree, args: tuple):
    if tree is None or isinstance(tree, (bool, int, float)):
        return tree
    (kind,) = set(tree) - {"scalar"}
    if kind == "arg":
        return args[tree["arg"]]
    if kind == "str":
        return tree["str"]
    if kind == "npy":
        array = np.load(io.BytesIO(base64.b64decode(tree["npy"])), allow_pickle=False)
        return array[()] if tree["scalar"] else array
    if kind == "tuple":
        return tuple(_value(item, args) for item in tree["tuple"])
    if kind == "list":
        return [_value(item, args) for item in tree["list"]]
    if kind == "dict":
        return {key: _value(item, args) for key, item in tree["dict"].items()}
    raise NotData(f"not a value of this wire format: {kind!r}")
