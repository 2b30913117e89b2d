"""The answers model seen through question paths: which field a path names, its type, its values.

A question path names a field of the answers model: ``controllers[].address.city``, where ``[]``
stands for an item of a list, and ``purposes{}.retention.days``, where ``{}`` stands for a value of
a mapping (here: the override of one built-in purpose). Validation uses the field's own pydantic
type, so a NIP, an e-mail address or a URL is judged exactly as in ``policygen build``.
"""

from __future__ import annotations

import types
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import PydanticUndefined

from ..fields import LangText, Url
from ..messages import message
from ..model import Answers


def _strip_optional(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model of a field's value, or of each item of a list field (not of mapping values)."""
    inner = _strip_optional(annotation)
    if get_origin(inner) is list:
        inner = get_args(inner)[0]
    if isinstance(inner, type) and issubclass(inner, BaseModel) and inner is not LangText:
        return inner
    return None


def _value_model(annotation: Any) -> type[BaseModel] | None:
    """The model of each value of a mapping field (``dict[id, Model]``), else None."""
    inner = _strip_optional(annotation)
    if get_origin(inner) is dict:
        return _model_of(get_args(inner)[1])
    return None


def _step(model: type[BaseModel] | None, part: str) -> tuple[Any, type[BaseModel] | None]:
    """One segment of a path: the field's info and the model its segments below belong to."""
    name = part.removesuffix("[]").removesuffix("{}")
    if model is None or name not in model.model_fields:
        raise KeyError(part)
    info = model.model_fields[name]
    return info, _value_model(info.annotation) if part.endswith("{}") else _model_of(info.annotation)


def field_info(path: str) -> Any:
    """The pydantic FieldInfo of a question path, or KeyError."""
    model: type[BaseModel] | None = Answers
    info = None
    for part in path.split("."):
        try:
            info, model = _step(model, part)
        except KeyError:
            raise KeyError(path) from None
    return info


def model_of(path: str) -> type[BaseModel] | None:
    """The model of the value at ``path`` (of each item or mapping value for ``[]`` / ``{}``)."""
    model: type[BaseModel] | None = Answers
    for part in path.split("."):
        model = _step(model, part)[1]
    return model


def model_paths(model: type[BaseModel] = Answers, prefix: str = "") -> list[str]:
    """Every leaf field path of the model (nested models are walked, not listed themselves)."""
    out = []
    for name, info in model.model_fields.items():
        inner = _strip_optional(info.annotation)
        values = _value_model(info.annotation)
        if values is not None:
            out += model_paths(values, f"{prefix}{name}{{}}.")
            continue
        is_list = get_origin(inner) is list
        path = f"{prefix}{name}{'[]' if is_list and _model_of(inner) else ''}"
        sub = _model_of(info.annotation)
        if sub is None:
            out.append(path)
        else:
            out += model_paths(sub, path + ".")
    return out


def model_default(path: str) -> Any:
    """The model's default for the field at ``path`` (None when it has none)."""
    info = field_info(path)
    if info.default_factory is not None:
        return info.default_factory()
    return None if info.default is PydanticUndefined else info.default


def required_items(path: str) -> bool:
    """Whether a list field needs at least one item."""
    return any(getattr(m, "min_length", 0) for m in field_info(path).metadata)


def is_list(path: str) -> bool:
    return get_origin(_strip_optional(field_info(path).annotation)) is list


def is_url(path: str) -> bool:
    """Whether the field takes a web address (``fields.Url``, its validator alone or annotated)."""
    info = field_info(path)
    return _strip_optional(info.annotation) == Url or any(m == Url.__metadata__[0] for m in info.metadata)


def lang_text_only(path: str) -> bool:
    """Whether the field takes a text per language only (no single string for every language)."""
    return _strip_optional(field_info(path).annotation) is LangText


@cache
def _adapter(path: str) -> TypeAdapter:
    info = field_info(path)
    if not info.metadata:
        return TypeAdapter(info.annotation)
    return TypeAdapter(Annotated[(info.annotation, *info.metadata)])


def validate_value(path: str, value: Any, lang: str) -> str | None:
    """None when the value is valid for the field, else the batch-mode message in ``lang``."""
    try:
        _adapter(path).validate_python(value)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        ctx = dict(err.get("ctx") or {})
        if "expected" in ctx:
            ctx["expected"] = str(ctx["expected"]).replace("'", "")
        return message(err["type"], lang, **{k: v for k, v in ctx.items() if k != "error"})
    return None


def literal_values(path: str) -> tuple[str, ...]:
    """The allowed values of a closed-vocabulary field (list items included)."""
    annotation = _strip_optional(field_info(path).annotation)
    if get_origin(annotation) is list:
        annotation = get_args(annotation)[0]
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) is Literal:
        return tuple(get_args(annotation))
    return ()


__all__ = [
    "field_info",
    "is_list",
    "is_url",
    "lang_text_only",
    "literal_values",
    "model_default",
    "model_of",
    "model_paths",
    "required_items",
    "validate_value",
]
