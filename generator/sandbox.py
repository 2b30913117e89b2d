"""The Jinja2 sandbox that overlay templates (the user's own) render in.

Jinja2's ``ImmutableSandboxedEnvironment`` hides Python internals (``_`` attributes) and stops
changes to lists and dicts, but lets a template read and call every other public attribute. The
Policy holds pydantic models, whose public API reads files and unpickles (``parse_raw``), so here:

- on pydantic models and dataclasses, a template reaches only the declared fields and the
  properties and methods written in this package's own classes (an allow-list: nothing that
  pydantic, ``object`` or any other library defines); classes are neither readable nor callable;
- no single operation may build a value beyond ``MAX_SIZE`` characters or items: repetition,
  concatenation, powers, formatting widths and calls whose inputs could build more are refused
  *before* they run, every result is checked after, and one template may print at most
  ``MAX_OUTPUT`` characters.

The size limits stop one expression from exhausting memory. They are no quota on a whole template:
nested loops over large ranges still take long, and text a macro or ``{% set %}`` block builds in a
loop is checked only when it is complete; only a process limit (time, memory) bounds those.
"""

from __future__ import annotations

import dataclasses
import inspect
import itertools
import re
import types
from collections.abc import Callable, ItemsView, Iterable, Iterator, KeysView, Mapping, ValuesView
from functools import cache, update_wrapper, wraps
from typing import Any

from jinja2.runtime import Context, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedFormatter, SecurityError
from markupsafe import EscapeFormatter, Markup
from pydantic import BaseModel

#: Characters or items in one value a template builds (a whole policy is well under 100 000).
MAX_SIZE = 1_000_000
#: The worst-case size of what one call may build from its arguments (their sizes multiplied).
MAX_WORK = 10_000_000
#: Bits in one integer (about 300 000 decimal digits).
MAX_INT_BITS = 1_000_000
#: Items in ``range()`` (Jinja2's own limit).
MAX_RANGE = 100_000
#: Characters one template may print.
MAX_OUTPUT = 10_000_000

#: Methods and functions whose integer arguments set the size of their result.
_SIZED_BY_NUMBERS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs", "to_bytes", "generate_lorem_ipsum"})
_SIZED_FILTERS = frozenset({"center", "indent", "batch", "slice"})
_PERCENT_SPEC = re.compile(r"%(?:\(([^)]*)\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?(.)?", re.DOTALL)
_DIGITS = re.compile(r"\d+")
_MISSING = object()


class TemplateTooLarge(Exception):
    """A template tried to build a value larger than the sandbox allows."""


def _ours(module: object) -> bool:
    return isinstance(module, str) and (module == "generator" or module.startswith("generator."))


def _guarded(obj: object) -> bool:
    """Whether ``obj`` is an instance whose attributes go through the allow-list."""
    return isinstance(obj, BaseModel) or (dataclasses.is_dataclass(obj) and not isinstance(obj, type))


@cache
def reachable(cls: type) -> frozenset[str]:
    """The attributes a template may use on an instance of ``cls``: declared fields, and the public
    properties and methods of this package's classes (never a name pydantic's BaseModel defines)."""
    names: set[str] = set()
    if issubclass(cls, BaseModel):
        names.update(cls.model_fields, cls.model_computed_fields)
    if dataclasses.is_dataclass(cls):
        names.update(f.name for f in dataclasses.fields(cls))
    for klass in cls.__mro__:
        if _ours(klass.__module__):
            names.update(
                name
                for name, member in vars(klass).items()
                if not name.startswith("_")
                and not hasattr(BaseModel, name)
                and isinstance(member, property | types.FunctionType)
            )
    return frozenset(names)


def _too_large() -> TemplateTooLarge:
    return TemplateTooLarge("the template builds a value that is too large")


#: Values whose size can be known without consuming them (Jinja's Undefined is none of these).
_SIZED = (str, bytes, list, tuple, dict, set, frozenset, range, KeysView, ValuesView, ItemsView)


def _length(value: object) -> int | None:
    return len(value) if isinstance(value, _SIZED) else None


def _weight(value: object) -> int:
    """How much a value can contribute to what is built from it: its length, plus the lengths of
    the strings it holds."""
    if isinstance(value, str | bytes):
        return len(value)
    if isinstance(value, _SIZED):
        size = len(value)
        if size <= MAX_SIZE:
            size += sum(len(item) for item in value if isinstance(item, str | bytes))
        return size
    return 0


