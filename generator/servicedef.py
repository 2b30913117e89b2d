"""The shape of a third-party service: one model for catalogue entries and custom services."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from .fields import Country, Day, LangText, Line, Name, Slug, Strict, Url, check_url, text_in
from .vocab import EEA, ON_SITE, DataCategory, Mechanism, Role, ServiceCategory

Fact = Literal["entity", "role", "transfers", "cookies", "links", "purpose", "hosts", "retention", "joint_scope"]

_LIFETIME = re.compile(r"session|\d+ (minute|hour|day|month|year)s?")


def _lifetime(value: str) -> str:
    if not _LIFETIME.fullmatch(value):
        raise PydanticCustomError("lifetime_invalid", "lifetime invalid", {})
    return value


#: An Open Cookie Database row id (all are UUIDs), cited as ``ocd:<ID>``.
_OCD_SOURCE = re.compile(r"ocd:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_HOST = re.compile(r"(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9](/[a-z0-9._~/-]+)?")


def _cookie_source(value: str) -> str:
    if value.startswith("ocd:"):
        if not _OCD_SOURCE.fullmatch(value):
            raise PydanticCustomError("cookie_source_invalid", "cookie source invalid", {})
        return value
    return check_url(value)


def _host(value: str) -> str:
    if len(value) > 253 or not _HOST.fullmatch(value):
        raise PydanticCustomError("host_invalid", "host invalid", {})
    return value


CookieSource = Annotated[
    str,
    AfterValidator(_cookie_source),
    Field(
        description=(
            "Where this cookie's name, lifetime and purpose come from: a URL listed in sources with the cookies "
            "fact, or an Open Cookie Database row as ocd:<ID>"
        )
    ),
]

Host = Annotated[
    str,
    AfterValidator(_host),
    Field(
        description=(
            'A host name in lowercase, no scheme or port, e.g. www.googletagmanager.com; "*.hotjar.com" '
            "stands for hotjar.com and every subdomain of it; a path after the host "
            "(www.googletagmanager.com/gtag/js) when one host serves several services: it matches URLs whose "
            "path starts with it, and wins over a host alone"
        )
    ),
]

Lifetime = Annotated[
    str,
    AfterValidator(_lifetime),
    Field(description='"session" or a number and unit, e.g. "30 minutes", "13 months", "2 years"'),
]


class Entity(Strict):
    """The legal entity that serves users in the EEA."""

    name: Line
    address: Line | None = Field(
        None,
        description=(
            "Street, postal code and city, without the country (printed from country in the policy's language); "
            "left out when it could not be verified."
        ),
    )
    country: Country


class Transfer(Strict):
    """Personal data reaching a country outside the EEA, and the Chapter V mechanism used."""

    country: Country | None = Field(
        description=(
            "The country outside the EEA; null when the provider states transfers outside the EEA on this "
            "mechanism without naming the countries (then only scc or bcr)."
        )
    )
    mechanism: Mechanism
    recipient: Line | None = Field(None, description="Who receives the data there, e.g. Google LLC.")
    dpf: bool | None = Field(
        None,
        description=(
            "United States only: whether the recipient is on the EU-US Data Privacy Framework list "
            "(true with mechanism dpf); null when not checked."
        ),
    )

    @model_validator(mode="after")
    def _outside_eea(self, info: ValidationInfo) -> Transfer:
        adequate = (info.context or {}).get("adequacy")
        if self.country is None:
            if self.mechanism not in ("scc", "bcr"):
                raise PydanticCustomError("transfer_country_needed", "country needed", {})
            return self
        if self.mechanism == "adequacy" and adequate is not None and self.country not in adequate:
            raise PydanticCustomError("adequacy_unknown", "no adequacy decision", {"country": self.country})
        if self.country in EEA:
            raise PydanticCustomError("transfer_inside_eea", "transfer inside EEA", {})
        if self.mechanism == "dpf" and self.country != "US":
            raise PydanticCustomError("dpf_not_us", "DPF only for US", {})
        if self.dpf is not None and self.country != "US":
            raise PydanticCustomError("dpf_not_us", "DPF only for US", {})
        if self.mechanism == "dpf" and self.dpf is False:
            raise PydanticCustomError("dpf_not_listed", "DPF mechanism without certification", {})
        return self

    @property
    def dpf_listed(self) -> bool | None:
        """Whether the recipient is on the Data Privacy Framework list (None: not checked or not US)."""
        return True if self.mechanism == "dpf" else self.dpf


class Cookie(Strict):
    name: Line
    lifetime: Lifetime
    purpose: LangText
    party: Literal["first", "third"]
    consent: bool = Field(description="False only when strictly necessary for a service the user asked for.")
    kind: Literal["cookie", "local_storage", "pixel"] = "cookie"
    source: CookieSource | None = Field(
        None, description="Required in the catalogue; optional in custom_services (see the README)."
    )

    @property
    def ocd_id(self) -> str | None:
        """The Open Cookie Database row this cookie cites, if any."""
        return self.source.removeprefix("ocd:") if self.source and self.source.startswith("ocd:") else None


class Links(Strict):
    privacy: Url
    opt_out: Url | None = None
    dpa: Url | None = None
    arrangement: Url | None = Field(None, description="Joint controllers: where the essence of the arrangement is.")
    cookies: Url | None = Field(None, description="The provider's own description of the cookies it sets.")


class Source(Strict):
    url: Url
    checked: Day
    facts: list[Fact] = Field(min_length=1)


class ServiceDef(Strict):
    id: Slug
    name: Name = Field(
        description=(
            "The service's name: one name for every language, or a name per language where it needs words "
            "(a custom service: {pl: X – przyciski udostępniania, en: X share buttons})."
        )
    )
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
    cookies_complete: bool = Field(
        True,
        description=(
            "false when the provider publishes no complete list (names and lifetimes) of what it stores on the "
            "device that could be verified: the cookies listed are then only part of it, and the policy refers "
            "to the provider's own description (links.cookies) and treats the tool as needing consent"
        ),
    )
    links: Links
    hosts: list[Host] = Field(
        default_factory=list,
        description=(
            "Hosts the visitor's browser loads this service's scripts, pixels, embeds or API calls from "
            "(needs a source with the hosts fact)"
        ),
    )
    retention: str | None = Field(
        None,
        pattern=r"^\d+ (day|month|year)s?$",
        description=(
            "How long the provider keeps the data the tool collects when the site owner cannot change it, e.g. "
            "'13 months' (needs a source with the retention fact); left out when it is a setting or unverified."
        ),
    )
    joint_scope: Literal["collection"] | None = Field(
        None,
        description=(
            "Joint controllers only: 'collection' when the provider's arrangement limits the joint processing to "
            "collecting the data on the site and transmitting them to the provider, its further processing being "
            "its own (needs a source with the joint_scope fact)."
        ),
    )
    sources: list[Source] = Field(min_length=1)
    self_hosted: bool = Field(
        False,
        description=(
            "Software the site owner runs on its own server (e.g. WooCommerce): the publisher receives no "
            "data, so it is not a recipient; its cookies are first-party and read only by the site owner."
        ),
    )

    def name_in(self, lang: str) -> str:
        """The service's name in a language (the name itself when it is one for every language)."""
        return text_in(self.name, lang)

    @model_validator(mode="after")
    def _every_fact_sourced(self) -> ServiceDef:
        covered = {fact for source in self.sources for fact in source.facts}
        needed = {"entity", "role", "links", "purpose"}
        if self.transfers is not None:
            needed.add("transfers")
        # Cookies all cited from the Open Cookie Database are sourced row by row; but only the provider's
        # own description can show that a list is complete, so a complete list still needs that source.
        from_ocd = all(cookie.ocd_id for cookie in self.cookies)
        if self.cookies and (self.cookies_complete or not from_ocd):
            needed.add("cookies")
        if self.hosts:
            needed.add("hosts")
        if self.retention is not None:
            needed.add("retention")
        if self.joint_scope is not None:
            needed.add("joint_scope")
        missing = sorted(needed - covered)
        if missing:
            raise PydanticCustomError(
                "fact_unsourced", "facts without a source: {facts}", {"facts": ", ".join(missing)}
            )
        return self

    @model_validator(mode="after")
    def _cookies_on_site(self) -> ServiceDef:
        # A tool that runs on the website (script, pixel, embed) and lists no cookies claims to store
        # nothing on the device: that claim needs a source like any other fact, or the entry says that
        # its storage could not be verified (cookies_complete: false).
        sourced = {fact for source in self.sources for fact in source.facts}
        unverified = not self.cookies_complete
        if self.category in ON_SITE and not (self.cookies or self.self_hosted or unverified or "cookies" in sourced):
            raise PydanticCustomError("cookies_unsourced", "on-site tool without cookies or a source", {})
        return self

    @model_validator(mode="after")
    def _self_hosted(self) -> ServiceDef:
        if self.self_hosted and (self.transfers or any(c.party == "third" for c in self.cookies)):
            raise PydanticCustomError("self_hosted_sends_data", "self-hosted software sends no data", {})
        return self

    @model_validator(mode="after")
    def _hosts_unique(self) -> ServiceDef:
        if len(set(self.hosts)) != len(self.hosts):
            raise PydanticCustomError("host_duplicate", "host listed twice", {})
        return self

    def source_problems(self) -> list[tuple[tuple[object, ...], str, dict[str, object]]]:
        """Cookie rows citing a web page that is not among the sources with the cookies fact, each with
        the path of the value at fault (checked after validation, so that the error is located)."""
        pages = {source.url for source in self.sources if "cookies" in source.facts}
        return [
            (("cookies", i, "source"), "cookie_source_unlisted", {"url": cookie.source})
            for i, cookie in enumerate(self.cookies)
            if cookie.source and not cookie.ocd_id and cookie.source not in pages
        ]

    @property
    def asks_consent(self) -> bool:
        """A consent tool: it has to run to ask, and the answer it stores is strictly necessary."""
        return self.category == "consent"

    @property
    def consent_needed(self) -> bool:
        """Whether the tool stores or reads anything on the device that needs consent (art. 399 PKE).

        A tool whose storage could not be fully verified is treated as needing consent, except the
        consent tool itself: it has to run to ask, and it stores the answer (strictly necessary)."""
        if self.asks_consent:
            return any(cookie.consent for cookie in self.cookies)
        return not self.cookies_complete or any(cookie.consent for cookie in self.cookies)
