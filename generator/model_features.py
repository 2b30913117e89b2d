"""The answers' ``features`` and the business facts they lead to, as typed models (part of ``model``)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .fields import WHOLE_NUMBER, Slug, Strict, Url


class Website(Strict):
    log_retention_days: Annotated[int, Field(ge=1, le=3650), WHOLE_NUMBER] | None = Field(
        None, description="Days server logs are kept; unset, the policy states the criterion (the wizard asks)."
    )
    statistics_months: Annotated[int, Field(ge=1, le=120), WHOLE_NUMBER] | None = Field(
        None,
        description="How long the statistics tools keep the data they collect (e.g. Google Analytics 4: 2 or 14).",
    )


class Contact(Strict):
    form: bool = True
    email: bool = True
    phone: bool = False
    keep_months: Annotated[int, Field(ge=1, le=120), WHOLE_NUMBER] | None = Field(
        None,
        description="Months to keep correspondence after the matter is closed; unset, the policy states the "
        "criterion (the wizard asks).",
    )


class Accounts(Strict):
    social_login: bool = False


class Shop(Strict):
    payments: list[Slug] = Field(default_factory=list, description="Payment operators (service ids).")
    carriers: list[Slug] = Field(default_factory=list, description="Carriers (service ids).")
    guest_checkout: bool = True
    consumers: bool = Field(True, description="Do you sell to consumers (withdrawal, complaints)?")


class Saas(Strict):
    dpa_url: Url | None = Field(None, description="Where customers find the data processing agreement.")
    support: bool = True
    trial: bool = False


class Newsletter(Strict):
    tool: Slug = Field(description="Service id of the mailing tool.")
    double_opt_in: bool = True
    basis: Literal["consent", "legitimate_interest"] = Field(
        "consent", description="Polish law (art. 398 PKE) requires consent; anything else is flagged by `check`."
    )
    unsubscribe: bool = Field(True, description="Every message has a one-click unsubscribe link.")


class Webinars(Strict):
    tool: Slug = Field(description="Service id of the webinar platform.")
    recording: bool = False


class Comments(Strict):
    moderation: bool = True


class Surveys(Strict):
    tool: Slug | None = None


class Marketing(Strict):
    remarketing: bool = Field(False, description="Do you show ads to people who visited your site?")
    profiling: bool = Field(False, description="Do you group visitors into interest segments for ads?")


class SocialMedia(Strict):
    profiles: list[Slug] = Field(min_length=1, description="Service ids of your social media profiles.")


class Recruitment(Strict):
    form: bool = Field(True, description="Candidates apply through a form on the website.")
    email: bool = Field(True, description="Candidates apply by e-mail.")
    future_months: Annotated[int, Field(ge=1, le=120), WHOLE_NUMBER] | None = Field(
        None,
        description=(
            "Months for which the consent to future recruitments lets you keep an application (the number "
            "the consent clause names); leave out when you do not ask for that consent."
        ),
    )


class Features(Strict):
    website: Website = Field(default_factory=Website)
    contact: Contact | None = None
    accounts: Accounts | None = None
    shop: Shop | None = None
    saas: Saas | None = None
    newsletter: Newsletter | None = None
    webinars: Webinars | None = None
    comments: Comments | None = None
    surveys: Surveys | None = None
    marketing: Marketing | None = None
    social_media: SocialMedia | None = None
    recruitment: Recruitment | None = None


class Bookkeeping(Strict):
    """How the business keeps its books and issues invoices (Polish law; a shop or SaaS only)."""

    form: Literal["full_books", "kpir", "lump_sum"] = Field(
        description=(
            "full_books: accounting books under the Accounting Act (companies, foundations, associations); "
            "kpir: the revenue and expense book (podatkowa księga przychodów i rozchodów); lump_sum: the "
            "lump-sum tax on recorded revenue (ryczałt). KPiR and lump sum are not under the Accounting Act."
        )
    )
    ksef: bool = Field(
        False,
        description=(
            "Invoices are issued through the National e-Invoice System (KSeF): mandatory for the largest "
            "taxpayers from 1 February 2026, for most others from 1 April 2026, for the smallest from 1 January "
            "2027; invoices to consumers are outside the obligation."
        ),
    )
