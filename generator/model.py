"""The answers file as a typed model (pydantic v2). The JSON Schema is exported from here."""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Iterable, Mapping, Sized
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .fields import (
    WHOLE_NUMBER,
    Country,
    Day,
    Email,
    Krs,
    Lang,
    LangText,
    Line,
    LtCompanyCode,
    Money,
    Name,
    Nip,
    Phone,
    Regon,
    Slug,
    Strict,
    Text,
    Url,
    VatId,
    free_texts,
    missing_languages,
    postal_code_ok,
)
from .languages import DEFAULT_LANGUAGES
from .model_features import (  # noqa: F401  (re-exported: the answers' feature models)
    Accounts,
    Bookkeeping,
    BusinessContacts,
    ChildData,
    Comments,
    Contact,
    Features,
    Intermediary,
    Marketing,
    Newsletter,
    PickupPoint,
    Recruitment,
    Saas,
    SessionRecording,
    Shop,
    SocialMedia,
    Surveys,
    Webinars,
    Website,
)
from .overrides import PurposeOverride, words_needed
from .purposes import builtin_purpose_ids, purpose_data
from .servicedef import ServiceDef
from .vocab import (
    CAPITAL_FORMS,
    CATEGORY_FEATURE,
    EEA,
    KRS_FORMS,
    SECTION_ORDER,
    Basis,
    DataCategory,
    FormId,
    LegalForm,
    RecipientCategory,
    SecurityMeasure,
)
from .wording import PURPOSE

SCHEMA_VERSION = 1

#: The ids of the built-in purposes (data/purposes.yaml), the keys of ``purposes:`` overrides.
PurposeId = Literal.__getitem__(builtin_purpose_ids())  # type: ignore[misc]


def _fail(code: str, **ctx: object) -> PydanticCustomError:
    return PydanticCustomError(code, code.replace("_", " "), ctx)


def joint_required(controllers: Sized) -> bool:
    """Several controllers decide on the data together: they need an Art. 26 arrangement (``joint``)."""
    return len(controllers) > 1


def outside_eea(countries: Iterable[str | None]) -> list[int]:
    """The indexes of the controllers established outside the EEA: they need an EU representative (Art. 27)."""
    return [i for i, country in enumerate(countries) if country not in EEA]


class Address(Strict):
    street: Line = Field(description="Street and number, e.g. ul. Prosta 1 lok. 2")
    postal_code: Line
    city: Line
    country: Country = "PL"

    @model_validator(mode="after")
    def _postal(self) -> Address:
        if not postal_code_ok(self.country, self.postal_code):
            raise _fail("postal_code_invalid", country=self.country)
        return self


class Person(Strict):
    first_name: Line
    last_name: Line
    gender: Literal["female", "male"] = Field(description="For Polish grammatical agreement only.")


class Controller(Strict):
    id: Slug = Field("main", description="Short identifier, used to refer to this controller.")
    legal_form: LegalForm
    name: Line = Field(description="Registered name; for a sole trader, the business name (firma).")
    owner: Person | None = Field(None, description="Sole trader only: the person running the business.")
    address: Address
    email: Email
    phone: Phone | None = None
    website: Url | None = None
    nip: Nip | None = None
    regon: Regon | None = None
    krs: Krs | None = None
    seat: Text | None = Field(
        None,
        description=(
            "The town of the registered office (siedziba, art. 41 KC), as the policy says it after “registered "
            "office”: in Polish with its preposition in the locative (w Krakowie, we Wrocławiu), in English and "
            "German the town's name (Kraków)."
        ),
    )
    registry_court: Name | None = Field(
        None,
        description=(
            "Court keeping the KRS file: one name used in every language, or the name per language "
            "({pl: Sąd Rejonowy dla Krakowa-Śródmieścia…, en: District Court for Kraków-Śródmieście…})."
        ),
    )
    share_capital: Money | None = Field(None, description="Share capital in PLN (sp. z o.o., S.A.).")
    vat_id: VatId | None = Field(None, description="EU VAT number, e.g. LT100001919017.")
    company_code: LtCompanyCode | None = Field(None, description="Lithuanian legal-entity code (įmonės kodas).")
    registry: Line | None = Field(None, description="Foreign register keeping the company, e.g. Registrų centras.")

    @model_validator(mode="after")
    def _form_rules(self) -> Controller:
        form = self.legal_form
        if form == "foreign_company":
            if self.address.country == "PL":
                raise _fail("foreign_in_poland")
            if self.company_code and self.address.country != "LT":
                raise _fail("company_code_not_lt")
            for name in ("nip", "krs", "regon"):
                if getattr(self, name):
                    raise _fail("polish_number_for_foreign", field=name)
            return self
        if self.address.country != "PL":
            raise _fail("polish_form_abroad")
        if not self.nip:
            raise _fail("nip_required")
        if form == "sole_trader":
            if self.owner is None:
                raise _fail("owner_required")
            if self.krs:
                raise _fail("krs_for_sole_trader")
        elif self.owner is not None:
            raise _fail("owner_only_sole_trader")
        if form in KRS_FORMS and not self.krs:
            raise _fail("krs_required")
        if self.share_capital is not None and form not in CAPITAL_FORMS:
            raise _fail("capital_not_applicable")
        return self


