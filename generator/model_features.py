"""The answers' ``features`` and the business facts they lead to, as typed models (part of ``model``)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .fields import WHOLE_NUMBER, Count, Line, Slug, Strict, Text, Url


class Website(Strict):
    log_retention_days: Count = Field(30, ge=1, le=3650, description="How long server logs are kept.")
    statistics_months: Annotated[int, Field(ge=1, le=120), WHOLE_NUMBER] | None = Field(
        None,
        description="How long the statistics tools keep the data they collect (e.g. Google Analytics 4: 2 or 14).",
    )


class Contact(Strict):
    form: bool = True
    email: bool = True
    phone: bool = False
    keep_months: Count = Field(
        12, ge=1, le=120, description="Months to keep correspondence after the matter is closed."
    )


class Accounts(Strict):
    social_login: bool = False


class PickupPoint(Strict):
    name: Line = Field(description="The pickup point's name, e.g. Sklep Spółdzielczy w Niepołomicach.")
    address: Line = Field(description="Its address in one line, e.g. ul. Rynek 5, 32-005 Niepołomice.")


class Intermediary(Strict):
    """The site sells on behalf of others: each seller concludes the contract of sale and controls
    the order data it receives; the operator runs the platform and passes the orders on."""

    sellers: Text = Field(
        description="Who the sellers are, per language, e.g. en: producers who are members of the association."
    )
    sellers_list_url: Url | None = Field(None, description="Where the list of sellers with their details is.")
    payments: Literal["operator", "sellers"] = Field(
        description=(
            "operator: you collect the buyer's payment on the sellers' behalf (through the payment services in "
            "features.shop.payments); sellers: buyers pay the seller directly and you receive no payment data."
        )
    )
    fees: bool = Field(
        False, description="You charge buyers fees of your own (e.g. a service or delivery fee) and invoice them."
    )
    pickup_points: list[PickupPoint] = Field(
        default_factory=list, description="Where buyers collect their orders, if they do."
    )


class Shop(Strict):
    payments: list[Slug] = Field(default_factory=list, description="Payment operators (service ids).")
    carriers: list[Slug] = Field(default_factory=list, description="Carriers (service ids).")
    guest_checkout: bool = True
    consumers: bool = Field(True, description="Do you sell to consumers (withdrawal, complaints)?")
    intermediary: Intermediary | None = Field(
        None, description="You sell on behalf of others (producers, members, sellers), who are the sellers."
    )


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
