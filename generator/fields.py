"""Validated field types for the answers model and the service catalogue.

Checksums come from python-stdnum, e-mail syntax from email-validator and phone numbers from
phonenumbers: nothing here hand-writes a checksum. Each library is imported by the first value
that needs it (their imports compile many regular expressions; a file without a phone number
does not pay for phonenumbers). Every failure raises a
``PydanticCustomError`` whose ``type`` is a stable code; ``messages.py`` turns the code into a
sentence in the user's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, get_args

from babel import Locale
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, RootModel, Tag
from pydantic_core import PydanticCustomError

from .languages import SOURCE, codes


class Strict(BaseModel):
    """Base for every answers/catalogue object: unknown keys are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _err(code: str, **ctx: Any) -> PydanticCustomError:
    return PydanticCustomError(code, code.replace("_", " "), ctx)


def _stdnum(module: Any, code: str, value: str) -> str:
    from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError

    try:
        return str(module.validate(value))
    except InvalidChecksum:
        raise _err(f"{code}_checksum") from None
    except (InvalidFormat, InvalidLength, ValidationError):
        raise _err(f"{code}_format") from None


def _nip(value: str) -> str:
    from stdnum.pl import nip

    return _stdnum(nip, "nip", value)


def _regon(value: str) -> str:
    from stdnum.pl import regon

    return _stdnum(regon, "regon", value)


def _vat(value: str) -> str:
    from stdnum.eu import vat

    return _stdnum(vat, "vat", value)


def _krs(value: str) -> str:
    # The KRS number has no check digit: ten digits, leading zeros kept.
    if not re.fullmatch(r"\d{10}", value):
        raise _err("krs_format")
    return value


def _lt_company_code(value: str) -> str:
    # python-stdnum has no Lithuanian legal-entity code module; only the 9-digit format is checked.
    if not re.fullmatch(r"\d{9}", value):
        raise _err("lt_company_code_format")
    return value


def _email(value: str) -> str:
    from email_validator import EmailNotValidError, validate_email

    try:
        normalized = validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        raise _err("email_invalid") from None
    # Valid in an address, but in a mailto: link they start hidden headers (?bcc=…) or a fragment.
    if any(ch in normalized for ch in "?#&"):
        raise _err("email_link_chars")
    return normalized


def _phone(value: str) -> str:
    import phonenumbers

    try:
        number = phonenumbers.parse(value, "PL")
    except phonenumbers.NumberParseException:
        raise _err("phone_invalid") from None
    if not phonenumbers.is_valid_number(number):
        raise _err("phone_invalid")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


_URL = re.compile(r"https?://[A-Za-z0-9.-]+(:\d+)?(/[^\s<>\"'`{}|\\^]*)?")


def check_url(value: str) -> str:
    """A full http(s) address, or a ``url_invalid`` error."""
    if not _URL.fullmatch(value):
        raise _err("url_invalid")
    return value


_TERRITORIES = frozenset(code for code in Locale.parse(SOURCE).territories if code.isalpha() and len(code) == 2)


def _country(value: str) -> str:
    if value not in _TERRITORIES:
        raise _err("country_invalid")
    return value


def _slug(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value):
        raise _err("id_invalid")
    return value


def _text(value: str) -> str:
    if not value:
        raise _err("text_empty")
    if "\n" in value.strip():
        raise _err("text_multiline")
    return _no_controls(value)


#: Control characters free text may not hold (tab and newline may; a one-line field refuses the
#: newline itself): NUL, ESC, BEL and the like would reach the policy and terminals raw.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _no_controls(value: str) -> str:
    found = _CONTROL.search(value)
    if found:
        raise _err("text_control", char=f"U+{ord(found.group()):04X}")
    return value


def _whole_number(value: Any) -> Any:
    # YAML 1.1 reads yes/no/on/off as booleans, and pydantic would take True for 1.
    if isinstance(value, bool):
        raise _err("number_from_bool")
    return value


def _date_input(value: Any) -> Any:
    # pydantic reads a number as seconds since 1970: effective_date: 0 would be 1 January 1970.
    if isinstance(value, bool | int | float | Decimal):
        raise _err("date_type")
    return value


#: Amounts in PLN: at most this, in grosze at the finest (Babel formats them exactly).
MAX_AMOUNT = Decimal(10) ** 12


def _amount_input(value: Any) -> Any:
    if isinstance(value, bool):
        raise _err("number_from_bool")
    return value


def _amount(value: Decimal) -> Decimal:
    if not value.is_finite() or value > MAX_AMOUNT or value.normalize().as_tuple().exponent < -2:  # type: ignore[operator]
        raise _err("amount_invalid", max=f"{MAX_AMOUNT:f}")
    return value