class JointControl(Strict):
    """Art. 26 arrangement between joint controllers."""

    contact_point: Slug | None = Field(None, description="Id of the controller that people should contact.")
    requests_handled_by: Slug = Field(description="Id of the controller that answers data-subject requests.")
    information_by: Slug = Field(description="Id of the controller that provides this information.")
    scope: Text = Field(description="Which processing the controllers decide on together.")
    arrangement_url: Url | None = Field(None, description="Where the essence of the arrangement is published.")


class Dpo(Strict):
    kind: Literal["internal", "external"]
    name: Line = Field(description="Name and surname of the DPO.")
    company: Line | None = Field(None, description="External DPO: the firm providing the service.")
    email: Email | None = None
    phone: Phone | None = None
    address: Address | None = None

    @model_validator(mode="after")
    def _company(self) -> Dpo:
        if self.company and self.kind == "internal":
            raise _fail("dpo_company_internal")
        return self


class Representative(Strict):
    """Art. 27 representative in the EU of a controller established outside the EU."""

    name: Line
    address: Address
    email: Email
    phone: Phone | None = None

    @model_validator(mode="after")
    def _in_eu(self) -> Representative:
        if self.address.country not in EEA:
            raise _fail("representative_outside_eea")
        return self


class ConsentTool(Strict):
    service: Slug | None = Field(None, description="Service id of the consent banner, if from the catalogue.")
    link: Literal["footer", "button"] | None = Field(
        None,
        description=(
            "Where people reopen their cookie choices, worded by the policy in each language: footer (a link in "
            "the footer of every page) or button (a floating button shown on every page). Elsewhere: settings."
        ),
    )
    settings: Text | None = Field(
        None,
        description=(
            "Where people change their cookie choices when link does not say it, as the object of 'using …', e.g. "
            "en: the “Privacy” icon in the bottom left corner; pl (genitive, after 'za pomocą'): ikony „Prywatność” "
            "w lewym dolnym rogu."
        ),
    )

    @model_validator(mode="after")
    def _one_place(self) -> ConsentTool:
        if (self.link is None) == (self.settings is None):
            raise _fail("consent_tool_place")
        return self


class CustomPurpose(Strict):
    """A purpose the feature list does not cover, e.g. recruitment."""

    id: Slug
    name: Text = Field(description="Title of the purpose, e.g. Recruitment.")
    basis: Basis
    interest: Text | None = Field(
        None,
        description="The legitimate interest, when basis is legitimate_interest; a noun phrase (pl: mianownik).",
    )
    data: list[DataCategory] = Field(min_length=1)
    retention: Text | None = Field(None, description="How long the data are kept, or the criteria.")
    requirement: Literal["contract", "law", "voluntary", "not_collected"] = "voluntary"
    consequence: Text | None = Field(
        None, description="What happens if the person does not give the data: a clause starting in lower case."
    )
    source: Literal["you", "your_device", "platform", "our_records"] = "you"
    collected_via: FormId | Literal["own_form"] | None = Field(
        None,
        description=(
            "The form on your website through which people give these data: one of the built-in forms "
            "(contact_form, newsletter_signup, registration, checkout, comment_form, webinar_signup, "
            "job_application), whose short notice then covers this purpose too, or own_form for a form of its "
            "own; `policygen notices` writes the notice and consent checkboxes for it."
        ),
    )


