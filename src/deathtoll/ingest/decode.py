"""Bytes to text: encoding detection, binary refusal, and text normalisation.

Every reader goes through here, so every input gets the same rules:

- UTF-8 (with or without a byte-order mark) is tried first; UTF-16/32 are read
  only when they carry a byte-order mark.
- A file with NUL bytes and no such mark is binary and refused.
- Anything else is handed to charset-normalizer; when it finds nothing
  plausible the input is refused rather than read as mojibake.
- Text is normalised the same way everywhere (:func:`normalise_text`), because
  character offsets of the evidence spans point into the normalised text.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path
from typing import BinaryIO, Iterator

from deathtoll.errors import InputError

__all__ = [
    "SAMPLE_BYTES",
    "decode_bytes",
    "detect_encoding",
    "iter_decoded_lines",
    "normalise_text",
    "read_bytes",
]

SAMPLE_BYTES = 64 * 1024
"""How much of a line-based file is looked at to choose its encoding."""

BINARY = "binary file"
UNDECODABLE = "cannot decode: not text in any known encoding"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# When charset-normalizer finds several encodings equally clean (short, mostly
# ASCII text often decodes without "chaos" in a dozen code pages), prefer the
# ones news text is actually written in.
_PREFERRED = ("cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "cp1256", "iso8859_6")

_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f"}
_BLANK_RUNS = re.compile(r"\n{3,}")


def _bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def _plausible(text: str) -> bool:
    """False when the decoded text is mostly control or unassigned characters."""
    if not text:
        return True
    bad = 0
    for ch in text:
        cat = unicodedata.category(ch)
        if (cat == "Cc" and ch not in _ALLOWED_CONTROLS) or cat in ("Cn", "Co", "Cs"):
            bad += 1
    return bad / len(text) < 0.02


def detect_encoding(sample: bytes, *, complete: bool) -> str:
    """Choose the encoding of a file from (a sample of) its bytes.

    Args:
        sample: the first bytes of the file, or all of them.
        complete: True when ``sample`` is the whole file (a multi-byte UTF-8
            character cut at the end of a partial sample is then not an error).

    Returns:
        A codec name usable with :func:`codecs.lookup`.

    Raises:
        ValueError: with the reason (``binary file`` or ``cannot decode: …``).
    """
    bom = _bom_encoding(sample)
    if bom:
        return bom
    if b"\x00" in sample:
        raise ValueError(BINARY)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    results = list(from_bytes(sample))
    if not results:
        raise ValueError(UNDECODABLE)
    cleanest = min(r.chaos for r in results)
    clean = [r for r in results if r.chaos <= cleanest + 0.005]
    for name in _PREFERRED:
        for r in clean:
            if codecs.lookup(r.encoding).name == codecs.lookup(name).name:
                return r.encoding
    return results[0].encoding


def decode_bytes(data: bytes) -> str:
    """Decode a whole file's bytes (see the module docstring for the rules).

    Raises:
        ValueError: with the reason, for the caller to wrap in an InputError.
    """
    encoding = detect_encoding(data, complete=True)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:  # a detected code page that still fails
        raise ValueError(UNDECODABLE) from err
    if encoding != "utf-8" and not _plausible(text):
        raise ValueError(UNDECODABLE)
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def read_bytes(path: Path, shown: str, limit: int | None = None) -> bytes:
    """Read a file (or its first ``limit`` bytes), turning OS errors into an
    InputError naming ``shown``."""
    try:
        with path.open("rb") as f:
            return f.read() if limit is None else f.read(limit)
    except FileNotFoundError:
        raise InputError(shown, "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(shown, "is a directory") from None
    except OSError as err:
        raise InputError(shown, f"cannot read: {(err.strerror or str(err)).lower()}") from None


def iter_decoded_lines(stream: BinaryIO, shown: str) -> Iterator[tuple[int, str | InputError]]:
    """Yield ``(line_number, text_or_error)`` for each line of a binary stream.

    The encoding is chosen from the first :data:`SAMPLE_BYTES`; each line is
    then decoded on its own, so one undecodable line is reported (as an
    :class:`InputError` in place of the text) and the next one is still read.
    Line endings are kept, as the csv module wants them.

    Raises:
        InputError: when the file as a whole is binary or undecodable.
    """
    sample = stream.read(SAMPLE_BYTES)
    complete = len(sample) < SAMPLE_BYTES
    try:
        encoding = detect_encoding(sample, complete=complete)
    except ValueError as err:
        raise InputError(shown, str(err)) from None
    if encoding in ("utf-16", "utf-32"):
        # Newline bytes are not line boundaries in these: decode as a stream.
        stream.seek(0)
        import io

        wrapper = io.TextIOWrapper(stream, encoding=encoding, newline="")
        try:
            for n, line in enumerate(wrapper, 1):
                yield n, line
        except UnicodeDecodeError:
            raise InputError(shown, UNDECODABLE) from None
        finally:
            wrapper.detach()
        return
    stream.seek(0)
    for n, raw in enumerate(stream, 1):
        if n == 1 and encoding == "utf-8-sig":
            raw = raw[len(codecs.BOM_UTF8):]
        try:
            line = raw.decode("utf-8" if encoding == "utf-8-sig" else encoding)
        except UnicodeDecodeError:
            yield n, InputError(shown, f"cannot decode line as {encoding}", line=n)
            continue
        if "\x00" in line:
            yield n, InputError(shown, BINARY, line=n)
            continue
        yield n, line


def normalise_text(text: str) -> str:
    """The one text normalisation every reader applies.

    Newlines become ``\\n``, trailing spaces go, runs of blank lines shrink to
    one blank line (paragraph breaks are kept: later stages use them), the text
    is put in Unicode NFC form and stripped at both ends.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = unicodedata.normalize("NFC", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()
