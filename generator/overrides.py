"""The answers' overrides of built-in purposes (``purposes:`` in the answers file).

Any built-in purpose (``data/purposes.yaml``) can have its data categories, legal basis (with the
interest for a legitimate interest), retention, requirement, consequence and source set by the
answers, e.g.::

    purposes:
      webinar_recording:
        retention: {days: 30, after: event}
      comments:
        basis: consent
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, model_validator
from pydantic_core import PydanticCustomError

from .fields import WHOLE_NUMBER, LangText, Strict, Text, string_or_langs
from .vocab import Basis, DataCategory

#: Events a retention period can run from ("30 days after the event").
Event = Literal["collection", "matter_closed", "event", "contract_end", "account_deletion", "recruitment_end"]

#: Statutory retention rules an override can name (worded with their statute, or generically
#: when a controller is established outside Poland).
Statute = Literal["claims_limitation", "tax_limitation", "contract_then_claims", "account_then_claims"]

Requirement = Literal["contract", "law", "voluntary", "technical", "not_collected"]
SourceId = Literal["you", "your_device", "platform", "our_records", "our_records_use"]


#: Where data come from: a vocabulary id, or the user's words in each language.
Source = Annotated[
    Annotated[SourceId, Tag("source_id")] | Annotated[LangText, Tag("source_text")],
    Discriminator(
        string_or_langs("source_id", "source_text"),
        custom_error_type="union_source",
        custom_error_message="source id or mapping",
    ),
]


def _fail(code: str, **ctx: object) -> PydanticCustomError:
    return PydanticCustomError(code, code.replace("_", " "), ctx)


class RetentionOverride(Strict):
    """Exactly one of: a period (``days``/``months``/``years``, optionally ``after`` an event), a
    ``statute``, or a ``criterion`` in words."""

    days: Annotated[int, Field(ge=1, le=36500), WHOLE_NUMBER] | None = Field(
        None, description="Keep the data this many days."
    )
    months: Annotated[int, Field(ge=1, le=1200), WHOLE_NUMBER] | None = Field(
        None, description="Keep the data this many months."
    )
    years: Annotated[int, Field(ge=1, le=100), WHOLE_NUMBER] | None = Field(
        None, description="Keep the data this many years."
    )
    after: Event | None = Field(
        None,
        description=(
            "The event the period runs from: collection (we receive the data), matter_closed, event (the "
            "webinar or event took place), contract_end, account_deletion, recruitment_end."
        ),
    )
    statute: Statute | None = Field(None, description="A statutory period, cited with its statute.")
    criterion: Text | None = Field(None, description="The criteria that decide how long, in words.")

    @model_validator(mode="after")
    def _one_form(self) -> RetentionOverride:
        periods = [v for v in (self.days, self.months, self.years) if v is not None]
        forms = len(periods) + (self.statute is not None) + (self.criterion is not None)
        if forms != 1 or (self.after is not None and not periods):
            raise _fail("retention_one_form")
        return self

    def period(self) -> tuple[int, str] | None:
        for unit in ("days", "months", "years"):
            value = getattr(self, unit)
            if value is not None:
                return value, unit[:-1]
        return None


class PurposeOverride(Strict):
    """What the answers change in one built-in purpose; everything left out stays as built in."""

    basis: Basis | None = Field(None, description="Legal basis (Art. 6(1) GDPR).")
    interest: Text | None = Field(
        None, description="The legitimate interest, in words (needed when the basis becomes legitimate_interest)."
    )
    obligation: Text | None = Field(
        None, description="The legal obligation, in words (needed when the basis becomes legal_obligation)."
    )
    data: list[DataCategory] | None = Field(None, min_length=1, description="The data categories processed.")
    retention: RetentionOverride | None = None
    requirement: Requirement | None = Field(
        None, description="Whether the person must give the data: contract, law, voluntary, technical, not_collected."
    )
    consequence: Text | None = Field(
        None, description="What happens if the person does not give the data: a clause starting in lower case."
    )
    source: Source | None = Field(
        None,
        description=(
            "Where the data come from: you, your_device, platform, our_records, our_records_use, or a mapping "
            "with the source in words in each language (e.g. the business client who employs you)."
        ),
    )


#: The words an override must give when it moves a purpose to one of these bases: the built-in
#: record's own interest or obligation is kept only while its basis stays the same.
BASIS_WORDS: dict[str, str] = {"legitimate_interest": "interest", "legal_obligation": "obligation"}


def words_needed(basis: str | None, record: Any) -> str | None:
    """The field (``interest`` or ``obligation``) an override moving a purpose to ``basis`` must
    fill because the built-in ``record`` states none; None when nothing is needed."""
    field = BASIS_WORDS.get(basis or "")
    return field if field is not None and getattr(record, field) is None else None