class ServiceUse(Strict):
    """How you use one service, where its catalogue category does not say it all."""

    purposes: list[PurposeId] | None = Field(  # type: ignore[valid-type]
        None,
        min_length=1,
        description=(
            "The purposes this service serves (built-in purpose ids), instead of those its category gives; "
            "the policy names the service under each of them."
        ),
    )
    retention: str | None = Field(
        None,
        pattern=r"^\d+ (day|month|year)s?$",
        description=(
            "How long the tool keeps the data it collects for you, as set in the tool, e.g. '14 months'; "
            "the policy states it for this tool alone (statistics, session recording)."
        ),
    )


class CustomCookie(Strict):
    name: Line
    provider: Line | None = Field(None, description="Omit for your own (first-party) cookies.")
    lifetime: str = Field(pattern=r"^(session|\d+ (minute|hour|day|month|year)s?)$")
    purpose: Text
    consent: bool


class AutomatedDecision(Strict):
    """A decision based solely on automated processing with legal or similar effects (Art. 22)."""

    name: Text
    logic: Text
    significance: Text = Field(description="What it means for the person and the envisaged consequences.")
    basis: Literal["contract", "law", "explicit_consent"]
    safeguards: bool = Field(True, description="Human review, stating one's view and contesting are offered.")
    data: list[DataCategory] = Field(min_length=1, description="The data the decision is based on.")
    retention: Text | None = Field(None, description="How long the data used for the decision are kept.")


class Children(Strict):
    directed_at_children: bool = False
    min_age: Annotated[int, Field(ge=0, le=18), WHOLE_NUMBER] | None = Field(
        None, description="Age of the youngest users you expect."
    )
    parental_consent: bool = Field(False, description="You obtain consent from parents for younger children.")


class ExtraSection(Strict):
    """A section of your own, written as a template in the overlay directory (``<id>.md.j2``)."""

    id: Slug
    after: Slug = Field(description="Id of the section it follows, e.g. cookies.")


class Change(Strict):
    date: Day
    description: Text


