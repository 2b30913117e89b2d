"""The shape of a third-party service: one model for catalogue entries and custom services."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from .fields import Country, LangText, Line, Slug, Strict, Url
from .vocab import EEA, DataCategory, Mechanism, Role, ServiceCategory

Fact = Literal["entity", "role", "transfers", "cookies", "links", "purpose"]

_LIFETIME = re.compile(r"session|\d+ (minute|hour|day|month|year)s?")


def _lifetime(value: str) -> str:
    if not _LIFETIME.fullmatch(value):
        raise PydanticCustomError("lifetime_invalid", "lifetime invalid", {})
    return value


Lifetime = Annotated[
    str,
    AfterValidator(_lifetime),
    Field(description='"session" or a number and unit, e.g. "30 minutes", "13 months", "2 years"'),
]


class Entity(Strict):
    """The legal entity that serves users in the EEA."""

    name: Line
    address: Line | None = Field(None, description="Left out when it could not be verified.")
    country: Country


class Transfer(Strict):
    """Personal data reaching a country outside the EEA, and the Chapter V mechanism used."""

    country: Country
    mechanism: Mechanism
    recipient: Line | None = Field(None, description="Who receives the data there, e.g. Google LLC.")

    @model_validator(mode="after")
    def _outside_eea(self, info: ValidationInfo) -> Transfer:
        adequate = (info.context or {}).get("adequacy")
        if self.mechanism == "adequacy" and adequate is not None and self.country not in adequate:
            raise PydanticCustomError("adequacy_unknown", "no adequacy decision", {"country": self.country})
        if self.country in EEA:
            raise PydanticCustomError("transfer_inside_eea", "transfer inside EEA", {})
        if self.mechanism == "dpf" and self.country != "US":
            raise PydanticCustomError("dpf_not_us", "DPF only for US", {})
        return self


class Cookie(Strict):
    name: Line
    lifetime: Lifetime
    purpose: LangText
    party: Literal["first", "third"]
    consent: bool = Field(description="False only when strictly necessary for a service the user asked for.")
    kind: Literal["cookie", "local_storage", "pixel"] = "cookie"


class Links(Strict):
    privacy: Url
    opt_out: Url | None = None
    dpa: Url | None = None
    arrangement: Url | None = Field(None, description="Joint controllers: where the essence of the arrangement is.")


class Source(Strict):
    url: Url
    checked: date
    facts: list[Fact] = Field(min_length=1)


class ServiceDef(Strict):
    id: Slug
    name: Line
    category: ServiceCategory
    entity: Entity
    role: Role
    purpose: LangText
    data: list[DataCategory] = Field(min_length=1)
    transfers: list[Transfer] | None = Field(
        None,
        description=(
            "Countries outside the EEA the data reach: [] when verified that there are none; "
            "leave out when it could not be verified."
        ),
    )
    cookies: list[Cookie] = Field(default_factory=list)
    links: Links
    sources: list[Source] = Field(min_length=1)
    self_hosted: bool = Field(
        False,
        description=(
            "Software the site owner runs on its own server (e.g. WooCommerce): the publisher receives no "
            "data, so it is not a recipient; its cookies are first-party and read only by the site owner."
        ),
    )

    @model_validator(mode="after")
    def _every_fact_sourced(self) -> ServiceDef:
        covered = {fact for source in self.sources for fact in source.facts}
        needed = {"entity", "role", "links", "purpose"}
        if self.transfers is not None:
            needed.add("transfers")
        if self.cookies:
            needed.add("cookies")
        missing = sorted(needed - covered)
        if missing:
            raise PydanticCustomError(
                "fact_unsourced", "facts without a source: {facts}", {"facts": ", ".join(missing)}
            )
        return self

    @model_validator(mode="after")
    def _self_hosted(self) -> ServiceDef:
        if self.self_hosted and (self.transfers or any(c.party == "third" for c in self.cookies)):
            raise PydanticCustomError("self_hosted_sends_data", "self-hosted software sends no data", {})
        return self

    @property
    def consent_needed(self) -> bool:
        return any(cookie.consent for cookie in self.cookies)