def _materialize(value: Any) -> Any:
    """Iterators (``map``, ``select``, …) become lists, so that their size can be weighed."""
    if isinstance(value, Iterator):
        items = list(itertools.islice(value, MAX_SIZE + 1))
        if len(items) > MAX_SIZE:
            raise _too_large()
        return items
    return value


def _check_work(values: Iterable[Any], numbers_count: bool) -> None:
    work = 1
    for value in values:
        work *= 1 + _weight(value)
        if numbers_count and isinstance(value, int) and not isinstance(value, bool):
            work *= 1 + abs(value)
        if work > MAX_WORK:
            raise _too_large()


def _check_result(value: Any) -> Any:
    size = _length(value)
    if size is not None and size > MAX_SIZE:
        raise _too_large()
    return value


def percent_size(template: str, args: Any) -> int:
    """An upper bound of ``len(template % args)``, found without building it: the template's own
    length plus, for each conversion, the larger of its width and what its value can print
    (widths and precisions given by ``*`` included)."""
    mapping = args if isinstance(args, Mapping) else None
    positional = list(args) if isinstance(args, tuple) else [args]
    taken = 0

    def take() -> Any:
        nonlocal taken
        taken += 1
        return positional[taken - 1] if taken <= len(positional) else None

    size = len(template)
    for match in _PERCENT_SPEC.finditer(template):
        key, width, precision, conversion = match.groups()
        if conversion == "%":
            continue
        numbers = [take() if part == "*" else int(part) if part else None for part in (width, precision)]
        wide, precise = (abs(n) if _is_int(n) else 0 for n in numbers)
        value = (mapping or {}).get(key) if key is not None else take()
        if conversion in ("s", "r", "a"):
            body = _printed_size(value)
            body = min(body, precise) if numbers[1] is not None else body
        else:
            body = _printed_size(value) + precise
        size += max(wide, body)
    return size


def _printed_size(value: Any) -> int:
    """At most how many characters ``str(value)`` of a template value holds (an estimate for
    objects: their own text is bounded when it is built)."""
    if isinstance(value, str | bytes):
        return len(value)
    if isinstance(value, float):
        return 330  # "%f" of 1e308
    if _is_int(value):
        return value.bit_length() // 3 + 2
    return 4 * _weight(value) + 64


def check_percent(template: str, args: Any) -> None:
    """``template % args`` would build more than MAX_SIZE characters: refuse it before it runs."""
    if percent_size(template, args) > MAX_SIZE:
        raise _too_large()


def _check_spec(spec: str) -> None:
    """A ``str.format`` field spec such as ``>20`` or ``.3f``: no number beyond MAX_SIZE."""
    if any(int(number) > MAX_SIZE for number in _DIGITS.findall(spec)):
        raise _too_large()


class _Formatter(SandboxedFormatter):
    """``str.format`` with each field spec checked, and the whole result counted as it is built."""

    _built = 0

    def vformat(self, format_string: str, args: Any, kwargs: Any) -> str:
        self._built = len(format_string)
        return super().vformat(format_string, args, kwargs)

    def format_field(self, value: Any, format_spec: str) -> Any:
        _check_spec(format_spec)
        result = _check_result(super().format_field(value, format_spec))
        self._built += len(result)
        if self._built > MAX_SIZE:
            raise _too_large()
        return result


class _EscapeFormatter(_Formatter, EscapeFormatter):
    pass


class OverlaySandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with an allow-list on our objects and limits on value sizes."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = _range
        # Jinja2's own filters call Python directly (not through ``call``): guard each one. Ours,
        # added later by the caller, are guarded as they are added (``_Filters``).
        self.filters = _Filters({name: _guard_filter(name, f) for name, f in self.filters.items()})

    # what a template may read and call --------------------------------------------------------
    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if not super().is_safe_attribute(obj, attr, value) or isinstance(obj, type):
            return False
        return attr in reachable(type(obj)) if _guarded(obj) else True

    def getattr(self, obj: Any, attribute: str) -> Any:
        if _guarded(obj) and attribute not in reachable(type(obj)):
            return self._refused(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if _guarded(obj) and isinstance(argument, str) and argument not in reachable(type(obj)):
            return self._refused(obj, argument)
        return super().getitem(obj, argument)

    def _refused(self, obj: Any, name: str) -> Any:
        """Refused before Python evaluates the attribute (a property, a deprecated accessor); one that
        does not exist at all is reported as undefined (a typo), not as unsafe."""
        if inspect.getattr_static(obj, name, _MISSING) is _MISSING:
            return self.undefined(obj=obj, name=name)
        return self.unsafe_undefined(obj, name)

    def is_safe_callable(self, obj: Any) -> bool:
        if not super().is_safe_callable(obj):
            return False
        if isinstance(obj, type):
            return not (issubclass(obj, BaseModel) or dataclasses.is_dataclass(obj))
        owner = getattr(obj, "__self__", None)
        if isinstance(owner, type):  # a class method: BaseModel.model_validate, parse_raw, …
            return not (issubclass(owner, BaseModel) or dataclasses.is_dataclass(owner))
        if _guarded(owner):
            function = getattr(obj, "__func__", None)
            return _ours(getattr(function, "__module__", None)) and obj.__name__ in reachable(type(owner))
        return True

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        if not self.is_safe_callable(obj):
            raise SecurityError(f"{obj!r} is not safely callable")
        if not (isinstance(obj, Macro) or _ours(getattr(obj, "__module__", None))):
            args = tuple(_materialize(a) for a in args)
            kwargs = {k: _materialize(v) for k, v in kwargs.items()}
            name = getattr(obj, "__name__", "")
            _check_work((getattr(obj, "__self__", None), *args, *kwargs.values()), name in _SIZED_BY_NUMBERS)
        return _check_result(context.call(obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``str.format`` / ``format_map`` as Jinja2 sandboxes them, with field specs checked."""
        if not isinstance(value, types.MethodType | types.BuiltinMethodType) or value.__name__ not in (
            "format",
            "format_map",
        ):
            return None
        template = value.__self__
        if not isinstance(template, str):
            return None
        formatter = _EscapeFormatter(self, escape=template.escape) if isinstance(template, Markup) else _Formatter(self)
        is_map = value.__name__ == "format_map"

        def wrapper(*args: Any, **kwargs: Any) -> str:
            if is_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                args, kwargs = (), args[0]
            return type(template)(formatter.vformat(template, args, kwargs))

        return update_wrapper(wrapper, value)

    # operators -----------------------------------------------------------------------------
    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            _check_product(left, right)
        elif operator == "**":
            _check_power(left, right)
        elif operator == "+":
            sizes = (_length(left), _length(right))
            if sizes[0] is not None and sizes[1] is not None and sizes[0] + sizes[1] > MAX_SIZE:
                raise _too_large()
        elif operator == "%" and isinstance(left, str):
            check_percent(left, right)
        return _check_result(self.binop_table[operator](left, right))


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_product(left: Any, right: Any) -> None:
    for seq, times in ((left, right), (right, left)):
        size = _length(seq)
        if size is not None and _is_int(times) and size * times > MAX_SIZE:
            raise _too_large()
    if _is_int(left) and _is_int(right) and left.bit_length() + right.bit_length() > MAX_INT_BITS:
        raise _too_large()


def _check_power(base: Any, exponent: Any) -> None:
    big = _is_int(base) and _is_int(exponent) and abs(base) > 1 and exponent > 0
    if big and base.bit_length() * exponent > MAX_INT_BITS:
        raise _too_large()


def _range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise _too_large()
    return numbers


def _guard_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    # Filters marked pass_context / pass_environment / pass_eval_context get that object first.
    skip = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0

    @wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        args = (*args[:skip], *(_materialize(a) for a in args[skip:]))
        kwargs = {k: _materialize(v) for k, v in kwargs.items()}
        if name == "format" and len(args) > skip and isinstance(args[skip], str):
            check_percent(args[skip], kwargs or tuple(args[skip + 1 :]))
        _check_work((*args[skip:], *kwargs.values()), name in _SIZED_FILTERS)
        return _check_result(function(*args, **kwargs))

    return guarded


def _guard_own(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter of this package: what it builds grows with what it is given (a list joined, a text
    escaped), so the sizes of its arguments together may not pass MAX_SIZE; the result is checked
    too."""
    skip = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0

    @wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        args = (*args[:skip], *(_materialize(a) for a in args[skip:]))
        kwargs = {k: _materialize(v) for k, v in kwargs.items()}
        if sum(_weight(value) for value in (*args[skip:], *kwargs.values())) > MAX_SIZE:
            raise _too_large()
        return _check_result(function(*args, **kwargs))

    return guarded


class _Filters(dict[str, Callable[..., Any]]):
    """The sandbox's filter table: every filter added after Jinja2's own (policygen's filters,
    added by ``render.environment``) is guarded by ``_guard_own`` on the way in."""

    def __setitem__(self, name: str, function: Callable[..., Any]) -> None:
        super().__setitem__(name, _guard_own(function))

    def update(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        for name, function in dict(*args, **kwargs).items():
            self[name] = function


__all__ = ["MAX_OUTPUT", "OverlaySandbox", "TemplateTooLarge", "check_percent", "reachable"]