class Answers(Strict):
    schema_version: Literal[1] = SCHEMA_VERSION
    extends: str | None = Field(
        None,
        description=(
            "Another answers file (path relative to this one) whose values this file inherits. Mappings merge "
            "key by key; lists and other values replace the inherited ones; write `key+:` to append to an "
            "inherited list."
        ),
    )
    languages: list[Lang] = Field(default_factory=lambda: list(DEFAULT_LANGUAGES), min_length=1)
    controllers: list[Controller] = Field(min_length=1)
    joint: JointControl | None = None
    dpo: Dpo | None = None
    representative: Representative | None = None
    features: Features = Field(default_factory=Features)
    services: list[Slug] = Field(default_factory=list, description="Catalogue ids of the services you use.")
    custom_services: list[ServiceDef] = Field(default_factory=list)
    custom_cookies: list[CustomCookie] = Field(default_factory=list)
    service_use: dict[Slug, ServiceUse] = Field(
        default_factory=dict,
        description="Per service id: the purposes it serves and how long it keeps data, where they differ.",
    )
    custom_purposes: list[CustomPurpose] = Field(default_factory=list)
    purposes: dict[PurposeId, PurposeOverride] = Field(  # type: ignore[valid-type]
        default_factory=dict,
        description=(
            "Changes to built-in purposes, by purpose id: data categories, legal basis (with the interest), "
            "retention, requirement, consequence and source. A purpose the answers do not otherwise use is "
            "not added by an override."
        ),
    )
    consent_tool: ConsentTool | None = None
    bookkeeping: Bookkeeping | None = Field(
        None, description="How you keep your books and whether you invoice through KSeF (the invoices purpose)."
    )
    other_recipients: list[RecipientCategory] = Field(default_factory=list)
    no_recipients: bool = Field(
        False,
        description="Confirms that no external service or other recipient receives personal data (no hosting, "
        "payment, delivery or mailing service): the policy then says so (check PG017 asks for it).",
    )
    security: list[SecurityMeasure] = Field(default_factory=list)
    profiling: Text | None = Field(None, description="Profiling without Art. 22 effects: what and why.")
    automated_decisions: list[AutomatedDecision] = Field(default_factory=list)
    children: Children = Field(default_factory=Children)
    effective_date: Day
    changes: list[Change] = Field(default_factory=list)
    templates_dir: str | None = Field(
        None, description="Directory (relative to this file) with templates that override or add sections."
    )
    extra_sections: list[ExtraSection] = Field(default_factory=list)

    @field_validator("languages")
    @classmethod
    def _languages_once(cls, value: list[str]) -> list[str]:
        twice = [lang for index, lang in enumerate(value) if lang in value[:index]]
        if twice:
            raise _fail("language_duplicate", lang=twice[0])
        return value

    @field_validator("controllers")
    @classmethod
    def _unique_ids(cls, value: list[Controller]) -> list[Controller]:
        ids = [c.id for c in value]
        if len(set(ids)) != len(ids):
            raise _fail("controller_id_duplicate")
        return value

    @model_validator(mode="after")
    def _cross(self) -> Answers:
        if self.joint is not None and not joint_required(self.controllers):
            raise _fail("joint_needs_two")
        custom_ids = [s.id for s in self.custom_services]
        if len(set(custom_ids)) != len(custom_ids):
            raise _fail("service_id_duplicate")
        return self

    def reference_problems(self, catalogue_categories: Mapping[str, str]) -> list[tuple[tuple[object, ...], str, dict]]:
        """Cross-references checked after validation, each with the path of the value at fault."""
        out: list[tuple[tuple[object, ...], str, dict]] = []
        ids = {c.id for c in self.controllers}
        if joint_required(self.controllers) and self.joint is None:
            out.append((("controllers",), "joint_required", {}))
        if self.joint is not None:
            for key in ("contact_point", "requests_handled_by", "information_by"):
                ref = getattr(self.joint, key)
                if ref is not None and ref not in ids:
                    out.append((("joint", key), "controller_unknown", {"ref": ref}))
        outside = outside_eea(c.address.country for c in self.controllers)
        if outside and self.representative is None:
            out.append((("controllers", outside[0], "address", "country"), "representative_required", {}))
        if not outside and self.representative is not None:
            out.append((("representative",), "representative_not_needed", {}))
        out += self._service_problems(catalogue_categories)
        for i, service in enumerate(self.custom_services):
            out += [(("custom_services", i, *path), code, ctx) for path, code, ctx in service.source_problems()]
        known = set(SECTION_ORDER)
        for i, extra in enumerate(self.extra_sections):
            if extra.after not in known or extra.id in SECTION_ORDER:
                out.append((("extra_sections", i), "section_unknown", {"after": extra.after}))
            known.add(extra.id)
        if self.extra_sections and self.templates_dir is None:
            out.append((("extra_sections",), "templates_dir_missing", {}))
        taken = set(PURPOSE)
        for i, purpose in enumerate(self.custom_purposes):
            # Ids become the purpose's anchor (#purpose-<id>): they must not repeat or take a built-in one.
            if purpose.id in taken or purpose.id.startswith("automated_decision"):
                out.append((("custom_purposes", i, "id"), "purpose_id_taken", {"ref": purpose.id}))
            taken.add(purpose.id)
        out += self._override_problems()
        out += self._bookkeeping_problems()
        out += self._texts_missing()
        for i, change in enumerate(self.changes):
            if change.date > self.effective_date:
                out.append((("changes", i, "date"), "change_after_effective_date", {}))
        return out

    def _service_problems(self, catalogue_categories: Mapping[str, str]) -> list[tuple[tuple[object, ...], str, dict]]:
        """Every service reference resolved, with the feature its category needs; service_use and the
        session recording feature checked against the services used."""
        out: list[tuple[tuple[object, ...], str, dict]] = []
        custom_ids = {s.id for s in self.custom_services}
        categories = ChainMap({s.id: s.category for s in self.custom_services}, catalogue_categories)
        listed = {ref for _, ref in self.service_ref_paths()}
        # A custom service is used whether or not it is listed; unlisted, its category is where it is written.
        unlisted = [
            (("custom_services", i, "category"), s.id) for i, s in enumerate(self.custom_services) if s.id not in listed
        ]
        for path, ref in [*self.service_ref_paths(), *unlisted]:
            if ref not in categories:
                out.append((path, "service_unknown", {"ref": ref}))
                continue
            # Named purposes replace the category's, and with them the feature the category needs.
            use = self.service_use.get(ref)
            needed = () if use is not None and use.purposes else CATEGORY_FEATURE.get(categories[ref], ())
            if needed and all(getattr(self.features, name) is None for name in needed):
                feature = " / features.".join(needed)
                out.append((path, "service_without_feature", {"ref": ref, "feature": feature}))
            elif not needed and use is not None and use.purposes:
                continue  # the service serves the purposes named for it, whatever its category
            elif categories[ref] == "accounting" and self._books_hold_no_buyers():
                out.append((path, "accounting_without_buyers", {"ref": ref}))
        out += [
            (("service_use", ref), "service_use_unused", {"ref": ref})
            for ref in self.service_use
            if ref not in listed and ref not in custom_ids
        ]
        recorders = [ref for ref in listed | set(custom_ids) if categories.get(ref) == "session_recording"]
        if self.features.session_recording is not None and not recorders:
            out.append((("features", "session_recording"), "session_recording_without_tool", {}))
        return out

    def _texts_missing(self) -> list[tuple[tuple[object, ...], str, dict]]:
        """Free texts that do not give every language of the policy: one plain string for several
        languages, or a mapping without some of them."""
        out: list[tuple[tuple[object, ...], str, dict]] = []
        for path, value in free_texts(self):
            missing = missing_languages(value, self.languages)
            if missing and not isinstance(value, LangText):
                example = ", ".join(f"{lang}: …" for lang in self.languages)
                out.append((path, "text_per_language", {"languages": ", ".join(missing), "example": example}))
                continue
            out += [((*path, lang), "text_language_missing", {"language": lang}) for lang in missing]
        return out

    def _bookkeeping_problems(self) -> list[tuple[tuple[object, ...], str, dict]]:
        """The bookkeeping form changes the invoices purpose under Polish law: without sales or a
        controller outside Poland it would change nothing."""
        if self.bookkeeping is None:
            return []
        if self.features.shop is None and self.features.saas is None:
            return [(("bookkeeping",), "bookkeeping_without_sales", {})]
        if any(c.address.country != "PL" for c in self.controllers):
            return [(("bookkeeping",), "bookkeeping_not_polish", {})]
        return []

    def _books_hold_no_buyers(self) -> bool:
        """An intermediary whose buyers pay the sellers directly and who invoices no fees of its own keeps
        no buyer's data in its books: no purpose of this policy sends them to an accounting tool."""
        shop, saas = self.features.shop, self.features.saas
        seller = shop.intermediary if shop is not None else None
        return seller is not None and seller.payments == "sellers" and not seller.fees and saas is None

    def _override_problems(self) -> list[tuple[tuple[object, ...], str, dict]]:
        """A purpose moved to a basis that needs words the built-in record does not have."""
        data = purpose_data()
        out: list[tuple[tuple[object, ...], str, dict]] = []
        for ident, override in self.purposes.items():
            needed = words_needed(override.basis, data.record(ident))
            if needed is not None and getattr(override, needed) is None:
                out.append((("purposes", ident, "basis"), f"override_{needed}_missing", {}))
        return out

    def service_ref_paths(self) -> list[tuple[tuple[object, ...], str]]:
        """Every service reference in the answers with the path where it is written."""
        f = self.features
        refs: list[tuple[tuple[object, ...], str]] = [(("services", i), r) for i, r in enumerate(self.services)]
        if f.shop:
            refs += [(("features", "shop", "payments", i), r) for i, r in enumerate(f.shop.payments)]
            refs += [(("features", "shop", "carriers", i), r) for i, r in enumerate(f.shop.carriers)]
        if f.newsletter:
            refs.append((("features", "newsletter", "tool"), f.newsletter.tool))
        if f.webinars:
            refs.append((("features", "webinars", "tool"), f.webinars.tool))
        if f.surveys and f.surveys.tool:
            refs.append((("features", "surveys", "tool"), f.surveys.tool))
        if f.social_media:
            refs += [(("features", "social_media", "profiles", i), r) for i, r in enumerate(f.social_media.profiles)]
        if self.consent_tool and self.consent_tool.service:
            refs.append((("consent_tool", "service"), self.consent_tool.service))
        return refs

    def service_refs(self) -> list[str]:
        """Every service id the answers use, in first-mention order, without duplicates."""
        refs = [ref for _, ref in self.service_ref_paths()] + [s.id for s in self.custom_services]
        return list(dict.fromkeys(refs))
