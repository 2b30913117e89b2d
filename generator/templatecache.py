"""Compiled templates kept between runs (``usercache``), so a fresh process does not compile every
clause again: Jinja2 compiles each template to Python code on first use, about a quarter of a cold
build. One file per template, headed by a checksum of the template's source: a template whose source
changed is compiled again, never served from the cache. Unlike Jinja2's own file cache, reading it
never unpickles, and a damaged file is compiled anew instead of raising.
"""

from __future__ import annotations

import marshal
import sys
from pathlib import Path

from jinja2 import __version__ as jinja_version
from jinja2.bccache import Bucket, BytecodeCache

from . import usercache

#: Changes whenever the stored form could: our format, Jinja2's and Python's versions.
_MAGIC = f"policygen-templates 1 jinja2 {jinja_version} {sys.implementation.cache_tag}\n".encode()


class TemplateCache(BytecodeCache):
    """Compiled templates of one kind of environment in ``folder`` (created on first write)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, bucket: Bucket) -> Path:
        return self.folder / f"{bucket.key}.bin"

    def _header(self, bucket: Bucket) -> bytes:
        return _MAGIC + bucket.checksum.encode("ascii") + b"\n"

    def load_bytecode(self, bucket: Bucket) -> None:
        data, header = usercache.read(self._file(bucket)), self._header(bucket)
        if data is None or not data.startswith(header):
            return
        try:
            bucket.code = marshal.loads(data[len(header) :])
        except Exception:
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            usercache.write(self._file(bucket), self._header(bucket) + marshal.dumps(bucket.code))


def template_cache(kind: str) -> TemplateCache | None:
    """The cache for one kind of environment (plain or sandboxed: kept apart, their code may differ)."""
    root = usercache.cache_root()
    return None if root is None else TemplateCache(root / f"templates-{kind}")
