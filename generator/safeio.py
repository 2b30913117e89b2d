"""Guards where files enter and leave policygen.

- ``read_regular``: every input file (answers files, ``extends`` bases, overlay templates) is read
  through it. Only regular files are read: the path is checked with ``os.stat`` before it is
  opened, and opened with ``O_NONBLOCK`` and checked again, so a named pipe never hangs the run and
  a device (``/dev/zero``) is never read; a symlink loop is reported as such; the size limit is
  enforced while reading, not only from ``st_size`` (a file that grows is still cut off).
- ``overlay_template`` and ``overlay_digest``: files of an overlay directory must be regular files
  physically inside it (a symlink may point only inside the overlay), of template size.
- ``output_path``: every output path is resolved (``..`` and symlinks) and must stay inside the
  output folder.

Errors are ``InputFileError`` carrying a message code of ``messages.py``; each front door words
them in the interface language with the place it knows (an answers file's line, a template).
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from pathlib import Path

#: Bytes in one overlay template (a page of text; the policy's own templates are under 10 kB).
MAX_TEMPLATE_BYTES = 1_000_000
#: Files in one overlay directory.
MAX_OVERLAY_FILES = 1_000

_CHUNK = 1 << 16
_BREAKS = re.compile(r"\r\n|[\r\n]")


#: The largest answers file read (a page of text; the located loader reports a larger one).
MAX_ANSWERS_BYTES = 1_000_000


class InputFileError(Exception):
    """A file that cannot be used as input: ``code`` names the message in ``messages.py``."""

    def __init__(self, file: str, code: str, line: int = 0, column: int = 0, **params: object) -> None:
        self.file, self.code, self.line, self.column, self.params = file, code, line, column, params
        super().__init__(f"{file}: {code}")


class OutsideOutput(Exception):
    """An output path that would land outside the output folder."""


def _kind_error(file: str, exc: OSError) -> InputFileError:
    if isinstance(exc, FileNotFoundError):
        return InputFileError(file, "file_missing")
    if exc.errno == errno.ELOOP:
        return InputFileError(file, "file_symlink_loop")
    return InputFileError(file, "file_unreadable", reason=exc.strerror or str(exc))


def _checked_stat(file: str) -> os.stat_result:
    try:
        info = os.stat(file)
    except OSError as exc:
        raise _kind_error(file, exc) from None
    except ValueError:  # an embedded NUL: no file can have this name
        raise InputFileError(file, "file_missing") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputFileError(file, "file_not_regular")
    return info


def read_regular(path: str | os.PathLike[str], limit: int, *, code_too_large: str = "file_too_large") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; ``InputFileError`` otherwise."""
    file = os.fspath(path)
    info = _checked_stat(file)
    if info.st_size > limit:
        raise InputFileError(file, code_too_large, limit=limit)
    try:
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _kind_error(file, exc) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced between the check and the open
            raise InputFileError(file, "file_not_regular")
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = os.read(fd, _CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise InputFileError(file, code_too_large, limit=limit)
            chunks.append(chunk)
    except OSError as exc:
        raise _kind_error(file, exc) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def file_digest(path: str | os.PathLike[str], limit: int) -> str | None:
    """The SHA-256 of a regular file's bytes, or None when it is not one (or is over ``limit``)."""
    try:
        return hashlib.sha256(read_regular(path, limit)).hexdigest()
    except InputFileError:
        return None


def line_col(text: str, position: int) -> tuple[int, int]:
    """1-based line and column of ``position`` in ``text``, as an editor counts them: a line ends
    at LF, CR LF or a CR alone (a file saved with classic Mac line ends)."""
    line, start = 1, 0
    for match in _BREAKS.finditer(text, 0, position):
        line, start = line + 1, match.end()
    return line, position - start + 1


def decode_utf8(data: bytes, file: str) -> str:
    """UTF-8 text (a byte-order mark is dropped); a bad byte is an error at its line and column."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8-sig")
        line, column = line_col(before, len(before))
        raise InputFileError(file, "not_utf8", line, column) from None


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def overlay_template(directory: str, name: str, root: str | None = None) -> tuple[str, str] | None:
    """The text and file name of template ``name`` (``a/b.md.j2``) in ``directory`` (an overlay's
    language folder), or None when there is no such entry. An entry that is not a regular file
    physically inside the overlay ``root`` (default: ``directory``), is too large or is not UTF-8
    is an ``InputFileError``."""
    pieces = [piece for piece in name.split("/") if piece not in ("", ".")]
    if any(piece == ".." or os.sep in piece for piece in pieces):
        return None  # Jinja refuses such names itself
    file = os.path.join(directory, *pieces)
    if not os.path.lexists(file):
        return None
    root = root or directory
    if not _inside(os.path.realpath(file), os.path.realpath(root)):
        raise InputFileError(file, "template_outside_overlay", dir=root)
    data = read_regular(file, MAX_TEMPLATE_BYTES, code_too_large="template_file_too_large")
    return decode_utf8(data, file), file


def overlay_digest(directory: Path) -> str:
    """A hash of every file under an overlay directory (names and bytes).

    Every entry must be a regular file or a folder physically inside the overlay, each file at most
    ``MAX_TEMPLATE_BYTES`` and at most ``MAX_OVERLAY_FILES`` of them; else ``InputFileError``
    naming the entry (the same rules as ``overlay_template``: what could not be used is refused
    here, before anything is rendered)."""
    h = hashlib.sha256(b"overlay\0")
    root = os.path.realpath(directory)
    count = 0
    for folder, dirs, files in os.walk(directory, onerror=_raise, followlinks=False):
        dirs.sort()
        for name in sorted(files) + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            file = os.path.join(folder, name)
            if not _inside(os.path.realpath(file), root):
                raise InputFileError(file, "template_outside_overlay", dir=str(directory))
            if os.path.isdir(file):
                continue  # a link to a folder inside the overlay: its files are hashed where they are
            count += 1
            if count > MAX_OVERLAY_FILES:
                raise InputFileError(str(directory), "overlay_too_many_files", limit=MAX_OVERLAY_FILES)
            data = read_regular(file, MAX_TEMPLATE_BYTES, code_too_large="template_file_too_large")
            h.update(os.path.relpath(file, directory).replace(os.sep, "/").encode("utf-8", "surrogateescape") + b"\0")
            h.update(hashlib.sha256(data).digest())
    return h.hexdigest()


def _raise(exc: OSError) -> None:
    raise _kind_error(exc.filename or "?", exc)


def output_path(out: Path, relative: str) -> Path:
    """``out / relative``, normalised, after checking that it resolves (``..`` and symlinks
    followed, as far as they exist) to a place strictly inside ``out``; ``OutsideOutput`` if not."""
    if not relative or os.path.isabs(relative) or "\0" in relative:
        raise OutsideOutput(relative)
    target = os.path.normpath(os.path.join(out, relative))
    root = os.path.realpath(out)
    real = os.path.realpath(target)
    if real == root or not _inside(real, root):
        raise OutsideOutput(relative)
    return Path(target)