Nip = Annotated[str, AfterValidator(_nip)]
Regon = Annotated[str, AfterValidator(_regon)]
Krs = Annotated[str, AfterValidator(_krs)]
VatId = Annotated[str, AfterValidator(_vat)]
LtCompanyCode = Annotated[str, AfterValidator(_lt_company_code)]
Email = Annotated[str, AfterValidator(_email)]
Phone = Annotated[str, AfterValidator(_phone)]
Url = Annotated[str, AfterValidator(check_url)]
Country = Annotated[str, AfterValidator(_country), Field(description="ISO 3166-1 alpha-2 code, e.g. PL")]
Slug = Annotated[str, AfterValidator(_slug)]
Line = Annotated[str, AfterValidator(_text), Field(max_length=500)]
Paragraph = Annotated[str, Field(min_length=1, max_length=4000), AfterValidator(_no_controls)]
#: A whole number (not yes/no), a date (not a number), an amount in PLN (not yes/no, finite,
#: at most MAX_AMOUNT, at most two decimal places).
#: (Limits of an optional number go before ``WHOLE_NUMBER``, inside the Annotated, so that the
#: JSON Schema shows them: ``Annotated[int, Field(ge=1), WHOLE_NUMBER] | None``.)
WHOLE_NUMBER = BeforeValidator(_whole_number)
Count = Annotated[int, WHOLE_NUMBER]
Day = Annotated[date, BeforeValidator(_date_input)]
Money = Annotated[Decimal, Field(gt=0), BeforeValidator(_amount_input), AfterValidator(_amount)]


def _language_code(value: str) -> str:
    # The registry, read now: it can grow at run time (a language of your own).
    if value not in codes():
        raise _err("language_unknown", choices=", ".join(codes()))
    return value


#: A policy language's code (the registry's; see generator/languages.py).
Lang = Annotated[
    str,
    AfterValidator(_language_code),
    Field(description="A policy language (generator/languages.py)", json_schema_extra={"enum": list(codes())}),
]


class LangText(RootModel[dict[Lang, Paragraph]]):
    """A text given separately for each policy language: ``{pl: …, en: …, de: …}``. Which
    languages it must have is checked against the answers' ``languages`` (``missing_languages``)."""

    model_config = ConfigDict(frozen=True)

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.root.items())))

    def __getitem__(self, lang: str) -> str:
        return self.root[lang]

    def languages(self) -> tuple[str, ...]:
        return tuple(self.root)


def text_in(value: str | LangText, lang: str) -> str:
    """Free text (``Text``) in one language: a plain string is the same in every language. A
    message in an interface language the policy is not written in, or a catalogue text in a
    language the catalogue does not have yet, falls back to the source language, else the first."""
    if isinstance(value, LangText):
        texts = value.root
        return texts.get(lang) or texts.get(SOURCE) or next(iter(texts.values()))
    return value


def free_texts(model: BaseModel, path: tuple[object, ...] = ()) -> Iterator[tuple[tuple[object, ...], object]]:
    """Every free text (a ``Text`` or ``LangText`` field) in a model, with its path."""
    for name, info in type(model).model_fields.items():
        yield from _texts_in(getattr(model, name), (*path, name), _has_langtext(info.annotation))


def _texts_in(value: object, path: tuple[object, ...], is_text: bool) -> Iterator[tuple[tuple[object, ...], object]]:
    if isinstance(value, LangText) or (is_text and isinstance(value, str)):
        yield path, value
    elif isinstance(value, BaseModel):
        yield from free_texts(value, path)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _texts_in(item, (*path, i), is_text)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts_in(item, (*path, key), is_text)


def _has_langtext(annotation: object) -> bool:
    """Whether a field takes free text as a plain string (``Text``: the union tagged "text"); a
    string in a field like ``SourceId | LangText`` is a key, not text."""
    if any(isinstance(meta, Tag) and meta.tag == "text" for meta in getattr(annotation, "__metadata__", ())):
        return True
    return any(_has_langtext(arg) for arg in get_args(annotation))


def missing_languages(value: object, langs: Sequence[str]) -> tuple[str, ...]:
    """The languages of ``langs`` that a free text does not give (a plain string counts for a
    one-language policy only)."""
    if isinstance(value, LangText):
        return tuple(lang for lang in langs if lang not in value.root)
    return tuple(langs) if isinstance(value, str) and len(langs) > 1 else ()


def string_or_langs(string_tag: str, langs_tag: str = "langs") -> Callable[[Any], str | None]:
    """The discriminator of a union of a string type and ``LangText``: ``string_tag`` for a string,
    ``langs_tag`` for a mapping, None (pydantic's custom error) for anything else."""

    def branch(value: Any) -> str | None:
        if isinstance(value, str):
            return string_tag
        if isinstance(value, dict | LangText):
            return langs_tag
        return None

    return branch


#: Union branch tags pydantic puts into error locations; they are not keys of the file.
UNION_TAGS = frozenset({"text", "one_name", "langs", "source_id", "source_text"})

#: Free text: one string used in every language, or a ``{pl: …, en: …}`` mapping.
Text = Annotated[
    Annotated[Paragraph, Tag("text")] | Annotated[LangText, Tag("langs")],
    Discriminator(string_or_langs("text"), custom_error_type="union_text", custom_error_message="text or mapping"),
]


#: A proper name: one string printed as it is in every language, or a ``{pl: …, en: …}`` mapping
#: where it has a name of its own in some language (a court, a town).
Name = Annotated[
    Annotated[Line, Tag("one_name")] | Annotated[LangText, Tag("langs")],
    Discriminator(string_or_langs("one_name"), custom_error_type="union_text", custom_error_message="name or mapping"),
]


def postal_code_ok(country: str, code: str) -> bool:
    if country == "PL":
        return re.fullmatch(r"\d{2}-\d{3}", code) is not None
    if country == "LT":
        return re.fullmatch(r"(LT-)?\d{5}", code) is not None
    return re.fullmatch(r"[A-Za-z0-9 -]{2,12}", code) is not None
